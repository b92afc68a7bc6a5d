"""Writes to the directory that carry a rule: moderation, verification, geocoding on save."""

from datetime import date, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from . import geocoding, search_index
from .models import Clinic, Credential, Location

RECREDENTIAL_INTERVAL = timedelta(days=3 * 365)


def unique_slug(model, text: str, *, max_length: int = 60) -> str:
    """A slug from `text` that no row of `model` uses yet (adds -2, -3 ... when taken)."""
    base = slugify(text)[:max_length].strip("-") or "listing"
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def publish_clinic(*, clinic: Clinic, by: AbstractBaseUser) -> Clinic:
    """Make a clinic public; its vetted practitioners appear in search from now on."""
    clinic.status = Clinic.Status.PUBLISHED
    clinic.status_reason = ""
    clinic._change_reason = f"Published by {by}"
    clinic.full_clean()
    clinic.save()
    search_index.refresh(clinic_ids=[clinic.pk])
    return clinic


@transaction.atomic
def suspend_clinic(*, clinic: Clinic, by: AbstractBaseUser, reason: str) -> Clinic:
    """Take a clinic off the public site; the reason is shown to its owners."""
    if not reason or not reason.strip():
        raise ValidationError({"reason": "Give a reason for suspending the clinic."})
    clinic.status = Clinic.Status.SUSPENDED
    clinic.status_reason = reason.strip()
    clinic._change_reason = f"Suspended by {by}: {clinic.status_reason}"
    clinic.full_clean()
    clinic.save()
    search_index.refresh(clinic_ids=[clinic.pk])
    return clinic


@transaction.atomic
def verify_credential(
    *,
    credential: Credential,
    by: AbstractBaseUser,
    method: str,
    source: str,
    expires_on: date,
    next_check_due: date | None = None,
    note: str = "",
) -> Credential:
    """Record a primary-source check; a verified licence vets its practitioner from now on."""
    errors = {}
    if method not in Credential.Method.values:
        errors["method"] = "Choose how the credential was checked."
    if not source or not source.strip():
        errors["source"] = "Name the board or the lookup URL that was checked."
    if expires_on is None:
        errors["expires_on"] = "Give the expiry date the board reports."
    elif expires_on < timezone.localdate():
        errors["expires_on"] = "The board reports this credential as expired; reject it instead."
    if errors:
        raise ValidationError(errors)
    credential.status = Credential.Status.VERIFIED
    credential.verified_by = by
    credential.verified_at = timezone.now()
    credential.method = method
    credential.source = source.strip()
    credential.expires_on = expires_on
    # Plans re-credential every 36 months; check again then, or at expiry if sooner.
    credential.next_check_due = next_check_due or min(
        expires_on, credential.verified_at.date() + RECREDENTIAL_INTERVAL
    )
    credential.note = note
    credential.rejection_reason = ""
    credential._change_reason = f"Verified by {by} via {source.strip()}"
    credential.full_clean()
    credential.save()
    search_index.refresh(practitioner_ids=[credential.practitioner_id])
    return credential


@transaction.atomic
def reject_credential(*, credential: Credential, by: AbstractBaseUser, reason: str) -> Credential:
    """Refuse a credential; it never counts towards vetting."""
    if not reason or not reason.strip():
        raise ValidationError({"reason": "Give a reason for rejecting the credential."})
    credential.status = Credential.Status.REJECTED
    credential.rejection_reason = reason.strip()
    credential.verified_by = by
    credential.verified_at = timezone.now()
    credential._change_reason = f"Rejected by {by}: {credential.rejection_reason}"
    credential.full_clean()
    credential.save()
    search_index.refresh(practitioner_ids=[credential.practitioner_id])
    return credential


def expire_lapsed_credentials() -> int:
    """Mark verified credentials past their expiry as expired; returns how many changed.

    Search already ignores them by date; this makes the status honest in admin and profiles.
    """
    return Credential.objects.filter(
        status=Credential.Status.VERIFIED, expires_on__lt=timezone.localdate()
    ).update(status=Credential.Status.EXPIRED)


