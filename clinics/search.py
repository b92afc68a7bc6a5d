"""Nearest-first paging over workplaces (one practitioner at one location).

Sorting every match inside a 50-mile circle by distance costs as much as the circle holds:
tens of thousands of rows in a city once the directory is national. Instead the paginator
probes rings of growing radius (a few capped counts in one query), then sorts only the
smallest ring that holds the page. The work follows the page size, not the directory size.

Counts are capped at RESULT_CAP: past that the page says "200+" and paging stops, which is
as far as anybody pages through practitioners before narrowing the search.
"""

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import F, FloatField, Q, QuerySet, Value
from django.db.models.functions import Cast
from django.utils.functional import cached_property

from . import geo
from .models import Credential, Practitioner

RESULTS_PER_PAGE = 20
RESULT_CAP = 200
RING_FRACTIONS = (1 / 32, 1 / 8, 1 / 2, 1)


def within(queryset: QuerySet, circle: geo.Circle) -> QuerySet:
    """Workplace rows inside `circle`, each annotated with `chord_sq` (see clinics/geo.py)."""
    x0, y0, z0 = circle.centre
    in_bands = Q()
    for band, west, east in circle.band_ranges():
        in_bands |= Q(location__lat_band=band, location__lng__gte=west, location__lng__lte=east)
    dx = F("location__x") - Value(x0)
    dy = F("location__y") - Value(y0)
    dz = F("location__z") - Value(z0)
    return (
        queryset.filter(in_bands)
        .annotate(chord_sq=Cast(dx * dx + dy * dy + dz * dz, FloatField()))
        .filter(chord_sq__lte=circle.chord_squared)
    )


@dataclass
class Result:
    """One practitioner in the results, at their nearest matching workplace."""

    practitioner: Practitioner
    location: object
    distance_mi: float | None
    lists_condition: bool | None = None
    matched: dict = field(default_factory=dict)

    @property
    def clinic(self):
        return self.location.clinic


def _count_sql(queryset: QuerySet, limit: int) -> tuple[str, list]:
    sql, params = queryset.values("practitioner_id").distinct()[:limit].query.sql_with_params()
    return f"(SELECT COUNT(*) FROM ({sql}) AS capped)", list(params)  # noqa: S608 (compiled ORM SQL)


def _capped_counts(querysets: list[tuple[QuerySet, int]]) -> list[int]:
    """COUNT(DISTINCT practitioner) of each queryset, each stopping at its limit, in one query.

    The SQL is Django's own compiled queries with bound parameters; nothing from the request
    is formatted into it.
    """
    parts, params = [], []
    for queryset, limit in querysets:
        sql, sql_params = _count_sql(queryset, limit)
        parts.append(sql)
        params.extend(sql_params)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return list(cursor.fetchone())


