"""Nearest-first paging: distances, radius edges, ring counts, caps and the queries it runs."""


import pytest
from django.http import QueryDict
from geopy.distance import great_circle

from clinics import search
from clinics.models import (
    Payer,
    PractitionerLocation,
    Specialty,
)
from clinics.search import paginator
from tests.clinics.search.helpers import AUSTIN, SEARCH, names, run
from tests.factories import (
    CredentialFactory,
    LocationFactory,
    PractitionerFactory,
    treats,
)

pytestmark = pytest.mark.django_db


ZIP_PAIRS = [
    ("78704", "78613"), ("10001", "07030"), ("94103", "94612"), ("60601", "60201"),
    ("02139", "02108"), ("98101", "98402"), ("30303", "30060"), ("80202", "80302"),
    ("19103", "08002"), ("90012", "90802"), ("97205", "97301"), ("55401", "55101"),
]


@pytest.mark.parametrize(("origin", "destination"), ZIP_PAIRS)
def test_distance_matches_geopy_great_circle_within_half_percent(
        origin, destination, zip_point, practitioner_at):
    practitioner_at(LocationFactory(lat=zip_point(destination)[0], lng=zip_point(destination)[1]))
    expected = great_circle(zip_point(origin), zip_point(destination)).miles

    [result] = run(f"near={origin}&radius=100").object_list

    assert result.distance_mi == pytest.approx(expected, rel=0.005)


@pytest.mark.parametrize("radius", [5, 25, 100])
@pytest.mark.parametrize("bearing", [0, 90, 225])
def test_radius_boundary_just_inside_in_just_outside_out(radius, bearing, place_at,
                                                           practitioner_at):
    practitioner_at(place_at(*AUSTIN, miles=radius * 0.999, bearing=bearing), name="Inside")
    practitioner_at(place_at(*AUSTIN, miles=radius * 1.001, bearing=bearing), name="Outside")

    assert names(f"lat={AUSTIN[0]}&lng={AUSTIN[1]}&radius={radius}") == ["Inside"]


def test_results_are_ordered_by_distance(place_at, practitioner_at):
    for miles, name in [(9, "Far"), (1, "Near"), (4, "Middle")]:
        practitioner_at(place_at(*AUSTIN, miles=miles, bearing=miles * 40), name=name)

    assert names("near=78704") == ["Near", "Middle", "Far"]


def test_practitioner_with_two_nearby_locations_appears_once_at_nearest(place_at,
                                                                         practitioner_at):
    near, far = place_at(*AUSTIN, miles=2), place_at(*AUSTIN, miles=6)
    practitioner = practitioner_at(near, name="Two places")
    PractitionerLocation.objects.create(practitioner=practitioner, location=far)

    [result] = run("near=78704").object_list

    assert (result.practitioner.name, result.location.id) == ("Two places", near.pk)


def test_sort_match_puts_condition_listers_first(place_at, practitioner_at):
    lister = practitioner_at(place_at(*AUSTIN, miles=8), name="Lister far")
    treats(lister, "fibromyalgia")
    specialist = practitioner_at(place_at(*AUSTIN, miles=1), name="Specialist near")
    specialist.specialties.add(Specialty.objects.get(slug="chronic-pain"))

    assert names("near=78704&condition=fibromyalgia&sort=match") == [
        "Lister far", "Specialist near"]
    assert names("near=78704&condition=fibromyalgia&sort=distance") == [
        "Specialist near", "Lister far"]


@pytest.mark.parametrize(("page", "expected_page", "first", "size"), [
    ("1", 1, "P00", 20), ("3", 3, "P40", 5), ("999", 3, "P40", 5),
    ("abc", 1, "P00", 20), ("-4", 1, "P00", 20), ("99999999999999999999", 3, "P40", 5),
])
def test_pagination_edges_give_a_clean_page(forty_five, client, page, expected_page, first, size):
    response = client.get(SEARCH + f"?near=78704&page={page}")

    page_obj = response.context["page_obj"]
    assert response.status_code == 200
    assert (page_obj.number, page_obj.object_list[0].practitioner.name,
            len(page_obj.object_list)) == (expected_page, first, size)


def test_pages_continue_without_gaps_or_repeats(forty_five):
    seen = names("near=78704", 1) + names("near=78704", 2) + names("near=78704", 3)

    assert seen == [f"P{i:02d}" for i in range(45)]


def test_count_above_cap_says_plus_and_stops_paging(forty_five, monkeypatch, client):
    monkeypatch.setattr(paginator, "RESULT_CAP", 30)

    response = client.get(SEARCH + "?near=78704&page=5")

    page_obj = response.context["page_obj"]
    assert (page_obj.paginator.count, page_obj.paginator.is_capped, page_obj.number) == (
        30, True, 2)
    assert "of 30+" in response.content.decode()


