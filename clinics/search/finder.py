"""The one way into search: find_practitioners() validates the parameters, geocodes the
place, filters, pages nearest first and explains each match. The results page, the JSON
API, the benchmark and the tests all call it.

    results = find_practitioners(request.GET, page=request.GET.get("page", 1))

It reads the vocabulary once and hands it to the form, the paginator and the results.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any, TypedDict, cast

from django.core.paginator import Page
from django.db import router
from django.http import QueryDict
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from clinics import geo, presenters, vocabulary
from clinics.models import Credential, SearchEntry
from clinics.vocabulary import Term, Vocabulary, in_sentence

from .form import RADIUS_CHOICES, PractitionerSearch, SearchForm
from .paginator import RESULTS_PER_PAGE, CompiledSearch, NearestFirstPaginator
from .results import Result, explain_matches, render_cards

# Filters under "More filters": the page opens that section when one of them is set.
MORE_FILTERS = (*PractitionerSearch.FLAGS, *SearchForm.VOCABULARY_FIELDS, "gender")


class LicenceJSON(TypedDict):
    kind: str
    jurisdiction: str
    verified_on: str | None
    expires_on: str
    status: str


class ClinicJSON(TypedDict):
    name: str
    slug: str
    url: str
    phone: str
    sliding_scale: bool
    prices_as_of: str | None
    insurance_as_of: str | None
    details_confirmed_on: str
    details_unconfirmed: bool


class AddressJSON(TypedDict):
    street: str
    city: str
    state: str
    zip_code: str


class ResultJSON(TypedDict):
    """One result as the API gives it."""

    name: str
    post_nominals: str
    slug: str
    url: str
    distance_mi: float | None
    lat: float
    lng: float
    vetted: bool
    verified_licence: LicenceJSON
    accepting_new_patients: bool
    accepting_new_patients_as_of: str | None
    free_initial_consultation: bool
    telehealth: bool
    telehealth_as_of: str | None
    clinic: ClinicJSON
    location: AddressJSON
    conditions: list[str]
    modalities: list[str]
    why: str


class ErrorJSON(TypedDict):
    """The API's answer to parameters it cannot search with: parameter -> messages."""

    errors: dict[str, list[str]]


class PageJSON(TypedDict):
    """The API's answer: a page of results and links to its neighbours."""

    count: int
    count_is_capped: bool
    notice: str | None
    next: str | None
    previous: str | None
    results: list[ResultJSON]


