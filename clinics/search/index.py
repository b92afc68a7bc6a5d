"""Writes the search index (clinics.models.SearchEntry) from the normalised tables.

A search reads one covering B-tree, (lat_band, lng, x, y, z, licence expiry, flags,
vocabulary bits, practitioner, workplace), and never joins: a dense 50-mile circle costs a
scan of index entries, not five lookups per candidate.

It is derived data, and it applies the one definition of "vetted" (clinics/models/listings.py)
split in two: rows exist only for Credential.objects.licences() holders at workplaces of
published clinics, not for practitioners held back by an exclusion-list match, and the
expiry date is applied when a search runs (SearchEntry.objects
.current()), so a licence stops counting the day it lapses without any job running.
refresh() rewrites the rows of whoever a write touched; rebuild() replaces them all in one
transaction, so a search never sees a half-built index. A test checks that the index and
Practitioner.objects.vetted() agree.

Each row also carries what a result card shows of the licence that keeps it listed (the one
expiring last: kind, state, when staff checked it), so a results page loads its details
from these rows and three joined tables in one query.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any, cast

from django.db import connection, transaction
from django.db.models import F, ManyToManyRel, Model, Q, signals
from django.utils import timezone

from clinics import scope
from clinics.models import (
    Clinic,
    Credential,
    DryNeedlingRule,
    Exclusion,
    Location,
    Modality,
    Payer,
    Practitioner,
    PractitionerCondition,
    PractitionerLocation,
    SearchEntry,
    has_barring_exclusion,
)
from clinics.models.search import Flag, bit, index_changed
from clinics.models.terms import DRY_NEEDLING_SLUG


def _bits_by_practitioner(through: type[Model], column: str,
                          practitioner_ids: Iterable[int]) -> dict[int, int]:
    bits: dict[int, int] = defaultdict(int)
    # _default_manager, as django-stubs knows no `objects` on a model class passed as a value;
    # each of these through models has only its plain `objects` manager.
    rows = through._default_manager.filter(practitioner_id__in=practitioner_ids).values_list(
        "practitioner_id", column)
    for practitioner_id, vocabulary_id in rows.iterator(chunk_size=10_000):
        bits[practitioner_id] |= bit(vocabulary_id)
    return bits


COLUMNS = ["workplace_id", "practitioner_id", "clinic_id", "location_id", "lat_band", "lng",
           "x", "y", "z", "licence_expires_on", "licence_kind", "licence_jurisdiction",
           "licence_verified_at", "confirmed_on", "flags", "conditions", "specialties", "modalities",
           "languages", "payers"]


def _write(rows: list[tuple]) -> None:
    """INSERT rows (in COLUMNS order) with executemany: the index is rebuilt for a million
    practitioners during load_demo, where bulk_create's per-object work doubled the time."""
    if not rows:
        return
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(SearchEntry._meta.db_table)} "  # noqa: S608 (model metadata)
           f"({', '.join(map(quote, COLUMNS))}) VALUES ({', '.join(['%s'] * len(COLUMNS))})")
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _entries_for(practitioner_ids: list[int]) -> list[tuple]:
    """Build the rows for these practitioners from the normalised tables (eight queries, and
    three more when a state prohibits dry needling for physical therapists)."""
    licences = {}
    for practitioner_id, *licence in (
        Credential.objects.licences().filter(practitioner_id__in=practitioner_ids,
                                             expires_on__isnull=False)
        .exclude(has_barring_exclusion("practitioner_id"))
        .order_by("practitioner_id", "expires_on", F("verified_at").asc(nulls_first=True))
        .values_list("practitioner_id", "expires_on", "kind", "jurisdiction", "verified_at")
    ):
        licences[practitioner_id] = licence  # in that order, the last one is the one shown
    if not licences:
        return []
    licensed = list(licences)
    conditions = _bits_by_practitioner(PractitionerCondition, "condition_id", licensed)
    specialties = _bits_by_practitioner(Practitioner.specialties.through, "specialty_id", licensed)
    modalities = _bits_by_practitioner(Practitioner.modalities.through, "modality_id", licensed)
    languages = _bits_by_practitioner(Practitioner.languages.through, "language_id", licensed)
    # Scope of practice (clinics/scope.py): a row where the state prohibits dry needling for
    # this practitioner carries Flag.DRY_NEEDLING_BARRED, so the rule needs no join at search
    # time. The treatment bit is only a pre-test here (it may be shared with another
    # treatment): a row flagged for a shared bit is harmless, as the flag is read only when
    # the search is for dry needling, which the exact EXISTS then confirms.
    prohibited = frozenset(DryNeedlingRule.objects.prohibited().values_list("state", flat=True))
    needling_states: dict[int, set[str]] = defaultdict(set)
    dry_needling_bit = 0
    if prohibited:
        dry_needling_id = Modality.objects.filter(slug=DRY_NEEDLING_SLUG).values_list(
            "pk", flat=True).first()
        dry_needling_bit = 0 if dry_needling_id is None else bit(dry_needling_id)
        for pid, state in (Credential.objects.filter(
                practitioner_id__in=licensed, kind__in=Credential.NEEDLING_LICENCE_KINDS,
                status=Credential.Status.VERIFIED).values_list("practitioner_id", "jurisdiction")):
            needling_states[pid].add(state)
    workplaces = (
        PractitionerLocation.objects.at_published_clinic()
        .filter(practitioner_id__in=licensed, location__lat_band__isnull=False)
        .values_list("id", "practitioner_id", "location_id", "location__clinic_id",
                     "location__lat_band", "location__lng", "location__x", "location__y",
                     "location__z", "location__clinic__sliding_scale",
                     "location__clinic__step_free_entrance", "practitioner__accepting_new_patients",
                     "practitioner__free_initial_consultation", "practitioner__telehealth",
                     "practitioner__gender", "location__state",
                     "location__clinic__last_confirmed_at", "location__clinic__created_at")
    )
    rows = list(workplaces.iterator(chunk_size=10_000))
    payers: dict[int, int] = defaultdict(int)
    clinic_ids = {row[3] for row in rows}
    for clinic_id, payer_id in Payer.clinics.through.objects.filter(
            clinic_id__in=clinic_ids).values_list("clinic_id", "payer_id"):
        payers[clinic_id] |= bit(payer_id)
    entries = []
    ops = connection.ops
    licence_columns = {
        pid: (ops.adapt_datefield_value(expires_on), kind, jurisdiction,
              ops.adapt_datetimefield_value(verified_at))
        for pid, (expires_on, kind, jurisdiction, verified_at) in licences.items()
    }
    for (workplace_id, pid, location_id, clinic_id, band, lng, x, y, z, sliding, step_free,
         accepting, consultation, telehealth, gender, state, confirmed_at, created_at) in rows:
        barred = bool(modalities[pid] & dry_needling_bit) and scope.dry_needling_barred(
            state=state, prohibited_states=prohibited, needling_licence_states=needling_states[pid])
        flags = ((Flag.ACCEPTING if accepting else 0) | (Flag.CONSULTATION if consultation else 0)
                 | (Flag.TELEHEALTH if telehealth else 0) | (Flag.SLIDING_SCALE if sliding else 0)
                 | (Flag.STEP_FREE if step_free else 0) | Flag.GENDER.get(gender, 0)
                 | (Flag.DRY_NEEDLING_BARRED if barred else 0))
        confirmed_on = ops.adapt_datefield_value(
            timezone.localdate(confirmed_at or created_at))
        entries.append((workplace_id, pid, clinic_id, location_id, band, lng, x, y, z,
                        *licence_columns[pid], confirmed_on, flags, conditions[pid], specialties[pid], modalities[pid],
                        languages[pid], payers[clinic_id]))
    return entries