class NearestFirstPaginator(Paginator):
    """Pages practitioners nearest first (or by name when no place is given).

    `tiers` are filters taken in order: with sort=match, practitioners who list the
    condition come before those who only work in its specialty.
    """

    def __init__(self, object_list, per_page=RESULTS_PER_PAGE, *, circle=None, tiers=None,
                 cap=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.circle = circle
        self.tiers = tiers or [Q()]
        self.cap = RESULT_CAP if cap is None else cap
        self._probe_for = None
        self._page_hint = 1

    def _check_object_list_is_ordered(self):
        pass  # the paginator orders each page itself (by distance or name)

    def _tier_querysets(self):
        return [self.object_list.filter(tier) for tier in self.tiers]

    def _rings(self):
        return [geo.Circle(self.circle.lat, self.circle.lng, self.circle.miles * f)
                for f in RING_FRACTIONS]

    def _probe(self, need: int):
        """Per tier: the capped total, and (with a place) capped counts for each ring."""
        if self._probe_for is not None and self._probe_for[0] >= need:
            return self._probe_for[1]
        specs = []
        for queryset in self._tier_querysets():
            if self.circle is None:
                specs.append((queryset, self.cap + 1))
                continue
            for ring in self._rings()[:-1]:
                specs.append((within(queryset, ring), need))
            specs.append((within(queryset, self.circle), self.cap + 1))
        counts = _capped_counts(specs)
        step = 1 if self.circle is None else len(RING_FRACTIONS)
        probe = [counts[i:i + step] for i in range(0, len(counts), step)]
        self._probe_for = (need, probe)
        return probe

    def _totals(self) -> int:
        # Probe for the page asked for, so counting and fetching share one probe query.
        need = max(1, min(self._page_hint, self.cap // self.per_page + 1)) * self.per_page
        return sum(tier_counts[-1] for tier_counts in self._probe(need))

    @cached_property
    def count(self):
        return min(self._totals(), self.cap)

    @cached_property
    def is_capped(self) -> bool:
        return self._totals() > self.cap

    def validate_number(self, number):
        """Any page number is accepted: garbage means the first page, too far the last."""
        try:
            number = int(number)
        except (TypeError, ValueError):
            return 1
        return max(1, min(number, self.num_pages))

    def page(self, number):
        try:
            self._page_hint = int(number)
        except (TypeError, ValueError):
            self._page_hint = 1
        number = self.validate_number(number)
        offset = (number - 1) * self.per_page
        results = self._results(offset, self.per_page)
        return Page(results, number, self)

    def _results(self, offset: int, limit: int) -> list[Result]:
        need = offset + limit
        probe = self._probe(need)
        results: list[Result] = []
        skip = offset
        for queryset, tier_counts in zip(self._tier_querysets(), probe, strict=True):
            total = tier_counts[-1]
            if skip >= total:
                skip -= total
                continue
            want = skip + (limit - len(results))
            rows = self._nearest_rows(queryset, tier_counts, want)
            results.extend(rows[skip:want])
            skip = 0
            if len(results) >= limit:
                break
        attach_details(results)
        return results

    def _nearest_rows(self, queryset, tier_counts, want) -> list[Result]:
        rows = queryset.select_related("practitioner", "location__clinic")
        if self.circle is None:
            ordered = rows.order_by("practitioner__name", "practitioner_id", "location_id")
            return _first_per_practitioner(ordered, want)
        ring_index = next(
            (i for i, n in enumerate(tier_counts[:-1]) if n >= want), len(RING_FRACTIONS) - 1
        )
        ring = self._rings()[ring_index]
        found = _first_per_practitioner(
            within(rows, ring).order_by("chord_sq", "practitioner_id"), want
        )
        if len(found) < want and ring_index < len(RING_FRACTIONS) - 1:
            # A practitioner counted in the ring had two workplaces there; widen once.
            found = _first_per_practitioner(
                within(rows, self.circle).order_by("chord_sq", "practitioner_id"), want
            )
        return found


def _first_per_practitioner(rows: QuerySet, want: int) -> list[Result]:
    """The first `want` distinct practitioners from ordered rows, each at its first row."""
    seen, results = set(), []
    # Practitioners rarely have two workplaces close together; fetch a little extra.
    for row in rows[: want * 2 + 10]:
        if row.practitioner_id in seen:
            continue
        seen.add(row.practitioner_id)
        chord_sq = getattr(row, "chord_sq", None)
        results.append(Result(
            practitioner=row.practitioner,
            location=row.location,
            distance_mi=None if chord_sq is None else geo.miles_for_chord_squared(chord_sq),
            lists_condition=getattr(row, "lists_condition", None),
        ))
        if len(results) == want:
            break
    return results


def attach_details(results: list[Result]) -> None:
    """Load conditions, modalities and current licences for the page: three queries in all."""
    from django.db.models import Prefetch, prefetch_related_objects

    prefetch_related_objects(
        [r.practitioner for r in results],
        "conditions",
        "modalities",
        Prefetch(
            "credentials",
            queryset=Credential.objects.counting_as_licence().order_by("-verified_at"),
            to_attr="current_licences",
        ),
    )
