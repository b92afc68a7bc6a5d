"""Two-factor authentication: TOTP with recovery codes (django-otp).

Staff need a verified session for every admin page; owners may turn it on, and then cannot
log in without a code; credential documents need a verified session; wrong codes are
throttled like wrong passwords.
"""

import re

import pytest
from axes.models import AccessAttempt
from django.core.files.base import ContentFile
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from directory.accounts import mfa
from tests.conftest import verified_login
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def code_for(device: TOTPDevice) -> str:
    """The code the user's app shows now, computed as any TOTP app would."""
    device.refresh_from_db()
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"  # noqa: E501


def enrol(user) -> tuple[TOTPDevice, list[str]]:
    """A confirmed TOTP device and recovery codes, as the enrolment page leaves them."""
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    return device, mfa.replace_recovery_codes(user)


def log_in(client, username, password=PASSWORD, url=None, **data):
    return client.post(url or reverse("accounts:login"),
                       {"username": username, "password": password, **data})


def enter_code(client, code, **data):
    return client.post(reverse("accounts:login-code"), {"code": code, **data})


def is_logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def is_verified(client) -> bool:
    return DEVICE_ID_SESSION_KEY in client.session


@pytest.fixture
def owner(db):
    return UserFactory(username="owner@example.org", email="owner@example.org")


# --- Owners: logging in ---------------------------------------------------------------------


def test_owner_without_a_device_logs_in_with_the_password_alone(client, owner):
    response = log_in(client, "owner@example.org")

    assert response.status_code == 302
    assert response["Location"] == reverse("owners:dashboard")
    assert is_logged_in(client) and not is_verified(client)


def test_owner_with_a_device_is_not_logged_in_until_the_code(client, owner):
    device, _ = enrol(owner)

    password = log_in(client, "owner@example.org")
    dashboard_meanwhile = client.get(reverse("owners:dashboard"))
    assert password.status_code == 302
    assert password["Location"].startswith(reverse("accounts:login-code"))
    assert not is_logged_in(client)
    assert dashboard_meanwhile["Location"].startswith(reverse("accounts:login"))

    page = client.get(password["Location"])
    code = enter_code(client, code_for(device), next=reverse("owners:dashboard"))

    assert page.status_code == 200
    assert 'autocomplete="one-time-code"' in page.content.decode()
    assert code.status_code == 302
    assert code["Location"] == reverse("owners:dashboard")
    assert is_logged_in(client) and is_verified(client)
    assert client.get(reverse("owners:dashboard")).status_code == 200


def test_a_wrong_code_does_not_log_the_owner_in(client, owner):
    device, _ = enrol(owner)
    log_in(client, "owner@example.org")
    wrong = f"{(int(code_for(device)) + 1) % 1_000_000:06d}"

    response = enter_code(client, wrong)

    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert not is_logged_in(client)


def test_the_code_page_without_a_password_first_sends_back_to_login(client, owner):
    device, _ = enrol(owner)

    response = enter_code(client, code_for(device))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not is_logged_in(client)


def test_a_password_waits_only_so_long_for_its_code(client, owner, settings):
    device, _ = enrol(owner)
    log_in(client, "owner@example.org")
    settings.MFA_PENDING_LOGIN_SECONDS = -1

    response = enter_code(client, code_for(device))

    assert response["Location"].startswith(reverse("accounts:login"))
    assert not is_logged_in(client)


def test_a_recovery_code_logs_in_once(client, owner):
    _, codes = enrol(owner)

    log_in(client, "owner@example.org")
    first = enter_code(client, codes[0].upper())  # typed in capitals: still accepted
    assert first.status_code == 302 and is_verified(client)
    client.post(reverse("accounts:logout"))

    log_in(client, "owner@example.org")
    again = enter_code(client, codes[0])

    assert again.status_code == 200
    assert not is_logged_in(client)
    assert StaticToken.objects.filter(device__user=owner).count() == len(codes) - 1


def test_another_accounts_code_and_recovery_codes_do_not_work(client, owner):
    enrol(owner)
    stranger = UserFactory(username="other@example.org")
    stranger_device, stranger_codes = enrol(stranger)

    log_in(client, "owner@example.org")
    totp_code = enter_code(client, code_for(stranger_device))
    recovery = enter_code(client, stranger_codes[0])

    assert (totp_code.status_code, recovery.status_code) == (200, 200)
    assert not is_logged_in(client)
    # The stranger's own code is untouched by those attempts.
    assert StaticToken.objects.filter(device__user=stranger).count() == len(stranger_codes)