@transaction.atomic
def save_location(*, location: Location) -> Location:
    """Geocode the address, then save; an address that cannot be placed is a field error."""
    place = geocoding.geocode_address(
        street=location.street, city=location.city, state=location.state,
        zip_code=location.zip_code,
    )
    if place is None:
        raise ValidationError(
            {"zip_code": "We could not find this address. Check the ZIP code and city."}
        )
    location.set_point(place.lat, place.lng)
    location.geocode_source = place.source
    location.geocoded_at = timezone.now()
    location.full_clean()
    location.save()
    search_index.refresh(location_ids=[location.pk])
    return location


# --- Clinic owners ---------------------------------------------------------------------------
# Accounts, claims and invitations, self-service listings (every owner edit is recorded for
# staff review), credential documents, patient enquiries and reports of wrong information.

SENDER_LIMIT_PER_HOUR = 5  # contact requests or reports from one IP address
ACCOUNT_EMAILS_PER_ADDRESS_PER_HOUR = 3  # sign-up, confirmation and reset emails
ACCOUNT_EMAILS_PER_IP_PER_HOUR = 10
INVITATION_MAX_AGE = timedelta(days=14)
_INVITATION_SALT = "clinics.invitation"


def _members_emails(clinic) -> list[str]:
    from .models import ClinicMembership

    return list(
        ClinicMembership.objects.filter(clinic=clinic, user__is_active=True)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
        .order_by("user__email")
    )


def _notify(send, **kwargs) -> None:
    """Send a notification email after the write; a mail failure is logged, never raised.

    Only patient enquiries need delivery guarantees (see deliver_contact_request); the
    other notifications repeat what the dashboard already shows.
    """
    import logging

    try:
        send(**kwargs)
    except Exception:
        logging.getLogger(__name__).exception("Notification %s failed", send.__name__)


def _attribute(obj, *, by, reason: str) -> None:
    """Name who made this save in its history row, in requests and outside them alike."""
    obj._history_user = by
    obj._change_reason = reason


# Accounts


def register_owner(*, email: str, password: str):
    """Create an inactive account and email a confirmation link; None if the email is taken.

    A taken address gets an email instead of an error, so the sign-up form never tells a
    stranger who has an account.
    """
    from django.contrib.auth import get_user_model

    from .owners import emails, tokens

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
    from django.contrib.auth import get_user_model

    from .owners import emails, tokens

    user = get_user_model().objects.filter(
        username__iexact=email.strip(), is_active=False, last_login__isnull=True
    ).first()
    if user is not None and user.has_usable_password():
        emails.send_email_confirmation(user=user, token=tokens.email_confirmation.make_token(user))


def confirm_email(*, user, token: str) -> bool:
    """Activate the account if the link is genuine; a link works once."""
    from .owners import tokens

    if user.is_active or user.last_login is not None:
        return False
    if not tokens.email_confirmation.check_token(user, token):
        return False
    user.is_active = True
    user.save(update_fields=["is_active"])
    return True


def clear_login_lockout(*, user) -> int:
    """Forget failed logins for this account (after the owner proved who they are)."""
    from axes.utils import reset

    return reset(username=user.get_username())


# Claims and invitations


@transaction.atomic
def submit_claim(*, claim):
    """Ask staff to let `claim.user` manage `claim.clinic`."""
    from .models import ClinicClaim, ClinicMembership

    if ClinicMembership.objects.filter(user=claim.user, clinic=claim.clinic).exists():
        raise ValidationError("You already manage this clinic.")
    if ClinicClaim.objects.pending().filter(user=claim.user, clinic=claim.clinic).exists():
        raise ValidationError("You have already asked to manage this clinic; staff will be in touch.")
    claim.status = ClinicClaim.Status.PENDING
    claim.full_clean()
    claim.save()
    return claim


