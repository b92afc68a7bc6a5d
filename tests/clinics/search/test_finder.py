"""find_practitioners() through the results page and the JSON API."""


import pytest

from tests.clinics.search.helpers import API, AUSTIN, SEARCH
from tests.factories import treats

pytestmark = pytest.mark.django_db


def test_no_results_suggests_wider_radius_and_telehealth(client):
    response = client.get(SEARCH + "?near=78704&radius=10")

    suggestions = [url for _, url in response.context["search"].suggestions]
    assert "radius=25" in suggestions[0]
    assert "telehealth=1" in suggestions[1] and "radius=100" in suggestions[1]


def test_api_returns_documented_shape(client, place_at, practitioner_at):
    practitioner = practitioner_at(place_at(*AUSTIN, miles=2), name="Api Person")
    treats(practitioner, "fibromyalgia")

    body = client.get(API + "?near=78704&condition=fibromyalgia").json()

    [result] = body["results"]
    assert (body["count"], body["next"], body["previous"]) == (1, None, None)
    assert result["name"] == "Api Person"
    assert result["distance_mi"] == pytest.approx(2.0, abs=0.05)
    assert result["vetted"] is True
    assert result["url"] == f"http://testserver/practitioners/{practitioner.slug}/"
    assert (result["lat"], result["lng"]) == (practitioner.locations.get().lat,
                                              practitioner.locations.get().lng)
    assert set(result["clinic"]) >= {"name", "slug", "url"}
    assert result["conditions"] == ["fibromyalgia"]


def test_api_next_and_previous_links(client, forty_five):
    body = client.get(API + "?near=78704&page=2").json()

    assert body["next"] == "http://testserver/api/v1/practitioners/?near=78704&page=3"
    assert body["previous"] == "http://testserver/api/v1/practitioners/?near=78704&page=1"
    assert len(body["results"]) == 20


def test_api_errors_are_json_400_per_field(client):
    response = client.get(API + "?near=Springfeld%2C+IL&radius=7")

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"near", "radius"}


# Each project module a search request runs, by how far down the one-way path it sits: a
# module may call its own rank or a lower one (a larger number), never back up.
RANKS = {
    "clinics/views.py": 0,
    "clinics/search/finder.py": 1,
    "clinics/search/form.py": 2,
    "clinics/search/paginator.py": 2,
    "clinics/search/results.py": 3,
    "clinics/search/links.py": 4,
    "clinics/geocoding.py": 4,
    "clinics/vocabulary.py": 4,
    "clinics/geo.py": 5,
    "clinics/models/search.py": 6,
}
# Site-wide middleware, and the read replica's middleware and router (present with
# DATABASE_REPLICA_URL), run around every request and query, not as part of search; so does
# the context processor every page's template gets (html lang, hreflang, the switcher).
MIDDLEWARE = {"directory/health.py", "directory/headers.py", "directory/replica.py",
              "directory/uploads.py", "directory/languages.py"}


def test_a_search_request_goes_one_way_through_at_most_ten_modules(client, place_at,
                                                                     practitioner_at):
    import sys
    from pathlib import Path

    from django.core.cache import caches

    root = f"{Path(__file__).resolve().parents[3]}/"
    practitioner = practitioner_at(place_at(*AUSTIN, miles=1))
    treats(practitioner, "fibromyalgia")
    url = f"{SEARCH}?near=78704&condition=fibromyalgia&accepting=1&sort=match"
    client.get(url)  # warm: the vocabulary and the geocoder's cache
    caches["pages"].clear()  # but render the page again, not the one kept from the warm-up
    calls = []

    def record(frame, event, arg):
        caller = frame.f_back
        if event == "call" and caller is not None:
            callee_file, caller_file = frame.f_code.co_filename, caller.f_code.co_filename
            # Jinja2 compiles the result cards' template to code whose frames name the
            # template: a template, not one of the project's Python modules.
            if (callee_file.startswith(root) and "/.venv/" not in callee_file
                    and not callee_file.startswith(f"{root}templates/")):
                callee = callee_file.removeprefix(root)
                if callee not in MIDDLEWARE:
                    calls.append((caller_file.removeprefix(root), callee))

    sys.setprofile(record)
    try:
        response = client.get(url)
    finally:
        sys.setprofile(None)

    assert response.status_code == 200
    project_modules = {callee for _, callee in calls}
    assert project_modules <= set(RANKS), project_modules - set(RANKS)
    assert len(project_modules) <= 10
    back_up = {(caller, callee) for caller, callee in calls
               if caller in RANKS and RANKS[callee] < RANKS[caller]}
    assert back_up == set()


def test_a_search_reads_the_vocabulary_once(client, monkeypatch, place_at, practitioner_at):
    from clinics import vocabulary

    practitioner_at(place_at(*AUSTIN, miles=1))
    reads = []
    real_get = vocabulary.get
    monkeypatch.setattr(vocabulary, "get",
                        lambda version=None: reads.append(1) or real_get(version))

    client.get(f"{SEARCH}?near=78704&condition=fibromyalgia&payer=aetna&language=es")

    assert len(reads) == 1


def _kept():
    from clinics.search import finder
    return finder.compiled_search.__self__._kept


