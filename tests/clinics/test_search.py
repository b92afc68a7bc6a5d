import datetime
import json
import re
from html import unescape

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from geopy.distance import great_circle
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinics import search, vocabulary
from clinics.models import (
    Clinic,
    Credential,
    Language,
    Modality,
    Payer,
    PractitionerLocation,
    SearchEntry,
    Specialty,
)
from clinics.models.search import BITS
from clinics.search import paginator, results
from tests.factories import (
    ClinicFactory,
    CredentialFactory,
    LocationFactory,
    PractitionerFactory,
    treats,
)

pytestmark = pytest.mark.django_db
SEARCH = reverse("clinics:practitioner-list")
API = reverse("clinics:api-practitioners")
AUSTIN = (30.2428, -97.7658)  # ZIP 78704


def run(query: str, page=1, **options):
    """A page of results, as the view gets it. The index is kept in step by the writes the
    test arranged, with no rebuild, so every search here also checks that."""
    found = search.find_practitioners(QueryDict(query), page=page, **options)
    assert not found.errors, found.errors
    return found.page


def names(query: str, page=1) -> list[str]:
    return [r.practitioner.name for r in run(query, page).object_list]


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


def test_only_vetted_practitioners_appear(place_at, practitioner_at):
    practitioner_at(place_at(*AUSTIN, miles=1), name="Vetted")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    expired = PractitionerFactory(name="Expired", locations=[place_at(*AUSTIN, miles=1)])
    CredentialFactory(practitioner=expired, expires_on=yesterday)
    unverified = PractitionerFactory(name="Unverified", locations=[place_at(*AUSTIN, miles=1)])
    CredentialFactory(practitioner=unverified, status=Credential.Status.SUBMITTED)
    practitioner_at(place_at(*AUSTIN, miles=1, status=Clinic.Status.SUSPENDED), name="Suspended")
    practitioner_at(place_at(*AUSTIN, miles=1, status=Clinic.Status.PENDING), name="Pending")
    certificate_only = PractitionerFactory(name="Certificate", locations=[place_at(*AUSTIN)])
    CredentialFactory(practitioner=certificate_only, kind=Credential.Kind.NCCAOM_AC)

    assert names("near=78704") == ["Vetted"]


@pytest.fixture
def two_near(place_at, practitioner_at):
    """'Match' and 'Other' at the same distance; tests make 'Match' satisfy one filter."""
    match = practitioner_at(place_at(*AUSTIN, miles=1), name="Match")
    other = practitioner_at(place_at(*AUSTIN, miles=1, bearing=180), name="Other")
    return match, other


@pytest.mark.parametrize(("param", "field"), [
    ("accepting", "accepting_new_patients"),
    ("consultation", "free_initial_consultation"),
    ("telehealth", "telehealth"),
])
def test_flag_filter_narrows_to_practitioners_with_flag(two_near, param, field):
    match, other = two_near
    for practitioner, value in [(match, True), (other, False)]:
        setattr(practitioner, field, value)
        practitioner.save()

    assert names(f"near=78704&{param}=1") == ["Match"]
    assert sorted(names("near=78704")) == ["Match", "Other"]


@pytest.mark.parametrize(("param", "field"), [
    ("sliding_scale", "sliding_scale"), ("step_free", "step_free_entrance")])
def test_clinic_flag_filter_narrows_to_clinics_with_flag(two_near, param, field):
    match, _ = two_near
    clinic = Clinic.objects.get(locations__practitioners=match)
    setattr(clinic, field, True)
    clinic.save()

    assert names(f"near=78704&{param}=1") == ["Match"]


def test_language_filter_narrows_to_speakers(two_near):
    match, _ = two_near
    match.languages.add(Language.objects.get(code="es"))

    assert names("near=78704&language=es") == ["Match"]


def test_payer_filter_narrows_to_clinics_taking_it(two_near):
    match, _ = two_near
    match.locations.get().clinic.payers.add(Payer.objects.get(slug="aetna"))

    assert names("near=78704&payer=aetna") == ["Match"]


def test_gender_filter_narrows_to_gender(two_near):
    match, other = two_near
    match.gender, other.gender = "female", "male"
    match.save()
    other.save()

    assert names("near=78704&gender=female") == ["Match"]


def test_specialty_filter_narrows_to_specialty(two_near):
    match, _ = two_near
    match.specialties.add(Specialty.objects.get(slug="neurological"))

    assert names("near=78704&specialty=neurological") == ["Match"]


def test_modality_filter_narrows_and_highlights(two_near, client):
    from clinics.models import Modality

    match, _ = two_near
    match.modalities.add(Modality.objects.get(slug="dry-needling"))

    assert names("near=78704&modality=dry-needling") == ["Match"]
    html = client.get(SEARCH + "?near=78704&modality=dry-needling").content.decode()
    assert "<mark>Dry needling</mark>" in html


