"""Sign-up with email confirmation, log-in and log-out, password reset, login throttling."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from tests.conftest import verified_login
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
NEW_PASSWORD = "a-fresh-staple-9021"


def link_path(email) -> str:
    """The path of the first link in an email body."""
    return re.search(r"https?://[^/\s]+(/\S+)", email.body).group(1)


def sign_up(client, email="new.owner@example.org", password=PASSWORD):
    return client.post(reverse("accounts:signup"), {
        "email": email, "password1": password, "password2": password})


def log_in(client, username, password=PASSWORD, url=None, **extra):
    return client.post(url or reverse("accounts:login"),
                       {"username": username, "password": password}, **extra)


def test_signup_creates_inactive_account_and_emails_confirmation(client, mailoutbox):
    response = sign_up(client, email="New.Owner@Example.org")

    user = get_user_model().objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:signup-done")
    assert (user.username, user.email, user.is_active) == (
        "new.owner@example.org", "new.owner@example.org", False)
    assert [m.to for m in mailoutbox] == [["new.owner@example.org"]]
    assert link_path(mailoutbox[0]).startswith("/account/confirm/")


def test_signup_unconfirmed_account_cannot_log_in(client, mailoutbox):
    sign_up(client)

    response = log_in(client, "new.owner@example.org")

    assert response.status_code == 200
    assert "confirm your email address first" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_signup_confirmation_link_activates_account_once(client, mailoutbox):
    sign_up(client)
    path = link_path(mailoutbox[0])

    first = client.get(path)
    login = log_in(client, "new.owner@example.org")
    client.post(reverse("accounts:logout"))
    second = client.get(path)

    assert first.status_code == 302
    assert first["Location"] == reverse("accounts:login")
    assert login.status_code == 302
    assert login["Location"] == reverse("owners:dashboard")
    assert second.status_code == 400
    assert get_user_model().objects.get().is_active is True


def test_signup_with_tampered_confirmation_link_is_refused(client, mailoutbox):
    sign_up(client)
    path = link_path(mailoutbox[0])

    response = client.get(path[:-3] + "xyz/")

    assert response.status_code == 400
    assert get_user_model().objects.get().is_active is False


def test_signup_with_taken_email_emails_owner_and_creates_nothing(client, mailoutbox):
    UserFactory(username="taken@example.org", email="taken@example.org")

    response = sign_up(client, email="Taken@example.org")

    assert response.status_code == 302  # the page says the same as for a new address
    assert get_user_model().objects.count() == 1
    assert [m.subject for m in mailoutbox] == [
        "You already have an account on the Integrative Care Directory"]


def test_signup_again_before_confirming_resends_the_link(client, mailoutbox):
    sign_up(client)

    sign_up(client, password="another-long-passphrase")

    assert get_user_model().objects.count() == 1
    assert [link_path(m).startswith("/account/confirm/") for m in mailoutbox] == [True, True]


def test_signup_with_weak_or_mismatched_password_shows_errors(client):
    weak = sign_up(client, password="12345678")
    mismatch = client.post(reverse("accounts:signup"), {
        "email": "a@example.org", "password1": PASSWORD, "password2": PASSWORD + "x"})

    assert weak.status_code == mismatch.status_code == 200
    assert "too common" in weak.content.decode()
    assert "The two passwords differ." in mismatch.content.decode()
    assert get_user_model().objects.count() == 0


def test_resend_confirmation_sends_new_link_only_to_unconfirmed(client, mailoutbox):
    sign_up(client)
    UserFactory(username="active@example.org", email="active@example.org")

    client.post(reverse("accounts:resend-confirmation"), {"email": "new.owner@example.org"})
    client.post(reverse("accounts:resend-confirmation"), {"email": "active@example.org"})

    assert [m.to for m in mailoutbox] == [["new.owner@example.org"], ["new.owner@example.org"]]


def test_login_with_email_in_any_case_reaches_dashboard(client):
    UserFactory(username="owner@example.org", email="owner@example.org")

    response = log_in(client, "  Owner@Example.org ")

    assert response.status_code == 302
    assert response["Location"] == reverse("owners:dashboard")


def test_logout_by_get_is_refused_and_by_post_logs_out(client):
    client.force_login(UserFactory())

    get = client.get(reverse("accounts:logout"))
    post = client.post(reverse("accounts:logout"))

    assert get.status_code == 405
    assert post.status_code == 302
    assert "_auth_user_id" not in client.session


def test_nav_shows_log_in_to_visitors_and_log_out_form_to_users(client):
    anonymous = client.get("/").content.decode()
    client.force_login(UserFactory())
    logged_in = client.get("/").content.decode()

    assert 'href="/account/login/"' in anonymous
    assert "Log out" not in anonymous
    assert 'action="/account/logout/"' in logged_in
    assert 'href="/account/"' in logged_in


def test_password_reset_email_link_sets_new_password(client, mailoutbox):
    UserFactory(username="owner@example.org", email="owner@example.org")

    client.post(reverse("accounts:password-reset"), {"email": "owner@example.org"})
    form_url = client.get(link_path(mailoutbox[0]))["Location"]
    done = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    login = log_in(client, "owner@example.org", NEW_PASSWORD)

    assert done.status_code == 302
    assert done["Location"] == reverse("accounts:password-reset-complete")
    assert login.status_code == 302


def test_password_change_requires_old_password(client):
    user = UserFactory()
    client.force_login(user)

    response = client.post(reverse("accounts:password-change"), {
        "old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})

    user.refresh_from_db()
    assert response.status_code == 302
    assert user.check_password(NEW_PASSWORD)


# Throttling


def fail_logins(client, username, times, **extra):
    return [log_in(client, username, "wrong-password", **extra).status_code
            for _ in range(times)]


def test_login_after_five_failures_is_locked_even_with_right_password(client):
    UserFactory(username="owner@example.org", email="owner@example.org")

    statuses = fail_logins(client, "owner@example.org", 5)
    locked = log_in(client, "owner@example.org")

    assert statuses == [200, 200, 200, 200, 429]
    assert locked.status_code == 429
    assert "Too many failed log-ins" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_failures_from_elsewhere_never_lock_the_owner_out(client):
    UserFactory(username="owner@example.org", email="owner@example.org")
    for _ in range(5):
        log_in(client, "owner@example.org", "wrong", REMOTE_ADDR="10.0.0.1")

    from_attacker = log_in(client, "owner@example.org", REMOTE_ADDR="10.0.0.1")
    from_owner = log_in(client, "owner@example.org", REMOTE_ADDR="10.9.9.9")

    assert from_attacker.status_code == 429
    assert from_owner.status_code == 302


def test_staff_cannot_be_locked_out_by_failures_from_another_address(client, staff_user):
    admin_login = reverse("admin:login")
    fail_logins(client, "staff", 10, url=admin_login, REMOTE_ADDR="10.0.0.1")

    response = log_in(client, "staff", "staff-pass-123", url=admin_login,
                      REMOTE_ADDR="10.9.9.9")

    assert response.status_code == 302


def test_guessing_many_accounts_from_one_address_locks_that_address_only(client, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    UserFactory(username="victim@example.org", email="victim@example.org")
    for n in range(8):
        log_in(client, f"guess{n}@example.org", "wrong", REMOTE_ADDR="10.1.1.1")

    from_attacker = log_in(client, "victim@example.org", REMOTE_ADDR="10.1.1.1")
    from_elsewhere = log_in(client, "victim@example.org", REMOTE_ADDR="10.2.2.2")

    assert from_attacker.status_code == 429
    assert "Too many failed log-ins" in from_attacker.content.decode()
    assert from_elsewhere.status_code == 302


def test_a_few_failures_from_one_address_do_not_lock_it(client, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    UserFactory(username="victim@example.org", email="victim@example.org")
    for n in range(7):
        log_in(client, f"guess{n}@example.org", "wrong", REMOTE_ADDR="10.1.1.1")

    assert log_in(client, "victim@example.org", REMOTE_ADDR="10.1.1.1").status_code == 302


def test_behind_the_proxy_each_client_address_is_counted_apart(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    UserFactory(username="victim@example.org", email="victim@example.org")
    proxy = {"REMOTE_ADDR": "10.0.0.254"}
    for n in range(8):
        log_in(client, f"guess{n}@example.org", "wrong", HTTP_X_FORWARDED_FOR="203.0.113.9",
               **proxy)

    sprayer = log_in(client, "victim@example.org", HTTP_X_FORWARDED_FOR="203.0.113.9",
                     **proxy)
    neighbour = log_in(client, "victim@example.org", HTTP_X_FORWARDED_FOR="198.51.100.7",
                       **proxy)

    assert (sprayer.status_code, neighbour.status_code) == (429, 302)


def test_staff_unlock_an_account_from_the_admin(client, staff_client):
    owner = UserFactory(username="owner@example.org", email="owner@example.org")
    fail_logins(client, "owner@example.org", 5)
    changelist = staff_client.get(reverse("admin:auth_user_changelist"))

    staff_client.post(reverse("admin:auth_user_changelist"),
                      {"action": "unlock", "_selected_action": [str(owner.pk)]})

    assert changelist.status_code == 200
    assert AccessAttempt.objects.count() == 0
    assert log_in(client, "owner@example.org").status_code == 302


def test_a_moderator_cannot_unlock_accounts(client, moderator):
    owner = UserFactory(username="owner@example.org", email="owner@example.org")
    fail_logins(client, "owner@example.org", 5)
    verified_login(client, moderator)

    response = client.post(reverse("admin:auth_user_changelist"),
                           {"action": "unlock", "_selected_action": [str(owner.pk)]})

    assert response.status_code == 403
    assert AccessAttempt.objects.count() == 1


def test_login_lockout_lifts_after_cool_off(client):
    UserFactory(username="owner@example.org", email="owner@example.org")
    fail_logins(client, "owner@example.org", 5)

    AccessAttempt.objects.update(attempt_time=AccessAttempt.objects.get().attempt_time
                                 - timedelta(minutes=16))
    response = log_in(client, "owner@example.org")

    assert response.status_code == 302
    assert response["Location"] == reverse("owners:dashboard")


def test_login_failures_during_lockout_do_not_extend_it(client):
    UserFactory(username="owner@example.org", email="owner@example.org")
    fail_logins(client, "owner@example.org", 5)
    first_locked_at = AccessAttempt.objects.get().attempt_time

    fail_logins(client, "owner@example.org", 3)

    assert AccessAttempt.objects.get().attempt_time == first_locked_at


def test_password_reset_clears_login_lockout(client, mailoutbox):
    UserFactory(username="owner@example.org", email="owner@example.org")
    fail_logins(client, "owner@example.org", 5)

    client.post(reverse("accounts:password-reset"), {"email": "owner@example.org"})
    form_url = client.get(link_path(mailoutbox[0]))["Location"]
    client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    response = log_in(client, "owner@example.org", NEW_PASSWORD)

    assert response.status_code == 302
    assert AccessAttempt.objects.count() == 0


def test_admin_login_is_throttled_too(client, staff_user):
    admin_login = reverse("admin:login")

    statuses = fail_logins(client, "staff", 5, url=admin_login)
    locked = log_in(client, "staff", "staff-pass-123", url=admin_login)

    assert statuses[-1] == 429
    assert locked.status_code == 429


# --- How many account emails a connection or an address can trigger ------------------------


def reset(client, email, ip="203.0.113.7"):
    return client.post(reverse("accounts:password-reset"), {"email": email}, REMOTE_ADDR=ip)


def test_an_address_gets_three_account_emails_an_hour_then_a_polite_429(client, mailoutbox):
    UserFactory(username="owner@example.org", email="owner@example.org")

    answers = [reset(client, "owner@example.org", ip=f"203.0.113.{i}").status_code
               for i in range(4)]

    assert answers == [302, 302, 302, 429]
    assert len(mailoutbox) == 3


def test_the_address_limit_counts_signup_confirmation_and_reset_together(client, mailoutbox):
    sign_up(client, email="mix@example.org")
    client.post(reverse("accounts:resend-confirmation"), {"email": "Mix@Example.org"})
    reset(client, "mix@example.org")

    response = sign_up(client, email="mix@example.org")

    assert response.status_code == 429
    assert "Please try again later" in response.content.decode()
    assert len(mailoutbox) == 2  # sign-up and resend; no reset for an inactive account


def test_one_connection_gets_ten_account_emails_an_hour(client, mailoutbox):
    answers = [reset(client, f"person{i}@example.org").status_code for i in range(11)]

    assert answers == [302] * 10 + [429]
    assert reset(client, "person0@example.org", ip="198.51.100.9").status_code == 302


def test_the_limits_reset_after_an_hour(client, mailoutbox):
    from directory.accounts.models import AccountEmail

    for _ in range(3):
        reset(client, "owner@example.org")
    assert reset(client, "owner@example.org").status_code == 429

    AccountEmail.objects.update(created_at=timezone.now() - timedelta(minutes=61))

    assert reset(client, "owner@example.org").status_code == 302