def approve_claim(*, claim, by: AbstractBaseUser):
    """Grant the claim: the claimant becomes a member of the clinic with the role asked for."""
    from .models import ClinicClaim, ClinicMembership
    from .owners import emails

    with transaction.atomic():
        if claim.status != ClinicClaim.Status.PENDING:
            raise ValidationError("This claim has already been decided.")
        membership = ClinicMembership.objects.filter(user=claim.user, clinic=claim.clinic).first()
        if membership is None:
            membership = ClinicMembership(user=claim.user, clinic=claim.clinic, role=claim.role)
            _attribute(membership, by=by, reason=f"Claim #{claim.pk} approved by {by}")
            membership.full_clean()
            membership.save()
        claim.status = ClinicClaim.Status.APPROVED
        claim.decided_by, claim.decided_at = by, timezone.now()
        claim.rejection_reason = ""
        claim.save()
    _notify(emails.send_claim_decided, claim=claim)
    return membership


def reject_claim(*, claim, by: AbstractBaseUser, reason: str):
    """Refuse the claim; the reason is shown to the claimant."""
    from .models import ClinicClaim
    from .owners import emails

    if not reason or not reason.strip():
        raise ValidationError({"reason": "Give a reason for rejecting the claim."})
    if claim.status != ClinicClaim.Status.PENDING:
        raise ValidationError("This claim has already been decided.")
    claim.status = ClinicClaim.Status.REJECTED
    claim.decided_by, claim.decided_at = by, timezone.now()
    claim.rejection_reason = reason.strip()
    claim.save()
    _notify(emails.send_claim_decided, claim=claim)
    return claim


def invitation_token(invitation) -> str:
    from django.core import signing

    return signing.dumps({"invitation": invitation.pk}, salt=_INVITATION_SALT)


def invitation_from_token(token: str):
    """The open invitation a link stands for, or None if the link is bad, old or used."""
    from django.core import signing

    from .models import Invitation

    try:
        data = signing.loads(token, salt=_INVITATION_SALT,
                             max_age=INVITATION_MAX_AGE.total_seconds())
    except signing.BadSignature:
        return None
    return Invitation.objects.select_related("clinic").filter(
        pk=data.get("invitation"), accepted_at__isnull=True
    ).first()


def invite_colleague(*, invitation, by: AbstractBaseUser):
    """An owner invites someone by email; the link lets that address join the clinic."""
    from .models import ClinicMembership
    from .owners import emails

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
    invitation.full_clean()
    invitation.save()
    # Unlike other notifications, the invitation is the email: let a failure show.
    emails.send_invitation(invitation=invitation, token=invitation_token(invitation))
    return invitation


@transaction.atomic
def accept_invitation(*, invitation, user: AbstractBaseUser):
    """Join the clinic; only the account whose email was invited can."""
    from .models import ClinicMembership

    if invitation.accepted_at is not None:
        raise ValidationError("This invitation has already been used.")
    if (user.email or "").lower() != invitation.email.lower():
        raise ValidationError(
            f"This invitation is for {invitation.email}. Log in with that address to accept it."
        )
    membership = ClinicMembership.objects.filter(user=user, clinic=invitation.clinic).first()
    if membership is None:
        membership = ClinicMembership(user=user, clinic=invitation.clinic, role=invitation.role)
        _attribute(membership, by=user, reason=f"Accepted invitation #{invitation.pk}")
        membership.full_clean()
        membership.save()
    invitation.accepted_by, invitation.accepted_at = user, timezone.now()
    invitation.save()
    return membership


# Listings: create, edit, confirm. Every owner edit is recorded for review.

_M2M_LABELS = {
    "payers": "insurance accepted", "languages": "languages", "modalities": "treatments",
    "specialties": "specialties", "conditions": "conditions treated", "workplaces": "works at",
}


def _display(field, value) -> str:
    if value is None or value == "":
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if field.get_internal_type() == "FileField":
        return "a new document"
    return str(value)


def _m2m_names(model, ids) -> str:
    return ", ".join(str(obj) for obj in model.objects.filter(pk__in=ids)) or "—"