def test_condition_filter_takes_listers_and_specialists_only(place_at, practitioner_at):
    lister = practitioner_at(place_at(*AUSTIN, miles=3), name="Lister")
    treats(lister, "fibromyalgia")
    specialist = practitioner_at(place_at(*AUSTIN, miles=1), name="Specialist")
    specialist.specialties.add(Specialty.objects.get(slug="chronic-pain"))
    unrelated = practitioner_at(place_at(*AUSTIN, miles=2), name="Unrelated")
    treats(unrelated, "als")

    assert names("near=78704&condition=fibromyalgia") == ["Specialist", "Lister"]


def test_sort_match_puts_condition_listers_first(place_at, practitioner_at):
    lister = practitioner_at(place_at(*AUSTIN, miles=8), name="Lister far")
    treats(lister, "fibromyalgia")
    specialist = practitioner_at(place_at(*AUSTIN, miles=1), name="Specialist near")
    specialist.specialties.add(Specialty.objects.get(slug="chronic-pain"))

    assert names("near=78704&condition=fibromyalgia&sort=match") == [
        "Lister far", "Specialist near"]
    assert names("near=78704&condition=fibromyalgia&sort=distance") == [
        "Specialist near", "Lister far"]


@pytest.mark.parametrize(("text", "slug"), [
    ("lou gehrig", "als"), ("Lou Gehrig's disease", "als"), ("SLE", "lupus"),
    ("MPS", "myofascial-pain-syndrome"), ("als", "als")])
def test_condition_synonyms_find_listers(text, slug, place_at, practitioner_at):
    lister = practitioner_at(place_at(*AUSTIN, miles=1), name="Lister")
    treats(lister, slug)
    practitioner_at(place_at(*AUSTIN, miles=1), name="Other")

    assert names(f"near=78704&condition={text}") == ["Lister"]


def test_unknown_condition_is_a_form_error(client):
    response = client.get(SEARCH + "?near=78704&condition=zebra+fever")

    assert response.status_code == 200
    assert "We don't list a condition called “zebra fever”" in unescape(response.content.decode())


@pytest.fixture
def forty_five(place_at, practitioner_at):
    for i in range(45):
        practitioner_at(place_at(*AUSTIN, miles=0.1 + i * 0.2, bearing=i * 7),
                        name=f"P{i:02d}")


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


def test_unknown_place_reshows_form_with_message(client):
    response = client.get(SEARCH + "?near=Springfeld%2C+IL")

    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "We couldn't find “Springfeld, IL”. Try a 5-digit ZIP code" in html
    assert 'value="Springfeld, IL"' in html


def test_no_results_suggests_wider_radius_and_telehealth(client):
    response = client.get(SEARCH + "?near=78704&radius=10")

    suggestions = [url for _, url in response.context["search"].suggestions]
    assert "radius=25" in suggestions[0]
    assert "telehealth=1" in suggestions[1] and "radius=100" in suggestions[1]


@pytest.mark.parametrize("query", [
    "radius=7", "radius=abc", "lat=100&lng=0", "lat=abc&lng=1", "lat=30", "specialty=nope",
    "payer=%27%3B+drop", "gender=robot", "sort=random", "accepting=maybe", "near=" + "x" * 500,
    "page=1e9", "near=%00", "condition=" + "%" * 300,
])
def test_invalid_parameters_show_form_errors_never_500(client, query):
    response = client.get(f"{SEARCH}?{query}")

    assert response.status_code == 200


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=st.dictionaries(
    st.sampled_from(["near", "radius", "condition", "lat", "lng", "page", "sort", "payer",
                     "accepting", "language", "specialty", "modality", "gender"]),
    st.text(max_size=60)))
def test_random_query_strings_never_give_500(client, params):
    query = QueryDict(mutable=True)
    query.update(params)

    page = client.get(f"{SEARCH}?{query.urlencode()}")
    api = client.get(f"{API}?{query.urlencode()}")

    assert page.status_code == 200
    assert api.status_code in (200, 400)


@pytest.mark.parametrize("point", ["lat=90&lng=0", "lat=-90&lng=0", "lat=89.999&lng=0",
                                   "lat=-89.999&lng=180", "lat=60&lng=179.99",
                                   "lat=-60&lng=-180"])
def test_search_at_a_pole_or_the_antimeridian_answers(client, point):
    for radius in (5, 100):
        assert client.get(f"{SEARCH}?{point}&radius={radius}").status_code == 200
        assert client.get(f"{API}?{point}&radius={radius}").json()["count"] == 0


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lat=st.floats(-90, 90), lng=st.floats(-180, 180),
       radius=st.sampled_from([5, 10, 25, 50, 100]))
