"""Staff remove another account's second factor from the admin, with a recorded reason."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import LogEntry
from django.core import mail
from django.test import Client
from django.urls import reverse

from directory.accounts import mfa
from tests.conftest import verified_login
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/auth/user/"
REASON = "Lost phone and codes; identity checked by a call to the clinic's listed number."


@pytest.fixture
def owner():
    user = UserFactory(username="owner@example.org", email="owner@example.org")
    mfa.replace_recovery_codes(user)
    return user


def reset(client, *users, reason=REASON):
    return client.post(CHANGELIST, {
        "action": "reset_second_factor", ACTION_CHECKBOX_NAME: [u.pk for u in users],
        "apply": "1", "reason": reason})


def test_staff_remove_an_owners_second_factor_with_the_reason_on_record(
    staff_client, staff_user, owner
):
    owners_session = Client()
    verified_login(owners_session, owner)  # a TOTP app besides the recovery codes
    assert mfa.device_count(owner) == 2

    response = reset(staff_client, owner)

    assert response.status_code == 302
    assert mfa.device_count(owner) == 0
    entries = LogEntry.objects.filter(object_id=str(owner.pk), user=staff_user)
    assert list(entries.values_list("change_message", flat=True).order_by("pk")) == [
        f"Removed the second factor (2 device(s)). Reason: {REASON}",
        "Second factor removed for"]
    assert [message.to for message in mail.outbox] == [["owner@example.org"]]
    assert "turned off two-factor authentication" in mail.outbox[0].body
    # The owner's session was verified by a device that is gone: documents now ask again.
    document = owners_session.get(reverse("owners:document", kwargs={"name": "x.pdf"}))
    assert document.status_code == 302
    assert document.url.startswith(reverse("accounts:two-factor-enrol"))


def test_the_reason_page_is_shown_first_and_an_empty_reason_changes_nothing(
    staff_client, owner
):
    page = staff_client.post(CHANGELIST, {"action": "reset_second_factor",
                                          ACTION_CHECKBOX_NAME: [owner.pk]})
    empty = reset(staff_client, owner, reason="  ")

    assert page.status_code == empty.status_code == 200
    assert 'name="reason"' in page.content.decode()
    assert "This field is required." in empty.content.decode()
    assert mfa.device_count(owner) == 1
    assert mail.outbox == []


def test_staff_cannot_remove_their_own_second_factor_here(staff_client, staff_user):
    response = reset(staff_client, staff_user)

    assert response.status_code == 302
    assert mfa.device_count(staff_user) == 1
    assert not LogEntry.objects.filter(object_id=str(staff_user.pk)).exists()


def test_a_moderator_without_user_rights_cannot_remove_a_second_factor(client, moderator,
                                                                       owner):
    verified_login(client, moderator)

    response = reset(client, owner)

    assert response.status_code == 403
    assert mfa.device_count(owner) == 1
