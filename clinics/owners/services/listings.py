"""Owners' self-service edits to their listings, and staff's review of them.

Every owner edit goes live at once and is recorded as an OwnerEdit for staff to look over,
except owner-written text (a clinic's description, a practitioner's bio) that trips one of
the editorial checks: that text is held on the OwnerEdit, the listing keeps its previous
text, and staff accept it (with a reason) or reject it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any, cast

from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils import timezone

from clinics import freshness
from clinics.models import (
    Clinic,
    ClinicMembership,
    Condition,
    Credential,
    Language,
    Location,
    Modality,
    Payer,
    Practitioner,
    Specialty,
)
from clinics.services import (
    attribute,
    locate,
    retire_replaced_document,
    save_location,
    unique_slug,
)
from directory import editorial_checks

from ..models import OwnerEdit

# The records owners edit (each keeps its history); an OwnerEdit points at one of them.
Listed = Clinic | Location | Practitioner | Credential
# What an owner chooses in a many-to-many field: insurers, vocabulary terms, workplaces.
Chosen = Payer | Language | Modality | Specialty | Condition | Location

# Stamped by the services when a claim changes; the change itself is what staff review.
_STAMPS = {"insurance_as_of", "prices_as_of", "telehealth_as_of"}

_M2M_LABELS = {
    "payers": "insurance accepted", "languages": "languages", "modalities": "treatments",
    "specialties": "specialties", "conditions": "conditions treated", "workplaces": "works at",
}


def _display(field: models.Field[Any, Any], value: object) -> str:
    if value is None or value == "":
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    if field.get_internal_type() == "FileField":
        return "a new document"
    return str(value)


def _m2m_names(model: type[Chosen], ids: Iterable[int]) -> str:
    return ", ".join(str(obj) for obj in model.objects.filter(pk__in=ids)) or "—"


# Owner-written prose that the editorial checks read before it goes live.
CHECKED_TEXT: dict[type[models.Model], tuple[str, ...]] = {
    Clinic: ("description",), Practitioner: ("bio",)}


class Held:
    """Owner text taken off a record because it tripped a check, with the warnings."""

    def __init__(self) -> None:
        self.text: dict[str, str] = {}
        self.warnings: list[dict[str, str]] = []
        self.changed: set[str] = set()  # checked fields the owner changed, held or not


def _hold_flagged_text(obj: Clinic | Practitioner, *, by: User) -> Held:
    """Put back the previous text (blank for a new record) of each checked field whose new
    text trips an editorial check, and return what was held. Staff are not checked: their
    words go through the article rules, not these."""
    held = Held()
    if by.is_staff:
        return held
    names = CHECKED_TEXT[type(obj)]
    stored = type(obj).objects.filter(pk=obj.pk).values(*names).first() if obj.pk else None
    for name in names:
        text, before = getattr(obj, name), (stored[name] if stored else "")
        if text == before:
            continue
        held.changed.add(name)
        field = cast("models.Field[Any, Any]", obj._meta.get_field(name))  # a text column
        label = str(field.verbose_name)
        found = editorial_checks.check_text(text, field=label)
        if found:
            held.text[name] = text
            held.warnings += [w.as_dict() for w in found]
            setattr(obj, name, before)
    return held


def _record_owner_edit(*, obj: Listed, clinic: Clinic, by: User,
                       m2m_before: Mapping[str, list[int]] | None = None,
                       m2m_after: Mapping[str, list[int]] | None = None,
                       m2m_models: Mapping[str, type[Chosen]] | None = None,
                       held: Held | None = None,
                       ) -> OwnerEdit | None:
    """Queue an owner's change for staff review; staff's own changes are not queued.

    Text held earlier for a field the owner has now changed again is marked replaced: only
    the newest words wait for staff.
    """
    if by.is_staff:
        return None
    held = held or Held()
    content_type = ContentType.objects.get_for_model(obj)
    if held.changed:
        for earlier in OwnerEdit.objects.holding_text().filter(
                content_type=content_type, object_id=obj.pk):
            if held.changed & set(earlier.held_text):
                earlier.text_status = OwnerEdit.TextStatus.REPLACED
                earlier.reviewed_at = timezone.now()
                earlier.save(update_fields=["text_status", "reviewed_at"])
    record = obj.history.order_by("-history_date", "-history_id").first()
    previous = record.prev_record
    changes = []
    if previous is not None:
        for change in record.diff_against(previous).changes:
            if change.field in _STAMPS:
                continue
            # History diffs name the model's own (concrete) fields, never a relation's
            # reverse side or a generic foreign key.
            field = cast("models.Field[Any, Any]", obj._meta.get_field(change.field))
            changes.append({"field": change.field, "label": str(field.verbose_name),
                            "before": _display(field, change.old),
                            "after": _display(field, change.new)})
    m2m_before, m2m_after = m2m_before or {}, m2m_after or {}
    for name, before in m2m_before.items():
        after = m2m_after[name]
        if set(before) != set(after):
            assert m2m_models is not None, "m2m_before needs m2m_models to name the choices"
            changes.append({"field": name, "label": _M2M_LABELS.get(name, name),
                            "before": _m2m_names(m2m_models[name], before),
                            "after": _m2m_names(m2m_models[name], after)})
    if previous is not None and not changes and not held.text:
        return None
    return OwnerEdit.objects.create(
        clinic=clinic, user=by, content_type=content_type,
        object_id=obj.pk, object_repr=str(obj)[:200], history_id=record.history_id,
        action=OwnerEdit.Action.CHANGED if previous else OwnerEdit.Action.CREATED,
        changes=changes, m2m_before={k: sorted(v) for k, v in m2m_before.items()},
        held_text=held.text, warnings=held.warnings,
        text_status=OwnerEdit.TextStatus.HELD if held.text else "",
    )


def create_listing(*, clinic: Clinic, location: Location, payers: Iterable[Payer],
                   by: User) -> Clinic:
    """A new clinic with its first location, pending review; the creator becomes its owner.

    An address the geocoder cannot place is a field error, and then nothing is saved. The
    address is placed before the transaction opens, so a slow geocoder holds no locks.
    """
    place = locate(location)
    with transaction.atomic():
        clinic.slug = unique_slug(Clinic, clinic.name)
        clinic.status = Clinic.Status.PENDING
        clinic.status_reason = ""
        clinic.insurance_as_of = clinic.prices_as_of = timezone.localdate()
        held = _hold_flagged_text(clinic, by=by)
        attribute(clinic, by=by, reason="Listing created by its owner")
        clinic.full_clean()
        clinic.save()
        clinic.payers.set(payers)
        location.clinic = clinic
        attribute(location, by=by, reason="Listing created by its owner")
        save_location(location=location, place=place)
        membership = ClinicMembership(user=by, clinic=clinic, role=ClinicMembership.Role.OWNER)
        attribute(membership, by=by, reason="Created the listing")
        membership.full_clean()
        membership.save()
        if held.text:  # a new listing is reviewed anyway; the held text waits with it
            _record_owner_edit(obj=clinic, clinic=clinic, by=by, held=held)
    return clinic


@transaction.atomic
def update_clinic(*, clinic: Clinic, payers: Collection[Payer], by: User) -> Clinic:
    """An owner's edit to the clinic's details; live at once, queued for review. Changing
    the insurers or the prices stamps that claim's as-of date."""
    before = {"payers": list(clinic.payers.values_list("pk", flat=True))}
    today = timezone.localdate()
    if set(before["payers"]) != {payer.pk for payer in payers}:
        clinic.insurance_as_of = today
    if clinic.pk is not None:
        stored = Clinic.objects.get(pk=clinic.pk)
        if (stored.first_visit_price, stored.sliding_scale) != (clinic.first_visit_price,
                                                                clinic.sliding_scale):
            clinic.prices_as_of = today
    held = _hold_flagged_text(clinic, by=by)
    attribute(clinic, by=by, reason="Edited by an owner")
    clinic.full_clean()
    clinic.save()
    clinic.payers.set(payers)
    after = {"payers": [payer.pk for payer in payers]}
    _record_owner_edit(obj=clinic, clinic=clinic, by=by, m2m_before=before, m2m_after=after,
                       m2m_models={"payers": clinic.payers.model}, held=held)
    return clinic