def test_any_point_on_earth_is_a_valid_search(lat, lng, radius):
    found = search.find_practitioners(QueryDict(f"lat={lat!r}&lng={lng!r}&radius={radius}"))

    assert (found.errors, found.page.paginator.count) == ({}, 0)


@pytest.mark.parametrize("count", [1, 20])
def test_search_page_query_count_is_fixed(client, django_assert_num_queries, place_at,
                                          practitioner_at, count):
    aetna = Payer.objects.get(slug="aetna")
    for i in range(count):
        practitioner = practitioner_at(place_at(*AUSTIN, miles=i * 0.3, bearing=i * 17))
        treats(practitioner, "fibromyalgia")
        practitioner.locations.get().clinic.payers.add(aetna)
    vocabulary.get()  # warm, as in a running site

    # probe, ordered rows, then the page's index rows joined to what a card shows
    with django_assert_num_queries(3):
        response = client.get(SEARCH + "?near=78704&condition=fibromyalgia&accepting=1"
                                       "&payer=aetna&sort=match")

    assert len(response.context["page_obj"].object_list) == count


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

    assert body["next"] == "http://testserver/api/practitioners/?near=78704&page=3"
    assert body["previous"] == "http://testserver/api/practitioners/?near=78704&page=1"
    assert len(body["results"]) == 20


def test_api_errors_are_json_400_per_field(client):
    response = client.get(API + "?near=Springfeld%2C+IL&radius=7")

    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"near", "radius"}


def test_search_url_is_bookmarkable(client, two_near):
    url = SEARCH + "?near=78704&radius=10&accepting=1"

    first, second = client.get(url), client.get(url)

    assert first.content == second.content
    assert re.search(r'<input[^>]* name="near"[^>]* value="78704"', first.content.decode())


def test_result_shows_distance_badges_and_reason(client, place_at, practitioner_at):
    practitioner = practitioner_at(place_at(*AUSTIN, miles=3.14), name="Shown",
                                   telehealth=True, free_initial_consultation=True)
    treats(practitioner, "fibromyalgia")

    html = client.get(SEARCH + "?near=78704&condition=fibromyalgia&telehealth=1").content.decode()

    assert "3.1 miles" in html
    assert "✓ Verified: Licensed Acupuncturist (L.Ac.) licence (TX)" in html
    assert "<mark>Fibromyalgia</mark>" in html
    assert "Treats fibromyalgia; offers telehealth" in html
    assert "Free first consultation" in html
    assert '<a href="#results-heading">Skip to the 1 result below the search form</a>' in html


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_profile_json_ld_parses_with_clinic(client, practitioner_at):
    practitioner = practitioner_at(LocationFactory(), name="Json Person")

    data = json_ld(client.get(practitioner.get_absolute_url()).content.decode())

    assert (data["@type"], data["name"], data["isAcceptingNewPatients"]) == (
        "Person", "Json Person", True)
    assert data["worksFor"][0]["@type"] == "MedicalClinic"
    assert data["worksFor"][0]["address"]["postalCode"] == "78704"


def test_profile_of_physician_is_physician(client, practitioner_at):
    practitioner = practitioner_at(LocationFactory())
    for credential in practitioner.credentials.all():
        credential.kind = Credential.Kind.MEDICAL
        credential.save()

    data = json_ld(client.get(practitioner.get_absolute_url()).content.decode())

    assert data["@type"] == "Physician"


def test_profile_shows_verification_record_and_expired(client, practitioner_at):
    practitioner = practitioner_at(LocationFactory())
    CredentialFactory(practitioner=practitioner, kind=Credential.Kind.NCCAOM_AC,
                      expires_on=timezone.localdate() - datetime.timedelta(days=3))

    html = client.get(practitioner.get_absolute_url()).content.decode()

    assert "Checked with" in html and "https://example.org/board-lookup" in html
    assert "Expired" in html
    assert "openstreetmap.org/?mlat=30.24280" in html
    assert "Accepting new patients" in html


def test_unvetted_profile_is_marked_and_kept_out_of_search_and_sitemap(client):
    practitioner = PractitionerFactory(name="Not Yet")
    CredentialFactory(practitioner=practitioner, status=Credential.Status.SUBMITTED)

    profile = client.get(practitioner.get_absolute_url())
    sitemap = client.get("/sitemap.xml").content.decode()

    assert profile.status_code == 200
    assert "Licence not yet verified" in profile.content.decode()
    assert practitioner.slug not in sitemap
    assert names("near=78704") == []


