"""Verification as a history: each check is its own row, and the staff queue of due checks."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format

from clinics import services
from clinics.models import Credential, CredentialCheck, Practitioner, SearchEntry
from tests.clinics.test_admin import CREDENTIAL_LIST, run_action
from tests.conftest import verified_login
from tests.factories import CredentialFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def today():
    return timezone.localdate()


def recheck(credential, by, **overrides):
    data = {"outcome": "current", "method": "board_website", "source": "Texas Board lookup",
            "expires_on": today() + 500 * DAY, "next_check_due": None, "note": ""}
    return services.record_check(credential=credential, by=by, **{**data, **overrides})


# --- Services --------------------------------------------------------------------------------

def test_record_check_twice_adds_rows_and_keeps_the_first(staff_user):
    credential = CredentialFactory()
    first = credential.checks.get()

    recheck(credential, staff_user, source="First lookup")
    recheck(credential, staff_user, source="Second lookup", expires_on=today() + 700 * DAY)

    first.refresh_from_db()
    sources = list(credential.checks.values_list("source", flat=True))
    assert sources == ["Second lookup", "First lookup", "https://example.org/board-lookup"]
    assert first.source == "https://example.org/board-lookup"
    credential.refresh_from_db()
    assert (credential.source, credential.expires_on) == ("Second lookup", today() + 700 * DAY)


def test_record_check_current_sets_next_due_from_earlier_of_expiry_and_36_months(staff_user):
    credential = CredentialFactory(status=Credential.Status.SUBMITTED, verified_at=None)

    check = recheck(credential, staff_user, expires_on=today() + 90 * DAY)

    assert check.next_check_due == today() + 90 * DAY
    credential.refresh_from_db()
    assert (credential.status, credential.next_check_due, credential.verified_by) == (
        Credential.Status.VERIFIED, today() + 90 * DAY, staff_user)


def test_record_check_lapsed_takes_practitioner_out_of_search_at_once(staff_user):
    credential = CredentialFactory()
    assert SearchEntry.objects.filter(practitioner=credential.practitioner).exists()

    recheck(credential, staff_user, outcome="lapsed", expires_on=today() - 2 * DAY,
            note="Board shows the licence lapsed on non-renewal.")

    credential.refresh_from_db()
    assert credential.status == Credential.Status.EXPIRED
    assert not SearchEntry.objects.filter(practitioner=credential.practitioner).exists()
    assert not Practitioner.objects.vetted().filter(pk=credential.practitioner_id).exists()


def test_record_check_renewal_puts_practitioner_back_in_search_at_once(staff_user):
    credential = CredentialFactory(status=Credential.Status.EXPIRED,
                                   expires_on=today() - 5 * DAY)
    assert not SearchEntry.objects.filter(practitioner=credential.practitioner).exists()

    recheck(credential, staff_user, expires_on=today() + 730 * DAY)

    [entry] = SearchEntry.objects.filter(practitioner=credential.practitioner)
    assert entry.licence_expires_on == today() + 730 * DAY


@pytest.mark.parametrize("outcome", ["lapsed", "rejected"])
def test_record_check_not_current_without_note_is_refused_and_saves_nothing(staff_user, outcome):
    credential = CredentialFactory()

    with pytest.raises(ValidationError) as error:
        recheck(credential, staff_user, outcome=outcome, note="  ")

    assert "note" in error.value.message_dict
    assert credential.checks.count() == 1
    credential.refresh_from_db()
    assert credential.status == Credential.Status.VERIFIED


@pytest.mark.parametrize(("field", "value"), [("outcome", "maybe"), ("method", "guess"),
                                              ("source", " "), ("expires_on", None)])
def test_record_check_bad_input_is_a_field_error(staff_user, field, value):
    credential = CredentialFactory()

    with pytest.raises(ValidationError) as error:
        recheck(credential, staff_user, **{field: value})

    assert field in error.value.message_dict
    assert credential.checks.count() == 1


def test_reject_credential_adds_a_rejected_check(staff_user):
    credential = CredentialFactory(status=Credential.Status.SUBMITTED, verified_at=None)

    services.reject_credential(credential=credential, by=staff_user, reason="No such number")

    [check] = credential.checks.all()
    assert (check.outcome, check.note, check.checked_by) == ("rejected", "No such number",
                                                             staff_user)


# --- The queue -------------------------------------------------------------------------------

@pytest.fixture
def queue_rows():
    return {
        "overdue": CredentialFactory(next_check_due=today() - 3 * DAY),
        "due": CredentialFactory(next_check_due=today()),
        "later": CredentialFactory(next_check_due=today() + DAY),
        "expiring": CredentialFactory(expires_on=today() + 60 * DAY,
                                      next_check_due=today() + 60 * DAY),
        "expiring_later": CredentialFactory(expires_on=today() + 61 * DAY),
        "expired": CredentialFactory(expires_on=today() - DAY, next_check_due=today() - DAY),
    }


def test_due_for_check_lists_due_and_overdue_only(queue_rows):
    due = set(Credential.objects.due_for_check())

    assert due == {queue_rows["overdue"], queue_rows["due"], queue_rows["expired"]}


def test_expiring_soon_lists_licences_expiring_within_60_days(queue_rows):
    assert list(Credential.objects.expiring_soon(60)) == [queue_rows["expiring"]]


def test_admin_index_shows_due_and_expiring_counts(staff_client, queue_rows):
    response = staff_client.get(reverse("admin:index"))

    queues = {q["label"]: (q["count"], q["url"]) for q in response.context["queues"]}
    assert queues["Credential checks due or overdue"] == (3, f"{CREDENTIAL_LIST}?queue=due")
    assert queues["Licences expiring within 60 days"] == (1, f"{CREDENTIAL_LIST}?queue=expiring")


def test_admin_queue_page_lists_due_credentials(staff_client, queue_rows):
    response = staff_client.get(CREDENTIAL_LIST, {"queue": "due"})

    assert set(response.context["cl"].result_list) == {
        queue_rows["overdue"], queue_rows["due"], queue_rows["expired"]}
    assert "Expired on" in response.content.decode()  # the expired one says so


def test_admin_queues_open_with_the_most_urgent_first(staff_client, queue_rows):
    due = list(staff_client.get(CREDENTIAL_LIST, {"queue": "due"}).context["cl"].result_list)
    expiring = staff_client.get(CREDENTIAL_LIST, {"queue": "expiring"})

    assert [c.next_check_due for c in due] == sorted(c.next_check_due for c in due)
    assert len({c.next_check_due for c in due}) > 1  # the order is tested, not a tie
    assert list(expiring.context["cl"].result_list) == [queue_rows["expiring"]]
    assert "L.Ac., TX" in expiring.content.decode()


def test_admin_recheck_from_queue_adds_check_and_leaves_the_queue(
        staff_client, staff_user, queue_rows):
    credential = queue_rows["overdue"]
    new_expiry = today() + 400 * DAY

    run_action(staff_client, f"{CREDENTIAL_LIST}?queue=due", "recheck", [credential],
               apply="1", outcome="current", method="board_contact",
               source="Phone call to the Texas board", expires_on=new_expiry.isoformat())

    credential.refresh_from_db()
    latest = credential.checks.first()
    assert (latest.source, latest.checked_by, latest.expires_on) == (
        "Phone call to the Texas board", staff_user, new_expiry)
    assert credential.checks.count() == 2
    assert credential.next_check_due == new_expiry
    assert credential not in Credential.objects.due_for_check()


def test_admin_recheck_lapsed_without_note_shows_error_and_changes_nothing(
        staff_client, queue_rows):
    credential = queue_rows["due"]

    response = run_action(staff_client, CREDENTIAL_LIST, "recheck", [credential], apply="1",
                          outcome="lapsed", method="board_website", source="Board lookup")

    assert "Say what the board reported" in response.content.decode()
    credential.refresh_from_db()
    assert (credential.status, credential.checks.count()) == (Credential.Status.VERIFIED, 1)


def test_owner_cannot_reach_the_queue_or_record_a_check(client, queue_rows):
    owner = MembershipFactory(clinic=queue_rows["due"].practitioner.locations.first().clinic).user
    verified_login(client, owner)

    page = client.get(CREDENTIAL_LIST, {"queue": "due"})
    posted = run_action(client, CREDENTIAL_LIST, "recheck", [queue_rows["due"]], apply="1",
                        outcome="current", method="board_website", source="Me",
                        expires_on=(today() + 900 * DAY).isoformat())

    assert page.status_code == 302 and "/login/" in page["Location"]
    assert posted.redirect_chain[0][1] == 302
    assert queue_rows["due"].checks.count() == 1


def test_staff_without_credential_permission_sees_no_queue_counts(client, queue_rows):
    clerk = UserFactory(username="clerk", is_staff=True)
    verified_login(client, clerk)

    response = client.get(reverse("admin:index"))

    labels = [q["label"] for q in response.context["queues"]]
    assert "Credential checks due or overdue" not in labels
    assert client.get(CREDENTIAL_LIST, {"queue": "due"}).status_code == 403


def test_credential_change_page_lists_checks_read_only(staff_client, staff_user):
    credential = CredentialFactory()
    recheck(credential, staff_user, source="Second lookup")

    response = staff_client.get(reverse("admin:clinics_credential_change", args=[credential.pk]))

    html = response.content.decode()
    assert "Second lookup" in html and "https://example.org/board-lookup" in html
    assert 'name="checks-0-source"' not in html  # not editable


def test_checks_are_ordered_newest_first():
    credential = CredentialFactory(checks=False)
    now = timezone.now()
    old = CredentialCheck.objects.create(credential=credential, checked_at=now - 9 * DAY,
                                         outcome="current")
    new = CredentialCheck.objects.create(credential=credential, checked_at=now,
                                         outcome="current")

    assert list(credential.checks.all()) == [new, old]


# --- The profile ----------------------------------------------------------------------------

def test_profile_shows_latest_check_and_earlier_ones_in_details(client, staff_user, listing):
    credential = listing.credential
    first_day = timezone.localdate(credential.verified_at)
    recheck(credential, staff_user, source="the Texas Board of Acupuncture",
            expires_on=today() + 400 * DAY, next_check_due=today() + 300 * DAY)

    html = client.get(listing.practitioner.get_absolute_url()).content.decode()

    latest = re.search(r'<p class="latest-check">(.*?)</p>', html, re.DOTALL).group(1)
    assert latest == (f"Checked with the Texas Board of Acupuncture on "
                      f"{date_format(today(), 'j F Y')}: confirmed current; next check due "
                      f"{date_format(today() + 300 * DAY, 'j F Y')}.")
    details = re.search(r'<details class="check-history">(.*?)</details>', html,
                        re.DOTALL).group(1)
    assert "<summary>Earlier checks (1)</summary>" in details
    assert (f"Checked with https://example.org/board-lookup on "
            f"{date_format(first_day, 'j F Y')}: confirmed current.") in details


def test_profile_with_one_check_has_no_history_to_expand(client, listing):
    html = client.get(listing.practitioner.get_absolute_url()).content.decode()

    assert html.count('class="latest-check"') == 1
    assert "<details" not in html


def test_profile_of_lapsed_licence_shows_no_next_check(client, staff_user, listing):
    recheck(listing.credential, staff_user, outcome="lapsed", expires_on=today() - DAY,
            note="Lapsed")

    html = client.get(listing.practitioner.get_absolute_url()).content.decode()

    latest = re.search(r'<p class="latest-check">(.*?)</p>', html, re.DOTALL).group(1)
    assert latest.endswith("the board reported it lapsed.")


def test_moderator_sees_the_queue_and_the_check_history(client, moderator, queue_rows):
    verified_login(client, moderator)
    credential = queue_rows["due"]

    index = client.get(reverse("admin:index"))
    change = client.get(reverse("admin:clinics_credential_change", args=[credential.pk]))

    labels = [q["label"] for q in index.context["queues"]]
    assert "Credential checks due or overdue" in labels
    assert "checks (newest first)" in change.content.decode().lower()


def test_profile_of_licence_past_expiry_offers_no_next_check_before_the_sweep(client, listing):
    listing.credential.expires_on = today() - DAY
    listing.credential.next_check_due = today() - DAY
    listing.credential.save()
    listing.credential.checks.update(next_check_due=today() - DAY)

    html = client.get(listing.practitioner.get_absolute_url()).content.decode()

    latest = re.search(r'<p class="latest-check">(.*?)</p>', html, re.DOTALL).group(1)
    assert latest.endswith(": confirmed current.")