@transaction.atomic
def refresh(*, practitioner_ids: Iterable[int] = (), clinic_ids: Iterable[int] = (),
            location_ids: Iterable[int] = ()) -> int:
    """Rewrite the rows of everyone touched by a change; returns how many rows now exist."""
    affected = set(practitioner_ids)
    if clinic_ids or location_ids:
        affected |= set(PractitionerLocation.objects.filter(
            Q(location__clinic_id__in=list(clinic_ids)) | Q(location_id__in=list(location_ids))
        ).values_list("practitioner_id", flat=True))
    if not affected:
        return 0
    ordered = sorted(affected)
    SearchEntry.objects.filter(practitioner_id__in=ordered).delete()
    entries = _entries_for(ordered)
    _write(entries)
    index_changed()
    return len(entries)


@transaction.atomic
def rebuild(*, chunk: int = 5000, progress: Callable[[int, int], None] | None = None) -> int:
    """Replace the whole index from the normalised tables, in chunks of practitioners.

    One transaction: searches meanwhile see the old index (PostgreSQL) or wait for the new
    one (SQLite), never an empty or half-built one; an interrupted rebuild leaves the old.
    """
    SearchEntry.objects.all().delete()
    ids = list(Credential.objects.licences().values_list("practitioner_id", flat=True)
               .distinct().order_by("practitioner_id"))
    written = 0
    for start in range(0, len(ids), chunk):
        entries = _entries_for(ids[start:start + chunk])
        _write(entries)
        written += len(entries)
        if progress:
            progress(min(start + chunk, len(ids)), len(ids))
    index_changed()
    return written


