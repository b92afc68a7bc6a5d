"""Writes to the directory that carry a rule: moderation, verification, geocoding on save.

The owners' own writes (claims, self-service edits, enquiries) are in clinics/owners/."""

import logging
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import slugify

from . import geocoding
from .models import Clinic, Credential, CredentialCheck, Location, RetiredDocument
from .storage import document_storage

log = logging.getLogger(__name__)

RECREDENTIAL_INTERVAL = timedelta(days=3 * 365)


def unique_slug(model: type[models.Model], text: str, *, max_length: int = 60) -> str:
    """A slug from `text` that no row of `model` uses yet (adds -2, -3 ... when taken)."""
    base = slugify(text)[:max_length].strip("-") or "listing"
    slug, n = base, 1
    while model._default_manager.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def publish_clinic(*, clinic: Clinic, by: User) -> Clinic:
    """Make a clinic public; its vetted practitioners appear in search from now on."""
    clinic.status = Clinic.Status.PUBLISHED
    clinic.status_reason = ""
    attribute(clinic, by=by, reason=f"Published by {by}")
    clinic.full_clean()
    clinic.save()
    return clinic


@transaction.atomic
def suspend_clinic(*, clinic: Clinic, by: User, reason: str) -> Clinic:
    """Take a clinic off the public site; the reason is shown to its owners."""
    if not reason or not reason.strip():
        raise ValidationError({"reason": "Give a reason for suspending the clinic."})
    clinic.status = Clinic.Status.SUSPENDED
    clinic.status_reason = reason.strip()
    attribute(clinic, by=by, reason=f"Suspended by {by}: {clinic.status_reason}")
    clinic.full_clean()
    clinic.save()
    return clinic


@transaction.atomic
def record_check(
    *,
    credential: Credential,
    by: User,
    outcome: str,
    method: str,
    source: str,
    expires_on: date | None,
    next_check_due: date | None = None,
    note: str = "",
) -> CredentialCheck:
    """Add a primary-source check to the credential's history and make it the current state.

    A check is never changed afterwards: checking again adds another. The credential's own
    columns (what search and "vetted" read) are set from this check, and saving it refreshes
    the search index at once (clinics/search/index.py).
    """
    today = timezone.localdate()
    source, note = (source or "").strip(), (note or "").strip()
    errors = {}
    if outcome not in CredentialCheck.Outcome.values:
        errors["outcome"] = "Choose what the board said."
    if method not in Credential.Method.values:
        errors["method"] = "Choose how the credential was checked."
    if not source:
        errors["source"] = "Name the board or the lookup URL that was checked."
    if outcome == CredentialCheck.Outcome.CURRENT:
        if expires_on is None:
            errors["expires_on"] = "Give the expiry date the board reports."
        elif expires_on < today:
            errors["expires_on"] = ("The board reports this credential as expired: record "
                                    "it as lapsed, or reject it instead.")
        if next_check_due is not None and next_check_due < today:
            errors["next_check_due"] = "The next check cannot be in the past."
    elif outcome in (CredentialCheck.Outcome.LAPSED, CredentialCheck.Outcome.REJECTED) and (
            not note):
        errors["note"] = "Say what the board reported; the owners see it."
    if errors:
        raise ValidationError(errors)
    checked_at = timezone.now()
    if outcome == CredentialCheck.Outcome.CURRENT:
        assert expires_on is not None  # validated above
        # Plans re-credential every 36 months; check again then, or at expiry if sooner. The
        # day counts from the site's date, not UTC's, which is a day ahead in the evening.
        next_check_due = next_check_due or min(
            expires_on, timezone.localdate(checked_at) + RECREDENTIAL_INTERVAL)
        credential.status = Credential.Status.VERIFIED
        credential.rejection_reason = ""
    else:
        next_check_due = None
        credential.status = (Credential.Status.EXPIRED if outcome == CredentialCheck.Outcome.LAPSED
                             else Credential.Status.REJECTED)
        credential.rejection_reason = note
    check = CredentialCheck(
        credential=credential, checked_by=by, checked_at=checked_at, method=method,
        source=source, outcome=outcome, expires_on=expires_on, next_check_due=next_check_due,
        note=note)
    check.full_clean()
    check.save()
    credential.verified_by, credential.verified_at = by, checked_at
    credential.method, credential.source, credential.note = method, source, note
    if expires_on is not None:
        credential.expires_on = expires_on
    credential.next_check_due = next_check_due
    attribute(credential, by=by,
              reason=f"Checked by {by} via {source}: {check.get_outcome_display().lower()}")
    credential.full_clean()
    credential.save()
    log.info("credential %s checked by %s via %s: %s", credential.pk, by, source, outcome)
    return check


