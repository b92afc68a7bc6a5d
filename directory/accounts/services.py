"""Account writes: sign-up, email confirmation, lockout reset, account-email limits and
staff's reset of a second factor."""

from datetime import timedelta
from urllib.parse import urlsplit

from axes.utils import reset
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_tasks import task

from directory import tasks

from . import emails, mfa, tokens
from .forms import ResetEmailForm
from .models import AccountEmail

ACCOUNT_EMAILS_PER_ADDRESS_PER_HOUR = 3  # sign-up, confirmation and reset emails
ACCOUNT_EMAILS_PER_IP_PER_HOUR = 10


@transaction.atomic  # the account and its queued email, or neither
def register_owner(*, email: str, password: str) -> User | None:
    """Create an inactive account and email a confirmation link; None if the email is taken.

    A taken address gets an email instead of an error, so the sign-up form never tells a
    stranger who has an account.
    """
    user_model = get_user_model()
    email = user_model.objects.normalize_email(email).strip().lower()
    existing = user_model.objects.filter(username__iexact=email).first() or (
        user_model.objects.filter(email__iexact=email).first()
    )
    if existing is not None:
        if not existing.is_active and existing.last_login is None:  # never confirmed
            resend_email_confirmation(email=existing.username)
        else:
            emails.send_account_exists(user=existing)
        return None
    user = user_model(username=email, email=email, is_active=False)
    user.set_password(password)
    user.full_clean()
    user.save()
    emails.send_email_confirmation(user=user, token=tokens.email_confirmation.make_token(user))
    return user


def resend_email_confirmation(*, email: str) -> None:
    """Send a fresh link to an account that has never been confirmed; silent otherwise."""
    user = get_user_model().objects.filter(
        username__iexact=email.strip(), is_active=False, last_login__isnull=True
    ).first()
    if user is not None and user.has_usable_password():
        emails.send_email_confirmation(user=user, token=tokens.email_confirmation.make_token(user))


def confirm_email(*, user: User, token: str) -> bool:
    """Activate the account if the link is genuine; a link works once."""
    if user.is_active or user.last_login is not None:
        return False
    if not tokens.email_confirmation.check_token(user, token):
        return False
    user.is_active = True
    user.save(update_fields=["is_active"])
    return True


def clear_login_lockout(*, user: User) -> int:
    """Forget failed logins for this account (after the owner proved who they are)."""
    return reset(username=user.get_username())


def account_email_allowed(*, ip_hash: str, address: str) -> bool:
    """Whether another account email may go out for this request, and if so count it.

    An address gets at most ACCOUNT_EMAILS_PER_ADDRESS_PER_HOUR and a connection at most
    ACCOUNT_EMAILS_PER_IP_PER_HOUR, whether or not an account exists, so the limit says
    nothing about who has one. Counts live in the database, shared by every process.
    """
    now = timezone.now()
    address_hash = salted_hmac("clinics.account-email", address.strip().lower()).hexdigest()
    with transaction.atomic():
        AccountEmail.objects.filter(created_at__lt=now - timedelta(days=1)).delete()
        recent = AccountEmail.objects.filter(created_at__gte=now - timedelta(hours=1))
        if (recent.filter(address_hash=address_hash).count()
                >= ACCOUNT_EMAILS_PER_ADDRESS_PER_HOUR
                or recent.filter(ip_hash=ip_hash).count() >= ACCOUNT_EMAILS_PER_IP_PER_HOUR):
            return False
        AccountEmail.objects.create(ip_hash=ip_hash, address_hash=address_hash, created_at=now)
    return True


def request_password_reset(*, email: str) -> None:
    """Queue the reset for an address, whether or not it has an account: the request does
    the same work either way, so neither its answer nor its timing tells who has one."""
    tasks.enqueue(send_password_reset, email=email)


@task()
def send_password_reset(*, email: str) -> None:
    """The task: a reset link to every active account with this address (none, usually,
    for a stranger). Links point at SITE_URL, as every email's do."""
    form = ResetEmailForm({"email": email})
    if form.is_valid():
        site = urlsplit(settings.SITE_URL)
        form.save(domain_override=site.netloc, use_https=site.scheme == "https",
                  subject_template_name=form.subject_template_name,
                  email_template_name=form.email_template_name)


@transaction.atomic
def reset_second_factor(*, user: User, by: User, reason: str) -> int:
    """Staff remove `user`'s second factor (a lost phone and no recovery codes left): every
    device goes, the reason is kept in the account's admin history, and the account's
    address is told. Returns how many devices were removed."""
    reason = reason.strip()
    if not reason:
        raise ValidationError("Give the reason for removing the second factor.")
    if user.pk == by.pk:
        raise ValidationError("Remove your own second factor from your account page, not here.")
    removed = mfa.device_count(user)
    mfa.remove_devices(user)
    LogEntry.objects.log_actions(
        user_id=by.pk, queryset=[user], action_flag=CHANGE, single_object=True,
        change_message=f"Removed the second factor ({removed} device(s)). Reason: {reason}")
    if user.email:
        emails.send_second_factor_removed(user=user)
    return removed
