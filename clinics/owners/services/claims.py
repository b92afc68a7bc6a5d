"""Claims on a listing and invitations to colleagues: who may manage a clinic."""

import logging
from datetime import timedelta

from django.contrib.auth.models import User
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from clinics.models import Clinic, ClinicMembership
from clinics.services import attribute

from .. import emails
from ..models import ClinicClaim, Invitation

INVITATION_MAX_AGE = timedelta(days=14)
_INVITATION_SALT = "clinics.invitation"
log = logging.getLogger(__name__)


def members_emails(clinic: Clinic) -> list[str]:
    return list(
        ClinicMembership.objects.filter(clinic=clinic, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
        .order_by("user__email")
    )


@transaction.atomic
def submit_claim(*, claim: ClinicClaim) -> ClinicClaim:
    """Ask staff to let `claim.user` manage `claim.clinic`."""
    if ClinicMembership.objects.filter(user=claim.user, clinic=claim.clinic).exists():
        raise ValidationError("You already manage this clinic.")
    if ClinicClaim.objects.pending().filter(user=claim.user, clinic=claim.clinic).exists():
        raise ValidationError("You have already asked to manage this clinic; staff will be in touch.")
    claim.status = ClinicClaim.Status.PENDING
    claim.full_clean()
    claim.save()
    return claim


def approve_claim(*, claim: ClinicClaim, by: User) -> ClinicMembership:
    """Grant the claim: the claimant becomes a member of the clinic with the role asked for."""
    with transaction.atomic():
        if claim.status != ClinicClaim.Status.PENDING:
            raise ValidationError("This claim has already been decided.")
        membership = ClinicMembership.objects.filter(user=claim.user, clinic=claim.clinic).first()
        if membership is None:
            membership = ClinicMembership(user=claim.user, clinic=claim.clinic, role=claim.role)
            attribute(membership, by=by, reason=f"Claim #{claim.pk} approved by {by}")
            membership.full_clean()
            membership.save()
        claim.status = ClinicClaim.Status.APPROVED
        claim.decided_by, claim.decided_at = by, timezone.now()
        claim.rejection_reason = ""
        claim.save()
    emails.send_claim_decided(claim=claim)  # queued with the decision
    return membership


def reject_claim(*, claim: ClinicClaim, by: User, reason: str) -> ClinicClaim:
    """Refuse the claim; the reason is shown to the claimant."""
    if not reason or not reason.strip():
        raise ValidationError({"reason": "Give a reason for rejecting the claim."})
    if claim.status != ClinicClaim.Status.PENDING:
        raise ValidationError("This claim has already been decided.")
    claim.status = ClinicClaim.Status.REJECTED
    claim.decided_by, claim.decided_at = by, timezone.now()
    claim.rejection_reason = reason.strip()
    claim.save()
    emails.send_claim_decided(claim=claim)  # queued with the decision
    return claim


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"invitation": invitation.pk}, salt=_INVITATION_SALT)


def invitation_from_token(token: str) -> Invitation | None:
    """The open invitation a link stands for, or None if the link is bad, old or used."""
    try:
        data = signing.loads(token, salt=_INVITATION_SALT,
                             max_age=INVITATION_MAX_AGE)
    except signing.BadSignature:
        return None
    return Invitation.objects.select_related("clinic").filter(
        pk=data.get("invitation"), accepted_at__isnull=True
    ).first()


def invite_colleague(*, invitation: Invitation, by: User) -> Invitation:
    """An owner invites someone by email; the link lets that address join the clinic."""
    if not ClinicMembership.objects.filter(
        user=by, clinic=invitation.clinic, role=ClinicMembership.Role.OWNER
    ).exists():
        raise ValidationError("Only the clinic's owners can invite colleagues.")
    invitation.email = invitation.email.strip().lower()
    if ClinicMembership.objects.filter(
        clinic=invitation.clinic, user__email__iexact=invitation.email
    ).exists():
        raise ValidationError({"email": "Someone with this email already manages the clinic."})
    invitation.invited_by = by
    with transaction.atomic():  # the invitation and its queued email, or neither
        invitation.full_clean()
        invitation.save()
        emails.send_invitation(invitation=invitation, token=invitation_token(invitation))
    return invitation


@transaction.atomic
def accept_invitation(*, invitation: Invitation, user: User) -> ClinicMembership:
    """Join the clinic; only the account whose email was invited can."""
    if invitation.accepted_at is not None:
        raise ValidationError("This invitation has already been used.")
    if (user.email or "").lower() != invitation.email.lower():
        raise ValidationError(
            f"This invitation is for {invitation.email}. Log in with that address to accept it."
        )
    membership = ClinicMembership.objects.filter(user=user, clinic=invitation.clinic).first()
    if membership is None:
        membership = ClinicMembership(user=user, clinic=invitation.clinic, role=invitation.role)
        attribute(membership, by=user, reason=f"Accepted invitation #{invitation.pk}")
        membership.full_clean()
        membership.save()
    invitation.accepted_by, invitation.accepted_at = user, timezone.now()
    invitation.save()
    return membership
