"""An owner logs in, stops accepting new patients, and the public profile says so at once."""

import pytest
from playwright.sync_api import expect

from clinics.models import Clinic, ClinicMembership, Credential, Location, Practitioner

from .axe import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

OWNER_EMAIL = "mei@southcongress.example"
OWNER_PASSWORD = "owner-pass-4821"


def make_owned_listing(django_user_model) -> Practitioner:
    clinic = Clinic.objects.create(
        name="South Congress Acupuncture", slug="south-congress-acupuncture",
        status=Clinic.Status.PUBLISHED, phone="512-555-0100",
    )
    location = Location.objects.create(
        clinic=clinic, street="1600 S Congress Ave", city="Austin", state="TX",
        zip_code="78704", lat=30.2457, lng=-97.7501, geocode_source="test",
    )
    practitioner = Practitioner.objects.create(
        name="Mei Chen", slug="mei-chen", post_nominals="L.Ac.", accepting_new_patients=True,
    )
    practitioner.locations.add(location)
    Credential.objects.create(
        practitioner=practitioner, kind=Credential.Kind.LAC, jurisdiction="TX",
        number="AC01234", issuer="Texas Medical Board", status=Credential.Status.SUBMITTED,
    )
    owner = django_user_model.objects.create_user(
        username=OWNER_EMAIL, email=OWNER_EMAIL, password=OWNER_PASSWORD)
    ClinicMembership.objects.create(user=owner, clinic=clinic)
    return practitioner


def test_owner_changes_accepting_new_patients_and_profile_shows_it(
    live_server, page, phone_page, django_user_model
):
    practitioner = make_owned_listing(django_user_model)
    profile_url = f"{live_server.url}{practitioner.get_absolute_url()}"
    page.goto(profile_url)
    expect(page.get_by_text("Accepting new patients", exact=True)).to_be_visible()

    # Log in through the real form.
    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Email address").fill(OWNER_EMAIL)
    page.get_by_label("Password").fill(OWNER_PASSWORD)
    page.get_by_role("button", name="Log in").click()

    expect(page).to_have_url(f"{live_server.url}/account/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    assert_accessible(page, context_label="owner dashboard")

    page.get_by_role("link", name="South Congress Acupuncture", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("South Congress Acupuncture")
    assert_accessible(page, context_label="manage clinic")

    page.get_by_role("link", name="Edit Mei Chen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit Mei Chen")
    assert_accessible(page, context_label="edit practitioner")
    page.get_by_label("Accepting new patients").uncheck()
    page.get_by_role("button", name="Save practitioner").click()

    expect(page.get_by_role("status")).to_contain_text("Practitioner saved")
    page.goto(profile_url)
    expect(page.get_by_text("Not accepting new patients")).to_be_visible()

    # The other owner pages, at desktop width, pass axe too.
    for path, label in [
        (f"/account/clinics/{practitioner.locations.get().clinic_id}/edit/", "edit clinic"),
        (f"/account/clinics/{practitioner.locations.get().clinic_id}/inbox/", "inbox"),
        (f"/account/clinics/{practitioner.locations.get().clinic_id}/practitioners/"
         f"{practitioner.pk}/credentials/new/", "add credential"),
        ("/account/clinics/new/", "new listing"),
    ]:
        page.goto(f"{live_server.url}{path}")
        expect(page.locator("h1")).to_have_count(1)
        assert_accessible(page, context_label=label)

    practitioner.refresh_from_db()
    assert practitioner.accepting_new_patients is False


def test_public_forms_pass_axe_on_a_phone(live_server, phone_page, django_user_model):
    practitioner = make_owned_listing(django_user_model)
    clinic = practitioner.locations.get().clinic

    for path, label in [
        (clinic.get_absolute_url(), "clinic page with contact form, 375px"),
        (f"/clinics/{clinic.slug}/report/", "report form, 375px"),
        ("/account/login/", "login, 375px"),
        ("/account/signup/", "sign-up, 375px"),
    ]:
        phone_page.goto(f"{live_server.url}{path}")
        expect(phone_page.locator("h1")).to_have_count(1)
        assert_accessible(phone_page, context_label=label)
        # Nothing wider than the phone: no sideways scrolling.
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375, label


def test_page_confirming_a_sent_message_passes_axe_on_a_phone(live_server, phone_page,
                                                              django_user_model):
    # The confirmation is a flash message above the page the patient wrote from; a list given
    # role="status" loses its list semantics (axe: listitem, aria-allowed-role).
    practitioner = make_owned_listing(django_user_model)

    phone_page.goto(f"{live_server.url}/practitioners/{practitioner.slug}/contact/")
    phone_page.get_by_label("Your name").fill("Ana Ruiz")
    phone_page.get_by_label("Email address").fill("ana@example.com")
    phone_page.get_by_label("Your message").fill("Do you have a time next week?")
    phone_page.get_by_label("I agree").check()
    phone_page.get_by_role("button", name="Send message").click()

    phone_page.wait_for_url(f"**{practitioner.get_absolute_url()}")
    expect(phone_page.get_by_role("status")).to_contain_text("Your message was sent")
    expect(phone_page.get_by_role("status").get_by_role("listitem")).to_have_count(1)
    assert_accessible(phone_page, context_label="message sent, 375px")