@dataclass
class ResultsPage:
    """A search's form (bound or blank), and its page of results when it was valid."""

    params: QueryDict | None  # as given, without the defaults the form fills in
    filterset: PractitionerSearch
    page: Page[Result] | None
    vocabulary: Vocabulary

    @property
    def form(self) -> SearchForm:
        return self.filterset.form

    @property
    def circle(self) -> geo.Circle | None:
        return self.filterset.circle

    @property
    def conditions(self) -> list[Term]:
        return self.filterset.conditions

    @property
    def treatment(self) -> Term | None:
        """A treatment typed into the condition box, searched as the treatment filter."""
        return self.form.treatment if self.page is not None else None

    @property
    def notice(self) -> str:
        """How the search read its text, when that is not what the visitor may expect."""
        treatment = self.treatment
        if treatment is None:
            return ""
        typed = self.form.cleaned_data["condition"].strip()
        return _("Showing practitioners who offer %(treatment)s. “%(typed)s” is a treatment "
                 "rather than a condition, so we searched for it as the treatment.") % {
                     "treatment": in_sentence(treatment.name), "typed": typed[:80]}

    @property
    def paginator(self) -> NearestFirstPaginator | None:
        return None if self.page is None else cast(NearestFirstPaginator, self.page.paginator)

    @property
    def results(self) -> list[Result]:
        return [] if self.page is None else list(self.page.object_list)

    @cached_property
    def cards_html(self) -> SafeString:
        """The page's results as the list of cards the results page shows."""
        if self.page is None:
            return SafeString()
        return render_cards(self.page.object_list, self.page.start_index())

    @cached_property
    def errors(self) -> dict[str, list[str]]:
        """Field name (or __all__) -> messages; empty when the search was valid."""
        if not self.filterset.is_bound:
            return {}
        return {name: [str(message) for message in messages]
                for name, messages in self.form.errors.items()}

    @property
    def more_filters_open(self) -> bool:
        return self.params is not None and any(self.params.get(name) for name in MORE_FILTERS)

    @property
    def collapsed(self) -> bool:
        """Whether the page shows the search as a one-line summary: once it has results."""
        return bool(self.results)

    @cached_property
    def heading(self) -> str:
        """The results' heading: "1–20 of 200+ verified practitioners within 25 miles"."""
        paginator = self.paginator
        if self.page is None or paginator is None:
            return ""
        if not paginator.count:
            return _("No verified practitioners match")
        values = {"first": self.page.start_index(), "last": self.page.end_index(),
                  "counter": paginator.count, "capped": "+" if paginator.is_capped else "",
                  "radius": self.form.cleaned_data["radius"]}
        if self.circle is not None:
            return ngettext(
                "%(first)s–%(last)s of %(counter)s%(capped)s verified practitioner within "
                "%(radius)s miles",
                "%(first)s–%(last)s of %(counter)s%(capped)s verified practitioners within "
                "%(radius)s miles", paginator.count) % values
        return ngettext("%(first)s–%(last)s of %(counter)s%(capped)s verified practitioner",
                        "%(first)s–%(last)s of %(counter)s%(capped)s verified practitioners",
                        paginator.count) % values

    @cached_property
    def summary(self) -> str:
        """The search in one line: "Fibromyalgia near 78704, within 25 miles; 2 filters"."""
        if self.page is None:
            return ""
        data = self.form.cleaned_data
        treatment = getattr(self.form, "treatment", None)  # typed in the condition box
        line = (", ".join(c.name for c in self.conditions)
                or (_("Practitioners offering %(treatment)s")
                    % {"treatment": in_sentence(treatment.name)} if treatment
                    else _("All practitioners")))
        if self.circle is not None:
            place = (data.get("near") or "").strip() or _("your location")
            line = _("%(search)s near %(place)s, within %(radius)s miles") % {
                "search": line, "place": place, "radius": data["radius"]}
        filters = sum(len(self.params.getlist(name)) for name in MORE_FILTERS
                      if self.params is not None and any(self.params.getlist(name)))
        if filters:
            line += "; " + ngettext("%(count)d filter", "%(count)d filters", filters) % {
                "count": filters}
        return line

    @cached_property
    def suggestions(self) -> list[tuple[str, str]]:
        """Query strings for an empty result: a wider radius, and telehealth within the
        widest one."""
        if self.params is None or self.page is None or self.results or self.circle is None:
            return []
        data = self.form.cleaned_data
        query = self.params.copy()
        query.pop("page", None)
        suggestions = []
        wider = [miles for miles, _label in RADIUS_CHOICES if miles > data["radius"]]
        if wider:
            query["radius"] = str(wider[0])
            suggestions.append((_("Search within %(miles)s miles") % {"miles": wider[0]},
                                "?" + query.urlencode()))
        if not data.get("telehealth"):
            query["radius"] = str(RADIUS_CHOICES[-1][0])
            query["telehealth"] = "1"
            suggestions.append((_("Look for practitioners offering telehealth follow-ups"),
                                "?" + query.urlencode()))
        return suggestions

    def query_plan(self) -> list[str]:
        """The database's plan for the search's rows: the proof that the index is used."""
        return [] if self.paginator is None else self.paginator.compiled.query_plan()

    def as_json(self, absolute_url: Callable[[str], str], path: str) -> PageJSON:
        """The API's answer; `absolute_url` turns a path into a full URL."""
        if self.page is None or self.paginator is None:
            return {"count": 0, "count_is_capped": False, "notice": None, "next": None,
                    "previous": None, "results": []}
        page, paginator, params = self.page, self.paginator, self.params or QueryDict()
        # The site's one wording: search lists current licences only, so "Verified".
        verified = presenters.credential_state(status=Credential.Status.VERIFIED,
                                               expires_on=None).label

        def page_url(number: int) -> str:
            query = params.copy()
            query["page"] = str(number)
            return absolute_url(f"{path}?{query.urlencode()}")

        return {
            "count": paginator.count,
            "count_is_capped": paginator.is_capped,
            "notice": self.notice or None,
            "next": page_url(page.next_page_number()) if page.has_next() else None,
            "previous": page_url(page.previous_page_number()) if page.has_previous() else None,
            "results": [result_json(result, absolute_url, verified) for result in page.object_list],
        }


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def result_json(result: Result, absolute_url: Callable[[str], str],
                verified: str) -> ResultJSON:
    """One result; `verified` is the licence status as the site words it (the same for
    every result: search lists current, verified licences only)."""
    practitioner, location, clinic, licence = (
        result.practitioner, result.location, result.clinic, result.licence)
    verified_on = licence.verified_on
    return {
        "name": practitioner.name,
        "post_nominals": practitioner.post_nominals,
        "slug": practitioner.slug,
        "url": absolute_url(result.url),
        "distance_mi": None if result.distance_mi is None else round(result.distance_mi, 1),
        "lat": location.lat,
        "lng": location.lng,
        "vetted": True,
        "verified_licence": {
            "kind": licence.kind_label, "jurisdiction": licence.jurisdiction,
            "verified_on": verified_on.isoformat() if verified_on else None,
            "expires_on": licence.expires_on.isoformat(),
            "status": verified,
        },
        "accepting_new_patients": practitioner.accepting_new_patients,
        "accepting_new_patients_as_of": _iso(practitioner.accepting_as_of),
        "free_initial_consultation": practitioner.free_initial_consultation,
        "telehealth": practitioner.telehealth,
        "telehealth_as_of": _iso(practitioner.telehealth_as_of),
        "clinic": {
            "name": clinic.name, "slug": clinic.slug, "url": absolute_url(result.clinic_url),
            "phone": clinic.phone, "sliding_scale": clinic.sliding_scale,
            "prices_as_of": _iso(clinic.prices_as_of),
            "insurance_as_of": _iso(clinic.insurance_as_of),
            "details_confirmed_on": clinic.confirmed_on.isoformat(),
            "details_unconfirmed": clinic.is_stale,
        },
        "location": {"street": location.street, "city": location.city,
                     "state": location.state, "zip_code": location.zip_code},
        "conditions": [c.slug for c in result.conditions],
        "modalities": [m.slug for m in result.modalities],
        "why": result.why,
    }


