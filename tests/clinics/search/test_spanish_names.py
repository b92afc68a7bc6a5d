"""Vocabulary names in the page's language (#14): a Spanish page names conditions, treatments,
specialties and languages in Spanish where a Spanish name is recorded, and in English where
none is; an English page is unchanged. Slugs and codes are the same in both."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils import translation

from clinics import vocabulary
from clinics.models import Condition, Language, Modality, Payer, Specialty
from clinics.search.form import FieldGroups
from tests.clinics.search.helpers import API, AUSTIN
from tests.clinics.search.test_paginator import shared_cache_in_database
from tests.factories import treats

pytestmark = pytest.mark.django_db

QUERY = {"near": "78704", "condition": "myofascial-pain-syndrome", "modality": "dry-needling"}


def search_page(client, language: str, query: dict) -> str:
    with translation.override(language):
        url = reverse("clinics:practitioner-list")
    return unescape(client.get(url, query).content.decode())


def card_tags(page: str) -> list[str]:
    """The text after "Treats:"/"Offers:" (or "Trata:"/"Ofrece:") on each card, in order."""
    return re.findall(r'<p class="tags">[^:<]*: (.*?)</p>', page)


def options(page: str, name: str) -> list[tuple[str, str]]:
    """(value, label) of each option of the select `name`, the empty choice left out."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S).group(1)
    return [(value, label) for value, label
            in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select) if value]


def checkbox_labels(page: str, name: str) -> list[str]:
    return re.findall(rf'<input type="checkbox" name="{name}"[^>]*> <label[^>]*>([^<]*)</label>',
                      page)


@pytest.fixture
def needler(place_at, practitioner_at):
    practitioner = practitioner_at(place_at(*AUSTIN, miles=1), name="Needler")
    treats(practitioner, "myofascial-pain-syndrome", "fibromyalgia")
    practitioner.modalities.set(Modality.objects.filter(slug__in=["dry-needling", "cupping"]))
    return practitioner


@pytest.fixture(autouse=True)
def _fresh_fragments():
    FieldGroups._rendered.clear()
    yield
    FieldGroups._rendered.clear()


def test_spanish_results_card_names_conditions_and_treatments_in_spanish(client, needler):
    page = search_page(client, "es", QUERY)

    assert card_tags(page) == ["Fibromialgia, <mark>Síndrome de dolor miofascial</mark>",
                               "<mark>Punción seca</mark> · Ventosas"]
    # Mid-sentence, the condition reads in lower case, as "Treats myofascial pain syndrome"
    # does in English; only the line's first letter is a capital.
    assert re.search(r'<p class="why">(.*?)</p>', page).group(1) == (
        "Trata síndrome de dolor miofascial; ofrece punción seca")


def test_english_results_card_keeps_the_english_names(client, needler):
    page = search_page(client, "en", QUERY)

    assert card_tags(page) == ["Fibromyalgia, <mark>Myofascial pain syndrome</mark>",
                               "Cupping · <mark>Dry needling</mark>"]
    assert re.search(r'<p class="why">(.*?)</p>', page).group(1) == (
        "Treats myofascial pain syndrome; offers dry needling")


def test_spanish_search_form_lists_spanish_names_in_spanish_order(client, needler):
    page = search_page(client, "es", QUERY)

    assert options(page, "modality") == [
        ("acupuncture", "Acupuntura"), ("electroacupuncture", "Electroacupuntura"),
        ("tui-na", "Masaje tui na"), ("herbal-medicine", "Medicina herbal china"),
        ("moxibustion", "Moxibustión"), ("dry-needling", "Punción seca"),
        ("cupping", "Ventosas")]
    assert options(page, "specialty") == [
        ("autoimmune", "Autoinmune"), ("chronic-pain", "Dolor crónico"),
        ("neurological", "Neurológica")]
    assert checkbox_labels(page, "language")[:3] == ["Árabe", "Cantonés", "Chino mandarín"]
    assert '<option value="fibromyalgia">Fibromialgia</option>' in page  # the condition list


