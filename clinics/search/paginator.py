"""Nearest-first paging over workplaces (one practitioner at one location).

Sorting every match inside a 50-mile circle by distance costs as much as the circle holds:
tens of thousands of rows in a city once the directory is national. Instead the paginator
probes rings of growing radius (capped counts, all in one query), then sorts only the
smallest ring that holds the page. The work follows the page size, not the directory size.

The filtered queryset (current rows of the search index, see clinics/search/index.py, and
the FilterSet's filters) is compiled by the ORM once per search. Rings are then conditions on that compiled query's own columns, with every value
passed as a bound parameter: the SQL text around it is fixed in this module and nothing
from the request is formatted into it. Both databases flatten the subquery, so the ring
condition reaches the (lat_band, lng) index.

Within the order, distance is counted in whole DISTANCE_BAND_MI bands (0 to 2 miles, 2 to 4,
and so on, measured in a straight line): inside a band, listings whose details were
confirmed within the last 90 days come before those that were not, each group nearest
first (clinics/freshness.py). The ring that is sorted is widened to the end of its last
band, so a fresh listing just past the ring's edge cannot lose its place to a stale one
inside it; the probes and the number of queries are unchanged.

Counts are capped at RESULT_CAP: past that the page says "200+" and paging stops, which is
as far as anybody pages through practitioners before narrowing the search.

A practitioner may work at more than one place in a ring, so the counts are of distinct
practitioners. Counting them exactly means reading every row in the ring first (PostgreSQL
hashes a DISTINCT and only then applies the LIMIT, which at 1M read 15,000 index entries
in a dense 25-mile circle). So each ring reads at most SPREAD rows per practitioner it
needs and counts the distinct practitioners among them: a lower bound, exact whenever the
ring ran out of rows first. Only when a whole circle is both full of rows and short of
practitioners (a third of its rows repeating someone) is an exact count run.
"""

import copy
import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.functional import cached_property

from clinics import geo
from clinics.models import SearchEntry
from clinics.models.listings import STALE_AFTER_DAYS
from clinics.vocabulary import Vocabulary

from .results import Result, Row, load_results, named_placeholders

RESULTS_PER_PAGE = 20
RESULT_CAP = 200
RING_FRACTIONS = (1 / 32, 1 / 8, 1 / 2, 1)
SPREAD = 1.5  # rows read per practitioner a ring count needs
CHORD_SQ = "((b.x - %s) * (b.x - %s) + (b.y - %s) * (b.y - %s) + (b.z - %s) * (b.z - %s))"
DISTANCE_BAND_MI = 2
# The band of a row: its straight-line distance (chord × Earth's radius, within 0.01 mile of
# the great-circle distance inside 100 miles) in whole bands. SQRT and FLOOR are built into
# PostgreSQL, and Django registers them on SQLite connections.
BAND_SQL = f"FLOOR(SQRT({CHORD_SQ}) * %s)"


# A ring count's derived table: (SQL, its parameters, the rows it reads at most).
RingQuery = tuple[str, list[Any], int]


def rows_to_read(need: int) -> int:
    return math.ceil(need * SPREAD)