def verify_credential(
    *,
    credential: Credential,
    by: User,
    method: str,
    source: str,
    expires_on: date,
    next_check_due: date | None = None,
    note: str = "",
) -> Credential:
    """Record a primary-source check that found the credential current; a verified licence
    vets its practitioner from now on."""
    record_check(credential=credential, by=by, outcome=CredentialCheck.Outcome.CURRENT,
                 method=method, source=source, expires_on=expires_on,
                 next_check_due=next_check_due, note=note)
    return credential


@transaction.atomic
def reject_credential(*, credential: Credential, by: User, reason: str) -> Credential:
    """Refuse a credential; it never counts towards vetting. The refusal joins its checks."""
    if not reason or not reason.strip():
        raise ValidationError({"reason": "Give a reason for rejecting the credential."})
    now = timezone.now()
    CredentialCheck.objects.create(
        credential=credential, checked_by=by, checked_at=now,
        outcome=CredentialCheck.Outcome.REJECTED, note=reason.strip(),
        expires_on=credential.expires_on)
    credential.status = Credential.Status.REJECTED
    credential.rejection_reason = reason.strip()
    credential.verified_by = by
    credential.verified_at = now
    credential.next_check_due = None
    attribute(credential, by=by, reason=f"Rejected by {by}: {credential.rejection_reason}")
    credential.full_clean()
    credential.save()
    log.info("credential %s rejected by %s", credential.pk, by)
    return credential


@transaction.atomic
def mark_credential_lapsed(*, credential: Credential) -> Credential:
    """A verified credential past its expiry date becomes "expired" (the daily sweep).

    It already stopped counting the day after it expired (vetting compares dates when it
    runs); this makes the stored status say so, and takes it out of the due-check queue.
    """
    if credential.expires_on is None or credential.expires_on >= timezone.localdate():
        raise ValidationError({"expires_on": "This credential has not expired."})
    credential.status = Credential.Status.EXPIRED
    credential.next_check_due = None
    attribute(credential, by=None,
              reason=f"Marked expired by the daily sweep: expired on {credential.expires_on}")
    credential.full_clean()
    credential.save()
    log.info("credential %s marked expired (expired on %s)", credential.pk,
             credential.expires_on)
    return credential


NOT_FOUND = "We could not find this address. Check the ZIP code and city."
UNAVAILABLE = ("We couldn't check this address just now: our map service is not answering. "
               "Please try again in a few minutes.")


def locate(location: Location) -> geocoding.Place:
    """Where the location's address is; an address that cannot be placed is a field error.

    Call it before opening a transaction (geocoding refuses to run inside one): a
    geocoder can take seconds, and a transaction held open meanwhile blocks other writers.
    """
    try:
        place = geocoding.geocode_address(
            street=location.street, city=location.city, state=location.state,
            zip_code=location.zip_code,
        )
    except geocoding.GeocodingUnavailable:
        raise ValidationError({"zip_code": UNAVAILABLE}) from None
    if place is None:
        raise ValidationError({"zip_code": NOT_FOUND})
    return place


def save_location(*, location: Location, place: geocoding.Place | None = None) -> Location:
    """Save a location at `place`, or geocode its address first (outside the transaction).

    An address that cannot be placed is a field error, and then nothing is saved.
    """
    if place is None:
        place = locate(location)
    with transaction.atomic():
        location.set_point(place.lat, place.lng)
        location.geocode_source = place.source
        location.geocoded_at = timezone.now()
        location.full_clean()
        location.save()
    return location