def test_english_search_form_lists_english_names(client, needler):
    page = search_page(client, "en", QUERY)

    assert [label for _, label in options(page, "modality")] == [
        "Acupuncture", "Chinese herbal medicine", "Cupping", "Dry needling",
        "Electroacupuncture", "Moxibustion", "Tui na"]
    assert checkbox_labels(page, "language")[:3] == [
        "American Sign Language", "Arabic", "Cantonese"]


def test_term_without_a_spanish_name_shows_its_english_name(client, needler):
    gua_sha = Modality.objects.create(name="Gua sha", slug="gua-sha")
    needler.modalities.add(gua_sha)
    Payer.objects.create(name="Self-pay", slug="self-pay", name_es="Pago por cuenta propia")

    page = search_page(client, "es", QUERY)

    assert ("gua-sha", "Gua sha") in options(page, "modality")
    assert card_tags(page)[1] == "Gua sha · <mark>Punción seca</mark> · Ventosas"
    payers = checkbox_labels(page, "payer")
    assert "Aetna" in payers and "Pago por cuenta propia" in payers and "Self-pay" not in payers


@pytest.mark.parametrize("first", ["en", "es"])
def test_select_rendered_in_one_language_is_never_served_to_the_other(client, needler, first):
    second = "es" if first == "en" else "en"
    label = {"en": "Dry needling", "es": "Punción seca"}
    query = {"near": "78704", "modality": "dry-needling"}  # no cards naming the treatment

    pages = [search_page(client, language, query) for language in (first, second, first)]

    selected = [re.search(r'<option value="dry-needling" selected>([^<]*)</option>', page)
                .group(1) for page in pages]
    assert selected == [label[first], label[second], label[first]]
    assert len([key for key in FieldGroups._rendered if key[0] == "modality"]) == 2


def test_spanish_name_edited_in_the_admin_shows_at_once(client, needler):
    search_page(client, "es", QUERY)  # warm the vocabulary and the fragments
    cupping = Modality.objects.get(slug="cupping")
    cupping.name_es = "Terapia de ventosas"
    cupping.save()

    page = search_page(client, "es", {**QUERY, "near": "Austin, TX"})

    assert ("cupping", "Terapia de ventosas") in options(page, "modality")
    assert card_tags(page)[1] == "<mark>Punción seca</mark> · Terapia de ventosas"


def test_typing_the_spanish_name_a_page_shows_finds_the_condition(needler):
    condition = Condition.objects.get(slug="neck-pain")
    condition.name_es = "Cervicalgia"
    condition.full_clean()
    condition.save()

    assert [t.slug for t in vocabulary.get().conditions_matching("cervicalgia")] == ["neck-pain"]


def test_summary_line_names_the_condition_in_the_page_language(client, needler):
    spanish = search_page(client, "es", {"near": "78704", "condition": "fibromyalgia"})
    english = search_page(client, "en", {"near": "78704", "condition": "fibromyalgia"})

    assert "Fibromialgia cerca de 78704" in spanish
    assert "Fibromyalgia near 78704" in english


def test_api_sentences_use_the_response_language_and_keep_slugs(client, needler):
    spanish = client.get(API, QUERY, HTTP_ACCEPT_LANGUAGE="es").json()["results"][0]
    english = client.get(API, QUERY, HTTP_ACCEPT_LANGUAGE="en").json()["results"][0]

    assert spanish["why"] == "Trata síndrome de dolor miofascial; ofrece punción seca"
    assert english["why"] == "Treats myofascial pain syndrome; offers dry needling"
    assert spanish["conditions"] == english["conditions"] == [
        "fibromyalgia", "myofascial-pain-syndrome"]
    # The same slugs, listed in the order the response's language names them.
    assert english["modalities"] == ["cupping", "dry-needling"]
    assert spanish["modalities"] == ["dry-needling", "cupping"]


def test_api_names_the_licence_kind_in_the_response_language_each_time(client, needler):
    from clinics.models import Credential

    kinds = [client.get(API, QUERY, HTTP_ACCEPT_LANGUAGE=language).json()["results"][0][
        "verified_licence"]["kind"] for language in ("en", "es", "en", "es")]

    kind = needler.credentials.get(status=Credential.Status.VERIFIED).kind
    expected = []
    for language in ("en", "es", "en", "es"):
        with translation.override(language):
            expected.append(str(Credential.Kind(kind).label))
    assert kinds == expected
    assert expected[0] != expected[1]