def confirm_listing(*, clinic: Clinic, by: User) -> Clinic:
    """The owner says every detail is current: stamp it and each claim's as-of date."""
    return freshness.confirm_details(clinic=clinic, by=by,
                                     reason="Owner confirmed the listing is up to date")


def request_review(*, clinic: Clinic, by: User) -> Clinic:
    """Send a draft or suspended listing back to staff for review."""
    if clinic.status not in (Clinic.Status.DRAFT, Clinic.Status.SUSPENDED):
        raise ValidationError("Only a draft or suspended listing can be sent for review.")
    clinic.status = Clinic.Status.PENDING
    attribute(clinic, by=by, reason="Owner asked for a review")
    clinic.save(update_fields=["status", "updated_at"])
    return clinic


def save_owner_location(*, location: Location, by: User) -> Location:
    """Add or change a location as an owner: geocoded (before the transaction opens), live
    at once, queued for review."""
    place = locate(location)
    with transaction.atomic():
        attribute(location, by=by, reason="Edited by an owner")
        save_location(location=location, place=place)
        _record_owner_edit(obj=location, clinic=location.clinic, by=by)
    return location


def _practitioner_m2m(practitioner: Practitioner, clinic: Clinic) -> dict[str, list[int]]:
    return {
        "languages": list(practitioner.languages.values_list("pk", flat=True)),
        "modalities": list(practitioner.modalities.values_list("pk", flat=True)),
        "specialties": list(practitioner.specialties.values_list("pk", flat=True)),
        "conditions": list(practitioner.conditions.values_list("pk", flat=True)),
        "workplaces": list(practitioner.locations.filter(clinic=clinic)
                           .values_list("pk", flat=True)),
    }


