"""Two-factor authentication in a real browser: an owner turns it on (reading the key off
the page, as someone typing it into an app would), then logs in with a code, and with a
recovery code."""

import re

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from .axe import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

OWNER_EMAIL = "mei@southcongress.example"
OWNER_PASSWORD = "owner-pass-4821"


def log_in_with_password(page, base_url):
    page.goto(f"{base_url}/account/login/")
    page.get_by_label("Email address").fill(OWNER_EMAIL)
    page.get_by_label("Password").fill(OWNER_PASSWORD)
    page.get_by_role("button", name="Log in").click()


def log_out(page):
    page.get_by_role("button", name="Log out").click()


def test_owner_turns_on_two_factor_then_logs_in_with_a_code_and_with_a_recovery_code(
    live_server, page, django_user_model
):
    django_user_model.objects.create_user(
        username=OWNER_EMAIL, email=OWNER_EMAIL, password=OWNER_PASSWORD)
    base = live_server.url

    # Password alone while two-factor is off.
    log_in_with_password(page, base)
    expect(page).to_have_url(f"{base}/account/")

    # Turn it on from the account page: the key is on the page, as text and as a QR code.
    page.get_by_role("link", name="Two-factor authentication").click()
    expect(page.get_by_text("Off.", exact=True)).to_be_visible()
    assert_accessible(page, context_label="two-factor status page")
    page.get_by_role("link", name="Turn on two-factor authentication").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Turn on two-factor authentication")
    expect(page.locator(".qr-code svg")).to_be_visible()
    assert_accessible(page, context_label="two-factor enrolment")
    key = page.locator("#totp-secret").inner_text()
    secret = _secret(key)
    page.get_by_label("Code").fill(f"{totp(secret):06d}")
    page.get_by_role("button", name="Turn on").click()

    # Ten recovery codes, shown once.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Two-factor authentication is on")
    codes = page.get_by_role("list", name="Recovery codes").locator("code").all_inner_texts()
    assert len(codes) == 10
    assert all(re.fullmatch(r"[a-z2-7]{8}", code) for code in codes)
    assert_accessible(page, context_label="recovery codes")
    page.get_by_role("link", name="I have saved my recovery codes, continue").click()
    expect(page.get_by_text("On.", exact=True)).to_be_visible()
    log_out(page)

    # Logging in now asks for the code after the password. (The code just used at
    # enrolment cannot be used twice: wait for the app's next one, as a person would.)
    log_in_with_password(page, base)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")
    assert_accessible(page, context_label="login code page")
    page.get_by_label("Code").fill(_next_code(secret))
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(f"{base}/account/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    log_out(page)

    # A recovery code instead of the app, once.
    log_in_with_password(page, base)
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(f"{base}/account/")
    expect(page.get_by_text("You used a recovery code; 9 left.")).to_be_visible()
    log_out(page)

    log_in_with_password(page, base)
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("That code is not right, or it has been used already.")
           ).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your code")


def _secret(key: str) -> bytes:
    import base64

    return base64.b32decode(key.replace(" ", ""))


def _next_code(secret: bytes) -> str:
    """The app's code for the next 30-second step, waiting until that step starts, so the
    enrolment's code (already used) is not offered again."""
    import time

    used = int(time.time()) // 30
    while int(time.time()) // 30 == used:
        time.sleep(0.5)
    return f"{totp(secret):06d}"
