"""Through a real browser: a profile with an expired licence and its check history, and a
staff member recording a re-check from the due-checks queue. Each page passes axe."""

import datetime

import pytest
from django.utils import timezone
from django.utils.dateformat import format as date_format
from playwright.sync_api import expect

from clinics.models import Clinic, Credential, CredentialCheck, Location, Practitioner

from .axe import assert_accessible
from .staff import log_in_as_staff

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RECHECK_ACTION = "Record a re-check with the issuing board…"
DAY = datetime.timedelta(days=1)


def make_licence(*, expires_on, next_check_due) -> Credential:
    clinic = Clinic.objects.create(name="South Congress Acupuncture",
                                   slug="south-congress-acupuncture",
                                   status=Clinic.Status.PUBLISHED)
    location = Location.objects.create(
        clinic=clinic, street="1600 S Congress Ave", city="Austin", state="TX",
        zip_code="78704", lat=30.2457, lng=-97.7501, geocode_source="test")
    practitioner = Practitioner.objects.create(name="Mei Chen", slug="mei-chen",
                                               post_nominals="L.Ac.")
    practitioner.locations.add(location)
    now = timezone.now()
    credential = Credential.objects.create(
        practitioner=practitioner, kind=Credential.Kind.LAC, jurisdiction="TX",
        number="AC01234", issuer="Texas Medical Board", status=Credential.Status.VERIFIED,
        verified_at=now - 400 * DAY, method="board_website", source="the Texas Medical Board",
        expires_on=expires_on, next_check_due=next_check_due)
    for days_ago in (1500, 400):
        CredentialCheck.objects.create(
            credential=credential, checked_at=now - days_ago * DAY, method="board_website",
            source="the Texas Medical Board", outcome="current", expires_on=expires_on,
            next_check_due=next_check_due)
    return credential


def test_profile_with_expired_licence_says_so_and_expands_earlier_checks(live_server, page):
    expired_on = timezone.localdate() - 3 * DAY
    make_licence(expires_on=expired_on, next_check_due=expired_on)

    page.goto(f"{live_server.url}/practitioners/mei-chen/")

    main = page.locator("main")
    expect(main.get_by_text(f"Licence expired on {date_format(expired_on, 'j F Y')}")
           ).to_be_visible()
    expect(main.locator(".badge-bad").get_by_text(
        f"Expired on {date_format(expired_on, 'j F Y')}", exact=True)).to_be_visible()
    expect(main).not_to_contain_text("not yet verified")
    history = main.locator("details.check-history")
    expect(history.locator("ol")).to_be_hidden()
    history.locator("summary").click()  # no script: the browser's own <details>
    expect(history.locator("li")).to_have_count(1)
    assert_accessible(page, context_label="profile with an expired licence")


def test_staff_records_a_recheck_from_the_due_queue(live_server, page, django_user_model):
    credential = make_licence(expires_on=timezone.localdate() + 30 * DAY,
                              next_check_due=timezone.localdate() - 5 * DAY)
    staff = log_in_as_staff(page, live_server.url, django_user_model, email="staff@example.org")

    queues = page.get_by_role("table", name="Items waiting for staff")
    expect(queues.locator('td[data-queue="credential-checks-due-or-overdue"]')).to_have_text("1")
    expect(queues.locator('td[data-queue="licences-expiring-within-60-days"]')).to_have_text("1")
    queues.get_by_role("link", name="Credential checks due or overdue").click()
    assert_accessible(page, context_label="due-checks queue")
    page.locator(f'input[name="_selected_action"][value="{credential.pk}"]').check()
    page.locator('select[name="action"]').select_option(label=RECHECK_ACTION)
    page.get_by_role("button", name="Go").click()

    expect(page.get_by_role("heading", name="Record a re-check")).to_be_visible()
    assert_accessible(page, context_label="re-check form")
    renewed = timezone.localdate() + 730 * DAY
    page.get_by_label("Outcome").select_option("current")
    page.get_by_label("Method").select_option(Credential.Method.BOARD_WEBSITE)
    page.get_by_label("Source").fill("Texas Medical Board online licence lookup")
    page.get_by_label("Expires on").fill(renewed.isoformat())
    page.locator('input[type="submit"][name="apply"]').click()

    expect(page.locator(".messagelist .success")).to_have_text("Re-checked: 1 item(s).")
    credential.refresh_from_db()
    assert (credential.expires_on, credential.checks.count()) == (renewed, 3)
    assert credential.checks.first().checked_by == staff
