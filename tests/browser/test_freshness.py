"""Through a real browser: a stale listing's marker on its result card and profile, and
the emailed link that confirms it. Each page passes axe."""

import datetime

import pytest
from django.utils import timezone
from django.utils.dateformat import format as date_format
from playwright.sync_api import expect

from clinics import freshness
from clinics.models import Clinic, ClinicMembership, Credential, Location, Practitioner

from .axe import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DAY = datetime.timedelta(days=1)


def make_stale_listing(django_user_model, *, days: int = 120) -> Clinic:
    confirmed_at = timezone.now() - days * DAY
    clinic = Clinic.objects.create(name="South Congress Acupuncture",
                                   slug="south-congress-acupuncture",
                                   status=Clinic.Status.PUBLISHED,
                                   last_confirmed_at=confirmed_at)
    location = Location.objects.create(
        clinic=clinic, street="1600 S Congress Ave", city="Austin", state="TX",
        zip_code="78704", lat=30.2457, lng=-97.7501, geocode_source="test")
    location.set_point(location.lat, location.lng)
    location.save()
    practitioner = Practitioner.objects.create(name="Mei Chen", slug="mei-chen",
                                               post_nominals="L.Ac.")
    practitioner.locations.add(location)
    Credential.objects.create(
        practitioner=practitioner, kind=Credential.Kind.LAC, jurisdiction="TX",
        number="AC01234", issuer="Texas Medical Board", status=Credential.Status.VERIFIED,
        verified_at=timezone.now() - 30 * DAY, method="board_website",
        source="the Texas Medical Board", expires_on=timezone.localdate() + 300 * DAY)
    owner = django_user_model.objects.create_user(username="owner", email="owner@example.org",
                                                  password="owner-pass-123")
    ClinicMembership.objects.create(user=owner, clinic=clinic)
    return clinic


def test_stale_listing_is_marked_on_its_card_and_profile(live_server, page, django_user_model):
    clinic = make_stale_listing(django_user_model)
    marker = f"Details last confirmed {date_format(timezone.localdate(clinic.last_confirmed_at), 'j F Y')}"

    page.goto(f"{live_server.url}/practitioners/?near=78704")
    card = page.locator(".result").filter(has_text="Mei Chen")
    expect(card.locator(".stale-marker")).to_have_text(marker)
    assert_accessible(page, context_label="results with a stale listing")

    card.get_by_role("link", name="Mei Chen", exact=True).click()
    expect(page.locator("main .stale-marker")).to_contain_text(marker)
    assert_accessible(page, context_label="profile of a stale listing")


def test_owner_confirms_from_the_emailed_link_without_logging_in(live_server, page,
                                                                 django_user_model):
    clinic = make_stale_listing(django_user_model)
    owner = django_user_model.objects.get(username="owner")
    token = freshness.confirm_link_token(clinic=clinic, user=owner)

    page.goto(f"{live_server.url}/listings/confirm/{token}/")
    assert_accessible(page, context_label="confirm-details page")
    page.get_by_role("button", name="Yes, every detail is still right").click()

    expect(page.get_by_role("status")).to_contain_text("confirmed as of today")
    page.get_by_role("link", name="See the listing").click()
    expect(page.locator("main")).not_to_contain_text("Details last confirmed")