def _record_owner_edit(*, obj, clinic, by, m2m_before=None, m2m_after=None, m2m_models=None):
    """Queue an owner's change for staff review; staff's own changes are not queued."""
    from django.contrib.contenttypes.models import ContentType

    from .models import OwnerEdit

    if by.is_staff:
        return None
    record = obj.history.order_by("-history_date", "-history_id").first()
    previous = record.prev_record
    changes = []
    if previous is not None:
        for change in record.diff_against(previous).changes:
            field = obj._meta.get_field(change.field)
            changes.append({"field": change.field, "label": str(field.verbose_name),
                            "before": _display(field, change.old),
                            "after": _display(field, change.new)})
    m2m_before, m2m_after = m2m_before or {}, m2m_after or {}
    for name, before in m2m_before.items():
        after = m2m_after[name]
        if set(before) != set(after):
            changes.append({"field": name, "label": _M2M_LABELS.get(name, name),
                            "before": _m2m_names(m2m_models[name], before),
                            "after": _m2m_names(m2m_models[name], after)})
    if previous is not None and not changes:
        return None
    return OwnerEdit.objects.create(
        clinic=clinic, user=by, content_type=ContentType.objects.get_for_model(obj),
        object_id=obj.pk, object_repr=str(obj)[:200], history_id=record.history_id,
        action=OwnerEdit.Action.CHANGED if previous else OwnerEdit.Action.CREATED,
        changes=changes, m2m_before={k: sorted(v) for k, v in m2m_before.items()},
    )


@transaction.atomic
def create_listing(*, clinic: Clinic, location: Location, payers, by: AbstractBaseUser) -> Clinic:
    """A new clinic with its first location, pending review; the creator becomes its owner.

    An address the geocoder cannot place is a field error, and then nothing is saved.
    """
    from .models import ClinicMembership

    clinic.slug = unique_slug(Clinic, clinic.name)
    clinic.status = Clinic.Status.PENDING
    clinic.status_reason = ""
    _attribute(clinic, by=by, reason="Listing created by its owner")
    clinic.full_clean()
    clinic.save()
    clinic.payers.set(payers)
    location.clinic = clinic
    _attribute(location, by=by, reason="Listing created by its owner")
    save_location(location=location)
    membership = ClinicMembership(user=by, clinic=clinic, role=ClinicMembership.Role.OWNER)
    _attribute(membership, by=by, reason="Created the listing")
    membership.full_clean()
    membership.save()
    return clinic


@transaction.atomic
def update_clinic(*, clinic: Clinic, payers, by: AbstractBaseUser) -> Clinic:
    """An owner's edit to the clinic's details; live at once, queued for review."""
    before = {"payers": list(clinic.payers.values_list("pk", flat=True))}
    _attribute(clinic, by=by, reason="Edited by an owner")
    clinic.full_clean()
    clinic.save()
    clinic.payers.set(payers)
    after = {"payers": [payer.pk for payer in payers]}
    search_index.refresh(clinic_ids=[clinic.pk])
    _record_owner_edit(obj=clinic, clinic=clinic, by=by, m2m_before=before, m2m_after=after,
                       m2m_models={"payers": clinic.payers.model})
    return clinic


def confirm_listing(*, clinic: Clinic, by: AbstractBaseUser) -> Clinic:
    """The owner says every detail is current: stamp last_confirmed_at."""
    clinic.last_confirmed_at = timezone.now()
    _attribute(clinic, by=by, reason="Owner confirmed the listing is up to date")
    clinic.save(update_fields=["last_confirmed_at", "updated_at"])
    return clinic


def request_review(*, clinic: Clinic, by: AbstractBaseUser) -> Clinic:
    """Send a draft or suspended listing back to staff for review."""
    if clinic.status not in (Clinic.Status.DRAFT, Clinic.Status.SUSPENDED):
        raise ValidationError("Only a draft or suspended listing can be sent for review.")
    clinic.status = Clinic.Status.PENDING
    _attribute(clinic, by=by, reason="Owner asked for a review")
    clinic.save(update_fields=["status", "updated_at"])
    search_index.refresh(clinic_ids=[clinic.pk])
    return clinic