@transaction.atomic
def send_back_clinic(*, clinic: Clinic, by: User, reason: str) -> Clinic:
    """Refuse to publish a listing for now: it goes back to its owners as a draft."""
    if not reason or not reason.strip():
        raise ValidationError({"reason": "Tell the owners what to change."})
    clinic.status = Clinic.Status.DRAFT
    clinic.status_reason = reason.strip()
    attribute(clinic, by=by, reason=f"Sent back by {by}: {clinic.status_reason}")
    clinic.full_clean()
    clinic.save()
    return clinic


def attribute(obj: models.Model, *, by: User | None, reason: str) -> None:
    """Name who made this save in its history row, in requests and outside them alike
    (django-simple-history reads these two attributes when it writes the row)."""
    setattr(obj, "_history_user", by)  # noqa: B010 (not declared on the models)
    setattr(obj, "_change_reason", reason)  # noqa: B010


def retire_replaced_document(*, credential: Credential, previous_name: str,
                             by: User | None) -> RetiredDocument | None:
    """Record that `credential` no longer points at `previous_name`, which is deleted once
    DOCUMENT_RETENTION_DAYS have passed (purge_replaced_documents)."""
    if not previous_name or previous_name == credential.document.name:
        return None
    retired = RetiredDocument(credential=credential, name=previous_name,
                              replaced_at=timezone.now(), replaced_by=by)
    attribute(retired, by=by, reason="Replaced by a newer document")
    retired.full_clean()
    retired.save()
    return retired


def record_orphaned_documents(*, now: datetime | None = None) -> list[RetiredDocument]:
    """Record as retired, from `now`, each stored credential file that no credential and no
    retirement record names: what a credential deleted outright (or its practitioner) left
    behind. The purge then deletes it once the retention period has passed."""
    now = now or timezone.now()
    folder = "credentials"  # where credential_document_path puts every upload
    try:
        stored = {f"{folder}/{name}" for name in document_storage().listdir(folder)[1]}
    except FileNotFoundError:  # on disk, before the first upload
        return []
    known = set(Credential.objects.filter(document__in=stored)
                .values_list("document", flat=True))
    known |= set(RetiredDocument.objects.filter(name__in=stored).values_list("name", flat=True))
    orphans = []
    for name in sorted(stored - known):
        orphan = RetiredDocument(name=name, replaced_at=now)
        attribute(orphan, by=None, reason="Found in storage with no credential naming it")
        orphan.save()
        orphans.append(orphan)
    return orphans


def purge_replaced_documents(*, now: datetime | None = None) -> list[RetiredDocument]:
    """Delete from document storage each replaced file past its retention period, and
    record when and why on its RetiredDocument (and in that row's history).

    A file that a credential points at again (a revert restored it) is left alone. Each file
    is handled in its own transaction, locked, so two purges at once delete it once; the row
    is marked before the file goes, and a failed delete rolls the mark back to try again.
    """
    now = now or timezone.now()
    days = settings.DOCUMENT_RETENTION_DAYS
    purged = []
    for pk in RetiredDocument.objects.due_for_deletion(now).values_list("pk", flat=True):
        with transaction.atomic():
            retired = (RetiredDocument.objects.select_for_update()
                       .due_for_deletion(now).filter(pk=pk).first())
            if retired is None or Credential.objects.filter(document=retired.name).exists():
                continue
            retired.deleted_at = now
            retired.deletion_reason = (
                f"Retention period over: replaced on "
                f"{timezone.localdate(retired.replaced_at):%Y-%m-%d}, kept {days} days "
                f"(DOCUMENT_RETENTION_DAYS).")
            attribute(retired, by=None, reason="Deleted the replaced document from storage")
            retired.save()
            document_storage().delete(retired.name)
        purged.append(retired)
    return purged
