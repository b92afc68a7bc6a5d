"""Freshness: as-of dates, the 90-day marker, band ranking, the 80-day link, the 180-day
queue (clinics/freshness.py)."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core import signing
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone

from clinics import freshness, vocabulary
from clinics.models import Clinic, ConfirmationRequest, Payer
from clinics.owners import services as owner_services
from clinics.search.finder import compiled_search
from clinics.search.form import PractitionerSearch
from clinics.search.paginator import DISTANCE_BAND_MI, NearestFirstPaginator
from tests.clinics.search.helpers import API, AUSTIN, names
from tests.conftest import verified_login
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def confirmed_days_ago(clinic, days):
    """Set the clinic's last confirmation `days` days ago (noon, site time), through a save
    so the search index follows."""
    day = timezone.localdate() - days * DAY
    clinic.last_confirmed_at = timezone.make_aware(datetime.datetime.combine(day,
                                                                             datetime.time(12)))
    clinic.save()
    return day


def _link(body: str) -> str:
    return re.search(r"http\S+/listings/confirm/\S+/", body).group(0)


# --- The marker -----------------------------------------------------------------------------

@pytest.mark.parametrize(("days", "stale"), [(89, False), (90, True), (200, True)])
def test_marker_on_card_profile_and_clinic_page_from_90_days(client, listing, days, stale):
    day = confirmed_days_ago(listing.clinic, days)
    label = f"Details last confirmed {day.day} {day:%B %Y}"

    card = client.get(f"{reverse('clinics:practitioner-list')}?near=78704").content.decode()
    profile = client.get(listing.practitioner.get_absolute_url()).content.decode()
    clinic_page = client.get(listing.clinic.get_absolute_url()).content.decode()

    assert [label in page for page in (card, profile, clinic_page)] == [stale] * 3


def test_never_confirmed_listing_counts_from_its_creation(listing):
    Clinic.objects.filter(pk=listing.clinic.pk).update(
        last_confirmed_at=None, created_at=timezone.now() - 120 * DAY)
    listing.clinic.refresh_from_db()
    assert listing.clinic.is_stale
    assert list(Clinic.objects.unconfirmed_for(90)) == [listing.clinic]


@pytest.mark.parametrize("local_time", [datetime.time(23, 30), datetime.time(0, 30)])
def test_marker_follows_the_site_calendar(listing, local_time):
    site = ZoneInfo(settings.TIME_ZONE)
    now = datetime.datetime.combine(datetime.date(2026, 6, 1), local_time, tzinfo=site)
    with time_machine.travel(now, tick=False):
        # Confirmed 90 site days before, late in the evening: stale from that day on.
        listing.clinic.last_confirmed_at = datetime.datetime.combine(
            datetime.date(2026, 3, 3), datetime.time(23, 45), tzinfo=site)
        listing.clinic.save()
        assert listing.clinic.details_confirmed_on == datetime.date(2026, 3, 3)
        assert listing.clinic.is_stale
        assert list(Clinic.objects.unconfirmed_for(90)) == [listing.clinic]
        assert list(Clinic.objects.unconfirmed_for(91)) == []


def test_api_gives_each_claims_as_of_date(client, listing):
    day = confirmed_days_ago(listing.clinic, 100)
    freshness_day = timezone.localdate()
    listing.practitioner.accepting_as_of = freshness_day - 3 * DAY
    listing.practitioner.telehealth_as_of = freshness_day - 4 * DAY
    listing.practitioner.save()
    listing.clinic.insurance_as_of = freshness_day - 5 * DAY
    listing.clinic.prices_as_of = freshness_day - 6 * DAY
    listing.clinic.save()

    [result] = client.get(f"{API}?near=78704").json()["results"]

    assert result["accepting_new_patients_as_of"] == (freshness_day - 3 * DAY).isoformat()
    assert result["telehealth_as_of"] == (freshness_day - 4 * DAY).isoformat()
    assert (result["clinic"]["insurance_as_of"], result["clinic"]["prices_as_of"]) == (
        (freshness_day - 5 * DAY).isoformat(), (freshness_day - 6 * DAY).isoformat())
    assert result["clinic"]["details_confirmed_on"] == day.isoformat()
    assert result["clinic"]["details_unconfirmed"] is True


def test_profile_and_clinic_page_show_as_of_dates(client, listing):
    today = timezone.localdate()
    owner_services.confirm_listing(clinic=listing.clinic, by=listing.owner)
    label = f"(as of {today.day} {today:%B %Y})"
    profile = client.get(listing.practitioner.get_absolute_url()).content.decode()
    clinic_page = client.get(listing.clinic.get_absolute_url()).content.decode()
    assert profile.count(label) == 2  # accepting new patients, telehealth; no insurers yet
    assert clinic_page.count(label) == 3  # first visit price, sliding scale, insurance
    listing.clinic.payers.add(Payer.objects.first())
    profile = client.get(listing.practitioner.get_absolute_url()).content.decode()
    assert profile.count(label) == 3


# --- Ranking ----------------------------------------------------------------------------------

def test_stale_listing_ranks_below_confirmed_one_in_same_band(place_at, practitioner_at):
    stale = practitioner_at(place_at(*AUSTIN, miles=0.5), name="Stale near")
    practitioner_at(place_at(*AUSTIN, miles=1.5, bearing=90), name="Fresh further")
    confirmed_days_ago(stale.locations.get().clinic, 120)
    assert names("near=78704") == ["Fresh further", "Stale near"]


def test_stale_listing_still_ranks_above_confirmed_one_in_a_further_band(
        place_at, practitioner_at):
    stale = practitioner_at(place_at(*AUSTIN, miles=1.0), name="Stale near")
    practitioner_at(place_at(*AUSTIN, miles=DISTANCE_BAND_MI + 0.5, bearing=90),
                    name="Fresh next band")
    confirmed_days_ago(stale.locations.get().clinic, 120)
    assert names("near=78704") == ["Stale near", "Fresh next band"]


def test_band_ranking_holds_across_a_ring_edge(place_at, practitioner_at):
    """Forty stale listings close in, and a fresh one in the same 2-mile band just past the
    smallest ring the paginator probes (1/32 of 50 miles): it still comes first."""
    for i in range(40):
        p = practitioner_at(place_at(*AUSTIN, miles=0.05 + i * 0.03, bearing=i * 9),
                            name=f"Stale {i:02d}")
        confirmed_days_ago(p.locations.get().clinic, 100)
    practitioner_at(place_at(*AUSTIN, miles=1.9, bearing=45), name="Fresh at 1.9")
    assert names("near=78704&radius=50")[:2] == ["Fresh at 1.9", "Stale 00"]



def test_a_search_running_over_midnight_orders_and_marks_by_the_day_it_began(
        place_at, practitioner_at):
    """The paginator takes the stale cutoff once: the order and the cards cannot disagree
    when the clock passes midnight between its queries."""
    site = ZoneInfo(settings.TIME_ZONE)
    evening = datetime.datetime.combine(timezone.localdate() + DAY, datetime.time(23, 59, 59),
                                        tzinfo=site)
    near = practitioner_at(place_at(*AUSTIN, miles=0.5), name="Near")
    practitioner_at(place_at(*AUSTIN, miles=1.5, bearing=90), name="Further")
    with time_machine.travel(evening, tick=False):
        confirmed_days_ago(near.locations.get().clinic, 89)  # stale from tomorrow
        filterset = PractitionerSearch(QueryDict("near=78704"), vocabulary=vocabulary.get())
        assert filterset.is_valid()
        paginator = NearestFirstPaginator(compiled_search(filterset),
                                          vocabulary=vocabulary.get(), circle=filterset.circle)
    with time_machine.travel(evening + datetime.timedelta(seconds=2), tick=False):
        cards = paginator.page(1).object_list
    assert [(r.practitioner.name, r.clinic.is_stale) for r in cards] == [
        ("Near", False), ("Further", False)]


def test_freshness_order_is_never_taken_without_the_search_s_cutoff(place_at, practitioner_at):
    """One cutoff per search: ordering rows by freshness without it is refused, rather than
    falling back to a second "today" that could disagree with the cards'."""
    practitioner_at(place_at(*AUSTIN, miles=0.5))
    filterset = PractitionerSearch(QueryDict("near=78704"), vocabulary=vocabulary.get())
    assert filterset.is_valid()
    compiled = compiled_search(filterset)
    with pytest.raises(AssertionError, match="cutoff"):
        compiled.ordered_rows(filterset.circle, 10)
    assert len(compiled.ordered_rows(filterset.circle, 10,
                                     stale_cutoff=timezone.localdate())) == 1

