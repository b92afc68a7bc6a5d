"""The search index's table: one row per workplace (a practitioner at a location of a
published clinic) whose practitioner holds a verified licence, with everything a search
filters on as integers. clinics/search/index.py writes it; clinics/search/ reads it.

Vocabulary ids map to bit (id % 62) of a 64-bit column. While no two terms of a vocabulary
share a bit the bit test is exact; for a term that shares its bit with another (ids 62
apart), the bit test is followed by an exact EXISTS (Vocabulary.bits_exact, and
clinics/search/form.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.core.cache import caches
from django.db import models, transaction
from django.db.models import F, Func, Q, QuerySet
from django.db.models.lookups import GreaterThan, GreaterThanOrEqual
from django.utils import timezone

from .listings import Clinic, Credential, Location, Practitioner, PractitionerLocation

BITS = 62


class Flag:
    ACCEPTING = 1 << 0
    CONSULTATION = 1 << 1
    TELEHEALTH = 1 << 2
    SLIDING_SCALE = 1 << 3
    STEP_FREE = 1 << 4
    GENDER = {"female": 1 << 5, "male": 1 << 6, "nonbinary": 1 << 7}
    # Dry needling is outside this practitioner's scope at this workplace (clinics/scope.py).
    # A flag of its own, not a cleared treatment bit: a bit can be shared by two treatments
    # (ids 62 apart), and the rule must neither depend on nor spill over to the other one.
    DRY_NEEDLING_BARRED = 1 << 8


def bit(vocabulary_id: int) -> int:
    return 1 << (vocabulary_id % BITS)


def mask(ids: Iterable[int]) -> int:
    result = 0
    for vocabulary_id in ids:
        result |= bit(vocabulary_id)
    return result


# Tokens in the shared cache (Redis, or a table: see CACHES) that change when what a search
# shows changes, so a process can tell whether what it kept is still good without asking the
# database: the vocabulary's (clinics/vocabulary.py) and the index's (index_changed below).
TOKEN_SECONDS = 300
INDEX_VERSION_KEY = "clinics:search-index:version"


def version_tokens(*keys: str) -> list[str]:
    """The current token under each key, in one round trip; a missing one is made (the
    first process to add it wins, so every process then reads the same)."""
    cache = caches["shared"]
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, uuid.uuid4().hex, TOKEN_SECONDS)
            found[key] = cache.get(key) or uuid.uuid4().hex  # None: the cache is down
    return [found[key] for key in keys]


def index_changed() -> None:
    """After the transaction that rewrote index rows commits, retire the index's token: a
    page kept under the old one is never served again (clinics/views.py)."""
    transaction.on_commit(lambda: caches["shared"].delete(INDEX_VERSION_KEY))


# Conditions on the index's integer columns, for the search's filters.
def has_flags(queryset: QuerySet[SearchEntry], flags: int) -> QuerySet[SearchEntry]:
    """Rows with every bit of `flags` set in SearchEntry.flags."""
    return queryset.alias(**{f"flags_{flags}": F("flags").bitand(flags)}).filter(
        **{f"flags_{flags}": flags})


def lacks_flag(queryset: QuerySet[SearchEntry], flag: int) -> QuerySet[SearchEntry]:
    """Rows without the bit `flag` in SearchEntry.flags."""
    return queryset.alias(**{f"flags_{flag}": F("flags").bitand(flag)}).filter(
        **{f"flags_{flag}": 0})


def any_bit(column: str, ids: Iterable[int]) -> Q:
    """A condition true when the column shares a bit with any of the vocabulary ids."""
    return Q(GreaterThan(F(column).bitand(mask(ids)), 0))


class AsStored(Func):
    """A column compared as it is stored, without its SQLite type affinity.

    SQLite gives a date column NUMERIC affinity, and stores dates as text. Comparing such a
    column with a date parameter (text) first tries to read the parameter as a number, and
    does so again for every row the comparison reads: a tenth of a search's work in SQLite
    at 1M practitioners. `+column` has no affinity, so text is compared with text at once,
    with the same result. Other databases get the column unchanged."""

    arity = 1
    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, template="+%(expressions)s",
                              **extra_context)


class SearchEntryQuerySet(models.QuerySet):
    def current(self):
        """Rows whose licence has not expired: with the row's existence, what vetted() means."""
        return self.filter(GreaterThanOrEqual(AsStored("licence_expires_on"),
                                              timezone.localdate()))


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
    # The day the clinic's details were last confirmed (Clinic.details_confirmed_on): a
    # search compares it with today, so a listing turns stale without any write.
    confirmed_on = models.DateField()
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
            fields=["lat_band", "lng", "x", "y", "z", "licence_expires_on", "confirmed_on", "flags",
                    "conditions", "specialties", "modalities", "languages", "payers",
                    "practitioner", "workplace"],
            name="search_entry_covering",
        )]

    def __str__(self):
        return f"search entry for workplace {self.workplace_id}"
