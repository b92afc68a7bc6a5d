"""The search form and its filters: what each parameter narrows, and how bad input is answered."""

import re
from html import unescape

import pytest
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinics import search
from clinics.models import (
    Clinic,
    Language,
    Modality,
    Payer,
    Specialty,
)
from tests.clinics.search.helpers import API, AUSTIN, SEARCH, names
from tests.factories import (
    treats,
)

pytestmark = pytest.mark.django_db


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


@pytest.fixture
def three_payers(place_at, practitioner_at):
    """'Aetna', 'Cigna' and 'Neither', each at a clinic taking the insurer of its name."""
    found = {}
    for i, (name, slug) in enumerate([("Aetna", "aetna"), ("Cigna", "cigna"),
                                            ("Neither", "humana")]):
        practitioner = practitioner_at(place_at(*AUSTIN, miles=1 + i), name=name)
        practitioner.locations.get().clinic.payers.add(Payer.objects.get(slug=slug))
        found[name] = practitioner
    return found


def test_payer_filter_with_two_insurers_takes_clinics_taking_either(three_payers):
    assert names("near=78704&payer=aetna&payer=cigna") == ["Aetna", "Cigna"]
    assert names("near=78704&payer=cigna") == ["Cigna"]
    assert names("near=78704") == ["Aetna", "Cigna", "Neither"]


def test_payer_filter_with_two_insurers_in_the_api(three_payers, client):
    response = client.get(API, {"near": "78704", "payer": ["aetna", "cigna"]})

    assert response.status_code == 200
    assert [r["name"] for r in response.json()["results"]] == ["Aetna", "Cigna"]


def test_payer_filter_with_an_unknown_insurer_among_known_is_an_api_error(three_payers, client):
    response = client.get(API, {"near": "78704", "payer": ["aetna", "nope"]})

    assert response.status_code == 400
    assert "payer" in response.json()["errors"]


def test_payer_filter_with_two_insurers_is_exact_when_insurers_share_a_bit(three_payers,
                                                                            place_at,
                                                                            practitioner_at):
    from clinics.models.search import BITS

    aetna = Payer.objects.get(slug="aetna")
    # An id BITS above Aetna's lands on the same bit of the index.
    twin = Payer.objects.create(pk=aetna.pk + BITS, name="Twin Mutual", slug="twin-mutual")
    practitioner = practitioner_at(place_at(*AUSTIN, miles=4), name="Twin")
    practitioner.locations.get().clinic.payers.add(twin)

    assert names("near=78704&payer=aetna&payer=cigna") == ["Aetna", "Cigna"]
    assert names("near=78704&payer=twin-mutual&payer=cigna") == ["Cigna", "Twin"]


def test_language_filter_with_two_languages_takes_speakers_of_either(place_at, practitioner_at):
    for miles, (name, code) in enumerate([("Spanish", "es"), ("Korean", "ko"),
                                          ("French", "fr")], start=1):
        practitioner = practitioner_at(place_at(*AUSTIN, miles=miles), name=name)
        practitioner.languages.add(Language.objects.get(code=code))

    assert names("near=78704&language=es&language=ko") == ["Spanish", "Korean"]
    assert names("near=78704&language=fr") == ["French"]


def test_language_and_payer_filters_combine_with_and(three_payers):
    three_payers["Cigna"].languages.add(Language.objects.get(code="es"))
    three_payers["Neither"].languages.add(Language.objects.get(code="es"))

    assert names("near=78704&payer=aetna&payer=cigna&language=es") == ["Cigna"]


def test_several_payers_stay_ticked_on_the_page(three_payers, client):
    html = client.get(SEARCH + "?near=78704&payer=aetna&payer=cigna").content.decode()

    ticked = re.findall(r'<input type="checkbox" name="payer" value="([^"]+)"[^>]*checked', html)
    assert ticked == ["aetna", "cigna"]


def test_find_practitioners_takes_a_list_as_a_repeated_parameter(three_payers):
    found = search.find_practitioners({"near": "78704", "payer": ["aetna", "cigna"]})

    assert [r.practitioner.name for r in found.results] == ["Aetna", "Cigna"]


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


def test_condition_filter_is_exact_when_conditions_share_a_bit(place_at, practitioner_at):
    from clinics.models import Condition
    from clinics.models.search import BITS

    fibromyalgia = Condition.objects.get(slug="fibromyalgia")
    # Ids BITS apart share a bit of the index; a lister of the twin is no lister of the other.
    Condition.objects.create(pk=fibromyalgia.pk + BITS, name="Twin pain", slug="twin-pain")
    treats(practitioner_at(place_at(*AUSTIN, miles=1), name="Twin lister"), "twin-pain")
    treats(practitioner_at(place_at(*AUSTIN, miles=2), name="Lister"), "fibromyalgia")

    assert names("near=78704&condition=fibromyalgia") == ["Lister"]
    assert names("near=78704&condition=twin-pain") == ["Twin lister"]


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


def test_unknown_place_reshows_form_with_message(client):
    response = client.get(SEARCH + "?near=Springfeld%2C+IL")

    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "We couldn't find “Springfeld, IL”. Try a 5-digit ZIP code" in html
    assert 'value="Springfeld, IL"' in html


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


def test_empty_search_form_defaults_to_25_miles_and_submits_flags_as_1(client):
    html = client.get(SEARCH).content.decode()

    assert '<option value="25" selected>25 miles</option>' in html
    assert re.search(r'<input type="checkbox"[^>]* name="accepting"[^>]* value="1"', html)
    assert "Enter a ZIP code or a city" in html


def test_search_url_is_bookmarkable(client, two_near):
    url = SEARCH + "?near=78704&radius=10&accepting=1"

    first, second = client.get(url), client.get(url)

    assert first.content == second.content
    assert re.search(r'<input[^>]* name="near"[^>]* value="78704"', first.content.decode())


def test_each_search_form_sets_its_own_choices_and_leaves_the_shared_fields_alone():
    """The form's fields are shared between searches, but for the vocabulary selects, whose
    choices each form sets: those must be the form's own, field and widget."""
    first = search.find_practitioners(QueryDict("near=78704")).form
    shared = type(first).base_fields
    before = {name: (list(shared[name].choices), list(shared[name].widget.choices))
              for name in first.VOCABULARY_FIELDS}
    second = search.find_practitioners(QueryDict("near=78704")).form

    for name in first.VOCABULARY_FIELDS:
        first.fields[name].choices = [("only", "Only")]
        assert ("only", "Only") in list(first.fields[name].widget.choices)
        assert ("only", "Only") not in list(second.fields[name].choices)
        assert ("only", "Only") not in list(second.fields[name].widget.choices)
        assert len(second.fields[name].choices) > 1  # the vocabulary's
        assert (list(shared[name].choices), list(shared[name].widget.choices)) == before[name]
    assert second.fields["near"] is shared["near"]  # the rest are shared, not copied