def _set_practitioner_m2m(practitioner: Practitioner, clinic: Clinic,
                          values: Mapping[str, Iterable[int]]) -> None:
    for name in ("languages", "modalities", "specialties", "conditions"):
        getattr(practitioner, name).set(values[name])
    # Only this clinic's workplaces: the practitioner may also work elsewhere.
    wanted = set(values["workplaces"])
    current = practitioner.locations.filter(clinic=clinic)
    practitioner.locations.remove(*[loc for loc in current if loc.pk not in wanted])
    practitioner.locations.add(*clinic.locations.filter(pk__in=wanted))


def _practitioner_m2m_models(practitioner: Practitioner) -> dict[str, type[Chosen]]:
    return {name: getattr(practitioner, name).model
            for name in ("languages", "modalities", "specialties", "conditions")} | {
        "workplaces": Location}


@transaction.atomic
def save_owner_practitioner(*, practitioner: Practitioner, clinic: Clinic,
                            related: Mapping[str, Iterable[Chosen]],
                            by: User) -> Practitioner:
    """Add or edit a practitioner at `clinic` as an owner; live at once, queued for review.

    `related` holds the chosen languages, modalities, specialties, conditions and this
    clinic's locations they work at ("workplaces"). Changing "accepting new patients" or
    telehealth stamps that claim's as-of date.
    """
    values = {name: [obj.pk for obj in objs] for name, objs in related.items()}
    if not values["workplaces"]:
        raise ValidationError({"workplaces": "Choose at least one location they work at."})
    is_new = practitioner.pk is None
    if is_new:
        practitioner.slug = unique_slug(Practitioner, practitioner.name)
        before = None
        if practitioner.accepting_new_patients:
            practitioner.accepting_as_of = timezone.localdate()
        practitioner.telehealth_as_of = timezone.localdate()
    else:
        before = _practitioner_m2m(practitioner, clinic)
        stored = Practitioner.objects.get(pk=practitioner.pk)
        if stored.accepting_new_patients != practitioner.accepting_new_patients:
            practitioner.accepting_as_of = timezone.localdate()
        if stored.telehealth != practitioner.telehealth:
            practitioner.telehealth_as_of = timezone.localdate()
    held = _hold_flagged_text(practitioner, by=by)
    attribute(practitioner, by=by,
               reason="Added by an owner" if is_new else "Edited by an owner")
    practitioner.full_clean()
    practitioner.save()
    _set_practitioner_m2m(practitioner, clinic, values)
    if before is None:
        _record_owner_edit(obj=practitioner, clinic=clinic, by=by, held=held)
    else:
        _record_owner_edit(obj=practitioner, clinic=clinic, by=by, m2m_before=before,
                           m2m_after=values, m2m_models=_practitioner_m2m_models(practitioner),
                           held=held)
    return practitioner