def test_the_same_filters_elsewhere_reuse_the_compiled_rows_and_find_what_is_there(
        place_at, practitioner_at):
    """The filtered rows are compiled once per set of filters; each search still pages
    around its own place."""
    from tests.clinics.search.helpers import names

    austin = practitioner_at(place_at(*AUSTIN, miles=1), name="Austin One",
                             accepting_new_patients=False)
    dallas = practitioner_at(place_at(32.7767, -96.7970, miles=1), name="Dallas One")
    for practitioner in (austin, dallas):
        treats(practitioner, "fibromyalgia")
    _kept().clear()

    assert names("near=78704&condition=fibromyalgia&radius=25") == ["Austin One"]
    assert len(_kept()) == 1
    assert names("near=75201&condition=fibromyalgia&radius=50") == ["Dallas One"]
    assert len(_kept()) == 1  # the same filters: reused, though the place and radius moved
    assert names("near=78704&condition=fibromyalgia&accepting=1") == []  # not accepting
    assert len(_kept()) == 2


def test_a_kept_compilation_never_answers_for_other_filters_terms_or_days(
        place_at, practitioner_at, time_machine):
    """The key holds what the filtered rows are built from: the conditions the text named
    (not the text), each filter's value, the vocabulary's version and the date."""
    import datetime

    from django.http import QueryDict
    from django.utils import timezone

    from clinics import search, vocabulary
    from clinics.models import Condition

    practitioner = practitioner_at(place_at(*AUSTIN, miles=1))
    treats(practitioner, "fibromyalgia")
    _kept().clear()

    def key(query: str):
        found = search.find_practitioners(QueryDict(query))
        assert not found.errors
        return found.filterset.rows_key()

    assert key("near=78704&condition=fibromyalgia") == key("near=78704&condition=Fibromyalgia")
    assert key("near=78704&condition=fibromyalgia") != key("near=78704&condition=lupus")
    assert key("near=78704&payer=aetna") != key("near=78704&payer=aetna&payer=cigna")
    assert key("near=78704") == key("near=10001&radius=50&sort=match")
    before = key("near=78704&condition=fibromyalgia")
    Condition.objects.filter(slug="lupus").update(name="Lupus (SLE)")
    vocabulary.invalidate()
    assert key("near=78704&condition=fibromyalgia") != before
    today = timezone.localdate()
    time_machine.move_to(timezone.make_aware(
        datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time(9))))
    assert key("near=78704&condition=fibromyalgia")[-1] == today + datetime.timedelta(days=1)


def test_kept_compilations_hold_no_connection_and_stay_bounded(monkeypatch, place_at,
                                                                practitioner_at):
    """Another thread may reuse a compilation: it keeps the database alias and each use
    takes that thread's own connection. The memo keeps at most SIZE entries."""
    import threading

    from django.db import connections

    from clinics.search import finder
    from tests.clinics.search.helpers import run

    practitioner_at(place_at(*AUSTIN, miles=1))
    memo = finder.compiled_search.__self__
    monkeypatch.setattr(type(memo), "SIZE", 2)
    _kept().clear()
    for query in ("near=78704", "near=78704&accepting=1", "near=78704&telehealth=1"):
        run(query)
    assert len(_kept()) == 2
    compiled = next(iter(_kept().values()))
    assert "connection" not in vars(compiled)
    seen = []
    thread = threading.Thread(target=lambda: seen.append(compiled.connection))
    thread.start()
    thread.join()
    assert seen[0] is not connections["default"]  # the other thread's own connection


def test_the_results_heading_counts_in_each_language(place_at, practitioner_at):
    from django.http import QueryDict
    from django.utils import translation

    from clinics import search

    practitioner_at(place_at(*AUSTIN, miles=1))

    def heading(query: str, **options) -> str:
        return search.find_practitioners(QueryDict(query), **options).heading

    assert heading("near=78704&radius=10") == "1–1 of 1 verified practitioner within 10 miles"
    practitioner_at(place_at(*AUSTIN, miles=2))
    assert heading("near=78704") == "1–2 of 2 verified practitioners within 25 miles"
    assert heading("near=78704", cap=1) == "1–1 of 1+ verified practitioner within 25 miles"
    assert heading("condition=fibromyalgia") == "No verified practitioners match"
    assert heading("near=00000") == ""  # not a search: the page says "Results"
    with translation.override("es"):
        assert heading("near=78704") == (
            "1–2 de 2 profesionales verificados a menos de 25 millas")


def test_a_search_page_reads_the_shared_cache_once(client, monkeypatch, place_at,
                                                  practitioner_at):
    """The kept pages' key needs the index's and the vocabulary's tokens; the search then
    takes the vocabulary's from there instead of reading it again (on the database cache,
    each read is a query; on Redis, a round trip)."""
    from django.core.cache import caches

    practitioner_at(place_at(*AUSTIN, miles=1))
    client.get(f"{SEARCH}?near=78704")  # warm: the vocabulary and the geocoder's cache
    shared, reads = caches["shared"], []
    for method in ("get", "get_many"):
        real = getattr(shared, method)
        monkeypatch.setattr(shared, method,
                            lambda *args, _real=real, **kwargs: reads.append(args) or _real(
                                *args, **kwargs))

    response = client.get(f"{SEARCH}?near=78704&radius=50")

    assert response.status_code == 200 and "1–1 of 1" in response.content.decode()
    assert len(reads) == 1 and set(reads[0][0]) == {
        "clinics:search-index:version", "clinics:vocabulary:version"}