@transaction.atomic
def send_back_clinic(*, clinic: Clinic, by: AbstractBaseUser, reason: str) -> Clinic:
    """Refuse to publish a listing for now: it goes back to its owners as a draft."""
    if not reason or not reason.strip():
        raise ValidationError({"reason": "Tell the owners what to change."})
    clinic.status = Clinic.Status.DRAFT
    clinic.status_reason = reason.strip()
    _attribute(clinic, by=by, reason=f"Sent back by {by}: {clinic.status_reason}")
    clinic.full_clean()
    clinic.save()
    search_index.refresh(clinic_ids=[clinic.pk])
    return clinic


@transaction.atomic
def save_owner_location(*, location: Location, by: AbstractBaseUser) -> Location:
    """Add or change a location as an owner: geocoded, live at once, queued for review."""
    _attribute(location, by=by, reason="Edited by an owner")
    save_location(location=location)
    _record_owner_edit(obj=location, clinic=location.clinic, by=by)
    return location


def _practitioner_m2m(practitioner, clinic) -> dict[str, list[int]]:
    return {
        "languages": list(practitioner.languages.values_list("pk", flat=True)),
        "modalities": list(practitioner.modalities.values_list("pk", flat=True)),
        "specialties": list(practitioner.specialties.values_list("pk", flat=True)),
        "conditions": list(practitioner.conditions.values_list("pk", flat=True)),
        "workplaces": list(practitioner.locations.filter(clinic=clinic)
                           .values_list("pk", flat=True)),
    }


def _set_practitioner_m2m(practitioner, clinic, values: dict) -> None:
    for name in ("languages", "modalities", "specialties", "conditions"):
        getattr(practitioner, name).set(values[name])
    # Only this clinic's workplaces: the practitioner may also work elsewhere.
    wanted = set(values["workplaces"])
    current = practitioner.locations.filter(clinic=clinic)
    practitioner.locations.remove(*[loc for loc in current if loc.pk not in wanted])
    practitioner.locations.add(*clinic.locations.filter(pk__in=wanted))


def _practitioner_m2m_models(practitioner) -> dict:
    return {name: getattr(practitioner, name).model
            for name in ("languages", "modalities", "specialties", "conditions")} | {
        "workplaces": Location}


@transaction.atomic
def save_owner_practitioner(*, practitioner, clinic: Clinic, related: dict,
                            by: AbstractBaseUser):
    """Add or edit a practitioner at `clinic` as an owner; live at once, queued for review.

    `related` holds the chosen languages, modalities, specialties, conditions and this
    clinic's locations they work at ("workplaces"). Changing "accepting new patients" stamps
    its as-of date.
    """
    from .models import Practitioner

    values = {name: [obj.pk for obj in objs] for name, objs in related.items()}
    if not values["workplaces"]:
        raise ValidationError({"workplaces": "Choose at least one location they work at."})
    is_new = practitioner.pk is None
    if is_new:
        practitioner.slug = unique_slug(Practitioner, practitioner.name)
        before = None
        if practitioner.accepting_new_patients:
            practitioner.accepting_as_of = timezone.localdate()
    else:
        before = _practitioner_m2m(practitioner, clinic)
        stored = Practitioner.objects.get(pk=practitioner.pk)
        if stored.accepting_new_patients != practitioner.accepting_new_patients:
            practitioner.accepting_as_of = timezone.localdate()
    _attribute(practitioner, by=by,
               reason="Added by an owner" if is_new else "Edited by an owner")
    practitioner.full_clean()
    practitioner.save()
    _set_practitioner_m2m(practitioner, clinic, values)
    search_index.refresh(practitioner_ids=[practitioner.pk])
    if before is None:
        _record_owner_edit(obj=practitioner, clinic=clinic, by=by)
    else:
        _record_owner_edit(obj=practitioner, clinic=clinic, by=by, m2m_before=before,
                           m2m_after=values, m2m_models=_practitioner_m2m_models(practitioner))
    return practitioner


