"""End to end through a real browser: the public home page, then a staff verification."""

import datetime

import pytest
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from clinics.models import Clinic, Credential, Location, Practitioner

from .axe import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

STAFF_PASSWORD = "staff-pass-123"
VERIFY_ACTION = "Verify selected credentials with the issuing board…"


def make_submitted_credential() -> Credential:
    clinic = Clinic.objects.create(
        name="South Congress Acupuncture", slug="south-congress-acupuncture",
        status=Clinic.Status.PUBLISHED,
    )
    location = Location.objects.create(
        clinic=clinic, street="1600 S Congress Ave", city="Austin", state="TX",
        zip_code="78704", lat=30.2457, lng=-97.7501, geocode_source="test",
    )
    practitioner = Practitioner.objects.create(
        name="Mei Chen", slug="mei-chen", post_nominals="L.Ac."
    )
    practitioner.locations.add(location)
    return Credential.objects.create(
        practitioner=practitioner, kind=Credential.Kind.LAC, jurisdiction="TX",
        number="AC01234", issuer="Texas Medical Board", status=Credential.Status.SUBMITTED,
    )


def test_site_journey_with_submitted_credential_ends_verified_by_staff(
    live_server, page, phone_page, django_user_model
):
    credential = make_submitted_credential()
    staff = django_user_model.objects.create_user(
        username="staff", email="staff@example.org", password=STAFF_PASSWORD,
        is_staff=True, is_superuser=True,
    )
    staff_device = TOTPDevice.objects.create(user=staff, name="app", confirmed=True)

    # The public home page: loads, has one h1, and passes axe at desktop and phone width.
    for tab, label in ((page, "home page, 1280px"), (phone_page, "home page, 375px phone")):
        response = tab.goto(f"{live_server.url}/")
        assert response is not None, label
        assert response.ok, f"{label}: HTTP {response.status}"
        expect(tab.locator("h1")).to_have_count(1)
        expect(tab.locator("h1")).to_contain_text("Find a verified acupuncturist")
        # The specialty cards come from the seed migration (kept by serialized rollback).
        expect(tab.locator(".card h3").first).to_be_visible()
        assert_accessible(tab, context_label=label)

    # Log in through the real admin login form.
    page.goto(f"{live_server.url}/admin/")
    expect(page).to_have_url(f"{live_server.url}/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("staff")
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    # Then the code from the staff member's authenticator app.
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
    page.get_by_label("Code").fill(f"{totp(staff_device.bin_key):06d}")
    page.get_by_role("button", name="Continue").click()

    # The admin index shows the moderation queues, with one credential waiting.
    expect(page).to_have_url(f"{live_server.url}/admin/")
    expect(page.get_by_role("heading", name="Moderation queues")).to_be_visible()
    queues = page.get_by_role("table", name="Items waiting for staff")
    expect(queues.locator('td[data-queue="credentials-submitted"]')).to_have_text("1")

    # Open the queue's changelist and run the verify action on the credential.
    queues.get_by_role("link", name="Credentials submitted").click()
    expect(page).to_have_url(
        f"{live_server.url}/admin/clinics/credential/?status__exact=submitted"
    )
    page.locator(f'input[name="_selected_action"][value="{credential.pk}"]').check()
    page.locator('select[name="action"]').select_option(label=VERIFY_ACTION)
    page.get_by_role("button", name="Go").click()

    # The intermediate form.
    expect(page.get_by_role("heading", name="Verify credentials")).to_be_visible()
    expect(page.get_by_text(str(credential))).to_be_visible()
    expires_on = timezone.localdate() + datetime.timedelta(days=365)
    page.get_by_label("Method").select_option(Credential.Method.BOARD_WEBSITE)
    page.get_by_label("Source").fill("Texas Medical Board online licence lookup")
    page.get_by_label("Expires on").fill(expires_on.isoformat())
    page.locator('input[type="submit"][name="apply"]').click()

    expect(page.locator(".messagelist .success")).to_have_text("Verified: 1 item(s).")

    credential.refresh_from_db()
    assert credential.status == Credential.Status.VERIFIED
    assert credential.verified_by == staff
    assert credential.verified_at is not None
    assert credential.method == Credential.Method.BOARD_WEBSITE
    assert credential.source == "Texas Medical Board online licence lookup"
    assert credential.expires_on == expires_on
    # Left blank in the form: the earlier of expiry and the 36-month re-check.
    assert credential.next_check_due == expires_on
    assert Credential.objects.submitted().count() == 0