def test_profile_at_unpublished_clinic_only_is_404(client):
    practitioner = PractitionerFactory(
        locations=[LocationFactory(clinic=ClinicFactory(status=Clinic.Status.SUSPENDED))])

    assert client.get(practitioner.get_absolute_url()).status_code == 404


def test_clinic_page_lists_vetted_first(client):
    location = LocationFactory()
    PractitionerFactory(name="Aaron Unverified", locations=[location])
    vetted = PractitionerFactory(name="Zoe Verified", locations=[location])
    CredentialFactory(practitioner=vetted)

    response = client.get(location.clinic.get_absolute_url())

    assert [p.name for p in response.context["practitioners"]] == [
        "Zoe Verified", "Aaron Unverified"]


@pytest.mark.parametrize("status", [Clinic.Status.DRAFT, Clinic.Status.PENDING,
                                    Clinic.Status.SUSPENDED])
def test_clinic_page_unpublished_is_404(client, status):
    clinic = ClinicFactory(status=status)

    assert client.get(clinic.get_absolute_url()).status_code == 404


def test_empty_search_form_defaults_to_25_miles_and_submits_flags_as_1(client):
    html = client.get(SEARCH).content.decode()

    assert '<option value="25" selected>25 miles</option>' in html
    assert re.search(r'<input type="checkbox"[^>]* name="accepting"[^>]* value="1"', html)
    assert "Enter a ZIP code or a city" in html


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


def test_badge_shows_the_licence_that_keeps_them_listed(place_at, practitioner_at):
    practitioner = practitioner_at(place_at(*AUSTIN, miles=1))  # TX L.Ac., expires in a year
    CredentialFactory(practitioner=practitioner, kind=Credential.Kind.MEDICAL, jurisdiction="CA",
                      verified_at=timezone.now() - datetime.timedelta(days=400),
                      expires_on=timezone.localdate() + datetime.timedelta(days=700))

    [result] = run("near=78704").object_list

    assert result.licence.kind == Credential.Kind.MEDICAL
    assert result.licence.jurisdiction == "CA"
    assert result.licence.expires_on == timezone.localdate() + datetime.timedelta(days=700)
    assert result.licence.badge.startswith("Medical licence (MD/DO) (CA), checked ")


def test_conditions_and_treatments_come_from_the_tables_when_terms_share_a_bit(
        place_at, practitioner_at, django_assert_num_queries):
    from clinics.models import Condition

    fibromyalgia = Condition.objects.get(slug="fibromyalgia")
    # An id 62 above fibromyalgia's lands on the same bit of the index.
    twin = Condition.objects.create(pk=fibromyalgia.pk + BITS, name="Twin pain",
                                    slug="twin-pain")
    lister = practitioner_at(place_at(*AUSTIN, miles=1), name="Lists twin only")
    treats(lister, "twin-pain")
    vocabulary.get()
    assert vocabulary.get().bit_terms("conditions") is None

    with django_assert_num_queries(4):  # probe, rows, details, and the conditions' tables
        [result] = run("near=78704").object_list

    assert [c.slug for c in result.conditions] == [twin.slug]


def test_conditions_decoded_from_the_index_match_the_tables(place_at, practitioner_at):
    practitioner = practitioner_at(place_at(*AUSTIN, miles=1))
    for slug in ("fibromyalgia", "lupus", "als"):
        treats(practitioner, slug)
    practitioner.modalities.set(Modality.objects.filter(slug__in=["cupping", "dry-needling"]))

    [result] = run("near=78704").object_list

    assert [c.slug for c in result.conditions] == list(
        practitioner.conditions.order_by("name").values_list("slug", flat=True))
    assert [m.slug for m in result.modalities] == ["cupping", "dry-needling"]


def test_a_workplace_leaving_the_index_mid_search_is_left_out(place_at, practitioner_at):
    staying = practitioner_at(place_at(*AUSTIN, miles=1), name="Staying")
    leaving = practitioner_at(place_at(*AUSTIN, miles=2), name="Leaving")
    rows = [(PractitionerLocation.objects.get(practitioner=p).pk, p.pk, 0.0)
            for p in (staying, leaving)]
    SearchEntry.objects.filter(practitioner=leaving).delete()  # e.g. its clinic was suspended

    loaded = results.load_results(rows, vocabulary.get())
    assert [r.practitioner.name for r in loaded] == ["Staying"]


def practitioner_working_at(*locations, name):
    practitioner = PractitionerFactory(locations=list(locations), name=name)
    CredentialFactory(practitioner=practitioner)
    return practitioner


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

    assert texts[0][0].startswith("SELECT * FROM (SELECT COUNT(DISTINCT")  # the probe
    assert texts[0][0] == texts[1][0] == texts[2][0]