@transaction.atomic
def submit_credential(*, credential: Credential, clinic: Clinic, by: AbstractBaseUser):
    """Add or change one credential as an owner; it waits for staff as "submitted".

    Only this credential changes, so the practitioner stays vetted while any other verified,
    unexpired licence remains.
    """
    is_new = credential.pk is None
    credential.status = Credential.Status.SUBMITTED
    credential.verified_by, credential.verified_at = None, None
    credential.method, credential.source, credential.next_check_due = "", "", None
    credential.rejection_reason = ""
    _attribute(credential, by=by,
               reason="Submitted by an owner" if is_new else "Changed by an owner")
    credential.full_clean()
    credential.save()
    search_index.refresh(practitioner_ids=[credential.practitioner_id])
    _record_owner_edit(obj=credential, clinic=clinic, by=by)
    return credential


def mark_edits_reviewed(*, edits, by: AbstractBaseUser) -> int:
    """Staff looked at these edits and keep them."""
    from .models import OwnerEdit

    return edits.filter(reviewed_at__isnull=True).update(
        reviewed_by=by, reviewed_at=timezone.now(), outcome=OwnerEdit.Outcome.KEPT
    )


@transaction.atomic
def revert_owner_edit(*, edit, by: AbstractBaseUser):
    """Restore the version from before this edit (fields and many-to-many choices).

    Only the newest change to a record can be reverted, so a revert never silently undoes a
    later edit; a record the owner added is removed in its own admin page instead.
    """
    from .models import Clinic as ClinicModel
    from .models import OwnerEdit, Practitioner

    model = edit.content_type.model_class()
    history = model.history.model.objects.filter(id=edit.object_id)
    record = history.filter(history_id=edit.history_id).first()
    if record is None or edit.outcome == OwnerEdit.Outcome.REVERTED:
        raise ValidationError("There is nothing left to revert for this edit.")
    if history.order_by("-history_date", "-history_id").first().history_id != edit.history_id:
        raise ValidationError("The record changed again since; revert the newer edit first.")
    previous = record.prev_record
    if previous is None:
        raise ValidationError("This edit added the record; delete it on its own admin page.")
    instance = previous.instance
    if isinstance(instance, Location) and instance.lat is not None:
        instance.set_point(instance.lat, instance.lng)
    _attribute(instance, by=by, reason=f"Reverted owner edit #{edit.pk} ({by})")
    instance.save()
    if isinstance(instance, ClinicModel) and "payers" in edit.m2m_before:
        instance.payers.set(edit.m2m_before["payers"])
    if isinstance(instance, Practitioner) and edit.m2m_before:
        _set_practitioner_m2m(instance, edit.clinic, edit.m2m_before)
    search_index.refresh(
        clinic_ids=[instance.pk] if isinstance(instance, ClinicModel) else [],
        location_ids=[instance.pk] if isinstance(instance, Location) else [],
        practitioner_ids=[instance.pk] if isinstance(instance, Practitioner)
        else [instance.practitioner_id] if isinstance(instance, Credential) else [],
    )
    edit.reviewed_by, edit.reviewed_at = by, timezone.now()
    edit.outcome = OwnerEdit.Outcome.REVERTED
    edit.save()
    return instance


# Patient enquiries


def account_email_allowed(*, ip_hash: str, address: str) -> bool:
    """Whether another account email may go out for this request, and if so count it.

    An address gets at most ACCOUNT_EMAILS_PER_ADDRESS_PER_HOUR and a connection at most
    ACCOUNT_EMAILS_PER_IP_PER_HOUR, whether or not an account exists, so the limit says
    nothing about who has one. Counts live in the database, shared by every process.
    """
    from django.utils.crypto import salted_hmac

    from .models import AccountEmail

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


def sender_rate_limited(*, model, ip_hash: str) -> bool:
    """True once one sender saved SENDER_LIMIT_PER_HOUR rows of `model` in the last hour.

    `model` is ContactRequest or ListingReport; both keep the sender's IP hash.
    """
    since = timezone.now() - timedelta(hours=1)
    return model.objects.filter(
        ip_hash=ip_hash, created_at__gte=since
    ).count() >= SENDER_LIMIT_PER_HOUR