# --- The 80-day request and its link -------------------------------------------------------

def test_request_sent_once_at_80_days_to_each_member(listing, mailoutbox):
    MembershipFactory(clinic=listing.clinic, user=UserFactory(email="manager@example.org"))
    confirmed_days_ago(listing.clinic, 79)
    assert freshness.send_confirmation_requests() == []

    confirmed_days_ago(listing.clinic, 80)
    assert len(freshness.send_confirmation_requests()) == 1
    assert freshness.send_confirmation_requests() == []  # the same day, or the next

    assert sorted(m.to[0] for m in mailoutbox) == ["manager@example.org", "owner@example.org"]
    assert "/listings/confirm/" in mailoutbox[0].body
    [request] = ConfirmationRequest.objects.all()
    assert request.recipients == "manager@example.org\nowner@example.org"


def test_link_confirms_without_login_and_only_once(client, listing, mailoutbox):
    confirmed_days_ago(listing.clinic, 95)
    freshness.send_confirmation_requests()
    link = _link(mailoutbox[0].body)

    page = client.get(link)
    assert page.status_code == 200
    assert b"Yes, every detail is still right" in page.content
    listing.clinic.refresh_from_db()
    assert listing.clinic.is_stale  # opening the link changes nothing

    response = client.post(link)
    listing.clinic.refresh_from_db()
    assert response.status_code == 200 and b"confirmed as of today" in response.content
    assert listing.clinic.details_confirmed_on == timezone.localdate()
    assert listing.clinic.history.first().history_user == listing.owner
    assert names("near=78704") == [listing.practitioner.name]
    assert b"Details last confirmed" not in client.get(
        f"{reverse('clinics:practitioner-list')}?near=78704").content

    again = client.post(link)
    assert again.status_code == 400 and b"confirmed since this link was sent" in again.content


