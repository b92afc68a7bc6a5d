"""How fresh a listing's details are, and keeping them so.

A listing's details count as confirmed on the day its owners last said every detail is
current (Clinic.last_confirmed_at; a listing never confirmed counts from its creation). At
STALE_AFTER_DAYS (90) unconfirmed days its card and profile say "Details last confirmed
<date>" and it ranks below confirmed listings in its distance band (clinics/search/
paginator.py). At REMIND_AFTER_DAYS (80) its members get one email with a signed link that
confirms the listing without logging in; at QUEUE_AFTER_DAYS (180) it is in the staff
"stale listings" queue. The daily job ("listing-freshness", clinics/tasks.py) sends the
emails; being unconfirmed needs no job, as every surface compares the date with today.

Confirming stamps the as-of date of each claim that changes (accepting new patients,
telehealth, insurance, prices), as a change to one of them does (clinics/owners/services).
"""

from __future__ import annotations

import logging
from datetime import date

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from directory.mail import absolute, send_templated

from .models import Clinic, ClinicMembership, ConfirmationRequest, Practitioner
from .models.listings import QUEUE_AFTER_DAYS, REMIND_AFTER_DAYS, STALE_AFTER_DAYS
from .services import attribute

log = logging.getLogger(__name__)

__all__ = ["QUEUE_AFTER_DAYS", "REMIND_AFTER_DAYS", "STALE_AFTER_DAYS", "confirm_details",
           "confirm_link_token", "read_confirm_link", "send_confirmation_requests"]

LINK_SALT = "clinics.freshness.confirm-details"
TOKEN_MAX_AGE_DAYS = 60


@transaction.atomic
def confirm_details(*, clinic: Clinic, by: AbstractBaseUser, reason: str) -> Clinic:
    """The clinic's details are all current as of now: the listing and each claim's as-of
    date are stamped (practitioners' claims too, for those who work there)."""
    now = timezone.now()
    today = timezone.localdate(now)
    clinic.last_confirmed_at = now
    clinic.insurance_as_of = clinic.prices_as_of = today
    attribute(clinic, by=by, reason=reason)  # type: ignore[arg-type]
    clinic.save(update_fields=["last_confirmed_at", "insurance_as_of", "prices_as_of",
                               "updated_at"])  # the index refreshes on save
    Practitioner.objects.filter(locations__clinic=clinic).update(
        accepting_as_of=today, telehealth_as_of=today)
    log.info("details of clinic %s confirmed by %s", clinic.pk, by)
    return clinic


def confirm_link_token(*, clinic: Clinic, user: AbstractBaseUser) -> str:
    """A signed token for the one-click link: which clinic, which member, and the date the
    details had last been confirmed, so a link stops working once it has been used."""
    return signing.dumps({"clinic": clinic.pk, "user": user.pk,
                          "since": clinic.details_confirmed_on.isoformat()}, salt=LINK_SALT)


def read_confirm_link(token: str) -> tuple[Clinic, AbstractBaseUser]:
    """The clinic and member a link was made for; ValidationError for a link that is
    forged, too old, already used, or whose member has left the clinic."""
    try:
        data = signing.loads(token, salt=LINK_SALT, max_age=TOKEN_MAX_AGE_DAYS * 86400)
    except signing.SignatureExpired as error:
        raise ValidationError(
            _("This link has expired. Log in to confirm your listing.")) from error
    except signing.BadSignature as error:
        raise ValidationError(_("This link is not valid.")) from error
    membership = (ClinicMembership.objects.select_related("clinic", "user")
                  .filter(clinic_id=data.get("clinic"), user_id=data.get("user"),
                          user__is_active=True).first())
    if membership is None:
        raise ValidationError(_("This link is not valid."))
    clinic = membership.clinic
    if clinic.details_confirmed_on.isoformat() != data.get("since"):
        raise ValidationError(_("This listing has been confirmed since this link was sent."))
    return clinic, membership.user


def _request(clinic: Clinic, today: date) -> str | None:
    """Record and queue one clinic's request; None when it was already sent."""
    with transaction.atomic():
        request, created = ConfirmationRequest.objects.get_or_create(
            clinic=clinic, confirmed_on=clinic.details_confirmed_on,
            defaults={"sent_on": today})
        if not created:
            return None
        members = (get_user_model().objects.filter(
            clinic_memberships__clinic=clinic, is_active=True).exclude(email="")
            .order_by("email"))
        for member in members:
            link = absolute(reverse("clinics:confirm-details",
                                    kwargs={"token": confirm_link_token(clinic=clinic,
                                                                        user=member)}))
            send_templated(to=[member.email], template="confirm_details", context={
                "clinic": clinic, "confirmed_on": clinic.details_confirmed_on, "link": link,
                "stale_after_days": STALE_AFTER_DAYS})
        request.recipients = "\n".join(member.email for member in members)
        request.save(update_fields=["recipients"])
    return f"confirmation request for {clinic} to {len(members)} address(es)"


def send_confirmation_requests(today: date | None = None) -> list[str]:
    """Ask every published listing unconfirmed for REMIND_AFTER_DAYS to confirm, once per
    confirmation date; what was sent."""
    today = today or timezone.localdate()
    due = Clinic.objects.unconfirmed_for(REMIND_AFTER_DAYS).order_by("pk")
    return [line for clinic in due if (line := _request(clinic, today))]


@task()
def listing_freshness() -> int:
    """The daily part, as a background task: how many requests it sent."""
    sent = send_confirmation_requests()
    log.info("listing freshness: %s confirmation request(s)", len(sent))
    return len(sent)