def shared_cache_in_database() -> int:
    from django.core.cache import caches
    from django.core.cache.backends.db import DatabaseCache

    return int(isinstance(caches["shared"], DatabaseCache))


@pytest.mark.parametrize("count", [1, 20])
def test_search_page_query_count_is_fixed(client, django_assert_num_queries, place_at,
                                          practitioner_at, count):
    aetna = Payer.objects.get(slug="aetna")
    for i in range(count):
        practitioner = practitioner_at(place_at(*AUSTIN, miles=i * 0.3, bearing=i * 17))
        treats(practitioner, "fibromyalgia")
        practitioner.locations.get().clinic.payers.add(aetna)
    client.get(SEARCH + "?near=78704")  # warm, as in a running site: the tokens exist

    # When the shared cache is the database (not Redis): the index's and the vocabulary's
    # tokens, read once for the kept page's key and the search. Then the probe, the ordered
    # rows, and the page's index rows joined to what a card shows.
    with django_assert_num_queries(3 + shared_cache_in_database()):
        response = client.get(SEARCH + "?near=78704&condition=fibromyalgia&accepting=1"
                                       "&payer=aetna&sort=match")

    assert len(response.context["page_obj"].object_list) == count


def test_search_plan_reads_the_covering_index(practitioner_at, place_at):
    from django.db import connection

    practitioner_at(place_at(*AUSTIN, miles=1))
    found = search.find_practitioners(QueryDict("near=78704&radius=50&accepting=1&payer=aetna"))
    assert not found.errors
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # a tiny test table would otherwise be seq-scanned
            cursor.execute("SET LOCAL enable_seqscan = off")

    plan = "\n".join(found.query_plan())

    assert "search_entry_covering" in plan
    assert "clinics_practitioner " not in plan and "JOIN" not in plan.upper()


def test_on_sqlite_the_search_compares_dates_as_stored(client, place_at, practitioner_at):
    """SQLite gives a date column numeric affinity, and comparing it with a date parameter
    then tries to read the parameter as a number once for every row it reads: both date
    tests of a search (licence not expired, listing confirmed) must use the bare value."""
    import re

    from django.db import connection

    practitioner_at(place_at(*AUSTIN, miles=1), name="Near")
    statements = []

    def keep(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        assert names("near=78704") == ["Near"]

    searches = "\n".join(sql for sql in statements if "clinics_searchentry" in sql)
    tests = re.findall(r'(\S*"?(?:licence_expires_on"? >=|confirmed_on <=))', searches)
    assert any("licence_expires_on" in test for test in tests)
    assert any("confirmed_on" in test for test in tests)
    bare = connection.vendor == "sqlite"
    assert all(test.startswith("+") == bare for test in tests), tests


def test_practitioners_at_many_places_are_counted_once(place_at):
    # Two practitioners with five workplaces each, one with one; all due west or east of the
    # centre, so the index (band, then longitude) lists the ten first.
    for name, offset in (("Five A", 0.1), ("Five B", 0.15)):
        practitioner_working_at(*(place_at(*AUSTIN, miles=offset + i / 10, bearing=270)
                                  for i in range(5)), name=name)
    practitioner_working_at(place_at(*AUSTIN, miles=0.2, bearing=90), name="One place")

    def paginator_with(cap):
        return run("near=78704&radius=5", cap=cap).paginator

    roomy = paginator_with(cap=200)
    assert (roomy.count, roomy.is_capped) == (3, False)
    assert [r.practitioner.name for r in roomy.page(1).object_list] == [
        "Five A", "Five B", "One place"]

    # With a cap of 2 the probe reads 5 rows (cap + 1, times SPREAD), all of the first two
    # practitioners: at least 2 found, not known to be more, so an exact count settles it.
    tight = paginator_with(cap=2)
    assert paginator.rows_to_read(3) == 5
    assert (tight.count, tight.is_capped) == (2, True)


def test_on_postgresql_the_search_sql_is_the_same_text_for_every_place(client, place_at,
                                                                       practitioner_at):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no prepared plans to reuse; it gets plain IN lists")
    practitioner_at(place_at(*AUSTIN, miles=1))

    texts = []

    def keep_text(execute, sql, params, many, context):
        texts[-1].append(sql)  # the statement as sent, parameters apart
        return execute(sql, params, many, context)

    for query in ("near=78704&radius=10", "near=10001&radius=50", "near=99501&radius=25"):
        texts.append([])
        with connection.execute_wrapper(keep_text):
            client.get(f"{SEARCH}?{query}")

    probe = "SELECT * FROM (SELECT COUNT(DISTINCT"
    probes = [[sql for sql in statements if sql.startswith(probe)] for statements in texts]
    assert [len(found) for found in probes] == [1, 1, 1]
    assert probes[0][0] == probes[1][0] == probes[2][0]


def practitioner_working_at(*locations, name):
    practitioner = PractitionerFactory(locations=list(locations), name=name)
    CredentialFactory(practitioner=practitioner)
    return practitioner