# --- Throttling wrong codes ------------------------------------------------------------------


def test_wrong_codes_count_as_failed_logins_and_lock_the_account_out(client, owner):
    device, _ = enrol(owner)
    log_in(client, "owner@example.org")
    statuses = []
    for _ in range(5):
        device.refresh_from_db()
        device.throttle_reset()  # leave only the login lockout in play
        statuses.append(enter_code(client, "000000").status_code)
    device.throttle_reset()

    right = enter_code(client, code_for(device))

    assert statuses == [200, 200, 200, 200, 429]
    assert right.status_code == 429
    assert "Too many failed log-ins" in right.content.decode()
    assert not is_logged_in(client)
    assert AccessAttempt.objects.get().username == "owner@example.org"


def test_each_wrong_code_makes_the_device_wait_before_the_next(client, owner, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60  # 60 s after one failure: longer than this test
    device, _ = enrol(owner)
    log_in(client, "owner@example.org")

    enter_code(client, "000000")
    right_too_soon = enter_code(client, code_for(device))

    device.refresh_from_db()
    assert right_too_soon.status_code == 200
    assert "wait a little" in right_too_soon.content.decode()
    assert device.throttling_failure_count == 1  # the refused try was not even checked
    assert not is_logged_in(client)


def test_a_right_code_clears_the_failed_logins(client, owner):
    device, _ = enrol(owner)
    log_in(client, "owner@example.org", password="wrong")
    log_in(client, "owner@example.org")

    enter_code(client, code_for(device))

    assert is_verified(client)
    assert AccessAttempt.objects.count() == 0


# --- Turning it on and off -------------------------------------------------------------------


def secret_on(page) -> str:
    return re.search(r'id="totp-secret">([A-Z2-7 ]+)<', page.content.decode()).group(1)


def test_enrolment_shows_the_secret_and_a_qr_code_then_recovery_codes_once(client, owner):
    client.force_login(owner)

    page = client.get(reverse("accounts:two-factor-enrol"))
    reload = client.get(reverse("accounts:two-factor-enrol"))
    device = TOTPDevice.objects.get(user=owner)
    wrong = client.post(reverse("accounts:two-factor-enrol"), {"code": "000000"})
    device.throttle_reset()
    done = client.post(reverse("accounts:two-factor-enrol"), {"code": code_for(device)})

    body = page.content.decode()
    assert secret_on(page).replace(" ", "") == mfa.secret_base32(device).replace(" ", "")
    assert secret_on(reload) == secret_on(page)  # the same secret until it is confirmed
    assert "<svg" in body and "<script" not in body.split("<main", 1)[1]
    assert wrong.status_code == 200 and "That code is not right" in wrong.content.decode()
    codes = re.findall(r"<li><code>([a-z2-7]+)</code></li>", done.content.decode())
    assert len(codes) == 10
    assert done["Cache-Control"].startswith("private, no-store")
    device.refresh_from_db()
    assert device.confirmed
    assert sorted(StaticToken.objects.filter(device__user=owner).values_list("token", flat=True)
                  ) == sorted(codes)
    assert is_verified(client)
    assert b"<code>" not in client.get(reverse("accounts:two-factor")).content


def test_enrolment_is_refused_while_a_device_is_on(client, owner):
    enrol(owner)
    verified_login(client, owner)

    response = client.get(reverse("accounts:two-factor-enrol"))

    assert response["Location"] == reverse("accounts:two-factor")
    assert TOTPDevice.objects.filter(user=owner).count() == 1


def test_turning_it_off_needs_a_right_code(client, owner):
    device, _ = enrol(owner)
    verified_login(client, owner)

    wrong = client.post(reverse("accounts:two-factor-remove"), {"code": "000000"})
    device.throttle_reset()
    right = client.post(reverse("accounts:two-factor-remove"), {"code": code_for(device)})

    assert wrong.status_code == 200 and "stays on" in wrong.content.decode()
    assert right.status_code == 302
    assert not TOTPDevice.objects.filter(user=owner).exists()
    assert not StaticDevice.objects.filter(user=owner).exists()
    assert log_in(client, "owner@example.org")["Location"] == reverse("owners:dashboard")


def test_another_accounts_code_cannot_turn_it_off(client, owner):
    enrol(owner)
    stranger_device, _ = enrol(UserFactory(username="other@example.org"))
    verified_login(client, owner)

    response = client.post(reverse("accounts:two-factor-remove"),
                           {"code": code_for(stranger_device)})

    assert response.status_code == 200
    assert TOTPDevice.objects.filter(user=owner).exists()


# --- Credential documents --------------------------------------------------------------------


@pytest.fixture
def document_url(listing, private_media):
    listing.credential.document.save("licence.pdf", ContentFile(PDF))
    return listing.credential.document.url


def test_documents_need_a_verified_session_and_say_how(client, listing, document_url):
    client.force_login(listing.owner)

    response = client.get(document_url, follow=True)

    assert response.redirect_chain[0][0].startswith(reverse("accounts:two-factor-enrol"))
    assert "two-factor authentication" in response.content.decode()
    assert "Turn it on here" in response.content.decode()


def test_documents_for_an_owner_with_a_device_ask_for_the_code_then_open(
    client, listing, document_url
):
    device, _ = enrol(listing.owner)
    client.force_login(listing.owner)  # a session that has not been verified

    refused = client.get(document_url)
    code = enter_code(client, code_for(device), next=document_url)
    opened = client.get(document_url)

    assert refused.status_code == 302
    assert refused["Location"].startswith(reverse("accounts:login-code"))
    assert code["Location"] == document_url
    assert opened.status_code == 200
    assert b"".join(opened.streaming_content) == PDF


def test_documents_after_enrolling_open(client, listing, document_url):
    client.force_login(listing.owner)
    client.get(reverse("accounts:two-factor-enrol"))
    device = TOTPDevice.objects.get(user=listing.owner)

    client.post(reverse("accounts:two-factor-enrol"),
                {"code": code_for(device), "next": document_url})

    assert client.get(document_url).status_code == 200


def test_the_code_page_never_sends_people_off_site(client, owner):
    device, _ = enrol(owner)
    log_in(client, "owner@example.org")

    response = enter_code(client, code_for(device), next="https://evil.example/")

    assert response["Location"] == reverse("owners:dashboard")


# --- Staff and the admin ---------------------------------------------------------------------


def admin_urls(staff_user):
    return [
        reverse("admin:index"),
        reverse("admin:clinics_clinic_changelist"),
        reverse("admin:auth_user_changelist"),
        reverse("admin:auth_user_change", args=[staff_user.pk]),
        reverse("admin:clinics_clinic_add"),
        reverse("admin:password_change"),
    ]


def test_staff_without_a_verified_session_get_no_admin_page(client, staff_user):
    client.force_login(staff_user)

    for url in admin_urls(staff_user):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:login")), url


def test_staff_without_a_device_are_sent_to_set_one_up(client, staff_user):
    client.force_login(staff_user)

    response = client.get(reverse("admin:index"), follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("accounts:two-factor-enrol"))
    assert response.status_code == 200
    assert "Staff pages need two-factor authentication" in response.content.decode()


def test_staff_with_a_device_but_unverified_session_are_asked_for_the_code(client, staff_user):
    enrol(staff_user)
    client.force_login(staff_user)

    response = client.get(reverse("admin:clinics_clinic_changelist"), follow=True)

    assert response.redirect_chain[-1][0].startswith(reverse("accounts:login-code"))


def test_staff_with_a_verified_session_get_every_admin_page(staff_client, staff_user):
    for url in admin_urls(staff_user):
        assert staff_client.get(url).status_code == 200, url


def test_staff_admin_login_is_password_then_code(client, staff_user):
    device, _ = enrol(staff_user)
    admin_login = f"{reverse('admin:login')}?next={reverse('admin:index')}"

    password = log_in(client, "staff", "staff-pass-123", url=admin_login,
                      next=reverse("admin:index"))
    assert password["Location"].startswith(reverse("accounts:login-code"))
    assert not is_logged_in(client)
    code = enter_code(client, code_for(device), next=reverse("admin:index"))

    assert code["Location"] == reverse("admin:index")
    assert client.get(reverse("admin:index")).status_code == 200


def test_staff_first_login_enrols_then_reaches_the_admin(client, staff_user):
    password = log_in(client, "staff", "staff-pass-123", url=reverse("admin:login"),
                      next=reverse("admin:index"))
    enrol_page = client.get(password["Location"], follow=True)  # admin, its login, enrolment
    enrol_url = enrol_page.redirect_chain[-1][0]
    device = TOTPDevice.objects.get(user=staff_user)
    done = client.post(enrol_url, {"code": code_for(device)})

    assert enrol_url.startswith(reverse("accounts:two-factor-enrol"))
    assert enrol_page.status_code == 200
    assert f'href="{reverse("admin:index")}"' in done.content.decode()
    assert client.get(reverse("admin:index")).status_code == 200


def test_an_owner_cannot_use_the_admin_even_when_verified(client, owner):
    verified_login(client, owner)

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
