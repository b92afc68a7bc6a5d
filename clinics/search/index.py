"""The search index: one row per workplace (practitioner at a location of a published clinic)
with a verified licence, holding everything a search filters on as integers.

A search then reads one covering B-tree, (lat_band, lng, x, y, z, licence expiry, flags,
vocabulary bits, practitioner, workplace), and never joins: a dense 50-mile circle costs a scan of
index entries, not five lookups per candidate.

It is derived data. The rule it encodes is Practitioner.objects.vetted() split in two: the
published clinic and the verified licence are applied when a row is written here, and the
expiry date when a search runs (`licence_expires_on >= today`), so a licence stops counting
the day it lapses without any job running. Every write that can change a row calls
refresh(); `manage.py rebuild_search_index` rebuilds it all, and a test checks that the
index and vetted() agree.

Each row also carries what a result card shows of the licence that keeps it listed (the one
expiring last: kind, state, when staff checked it), so a results page loads its details
from these rows and three joined tables in one query.

Vocabulary ids map to bit (id % 62) of a 64-bit column. Ids below 62 are exact; for larger
ids the bit test is followed by an exact EXISTS (see clinics/filters.py).
"""

from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db import connection, models, transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import (
    Clinic,
    Credential,
    Location,
    Payer,
    Practitioner,
    PractitionerCondition,
    PractitionerLocation,
)

BITS = 62


class Flag:
    ACCEPTING = 1 << 0
    CONSULTATION = 1 << 1
    TELEHEALTH = 1 << 2
    SLIDING_SCALE = 1 << 3
    STEP_FREE = 1 << 4
    GENDER = {"female": 1 << 5, "male": 1 << 6, "nonbinary": 1 << 7}


def bit(vocabulary_id: int) -> int:
    return 1 << (vocabulary_id % BITS)


def mask(ids: Iterable[int]) -> int:
    result = 0
    for vocabulary_id in ids:
        result |= bit(vocabulary_id)
    return result


def exact(ids: Iterable[int]) -> bool:
    """Whether the bit test alone is exact for these ids."""
    return all(vocabulary_id < BITS for vocabulary_id in ids)


class SearchEntryQuerySet(models.QuerySet):
    def current(self):
        """Rows whose licence has not expired: with the row's existence, what vetted() means."""
        return self.filter(licence_expires_on__gte=timezone.localdate())


class SearchEntry(models.Model):
    workplace = models.OneToOneField(PractitionerLocation, on_delete=models.CASCADE,
                                     primary_key=True, related_name="search_entry")
    practitioner = models.ForeignKey(Practitioner, on_delete=models.CASCADE, related_name="+")
    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="+")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="+")
    lat_band = models.IntegerField()
    lng = models.FloatField()
    x = models.FloatField()
    y = models.FloatField()
    z = models.FloatField()
    licence_expires_on = models.DateField()
    # The licence expiring last (ties: the one checked last), shown on the result's badge.
    licence_kind = models.CharField(max_length=16, choices=Credential.Kind.choices)
    licence_jurisdiction = models.CharField(max_length=2, blank=True)
    licence_verified_at = models.DateTimeField(null=True)
    flags = models.IntegerField(default=0)
    conditions = models.BigIntegerField(default=0)
    specialties = models.BigIntegerField(default=0)
    modalities = models.BigIntegerField(default=0)
    languages = models.BigIntegerField(default=0)
    payers = models.BigIntegerField(default=0)

    objects = SearchEntryQuerySet.as_manager()

    class Meta:
        app_label = "clinics"
        verbose_name_plural = "search entries"
        indexes = [models.Index(
            fields=["lat_band", "lng", "x", "y", "z", "licence_expires_on", "flags",
                    "conditions", "specialties", "modalities", "languages", "payers",
                    "practitioner", "workplace"],
            name="search_entry_covering",
        )]

    def __str__(self):
        return f"search entry for workplace {self.workplace_id}"


def _bits_by_practitioner(through, column: str, practitioner_ids) -> dict[int, int]:
    bits: dict[int, int] = defaultdict(int)
    rows = through.objects.filter(practitioner_id__in=practitioner_ids).values_list(
        "practitioner_id", column)
    for practitioner_id, vocabulary_id in rows.iterator(chunk_size=10_000):
        bits[practitioner_id] |= bit(vocabulary_id)
    return bits


COLUMNS = ["workplace_id", "practitioner_id", "clinic_id", "location_id", "lat_band", "lng",
           "x", "y", "z", "licence_expires_on", "licence_kind", "licence_jurisdiction",
           "licence_verified_at", "flags", "conditions", "specialties", "modalities",
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
    """Build the rows for these practitioners from the normalised tables (eight queries)."""
    licences = {}
    for practitioner_id, *licence in (
        Credential.objects.filter(practitioner_id__in=practitioner_ids,
                                  kind__in=Credential.LICENCE_KINDS,
                                  status=Credential.Status.VERIFIED,
                                  expires_on__isnull=False)
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
    workplaces = (
        PractitionerLocation.objects.at_published_clinic()
        .filter(practitioner_id__in=licensed, location__lat_band__isnull=False)
        .values_list("id", "practitioner_id", "location_id", "location__clinic_id",
                     "location__lat_band", "location__lng", "location__x", "location__y",
                     "location__z", "location__clinic__sliding_scale",
                     "location__clinic__step_free_entrance", "practitioner__accepting_new_patients",
                     "practitioner__free_initial_consultation", "practitioner__telehealth",
                     "practitioner__gender")
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
         accepting, consultation, telehealth, gender) in rows:
        flags = ((Flag.ACCEPTING if accepting else 0) | (Flag.CONSULTATION if consultation else 0)
                 | (Flag.TELEHEALTH if telehealth else 0) | (Flag.SLIDING_SCALE if sliding else 0)
                 | (Flag.STEP_FREE if step_free else 0) | Flag.GENDER.get(gender, 0))
        entries.append((workplace_id, pid, clinic_id, location_id, band, lng, x, y, z,
                        *licence_columns[pid], flags, conditions[pid], specialties[pid], modalities[pid],
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
    affected = sorted(affected)
    SearchEntry.objects.filter(practitioner_id__in=affected).delete()
    entries = _entries_for(affected)
    _write(entries)
    return len(entries)


def rebuild(*, chunk: int = 5000, progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the whole index from the normalised tables, in chunks of practitioners."""
    SearchEntry.objects.all().delete()
    ids = list(Credential.objects.filter(
        kind__in=Credential.LICENCE_KINDS, status=Credential.Status.VERIFIED
    ).values_list("practitioner_id", flat=True).distinct().order_by("practitioner_id"))
    written = 0
    for start in range(0, len(ids), chunk):
        with transaction.atomic():
            entries = _entries_for(ids[start:start + chunk])
            _write(entries)
        written += len(entries)
        if progress:
            progress(min(start + chunk, len(ids)), len(ids))
    return written
