"""The cached vocabulary follows changes to the terms, wherever they are made."""

import pytest
from django.utils import translation

from clinics import vocabulary
from clinics.models import Condition, Payer, Specialty

pytestmark = pytest.mark.django_db


def test_a_new_insurer_appears_without_waiting_for_the_cache(django_capture_on_commit_callbacks):
    assert "kind-mutual" not in vocabulary.get().payers  # warm

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        Payer.objects.create(name="Kind Mutual", slug="kind-mutual")

    assert vocabulary.get().payers["kind-mutual"].name == "Kind Mutual"
    assert callbacks, "invalidated again once the change is committed"


def test_renamed_and_deleted_terms_are_reflected():
    payer = Payer.objects.create(name="Kind Mutual", slug="kind-mutual")
    vocabulary.get()
    payer.name = "Kind Mutual Health"
    payer.save()
    assert vocabulary.get().payers["kind-mutual"].name == "Kind Mutual Health"

    payer.delete()
    assert "kind-mutual" not in vocabulary.get().payers


def test_a_conditions_specialties_are_reflected():
    condition = Condition.objects.get(slug="fibromyalgia")
    autoimmune = Specialty.objects.get(slug="autoimmune")
    assert autoimmune.pk not in vocabulary.get().conditions["fibromyalgia"].specialty_ids

    condition.specialties.add(autoimmune)

    assert autoimmune.pk in vocabulary.get().conditions["fibromyalgia"].specialty_ids


def test_the_same_vocabulary_object_is_reused_until_something_changes():
    first = vocabulary.get()
    assert vocabulary.get() is first
    vocabulary.invalidate()
    assert vocabulary.get() is not first


def test_spanish_vocabulary_names_terms_in_spanish_or_else_in_english():
    Payer.objects.create(name="Kind Mutual", slug="kind-mutual")
    with translation.override("es"):
        spanish = vocabulary.get()
    with translation.override("en"):
        english = vocabulary.get()

    assert (spanish.language, english.language) == ("es", "en")
    assert spanish.conditions["fibromyalgia"].name == "Fibromialgia"
    assert english.conditions["fibromyalgia"].name == "Fibromyalgia"
    assert spanish.payers["kind-mutual"].name == english.payers["kind-mutual"].name == "Kind Mutual"
    assert spanish.languages["es"].name == "Español"
    assert spanish.conditions["fibromyalgia"].id == english.conditions["fibromyalgia"].id


def test_each_language_is_named_once_per_version():
    with translation.override("es"):
        first = vocabulary.get()
        assert vocabulary.get() is first
        vocabulary.invalidate()
        assert vocabulary.get() is not first