def submit_contact_request(*, contact_request):
    """Save the enquiry first (its own transaction), then try to email the clinic.

    The request is kept whatever the email does; a failure leaves it "email pending" for
    the retry_contact_emails command.
    """
    from .models import ContactRequest

    with transaction.atomic():
        contact_request.status = ContactRequest.Status.NEW
        contact_request.email_status = ContactRequest.EmailStatus.PENDING
        contact_request.full_clean()
        contact_request.save()
    deliver_contact_request(contact_request=contact_request)
    return contact_request


def deliver_contact_request(*, contact_request) -> bool:
    """Tell the clinic's members about one pending enquiry; True if the email went out.

    Each attempt is claimed with a conditional update, so two runs never send it twice.
    """
    import logging

    from django.db.models import F

    from .models import ContactRequest
    from .owners import emails

    pending = ContactRequest.objects.filter(
        pk=contact_request.pk, email_status=ContactRequest.EmailStatus.PENDING,
        email_attempts=contact_request.email_attempts,
    )
    if not pending.update(email_attempts=F("email_attempts") + 1):
        return False
    contact_request.email_attempts += 1
    try:
        recipients = _members_emails(contact_request.clinic)
        if not recipients:
            raise RuntimeError("The clinic has no members with an email address.")
        emails.send_contact_request(contact_request=contact_request, to=recipients)
    except Exception as error:  # any failure of the mail system keeps the request pending
        logging.getLogger(__name__).warning(
            "Contact request %s not emailed (attempt %s): %r",
            contact_request.pk, contact_request.email_attempts, error,
        )
        contact_request.email_last_error = f"{type(error).__name__}: {error}"[:1000]
        ContactRequest.objects.filter(pk=contact_request.pk).update(
            email_last_error=contact_request.email_last_error
        )
        return False
    contact_request.email_status = ContactRequest.EmailStatus.SENT
    contact_request.emailed_at = timezone.now()
    contact_request.email_last_error = ""
    ContactRequest.objects.filter(pk=contact_request.pk).update(
        email_status=contact_request.email_status, emailed_at=contact_request.emailed_at,
        email_last_error="",
    )
    return True


def retry_contact_emails() -> tuple[int, int]:
    """Try every pending enquiry email again; returns (sent, still pending)."""
    from .models import ContactRequest

    sent = failed = 0
    for contact_request in ContactRequest.objects.email_pending().select_related("clinic"):
        if deliver_contact_request(contact_request=contact_request):
            sent += 1
        else:
            failed += 1
    return sent, failed


def set_contact_request_status(*, contact_request, status: str, by: AbstractBaseUser):
    """The clinic marks an enquiry new, read or replied."""
    from .models import ContactRequest

    if status not in ContactRequest.Status.values:
        raise ValidationError({"status": "Choose new, read or replied."})
    contact_request.status = status
    contact_request.save(update_fields=["status"])
    return contact_request


# Reports of wrong information


def submit_report(*, report):
    """Save a visitor's report for staff, then tell the clinic's members by email."""
    import logging

    from .owners import emails

    with transaction.atomic():
        report.full_clean()
        report.save()
    recipients = _members_emails(report.clinic)
    if recipients:
        try:
            emails.send_report(report=report, to=recipients)
        except Exception:  # the report is saved and shown on the dashboard regardless
            logging.getLogger(__name__).exception("Report %s not emailed", report.pk)
    return report


def close_report(*, report, by: AbstractBaseUser, status: str, note: str = ""):
    """Staff resolve (the listing was fixed) or dismiss (nothing wrong) a report."""
    from .models import ListingReport

    if status not in (ListingReport.Status.RESOLVED, ListingReport.Status.DISMISSED):
        raise ValidationError({"status": "Choose resolved or dismissed."})
    report.status = status
    report.staff_note = note.strip()
    report.handled_by, report.handled_at = by, timezone.now()
    report.full_clean()
    report.save()
    return report