def test_licence_labels_keep_the_language_of_the_page_they_were_built_for(needler):
    from django.http import QueryDict

    from clinics import search
    from clinics.search import results

    results._kind_label.cache_clear()
    results._badge.cache_clear()
    with translation.override("es"):
        [spanish] = search.find_practitioners(QueryDict("near=78704")).results
        expected_kind, expected_badge = spanish.licence.kind_label, spanish.licence.badge
    # Read while English is active, and read first: the memo is keyed by the page's language,
    # so a Spanish entry written under English would serve every later Spanish page.
    results._kind_label.cache_clear()
    results._badge.cache_clear()
    results._stale_label.cache_clear()
    with translation.override("en"):
        kind, badge = spanish.licence.kind_label, spanish.licence.badge
        stale_label = results._stale_label(datetime.date(2026, 10, 20), "es")
        english = search.find_practitioners(QueryDict("near=78704")).results[0].licence

    assert (kind, badge) == (expected_kind, expected_badge)
    assert "octubre" in stale_label and "confirmed" not in stale_label
    assert english.kind_label != kind and english.badge != badge
    with translation.override("es"):
        assert results._badge(spanish.licence.kind, spanish.licence.jurisdiction,
                              (2026, 3), "en").endswith("checked Mar 2026")


def test_api_notice_names_a_typed_treatment_in_spanish(client, needler):
    answer = client.get(API, {"near": "78704", "condition": "punción seca"},
                        HTTP_ACCEPT_LANGUAGE="es").json()

    assert answer["notice"].startswith("Se muestran profesionales que ofrecen punción seca.")


def test_spanish_api_costs_no_more_queries_than_english(client, needler,
                                                        django_assert_num_queries):
    for language in ("en", "es"):
        with translation.override(language):
            vocabulary.get()  # warm, as in a running site
        with django_assert_num_queries(3 + shared_cache_in_database()):
            client.get(API, QUERY, HTTP_ACCEPT_LANGUAGE=language)


def test_spanish_profile_names_its_terms_in_spanish(client, needler):
    needler.languages.set(Language.objects.filter(code__in=["en", "es"]))
    needler.specialties.set(Specialty.objects.filter(slug="chronic-pain"))
    with translation.override("es"):
        spanish = unescape(client.get(needler.get_absolute_url()).content.decode())
    english = unescape(client.get(needler.get_absolute_url()).content.decode())

    assert "Idiomas: Español, Inglés</li>" in spanish
    assert "<li>Síndrome de dolor miofascial</li>" in spanish
    assert "<p>Punción seca, Ventosas</p>" in spanish  # in Spanish alphabetical order
    assert "Languages: English, Spanish</li>" in english
    assert "<p>Cupping, Dry needling</p>" in english


def test_seeded_terms_have_spanish_names_and_brand_insurers_keep_theirs():
    unnamed = [f"{model.__name__} {name}" for model in (Specialty, Condition, Modality, Language)
               for name in model.objects.filter(name_es="").values_list("name", flat=True)]

    assert unnamed == []
    assert list(Payer.objects.exclude(name_es="").values_list("name", flat=True)) == []


def test_spanish_home_and_clinic_pages_name_their_terms_in_spanish(client, needler):
    clinic = needler.locations.get().clinic
    clinic.payers.set(Payer.objects.filter(slug="aetna"))
    with translation.override("es"):
        home = unescape(client.get(reverse("home")).content.decode())
        clinic_page = unescape(client.get(clinic.get_absolute_url()).content.decode())

    assert '<h3 id="specialty-chronic-pain">Dolor crónico</h3>' in home
    assert "<li>Fibromialgia</li>" in home
    assert '<span class="helptext">Punción seca, Ventosas</span>' in clinic_page
    assert "<p>Aetna" in clinic_page  # a brand name, the same in Spanish