class CompiledSearch:
    """The filtered rows as one compiled subquery, with ring conditions built around it."""

    def __init__(self, queryset: QuerySet[SearchEntry], *, circle: geo.Circle | None,
                 ranked: bool) -> None:
        columns = {"id": F("workplace_id"), "band": F("lat_band")}
        if circle is None:
            columns["name"] = F("practitioner__name")
        fields = ["practitioner_id", "lng", "x", "y", "z", "confirmed_on",
                  *(["lists_condition"] if ranked else [])]
        self._compile(queryset.values(*fields, **columns), circle=circle, ranked=ranked)

    @classmethod
    def of_points(cls, rows: QuerySet[Any, Any], *,
                  circle: geo.Circle) -> "CompiledSearch":
        """Nearest first over any table with the index's point columns (say, Location):
        `rows` is a values() query with the columns id, practitioner_id (what one result
        stands for; the row's own id when every row counts), band, lng, x, y and z."""
        compiled = cls.__new__(cls)
        compiled._compile(rows, circle=circle, ranked=False)
        compiled.by_freshness = False  # such rows have no confirmation date: nearest first
        return compiled

    def _compile(self, rows: QuerySet[Any, Any], *, circle: geo.Circle | None,
                 ranked: bool) -> None:
        # Every query of the search goes to the database the router reads this model from
        # (a read replica, when there is one; see directory/replica.py). The alias, not the
        # connection, is kept: a compiled search may be reused by another thread (see
        # finder.compiled_search), and each thread has its own connection.
        self.alias: str = rows.db
        self.sql, params = rows.query.get_compiler(connection=self.connection).as_sql()
        self.params = list(params)
        self.circle = circle
        self.ranked = ranked
        # Confirmed listings before stale ones within each distance band (the index's rows).
        self.by_freshness = True

    def around(self, circle: geo.Circle | None) -> "CompiledSearch":
        """The same rows around another centre and radius. The SQL does not depend on them
        (only on whether there is a place at all: that must not change), so a search with
        the same filters elsewhere reuses it."""
        assert (circle is None) == (self.circle is None), "a place changes the columns"
        moved = copy.copy(self)
        moved.circle = circle
        return moved

    @property
    def connection(self) -> BaseDatabaseWrapper:
        return connections[self.alias]

    def where(self, ring: geo.Circle | None, *,
              listers_only: bool = False) -> tuple[str, list[Any]]:
        """Rows inside `ring` (any row when there is no place), optionally listers only."""
        clauses: list[str] = []
        params: list[Any] = []
        if ring is not None:
            bands, west, east = ring.bounding_bands()
            if self.connection.vendor == "postgresql":
                # One array parameter keeps the statement's text the same for every place
                # and radius, so PostgreSQL can reuse its plan (see DATABASES in settings).
                clauses.append("b.band = ANY(%s)")
                params.append(list(bands))
            else:
                clauses.append(f"b.band IN ({', '.join(['%s'] * len(bands))})")
                params.extend(bands)
            clauses.append("b.lng BETWEEN %s AND %s")
            params.extend([west, east])
            clauses.append(f"{CHORD_SQ} <= %s")
            params.extend([*self._centre_params(), ring.chord_squared])
        if listers_only:
            clauses.append("b.lists_condition = %s")
            params.append(1)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def _centre_params(self) -> list[float]:
        assert self.circle is not None, "only rings of a search with a place have a centre"
        x0, y0, z0 = self.circle.centre
        return [x0, x0, y0, y0, z0, z0]

    def ring_count(self, ring: geo.Circle | None, need: int, *,
                   listers_only: bool = False) -> RingQuery:
        """A derived table of one row: distinct practitioners among the first need × SPREAD
        rows in `ring`, and how many rows that was; with its parameters and that row limit."""
        where, params = self.where(ring, listers_only=listers_only)
        limit = rows_to_read(need)
        sql = ("(SELECT COUNT(DISTINCT capped.practitioner_id), COUNT(*) FROM "  # noqa: S608
               f"(SELECT b.practitioner_id FROM ({self.sql}) b{where} LIMIT %s) capped)")
        return sql, [*self.params, *params, limit], limit

    def exact_count(self, ring: geo.Circle | None, limit: int) -> int:
        """Distinct practitioners in `ring`, counted up to `limit`, reading the whole ring."""
        where, params = self.where(ring)
        sql = (f"SELECT COUNT(*) FROM (SELECT DISTINCT b.practitioner_id FROM ({self.sql}) b"  # noqa: S608
               f"{where} LIMIT %s) capped")
        with self.connection.cursor() as cursor:
            _execute(cursor, sql, [*self.params, *params, limit])
            return cursor.fetchone()[0]

    def ordered_rows(self, ring: geo.Circle | None, limit: int, *,
                     stale_cutoff: date | None = None) -> list[Row]:
        """(workplace id, practitioner id, chord²): by distance band, confirmed listings
        first within a band, then nearest first; listers first if ranked. With no place,
        by name. `stale_cutoff`: the last confirmation day that counts as stale, the
        search's models.listings.stale_on_or_before(); needed when ordering by freshness."""
        where, where_params = self.where(
            _to_band_edge(ring, self.circle) if self.by_freshness else ring)
        order_params: list[Any] = []
        if self.circle is None:
            select, select_params, order = "NULL", [], "b.name, b.practitioner_id, b.id"
        elif not self.by_freshness:
            select, select_params = CHORD_SQ, self._centre_params()
            order = "3, b.practitioner_id, b.id"
        else:
            assert stale_cutoff is not None, "freshness ordering needs the search's cutoff"
            select, select_params = CHORD_SQ, self._centre_params()
            # As stored, without SQLite's numeric affinity (see models.search.AsStored).
            confirmed = ("+" if self.connection.vendor == "sqlite" else "") + "b.confirmed_on"
            order = f"{BAND_SQL}, {confirmed} <= %s, 3, b.practitioner_id, b.id"
            order_params = [*self._centre_params(), geo.EARTH_RADIUS_MI / DISTANCE_BAND_MI,
                            self.connection.ops.adapt_datefield_value(stale_cutoff)]
        if self.ranked:
            order = "b.lists_condition DESC, " + order
        sql = (f"SELECT b.id, b.practitioner_id, {select} FROM ({self.sql}) b"  # noqa: S608
               f"{where} ORDER BY {order} LIMIT %s")
        with self.connection.cursor() as cursor:
            _execute(cursor, sql, [*select_params, *self.params, *where_params, *order_params,
                                 limit])
            return cursor.fetchall()

    def query_plan(self) -> list[str]:
        """The database's plan for the rows inside the circle: the proof the index is used."""
        where, where_params = self.where(self.circle)
        sql = f"SELECT b.id FROM ({self.sql}) b{where}"  # noqa: S608 (fixed text, bound values)
        prefix = "EXPLAIN QUERY PLAN " if self.connection.vendor == "sqlite" else "EXPLAIN "
        with self.connection.cursor() as cursor:
            cursor.execute(prefix + sql, [*self.params, *where_params])
            return [str(row[-1]) for row in cursor.fetchall()]


