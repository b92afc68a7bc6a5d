"""Spanish condition and treatment names (#14), with or without accents: on the results
page, in the JSON API, and on /conditions/."""

import re
from html import unescape

import pytest

from clinics import vocabulary
from clinics.models import Condition, Modality, Specialty
from tests.clinics.search.helpers import API, AUSTIN, SEARCH, names
from tests.factories import ArticleFactory, treats

pytestmark = pytest.mark.django_db

SPANISH_NAMES = [
    ("dolor lumbar", "chronic-low-back-pain"), ("Lumbalgia", "chronic-low-back-pain"),
    ("fibromialgia", "fibromyalgia"), ("Dermatomiositis", "dermatomyositis"),
    ("ELA", "als"), ("esclerosis lateral amiotrófica", "als"),
    ("esclerosis lateral amiotrofica", "als"), ("dolor miofascial", "myofascial-pain-syndrome"),
    ("ciática", "sciatica"), ("ciatica", "sciatica"), ("dolor de cuello", "neck-pain"),
    ("enfermedad autoinmune", "autoimmune-disease"),
]


@pytest.mark.parametrize(("text", "slug"), SPANISH_NAMES)
def test_vocabulary_matches_spanish_names_with_or_without_accents(text, slug):
    assert [term.slug for term in vocabulary.get().conditions_matching(text)] == [slug]
    assert list(Condition.objects.matching(text).values_list("slug", flat=True)) == [slug]


@pytest.mark.parametrize("text", ["punción seca", "Punción Seca", "puncion seca"])
def test_vocabulary_names_dry_needling_in_spanish(text):
    assert vocabulary.get().modality_named(text).slug == "dry-needling"


def test_modality_synonyms_edited_in_the_admin_are_matched_at_once():
    cupping = Modality.objects.get(slug="cupping")
    cupping.synonyms = "Ventosas\nTerapia de ventosas"
    cupping.save()

    assert vocabulary.get().modality_named("terapia de ventosas").slug == "cupping"


@pytest.mark.parametrize(("text", "slug"), [
    pair for pair in SPANISH_NAMES if pair[1] != "autoimmune-disease"])
def test_spanish_condition_names_find_listers_in_page_and_api(text, slug, place_at,
                                                              practitioner_at, client):
    lister = practitioner_at(place_at(*AUSTIN, miles=1), name="Lister")
    treats(lister, slug)
    other = practitioner_at(place_at(*AUSTIN, miles=1), name="Other")
    treats(other, "psoriasis")

    assert names(f"near=78704&condition={text}") == ["Lister"]
    page = unescape(client.get(SEARCH, {"near": "78704", "condition": text}).content.decode())
    assert "We don't list a condition" not in page
    api = client.get(API, {"near": "78704", "condition": text}).json()
    assert [r["name"] for r in api["results"]] == ["Lister"]


def test_enfermedad_autoinmune_finds_autoimmune_practitioners(place_at, practitioner_at):
    rheumatology = practitioner_at(place_at(*AUSTIN, miles=1), name="Autoimmune")
    rheumatology.specialties.add(Specialty.objects.get(slug="autoimmune"))
    pain = practitioner_at(place_at(*AUSTIN, miles=2), name="Pain")
    pain.specialties.add(Specialty.objects.get(slug="chronic-pain"))

    assert names("near=78704&condition=enfermedad+autoinmune") == ["Autoimmune"]


@pytest.mark.parametrize("text", ["punción seca", "puncion seca"])
def test_punción_seca_typed_as_condition_filters_by_dry_needling(text, place_at,
                                                                 practitioner_at, client):
    needler = practitioner_at(place_at(*AUSTIN, miles=1), name="Needler")
    needler.modalities.set(Modality.objects.filter(slug="dry-needling"))
    other = practitioner_at(place_at(*AUSTIN, miles=1), name="Other")
    other.modalities.set(Modality.objects.filter(slug="acupuncture"))

    assert names(f"near=78704&condition={text}") == ["Needler"]
    page = unescape(client.get(SEARCH, {"near": "78704", "condition": text}).content.decode())
    assert '<option value="dry-needling" selected>' in page
    assert "We don't list a condition" not in page


@pytest.mark.parametrize(("text", "slug"), SPANISH_NAMES)
def test_conditions_list_finds_pages_by_spanish_name(client, text, slug):
    ArticleFactory(slug=slug, condition=Condition.objects.get(slug=slug))
    ArticleFactory(slug="psoriasis", condition=Condition.objects.get(slug="psoriasis"))

    html = client.get("/conditions/", {"q": text}).content.decode()

    assert re.findall(r'<h3><a href="/conditions/([\w-]+)/"', html) == [slug]
