"""Staff in the browser: a superuser with an authenticator app, logged in to the admin
through its two steps (password, then the app's code)."""

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

STAFF_PASSWORD = "staff-pass-123"


def log_in_as_staff(page, base_url, django_user_model, **fields):
    """Make the staff user (`fields` added to it), log in as it and land on the admin's
    moderation queues."""
    staff = django_user_model.objects.create_user(username="staff", password=STAFF_PASSWORD,
                                                  is_staff=True, is_superuser=True, **fields)
    device = TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Username").fill("staff")
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Code").fill(f"{totp(device.bin_key):06d}")  # the admin's second factor
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Moderation queues")).to_be_visible()
    return staff