@transaction.atomic
def submit_credential(*, credential: Credential, clinic: Clinic, by: User) -> Credential:
    """Add or change one credential as an owner; it waits for staff as "submitted".

    Only this credential changes, so the practitioner stays vetted while any other verified,
    unexpired licence remains.
    """
    is_new = credential.pk is None
    previous_document = "" if is_new else (
        Credential.objects.filter(pk=credential.pk).values_list("document", flat=True).get())
    credential.status = Credential.Status.SUBMITTED
    credential.verified_by, credential.verified_at = None, None
    credential.method, credential.source, credential.next_check_due = "", "", None
    credential.rejection_reason = ""
    attribute(credential, by=by,
               reason="Submitted by an owner" if is_new else "Changed by an owner")
    credential.full_clean()
    credential.save()
    retire_replaced_document(credential=credential, previous_name=previous_document, by=by)
    _record_owner_edit(obj=credential, clinic=clinic, by=by)
    return credential


def mark_edits_reviewed(*, edits: QuerySet[OwnerEdit], by: User) -> int:
    """Staff looked at these edits and keep them; held text needs its own decision."""
    return edits.filter(reviewed_at__isnull=True).exclude(
        text_status=OwnerEdit.TextStatus.HELD).update(
        reviewed_by=by, reviewed_at=timezone.now(), outcome=OwnerEdit.Outcome.KEPT
    )


@transaction.atomic
def revert_owner_edit(*, edit: OwnerEdit, by: User) -> Listed:
    """Restore the version from before this edit (fields and many-to-many choices).

    Only the newest change to a record can be reverted, so a revert never silently undoes a
    later edit; a record the owner added is removed in its own admin page instead.
    """
    # An OwnerEdit only ever points at one of the listing models, each with its history.
    model = cast("type[Listed]", edit.content_type.model_class())
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
    if isinstance(instance, Location) and instance.lat is not None and instance.lng is not None:
        instance.set_point(instance.lat, instance.lng)
    attribute(instance, by=by, reason=f"Reverted owner edit #{edit.pk} ({by})")
    instance.save()
    if isinstance(instance, Clinic) and "payers" in edit.m2m_before:
        instance.payers.set(edit.m2m_before["payers"])
    if isinstance(instance, Practitioner) and edit.m2m_before:
        _set_practitioner_m2m(instance, edit.clinic, edit.m2m_before)
    edit.reviewed_by, edit.reviewed_at = by, timezone.now()
    edit.outcome = OwnerEdit.Outcome.REVERTED
    if edit.text_status == OwnerEdit.TextStatus.HELD:
        edit.text_status = OwnerEdit.TextStatus.REJECTED
        edit.decision_reason = "The whole edit was reverted."
    edit.save()
    return instance


def _decide_held_text(*, edit: OwnerEdit, by: User, reason: str) -> OwnerEdit:
    if not (reason or "").strip():
        raise ValidationError({"decision_reason": "Give a reason; the owner will see it."})
    edit = OwnerEdit.objects.select_for_update().get(pk=edit.pk)
    if edit.text_status != OwnerEdit.TextStatus.HELD:
        raise ValidationError("This edit has no text waiting for a decision.")
    edit.decision_reason = reason.strip()
    edit.reviewed_by, edit.reviewed_at = by, timezone.now()
    edit.outcome = OwnerEdit.Outcome.KEPT
    return edit


@transaction.atomic
def accept_held_text(*, edit: OwnerEdit, by: User, reason: str) -> OwnerEdit:
    """Staff publish owner text that tripped a check, recording why it may stand."""
    edit = _decide_held_text(edit=edit, by=by, reason=reason)
    model = cast("type[Clinic] | type[Practitioner]", edit.content_type.model_class())
    obj = model.objects.get(pk=edit.object_id)
    for name, text in edit.held_text.items():
        setattr(obj, name, text)
    attribute(obj, by=by, reason=f"Held owner text accepted (edit #{edit.pk}): {edit.decision_reason}")
    obj.full_clean()
    obj.save()
    edit.text_status = OwnerEdit.TextStatus.ACCEPTED
    edit.save()
    return edit


@transaction.atomic
def reject_held_text(*, edit: OwnerEdit, by: User, reason: str) -> OwnerEdit:
    """Staff refuse held owner text; the listing keeps the text it had."""
    edit = _decide_held_text(edit=edit, by=by, reason=reason)
    edit.text_status = OwnerEdit.TextStatus.REJECTED
    edit.save()
    return edit