def test_forged_or_foreign_link_is_refused(client, listing):
    confirmed_days_ago(listing.clinic, 95)
    outsider = UserFactory()
    forged = freshness.confirm_link_token(clinic=listing.clinic, user=outsider)
    tampered = freshness.confirm_link_token(clinic=listing.clinic, user=listing.owner)[:-2] + "xx"
    for token in (forged, tampered, "garbage"):
        response = client.post(reverse("clinics:confirm-details", args=[token]))
        assert response.status_code == 400
    listing.clinic.refresh_from_db()
    assert listing.clinic.is_stale


def test_expired_link_is_refused(client, listing):
    confirmed_days_ago(listing.clinic, 95)
    token = freshness.confirm_link_token(clinic=listing.clinic, user=listing.owner)
    later = timezone.now() + (freshness.TOKEN_MAX_AGE_DAYS + 1) * DAY
    with time_machine.travel(later, tick=False):
        response = client.post(reverse("clinics:confirm-details", args=[token]))
    assert response.status_code == 400 and b"expired" in response.content
    with pytest.raises(signing.BadSignature):
        signing.loads(token, salt="another purpose")


# --- The 180-day queue ----------------------------------------------------------------------

def test_stale_queue_lists_listings_from_180_days_for_staff(client, listing):
    confirmed_days_ago(listing.clinic, 179)
    staff = UserFactory(is_staff=True, is_superuser=True)
    verified_login(client, staff)
    queue = f"{reverse('admin:clinics_clinic_changelist')}?freshness=queue"
    assert listing.clinic.name not in client.get(queue).content.decode()

    confirmed_days_ago(listing.clinic, 180)
    assert listing.clinic.name in client.get(queue).content.decode()
    index = client.get(reverse("admin:index")).content.decode()
    assert "Stale listings (details unconfirmed for 180+ days)" in index


def test_stale_queue_hidden_from_staff_without_clinic_permission(client, listing):
    confirmed_days_ago(listing.clinic, 200)
    verified_login(client, UserFactory(is_staff=True))
    assert "Stale listings" not in client.get(reverse("admin:index")).content.decode()
    queue = f"{reverse('admin:clinics_clinic_changelist')}?freshness=queue"
    assert client.get(queue).status_code == 403


# --- As-of dates set by the services -----------------------------------------------------

def test_owner_changing_telehealth_stamps_its_date_only(listing):
    practitioner = listing.practitioner
    practitioner.telehealth_as_of = practitioner.accepting_as_of = None
    practitioner.save()
    practitioner.telehealth = not practitioner.telehealth
    owner_services.save_owner_practitioner(
        practitioner=practitioner, clinic=listing.clinic, by=listing.owner,
        related={"languages": [], "modalities": [], "specialties": [], "conditions": [],
                 "workplaces": [listing.location]})
    practitioner.refresh_from_db()
    assert (practitioner.telehealth_as_of, practitioner.accepting_as_of) == (
        timezone.localdate(), None)


def test_owner_changing_insurers_stamps_insurance_date(listing):
    listing.clinic.insurance_as_of = None
    listing.clinic.save()
    owner_services.update_clinic(clinic=listing.clinic, payers=list(Payer.objects.all()[:1]),
                                 by=listing.owner)
    listing.clinic.refresh_from_db()
    assert (listing.clinic.insurance_as_of, listing.clinic.prices_as_of) == (
        timezone.localdate(), None)


def test_link_page_has_one_button_and_lists_what_is_confirmed(client, listing):
    confirmed_days_ago(listing.clinic, 95)
    listing.clinic.payers.add(Payer.objects.create(name="Blue Plan", slug="blue-plan"))
    token = freshness.confirm_link_token(clinic=listing.clinic, user=listing.owner)

    html = client.get(reverse("clinics:confirm-details", args=[token])).content.decode()

    assert html.count("<button") == 1
    assert html.count('<form method="post" class="confirm-details">') == 1
    assert listing.practitioner.name in html and "Blue Plan" in html
    assert "Opening this page changed nothing" in html
    assert "{#" not in html and "{% comment" not in html
    listing.clinic.refresh_from_db()
    assert listing.clinic.is_stale