def refresh_statistics(*, whole_database: bool = False) -> None:
    """ANALYZE the index's table (or every table) after a bulk write: the planner's figures
    are what make both databases pick the covering index over a scan. On PostgreSQL, outside
    a transaction, VACUUM as well: index-only scans skip the table only for pages the
    visibility map marks all-visible, and only VACUUM sets them. Autovacuum gets there too,
    but only some time after a rewrite of the whole table."""
    target = "" if whole_database else " " + connection.ops.quote_name(SearchEntry._meta.db_table)
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute(("VACUUM ANALYZE" if vacuum else "ANALYZE") + target)


# --- Keeping the index in step ------------------------------------------------------------
# One mechanism for every write, whether it comes from a service, the admin or the shell:
# saving or deleting any row the index is built from refreshes the rows of whoever it
# touches. Bulk QuerySet.update() and raw SQL send no signals; load_demo, which writes raw
# rows, rebuilds the index instead.

# The models whose saves and deletes refresh the index (see connect_signals).
Indexed = (Clinic | Location | Practitioner | Credential | PractitionerLocation
           | PractitionerCondition | Exclusion | DryNeedlingRule)


def _refresh_for(sender: type[Model], instance: Indexed, **kwargs: Any) -> None:
    if isinstance(instance, DryNeedlingRule):
        # Everyone working in the state; the rule's admin keeps the state fixed once saved.
        refresh(location_ids=list(Location.objects.filter(state=instance.state)
                                  .values_list("pk", flat=True)))
    elif isinstance(instance, Clinic):
        refresh(clinic_ids=[instance.pk])
    elif isinstance(instance, Location):
        refresh(location_ids=[instance.pk])
    elif isinstance(instance, Practitioner):
        refresh(practitioner_ids=[instance.pk])
    else:  # Credential, PractitionerLocation, PractitionerCondition, Exclusion
        refresh(practitioner_ids=[instance.practitioner_id])


def _refresh_for_m2m(sender: type[Model], instance: Model, action: str, reverse: bool,
                     pk_set: set[int] | None, **kwargs: Any) -> None:
    """A many-to-many change on a practitioner (or on a clinic's insurers)."""
    if action == "pre_clear" and reverse:
        # Which practitioners (or clinics) lose the link is only known before the clear.
        related = getattr(instance, _reverse_accessor(sender, instance))
        pending_ids = list(related.values_list("pk", flat=True))
        setattr(instance, "_index_pending_ids", pending_ids)  # noqa: B010 (not a model field)
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    pending = getattr(instance, "_index_pending_ids", [])
    ids = list(pk_set or pending) if reverse else [instance.pk]
    if sender is Clinic.payers.through:
        refresh(clinic_ids=ids)
    else:
        refresh(practitioner_ids=ids)


def _reverse_accessor(through: type[Model], instance: Model) -> str:
    """The name of the many-to-many manager on `instance` (a vocabulary term, a location or
    a payer) that `through` serves."""
    for field in instance._meta.get_fields():
        # Only a reverse many-to-many (a ManyToManyRel) is auto-created with a `through`.
        if isinstance(field, ManyToManyRel) and field.auto_created and field.through is through:
            # None only for a symmetrical relation of a model to itself, which these are not.
            return cast(str, field.get_accessor_name())
    raise LookupError(f"{type(instance).__name__} has no relation through {through.__name__}")


def connect_signals() -> None:
    for model in (Clinic, Location, Practitioner, Credential, PractitionerLocation,
                  PractitionerCondition, Exclusion, DryNeedlingRule):
        signals.post_save.connect(_refresh_for, sender=model,
                                  dispatch_uid=f"search-index-save-{model.__name__}")
        signals.post_delete.connect(_refresh_for, sender=model,
                                    dispatch_uid=f"search-index-delete-{model.__name__}")
    for through in (Practitioner.locations.through, Practitioner.conditions.through,
                    Practitioner.specialties.through, Practitioner.modalities.through,
                    Practitioner.languages.through, Clinic.payers.through):
        signals.m2m_changed.connect(_refresh_for_m2m, sender=through,
                                    dispatch_uid=f"search-index-m2m-{through.__name__}")
