"""The federal exclusion list (OIG LEIE): reading its CSV, recording matches, staff review.

The LEIE's downloadable CSV (UPDATED.csv) has one row per excluded individual or entity, in
the published columns below; dates are YYYYMMDD, and a missing NPI or date is all zeros.
Rows are matched to practitioners by NPI only: the file has no licence numbers, and names
alone match too many people. A match is recorded as an Exclusion awaiting review, which
takes the practitioner out of search at once (clinics/models/listings.py, vetted()); staff
then confirm or clear it with a reason. Importing the same file again changes nothing: an
entry already recorded keeps its row and whatever staff decided about it.
"""

from __future__ import annotations

import csv
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TextIO

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from .models import Exclusion, Practitioner

log = logging.getLogger(__name__)

LEIE_COLUMNS = ("LASTNAME", "FIRSTNAME", "MIDNAME", "BUSNAME", "GENERAL", "SPECIALTY", "UPIN",
                "NPI", "DOB", "ADDRESS", "CITY", "STATE", "ZIP", "EXCLTYPE", "EXCLDATE",
                "REINDATE", "WAIVERDATE", "WVRSTATE")


class LeieFormatError(ValueError):
    """The file is not in the LEIE's published layout."""


@dataclass(frozen=True)
class LeieEntry:
    npi: str
    last_name: str
    first_name: str
    business_name: str
    general: str
    specialty: str
    state: str
    exclusion_type: str
    excluded_on: date
    reinstated_on: date | None


@dataclass
class ImportReport:
    rows: int = 0
    with_npi: int = 0
    matched: list[Exclusion] = field(default_factory=list)
    already_known: int = 0
    skipped: list[str] = field(default_factory=list)  # line: why


def _leie_date(text: str) -> date | None:
    text = text.strip()
    if not text or set(text) == {"0"}:
        return None
    return datetime.strptime(text, "%Y%m%d").date()  # noqa: DTZ007 (a calendar date)


def read_leie(stream: TextIO, skipped: list[str] | None = None) -> Iterator[LeieEntry]:
    """Entries with an NPI from an LEIE CSV; rows that cannot be read are noted in
    `skipped` ("line N: why") and left out. Raises LeieFormatError for a wrong header."""
    reader = csv.DictReader(stream)
    header = tuple((name or "").strip().upper() for name in (reader.fieldnames or []))
    missing = [name for name in LEIE_COLUMNS if name not in header]
    if missing:
        raise LeieFormatError(f"Not an LEIE file: missing column(s) {', '.join(missing)}.")
    reader.fieldnames = list(header)
    for row in reader:
        npi = (row.get("NPI") or "").strip()
        if not npi or set(npi) == {"0"}:
            continue
        try:
            excluded_on = _leie_date(row.get("EXCLDATE") or "")
            reinstated_on = _leie_date(row.get("REINDATE") or "")
        except ValueError:
            if skipped is not None:
                skipped.append(f"line {reader.line_num}: unreadable date")
            continue
        if excluded_on is None or not (npi.isdigit() and len(npi) == 10):
            if skipped is not None:
                skipped.append(f"line {reader.line_num}: no exclusion date or a malformed NPI")
            continue
        yield LeieEntry(
            npi=npi, last_name=(row.get("LASTNAME") or "").strip(),
            first_name=(row.get("FIRSTNAME") or "").strip(),
            business_name=(row.get("BUSNAME") or "").strip(),
            general=(row.get("GENERAL") or "").strip(),
            specialty=(row.get("SPECIALTY") or "").strip(),
            state=(row.get("STATE") or "").strip()[:2],
            exclusion_type=(row.get("EXCLTYPE") or "").strip()[:20],
            excluded_on=excluded_on, reinstated_on=reinstated_on)


@transaction.atomic
def import_exclusions(entries: Iterable[LeieEntry]) -> ImportReport:
    """Record a pending Exclusion for every entry whose NPI a practitioner has; one
    transaction, so a file that fails half-way records nothing."""
    report = ImportReport()
    entries = list(entries)
    report.rows = len(entries)
    by_npi: dict[str, list[LeieEntry]] = {}
    for entry in entries:
        by_npi.setdefault(entry.npi, []).append(entry)
    report.with_npi = len(by_npi)
    now = timezone.now()
    practitioners = Practitioner.objects.filter(npi__in=list(by_npi)).order_by("pk")
    for practitioner in practitioners:
        for entry in by_npi[practitioner.npi]:
            if entry.reinstated_on is not None and entry.reinstated_on <= timezone.localdate():
                continue  # the LEIE lists only current exclusions, but a row may say otherwise
            exclusion, created = Exclusion.objects.get_or_create(
                practitioner=practitioner, npi=entry.npi,
                exclusion_type=entry.exclusion_type, excluded_on=entry.excluded_on,
                defaults={"last_name": entry.last_name, "first_name": entry.first_name,
                          "business_name": entry.business_name, "general": entry.general,
                          "specialty": entry.specialty, "state": entry.state,
                          "reinstated_on": entry.reinstated_on, "matched_at": now})
            if created:
                report.matched.append(exclusion)
                log.warning("exclusion-list match: %s (NPI %s)", practitioner, entry.npi)
            else:
                report.already_known += 1
    return report


def _decide(exclusion: Exclusion, *, status: str, by: AbstractBaseUser, reason: str) -> Exclusion:
    if not reason or not reason.strip():
        raise ValidationError({"review_reason": "Give a reason for the decision."})
    if exclusion.status != Exclusion.Status.PENDING:
        raise ValidationError("This match has already been reviewed.")
    exclusion.status = status
    exclusion.reviewed_by = by  # type: ignore[assignment]
    exclusion.reviewed_at = timezone.now()
    exclusion.review_reason = reason.strip()
    exclusion.full_clean()
    exclusion.save()  # the index refreshes on save (clinics/search/index.py)
    log.info("exclusion %s %s by %s: %s", exclusion.pk, status, by, exclusion.review_reason)
    return exclusion


@transaction.atomic
def confirm_exclusion(*, exclusion: Exclusion, by: AbstractBaseUser, reason: str) -> Exclusion:
    """Staff found the entry is this practitioner: they stay out of search."""
    return _decide(exclusion, status=Exclusion.Status.CONFIRMED, by=by, reason=reason)


@transaction.atomic
def clear_exclusion(*, exclusion: Exclusion, by: AbstractBaseUser, reason: str) -> Exclusion:
    """Staff found the entry is someone else (or no longer applies): back in search."""
    return _decide(exclusion, status=Exclusion.Status.CLEARED, by=by, reason=reason)