def _execute(cursor: Any, sql: str, params: list[Any]) -> None:
    """Run a search statement, with named placeholders on SQLite (see named_placeholders)."""
    if cursor.db.vendor == "sqlite":
        cursor.execute(*named_placeholders(sql, params))
    else:
        cursor.execute(sql, params)


@dataclass(frozen=True)
class RingCount:
    at_least: int  # distinct practitioners found in the ring
    complete: bool  # the ring ran out of rows, so at_least is the exact count

    def holds(self, want: int) -> bool:
        return self.at_least >= want


def run_ring_counts(parts: list[RingQuery], *,
                    connection: BaseDatabaseWrapper) -> list[RingCount]:
    """Several ring counts, (sql, params, row limit) each, in a single query."""
    tables = ", ".join(f"{sql} r{i}" for i, (sql, _, _) in enumerate(parts))
    params = [p for _, part_params, _ in parts for p in part_params]
    with connection.cursor() as cursor:
        _execute(cursor, f"SELECT * FROM {tables}", params)  # noqa: S608 (fixed text, bound values)
        row = cursor.fetchone()
    return [RingCount(row[2 * i], row[2 * i + 1] < limit)
            for i, (_, _, limit) in enumerate(parts)]


class NearestFirstPaginator(Paginator):  # Paginator[Result], but not subscriptable at runtime
    """Pages practitioners nearest first (or by name when no place is given).

    With `ranked` (sort=match with a condition), practitioners who list the condition come
    first, each group nearest first.
    """

    def __init__(self, compiled: CompiledSearch, per_page: int = RESULTS_PER_PAGE, *,
                 vocabulary: Vocabulary, circle: geo.Circle | None = None,
                 ranked: bool = False, cap: int | None = None, **kwargs: Any) -> None:
        """`compiled`: the filtered rows (CompiledSearch of the search's queryset, with the
        same circle and ranking)."""
        super().__init__([], per_page, **kwargs)
        self.compiled = compiled
        self.vocabulary = vocabulary
        self.circle = circle
        self.ranked = ranked
        self.cap = RESULT_CAP if cap is None else cap
        self._probe_for: tuple[int, dict[str, list[RingCount]]] | None = None
        self._page_hint = 1
        # Once per search, so the order and the cards agree on which listings are stale:
        # models.listings.stale_on_or_before() written out, as calling it would take every
        # search through one more module (tests/clinics/search/test_finder.py).
        self.stale_cutoff = timezone.localdate() - timedelta(days=STALE_AFTER_DAYS)

    def _check_object_list_is_ordered(self) -> None:
        pass  # the paginator orders each page itself (by distance or name)

    @cached_property
    def _rings(self) -> list[geo.Circle | None]:
        # Built once: each ring's bounding bands are then computed once per search.
        if self.circle is None:
            return [None]
        return [geo.Circle(self.circle.lat, self.circle.lng, self.circle.miles * fraction)
                for fraction in RING_FRACTIONS]

    def _probe(self, need: int) -> dict[str, list[RingCount]]:
        """Ring counts: per ring for the page (`need`), and in all (cap + 1)."""
        if self._probe_for is not None and self._probe_for[0] >= need:
            return self._probe_for[1]
        rings = self._rings
        wants = [need] * (len(rings) - 1) + [self.cap + 1]
        groups = [False, True] if self.ranked else [False]
        counts = run_ring_counts([
            self.compiled.ring_count(ring, want, listers_only=listers_only)
            for listers_only in groups for ring, want in zip(rings, wants, strict=True)
        ], connection=self.compiled.connection)
        probe = {"all": counts[:len(rings)], "listers": counts[len(rings):]}
        self._probe_for = (need, probe)
        return probe

    def _need(self) -> int:
        pages_at_most = self.cap // self.per_page + 1
        return max(1, min(self._page_hint, pages_at_most)) * self.per_page

    @cached_property
    def _total(self) -> int:
        """Distinct practitioners in the circle, counted up to cap + 1."""
        whole = self._probe(self._need())["all"][-1]
        if whole.complete or whole.holds(self.cap + 1):
            return whole.at_least
        return self.compiled.exact_count(self._rings[-1], self.cap + 1)

    @cached_property
    def count(self) -> int:
        return min(self._total, self.cap)

    @cached_property
    def is_capped(self) -> bool:
        return self._total > self.cap

    def validate_number(self, number: int | float | str) -> int:
        """Any page number is accepted: garbage means the first page, too far the last."""
        try:
            number = int(number)
        except (TypeError, ValueError):
            return 1
        return max(1, min(number, self.num_pages))

    def page(self, number: int | str) -> Page[Result]:
        try:
            self._page_hint = int(number)
        except (TypeError, ValueError):
            self._page_hint = 1
        number = self.validate_number(number)
        offset = (number - 1) * self.per_page
        return Page(self._results(offset, self.per_page), number, self)

    def _ring_for(self, want: int) -> int:
        """Index of the smallest ring sure to hold the first `want` practitioners in order."""
        probe = self._probe(self._need())
        last = len(self._rings) - 1
        # Ranked: listers come first, so the ring must hold `want` listers, unless the whole
        # circle may have fewer listers than that, when everything is needed.
        counts = probe["listers"] if self.ranked else probe["all"]
        if self.ranked and not counts[-1].holds(want):
            return last
        return next((i for i, ring in enumerate(counts[:-1]) if ring.holds(want)), last)

    def _results(self, offset: int, limit: int) -> list[Result]:
        if self.count == 0 or offset >= self.count:
            return []
        want = offset + limit
        rings, index = self._rings, self._ring_for(want)
        cutoff = self.stale_cutoff
        rows = _first_per_practitioner(
            self.compiled.ordered_rows(rings[index], want * 2 + 10, stale_cutoff=cutoff), want)
        if len(rows) < min(want, self.count) and index < len(rings) - 1:
            # A practitioner counted in the ring had two workplaces there; widen once.
            rows = _first_per_practitioner(
                self.compiled.ordered_rows(rings[-1], want * 2 + 10, stale_cutoff=cutoff), want)
        return load_results(rows[offset:want], self.vocabulary,
                            using=self.compiled.alias, stale_cutoff=cutoff)


def _to_band_edge(ring: geo.Circle | None, circle: geo.Circle | None) -> geo.Circle | None:
    """`ring` widened to the outer edge of the distance band it ends in (a little past it,
    as bands are measured along the chord), never past the search's circle: the sort then
    sees every row of each band it ranks."""
    if ring is None or circle is None or ring.miles >= circle.miles:
        return ring
    edge = math.ceil(ring.miles / DISTANCE_BAND_MI) * DISTANCE_BAND_MI + 0.01
    return geo.Circle(ring.lat, ring.lng, min(edge, circle.miles))


def _first_per_practitioner(rows: list[Row], want: int) -> list[Row]:
    """The first `want` rows with distinct practitioners, keeping each one's first row."""
    seen, kept = set(), []
    for row in rows:
        if row[1] not in seen:
            seen.add(row[1])
            kept.append(row)
            if len(kept) == want:
                break
    return kept
