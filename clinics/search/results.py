"""What a page of results holds: plain rows built from one query, each with its labels.

Rows are read with values_list and kept in small slotted dataclasses, not model instances:
building three model instances per result (select_related through in_bulk) was most of a
results page's Python time.
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from django.db import connections, router
from django.db.models import Value
from django.template import engines
from django.utils import timezone, translation
from django.utils.dateformat import format as date_format
from django.utils.formats import date_format as long_date
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from clinics import geo
from clinics.models import Credential, Practitioner, PractitionerCondition, SearchEntry
from clinics.models.search import Flag
from clinics.models.terms import DRY_NEEDLING_SLUG
from clinics.vocabulary import Term, Vocabulary, in_sentence

from . import links


class TemplateRow:
    """Lets the template engine read attributes with its first try.

    Django's template engine looks a name up as a key before an attribute; on an object
    without __getitem__ that first try raises, and a results page makes some 1,500 such
    lookups. Keys are the attribute names, nothing else."""

    __slots__ = ()

    def __getitem__(self, name: str) -> Any:
        try:
            return getattr(self, name)
        except AttributeError:
            raise KeyError(name) from None


@dataclass(slots=True, frozen=True)
class PractitionerRow(TemplateRow):
    id: int
    name: str
    slug: str
    post_nominals: str
    accepting_new_patients: bool
    free_initial_consultation: bool
    telehealth: bool
    accepting_as_of: date | None
    telehealth_as_of: date | None


@dataclass(slots=True, frozen=True)
class ClinicRow(TemplateRow):
    id: int
    name: str
    slug: str
    phone: str
    sliding_scale: bool
    insurance_as_of: date | None
    prices_as_of: date | None
    # The day its details were last confirmed (the index row's copy, see SearchEntry).
    confirmed_on: date
    # Whether that was 90 days ago or more, as of the day the page was built.
    is_stale: bool
    # What a card says of such a listing; "" when it is fresh.
    stale_label: str

    @property
    def tel(self) -> str:
        """The phone as a tel: link takes it, digits and + only: "tel:+15125550100"."""
        return links.tel_url(self.phone)


@dataclass(slots=True, frozen=True)
class LocationRow(TemplateRow):
    id: int
    street: str
    city: str
    state: str
    zip_code: str
    lat: float
    lng: float


@dataclass(slots=True, frozen=True)
class Licence(TemplateRow):
    """The current licence that keeps a result listed, as its badge shows it."""

    kind: str
    jurisdiction: str
    verified_at: datetime | None
    expires_on: date
    # The day staff checked it, in the site's time zone (see Licence.of).
    verified_on: date | None
    # The language its labels are in: the page's.
    language: str | None

    @classmethod
    def of(cls, kind: str, jurisdiction: str, verified_at: datetime | None, expires_on: date,
           tz: tzinfo, language: str | None) -> Licence:
        """The licence, its check dated in `tz` (the site's time zone) and labelled in
        `language`: both looked up once per page by the caller rather than once per result."""
        verified_on = None if verified_at is None else verified_at.astimezone(tz).date()
        return cls(kind, jurisdiction, verified_at, expires_on, verified_on, language)

    @property
    def kind_label(self) -> str:
        return _kind_label(self.kind, self.language)

    @property
    def badge(self) -> str:
        """"Licensed Acupuncturist (L.Ac.) licence (TX), checked Mar 2026": what was
        verified, where and when."""
        checked = self.verified_on
        return _badge(self.kind, self.jurisdiction,
                      None if checked is None else (checked.year, checked.month), self.language)


@dataclass(slots=True)
class Result(TemplateRow):
    """One practitioner in the results, at their nearest matching workplace."""

    practitioner: PractitionerRow
    location: LocationRow
    clinic: ClinicRow
    distance_mi: float | None
    licence: Licence
    conditions: list[Term] = field(default_factory=list)
    modalities: list[Term] = field(default_factory=list)
    # Set by explain_matches: (name, matched the search) for highlighting, and why it is here.
    condition_tags: list[tuple[str, bool]] = field(default_factory=list)
    modality_tags: list[tuple[str, bool]] = field(default_factory=list)
    why: str = ""

    url: str = ""
    clinic_url: str = ""
    # The tag lists as HTML, the searched ones in <mark>: "Lupus, <mark>ALS</mark>".
    treats_html: SafeString = field(default_factory=SafeString)
    offers_html: SafeString = field(default_factory=SafeString)

    @property
    def distance_label(self) -> str | None:
        """The distance as shown: miles to one decimal."""
        return None if self.distance_mi is None else f"{self.distance_mi:.1f}"


@functools.lru_cache(maxsize=512)
def _stale_label(confirmed_on: date, language: str | None) -> str:
    """"Details last confirmed 20 October 2026" in `language` (part of the cache key, and
    the one it is written in): a page of stale listings asked for the same few dates twenty
    times."""
    with translation.override(language):
        return _("Details last confirmed %(date)s") % {"date": long_date(confirmed_on)}


@functools.lru_cache(maxsize=64)
def _kind_label(kind: str, language: str | None) -> str:
    """"Licensed Acupuncturist (L.Ac.) licence" in `language` (part of the cache key, and
    the one it is translated into): the API names each result's licence kind, a few kinds
    over and over."""
    with translation.override(language):
        return str(Credential.Kind(kind).label)


# Licence kinds × states × months checked × languages: a few thousand in a national
# directory, and 512 entries missed on a third of the cards.
@functools.lru_cache(maxsize=8192)
def _badge(kind: str, jurisdiction: str, checked: tuple[int, int] | None,
           language: str | None) -> str:
    """The badge in `language` (part of the cache key, and the one it is written in)."""
    badge = _kind_label(kind, language)
    if jurisdiction:
        badge += f" ({jurisdiction})"
    if checked is not None:
        with translation.override(language):
            month = date_format(date(*checked, 1), _("M Y"))  # "Mar 2026", "marzo de 2026"
            badge += ", " + _("checked %(month)s") % {"month": month}
    return badge


# Vocabulary names, escaped once: the same few dozen appear on every page.
_escaped = functools.lru_cache(maxsize=1024)(escape)


def _tag_list(tags: list[tuple[str, bool]], separator: str) -> SafeString:
    # Built here rather than with a template loop and an {% if %} per tag, which was a third
    # of a results page's rendering; every name is escaped.
    return mark_safe(separator.join(  # noqa: S308
        f"<mark>{_escaped(name)}</mark>" if matched else _escaped(name) for name, matched in tags))


# A row of the search's page: (workplace id, practitioner id, chord² from the place, or None
# when the search has no place).
Row = tuple[int, int, float | None]

# What a result shows, read from the index row and its three joined tables in one query.
RESULT_FIELDS = (
    "workplace_id", "conditions", "modalities", "licence_kind", "licence_jurisdiction",
    "licence_verified_at", "licence_expires_on",
    "practitioner_id", "practitioner__name", "practitioner__slug", "practitioner__post_nominals",
    "practitioner__accepting_new_patients", "practitioner__free_initial_consultation",
    "practitioner__telehealth", "practitioner__accepting_as_of", "practitioner__telehealth_as_of",
    "location_id", "location__street", "location__city", "location__state",
    "location__zip_code", "location__lat", "location__lng",
    "clinic_id", "clinic__name", "clinic__slug", "clinic__phone", "clinic__sliding_scale",
    "clinic__insurance_as_of", "clinic__prices_as_of", "confirmed_on", "flags",
)


def load_results(rows: list[Row], vocabulary: Vocabulary, *, stale_cutoff: date,
                 using: str | None = None) -> list[Result]:
    """Turn (workplace id, practitioner id, chord²) rows into Results with one query.

    The search index rows hold the licence badge and the conditions and treatments as bits,
    named from the vocabulary; the query joins them to the practitioner, location and
    clinic. Only when two vocabulary terms share a bit does a second query read the
    practitioners' conditions and treatments from their own tables. The query goes to the
    database `using` (the one the rows came from), else where the router reads the index.
    `stale_cutoff`: the last confirmation day that counts as stale, the one the rows were
    ordered by (models.listings.stale_on_or_before()).
    """
    if not rows:
        return []
    connection = connections[using or router.db_for_read(SearchEntry)]
    with connection.cursor() as cursor:
        ids = [row[0] for row in rows]
        by_array = connection.vendor == "postgresql"
        sql = _details_sql(1 if by_array else len(ids), connection.vendor)
        cursor.execute(sql, [ids] if by_array else by_name(ids))
        details = {values[0]: values for values in cursor.fetchall()}
    # A workplace can leave the index between the search and this query (a clinic
    # suspended in between): it is left out rather than shown from stale data.
    rows = [row for row in rows if row[0] in details]
    condition_bits = vocabulary.bit_terms("conditions")
    modality_bits = vocabulary.bit_terms("modalities")
    exact_terms = None
    if condition_bits is None or modality_bits is None:
        exact_terms = _terms_by_practitioner([row[1] for row in rows], vocabulary)
    tz = timezone.get_current_timezone()
    language = translation.get_language()
    profile_url = links.slug_url_maker("clinics:practitioner-detail")
    clinic_url = links.slug_url_maker("clinics:clinic-detail")
    results = []
    for workplace_id, practitioner_id, chord_sq in rows:
        (_, condition_mask, modality_mask, kind, jurisdiction, verified_at, expires_on,
         *practitioner, location_id, street, city, state, zip_code, lat, lng,
         clinic_id, clinic_name, clinic_slug, phone, sliding_scale, insurance_as_of,
         prices_as_of, confirmed_on, flags) = details[workplace_id]
        if exact_terms is not None:
            conditions = exact_terms[0].get(practitioner_id, [])
            modalities = exact_terms[1].get(practitioner_id, [])
        else:  # every term has a bit of its own
            conditions = [t for b, t in condition_bits or () if condition_mask & b]
            modalities = [t for b, t in modality_bits or () if modality_mask & b]
        if flags & Flag.DRY_NEEDLING_BARRED:  # outside their scope here: clinics/scope.py
            modalities = [t for t in modalities if t.slug != DRY_NEEDLING_SLUG]
        (pid, name, slug, post_nominals, accepting, consultation, telehealth, accepting_as_of,
         telehealth_as_of) = practitioner
        confirmed_on = _as_date(confirmed_on)
        stale = confirmed_on <= stale_cutoff
        results.append(Result(
            practitioner=PractitionerRow(pid, name, slug, post_nominals, bool(accepting),
                                         bool(consultation), bool(telehealth),
                                         _as_optional_date(accepting_as_of),
                                         _as_optional_date(telehealth_as_of)),
            location=LocationRow(location_id, street, city, state, zip_code, lat, lng),
            clinic=ClinicRow(clinic_id, clinic_name, clinic_slug, phone, bool(sliding_scale),
                             _as_optional_date(insurance_as_of), _as_optional_date(prices_as_of),
                             confirmed_on, stale,
                             _stale_label(confirmed_on, language) if stale else ""),
            distance_mi=None if chord_sq is None else geo.miles_for_chord_squared(chord_sq),
            licence=Licence.of(kind, jurisdiction, _as_datetime(verified_at),
                               _as_date(expires_on), tz, language),
            conditions=conditions, modalities=modalities,
            url=profile_url(slug), clinic_url=clinic_url(clinic_slug),
        ))
    return results


@functools.lru_cache(maxsize=64)
def _details_sql(count: int, vendor: str = "") -> str:
    """The details query for `count` workplace ids, compiled by the ORM once per count.

    Its only parameters are the ids, so the text can be reused (on PostgreSQL, one array of
    them: call it with count 1 and [ids]). Rows are read as the driver
    returns them, without Django's per-value converters (on SQLite each datetime went
    through settings lookups and make_aware); _as_date and _as_datetime do the little
    needed. Building and compiling this query was a third of a search's Python time.
    """
    queryset = SearchEntry.objects.filter(workplace_id__in=range(count)).values_list(
        *RESULT_FIELDS)
    sql, params = queryset.query.sql_with_params()
    assert list(params) == list(range(count)), "the details query takes only the ids"
    if vendor == "postgresql":
        # One array parameter: one statement text for any number of ids, which psycopg
        # prepares and PostgreSQL plans once per connection (0.65 -> 0.45 ms at 1M).
        assert sql.count(" IN (%s)") == 1, sql
        return sql.replace(" IN (%s)", " = ANY(%s)")
    named, _ = named_placeholders(sql, list(params))
    assert "%s" not in named, "the details query's ids are named on SQLite"
    return named


# Parameter names for named_placeholders, made once: p0, p1, ...
PARAMETER_NAMES = [f"p{i}" for i in range(500)]


def _names(count: int) -> list[str]:
    if count <= len(PARAMETER_NAMES):
        return PARAMETER_NAMES[:count]
    return [f"p{i}" for i in range(count)]


def named_placeholders(sql: str, params: list[Any]) -> tuple[str, dict[str, Any] | list[Any]]:
    """`sql` with its %s placeholders named %(p0)s, %(p1)s, ... in order, and its
    parameters by those names, for SQLite.

    Django's SQLite cursor turns each %s into ? with a regular expression run over the whole
    statement text, some 200 instructions a character: a search's three statements are about
    6 KB, so over a million instructions a search. Named placeholders it turns into SQLite's
    own with Python's % formatting instead, at the speed of C. Text holding a literal %
    (written %%), or a different number of placeholders than parameters, is returned as it
    came."""
    pieces = sql.split("%s")
    if "%%" in sql or len(pieces) - 1 != len(params):
        return sql, params
    named = [pieces[0]]
    for name, piece in zip(_names(len(params)), pieces[1:], strict=True):
        named.append(f"%({name})s")
        named.append(piece)
    return "".join(named), by_name(params)


def by_name(params: list[Any]) -> dict[str, Any]:
    """Parameters under the names named_placeholders gives their placeholders."""
    return dict(zip(_names(len(params)), params, strict=True))


def _as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _as_optional_date(value: date | str | None) -> date | None:
    return None if value is None else _as_date(value)


def _as_datetime(value: datetime | str | None) -> datetime | None:
    """An aware datetime from the driver's value: PostgreSQL gives one; SQLite gives the UTC
    time as text."""
    if value is None or isinstance(value, datetime) and value.tzinfo is not None:
        return value
    parsed = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return parsed.replace(tzinfo=UTC)


def _terms_by_practitioner(practitioner_ids: Collection[int], vocabulary: Vocabulary
                           ) -> tuple[dict[int, list[Term]], dict[int, list[Term]]]:
    """Conditions and treatments of these practitioners, in one UNION query, as vocabulary
    terms (sorted by name) keyed by practitioner id."""
    conditions_rows = PractitionerCondition.objects.filter(
        practitioner_id__in=practitioner_ids).values_list("practitioner_id", "condition_id",
                                                           Value(0))
    modality_rows = Practitioner.modalities.through.objects.filter(
        practitioner_id__in=practitioner_ids).values_list("practitioner_id", "modality_id",
                                                           Value(1))
    terms = (vocabulary.conditions_by_id, vocabulary.modalities_by_id)
    found: tuple[dict[int, list[Term]], dict[int, list[Term]]] = ({}, {})
    for practitioner_id, term_id, kind in conditions_rows.union(modality_rows, all=True):
        if term_id in terms[kind]:
            found[kind].setdefault(practitioner_id, []).append(terms[kind][term_id])
    for by_practitioner in found:
        for names in by_practitioner.values():
            names.sort(key=lambda term: term.name)
    return found


def render_cards(results: Iterable[Result], start: int) -> SafeString:
    """A page of results as its list of cards (templates/jinja2/clinics/result_cards.html).

    Jinja2 rather than Django's template language, because every search page renders twenty
    cards: it compiles the template to Python and renders them about four times faster
    (bench/search.py). Jinja2 escapes every value the template prints, so the whole output
    is safe."""
    template = engines["jinja2"].get_template("clinics/result_cards.html")
    return mark_safe(template.render({"results": results, "start": start}))  # noqa: S308


FLAG_REASONS = {
    "accepting": gettext_lazy("accepting new patients"),
    "consultation": gettext_lazy("free first consultation"),
    "telehealth": gettext_lazy("offers telehealth"),
    "sliding_scale": gettext_lazy("sliding-scale fees"),
    "step_free": gettext_lazy("step-free entrance"),
}


def explain_matches(results: Iterable[Result], *, conditions: list[Term],
                    data: Mapping[str, Any]) -> None:
    """Set result.condition_tags and modality_tags (each marked when it matched the search)
    and result.why (one line on why it is here), from the search's conditions and its
    cleaned parameters. Names are the terms' own: in the language of the vocabulary the
    search was given (clinics/vocabulary.py in_language)."""
    wanted_conditions = {c.id for c in conditions}
    condition_names = ", ".join(in_sentence(c.name) for c in conditions)
    wanted_modality = data.get("modality")
    flag_reasons = [str(label) for key, label in FLAG_REASONS.items() if data.get(key)]
    offers: str | None = None
    for result in results:
        matched_conditions = {c.id for c in result.conditions if c.id in wanted_conditions}
        matched_modalities = {m.id for m in result.modalities
                              if wanted_modality and m.slug == wanted_modality}
        result.condition_tags = [(c.name, c.id in matched_conditions) for c in result.conditions]
        result.modality_tags = [(m.name, m.id in matched_modalities) for m in result.modalities]
        result.treats_html = _tag_list(result.condition_tags, ", ")
        result.offers_html = _tag_list(result.modality_tags, " · ")
        reasons = []
        if wanted_conditions:
            if matched_conditions:
                reasons.append(_("treats %(conditions)s") % {"conditions": condition_names})
            else:
                reasons.append(_("works in the specialty that covers %(conditions)s")
                               % {"conditions": condition_names})
        if matched_modalities:
            if offers is None:  # the same words on every card: made once
                treatment = next(m for m in result.modalities if m.id in matched_modalities)
                offers = _("offers %(treatment)s") % {
                    "treatment": in_sentence(treatment.name)}
            reasons.append(offers)
        reasons.extend(flag_reasons)  # the distance is shown once, beside the reasons
        # Upper-case the first letter only: str.capitalize() lower-cased the condition names
        # ("covers hashimoto's thyroiditis") and abbreviations ("als").
        why = "; ".join(reasons)
        result.why = why[:1].upper() + why[1:] if why else _("Verified licence")
