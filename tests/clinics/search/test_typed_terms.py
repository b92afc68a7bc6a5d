"""What people type into the condition box (#14): treatments become the treatment filter,
and the everyday names for back, neck and autoimmune conditions find their practitioners.
Each behaviour is checked on the results page and in the JSON API."""

from html import unescape

import pytest

from clinics.models import Modality, Specialty
from clinics.vocabulary import in_sentence
from tests.clinics.search.helpers import API, AUSTIN, SEARCH, names
from tests.factories import treats

pytestmark = pytest.mark.django_db


def offering(practitioner, *slugs):
    practitioner.modalities.set(Modality.objects.filter(slug__in=slugs))


@pytest.fixture
def needler(two_near):
    """'Match' offers dry needling and cupping; 'Other' offers acupuncture only."""
    match, other = two_near
    offering(match, "dry-needling", "cupping")
    offering(other, "acupuncture")
    return match, other


@pytest.mark.parametrize(("text", "expected"), [
    ("dry needling", ["Match"]), ("Dry-Needling", ["Match"]), ("  DRY NEEDLING ", ["Match"]),
    ("cupping", ["Match"]), ("acupuncture", ["Other"]),
])
def test_treatment_typed_as_condition_filters_by_treatment(needler, text, expected):
    assert names(f"near=78704&condition={text}") == expected


def test_results_page_says_a_typed_treatment_was_used_as_the_treatment(needler, client):
    response = client.get(SEARCH, {"near": "78704", "condition": "dry needling"})

    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert "Showing practitioners who offer dry needling." in html
    assert "We don't list a condition" not in html
    assert "1–1 of 1 verified practitioner" in " ".join(html.split())
    # The Treatment select shows the filter that was applied.
    assert '<option value="dry-needling" selected>' in html
    assert "<mark>Dry needling</mark>" in html
    # The folded search's one line names what was searched for, not "All practitioners".
    assert response.context["search"].summary == (
        "Practitioners offering dry needling near 78704, within 25 miles")


def test_api_filters_a_typed_treatment_and_says_so(needler, client):
    response = client.get(API, {"near": "78704", "condition": "Dry needling"})

    data = response.json()
    assert response.status_code == 200
    assert [r["name"] for r in data["results"]] == ["Match"]
    assert data["notice"].startswith("Showing practitioners who offer dry needling.")


def test_api_notice_is_null_for_a_condition_search(needler, client):
    treats(needler[0], "fibromyalgia")

    data = client.get(API, {"near": "78704", "condition": "fibromyalgia"}).json()

    assert data["notice"] is None
    assert [r["name"] for r in data["results"]] == ["Match"]


def test_typed_treatment_agreeing_with_the_treatment_select_is_fine(needler):
    assert names("near=78704&condition=cupping&modality=cupping") == ["Match"]


def test_typed_treatment_contradicting_the_treatment_select_is_a_clear_error(needler, client):
    query = {"near": "78704", "condition": "cupping", "modality": "acupuncture"}

    page = unescape(client.get(SEARCH, query).content.decode())
    api = client.get(API, query)

    message = ("“cupping” is a treatment, and you also chose Acupuncture under Treatment. "
               "Type a condition here, or choose one treatment.")
    assert message in page
    assert api.status_code == 400
    assert api.json() == {"errors": {"condition": [message]}}


def test_unknown_text_is_still_a_condition_error_not_a_treatment(needler, client):
    response = client.get(API, {"near": "78704", "condition": "needling"})

    assert response.status_code == 400
    assert "We don't list a condition called “needling”" in response.json()["errors"]["condition"][0]


@pytest.mark.parametrize(("name", "said"), [
    ("Dry needling", "dry needling"), ("Cupping", "cupping"), ("Tui na", "tui na"),
    ("Chinese herbal medicine", "Chinese herbal medicine"), ("TENS", "TENS"),
    ("Hashimoto's thyroiditis", "Hashimoto's thyroiditis"),
])
def test_in_sentence_keeps_proper_names_capitalised(name, said):
    assert in_sentence(name) == said


@pytest.mark.parametrize(("text", "slug"), [
    ("sciatica", "sciatica"), ("Sciatic nerve pain", "sciatica"),
    ("lumbar radiculopathy", "sciatica"), ("neck pain", "neck-pain"),
    ("stiff neck", "neck-pain"), ("Cervicalgia", "neck-pain"),
])
def test_back_and_neck_terms_find_listers_in_page_and_api(text, slug, place_at,
                                                          practitioner_at, client):
    lister = practitioner_at(place_at(*AUSTIN, miles=1), name="Lister")
    treats(lister, slug)
    other = practitioner_at(place_at(*AUSTIN, miles=1), name="Other")
    treats(other, "als")

    assert names(f"near=78704&condition={text}") == ["Lister"]
    api = client.get(API, {"near": "78704", "condition": text}).json()
    assert [r["name"] for r in api["results"]] == ["Lister"]
    assert slug in api["results"][0]["conditions"]


def test_autoimmune_finds_autoimmune_practitioners_not_pain_ones(place_at, practitioner_at,
                                                                 client):
    rheumatology = practitioner_at(place_at(*AUSTIN, miles=1), name="Autoimmune")
    rheumatology.specialties.add(Specialty.objects.get(slug="autoimmune"))
    pain = practitioner_at(place_at(*AUSTIN, miles=2), name="Pain")
    pain.specialties.add(Specialty.objects.get(slug="chronic-pain"))

    assert names("near=78704&condition=autoimmune") == ["Autoimmune"]
    assert names("near=78704&condition=autoimmune+disease") == ["Autoimmune"]
    page = unescape(client.get(SEARCH, {"near": "78704", "condition": "autoimmune"}
                               ).content.decode())
    assert "We don't list a condition" not in page
    assert "works in the specialty that covers autoimmune disease" in page.lower()