def find_practitioners(params: Mapping[str, str | Sequence[str]] | None, *,
                       page: int | str = 1,
                       per_page: int = RESULTS_PER_PAGE, cap: int | None = None,
                       vocabulary_version: str | None = None) -> ResultsPage:
    """Run a search from its URL parameters (None: a blank form and no search). A list
    value is a repeated parameter: {"payer": ["aetna", "cigna"]}.

    Invalid parameters never raise: the ResultsPage carries the form with its errors and
    no page. `page` may be any text: garbage means the first page, too far the last.
    `vocabulary_version`: the vocabulary's token, when the caller has just read it from the
    shared cache (the results page does, for its kept pages' key), so it is not read twice.
    """
    vocab = vocabulary.get(vocabulary_version)
    if params is not None and not isinstance(params, QueryDict):
        query = QueryDict(mutable=True)
        for key, value in params.items():  # a list is a repeated parameter (payer, language)
            query.setlist(key, [value] if isinstance(value, str) else list(value))
        params = query
    # Over every index row: compiled_search adds the vetted test (SearchEntry.objects
    # .current()) when it compiles the filters, so a search whose SQL is kept skips building it.
    filterset = PractitionerSearch(params, vocabulary=vocab)
    if not filterset.is_valid():
        return ResultsPage(params, filterset, None, vocab)
    compiled = compiled_search(filterset)
    paginator = NearestFirstPaginator(compiled, per_page, vocabulary=vocab,
                                      circle=filterset.circle, ranked=filterset.ranked, cap=cap)
    results_page = paginator.page(page)
    explain_matches(results_page.object_list, conditions=filterset.conditions,
                    data=filterset.form.cleaned_data)
    return ResultsPage(params, filterset, results_page, vocab)


class CompiledSearches:
    """The SQL of recent searches' filtered rows, by what they were built from.

    Building the filtered queryset and compiling it was a fifth of a search's Python time,
    and the result depends only on the filters (PractitionerSearch.rows_key), the database
    and whether there is a place, not on where: the same condition searched in every ZIP
    code compiles to the same SQL with the same parameters. So it is compiled once and moved
    to each search's circle (CompiledSearch.around). Bounded in entries; per process; each
    entry is a pure function of its key, which holds the vocabulary version and the date.
    The vetted test (SearchEntry.objects.current(), today's licences) is added here, when the
    filters are compiled: building it cost more than the rest of the key.
    """

    SIZE = 256

    def __init__(self) -> None:
        self._kept: OrderedDict[tuple[Any, ...], CompiledSearch] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, filterset: PractitionerSearch) -> CompiledSearch:
        circle, ranked = filterset.circle, filterset.ranked
        alias = router.db_for_read(SearchEntry)  # the replica, unless this user just wrote
        key = (filterset.rows_key(), alias, circle is None, ranked)
        with self._lock:
            compiled = self._kept.get(key)
            if compiled is not None:
                self._kept.move_to_end(key)
        if compiled is None:
            compiled = CompiledSearch(filterset.qs.current().using(alias), circle=circle,
                                      ranked=ranked)
            with self._lock:
                self._kept[key] = compiled
                if len(self._kept) > self.SIZE:
                    self._kept.popitem(last=False)
        return compiled.around(circle)


compiled_search = CompiledSearches().get
