"""The small, rarely changing vocabularies (conditions, specialties, treatments, languages,
insurers), held in the cache so a search page validates and renders its form without a
query per select box. Admin saves to these models call invalidate().
"""

from dataclasses import dataclass
from functools import cached_property

from django.core.cache import cache

from .models import Condition, Language, Modality, Payer, Specialty

CACHE_KEY = "clinics:vocabulary:v1"
CACHE_SECONDS = 300


@dataclass(frozen=True)
class Term:
    id: int
    slug: str
    name: str
    specialty_ids: tuple[int, ...] = ()
    search_terms: str = ""


@dataclass(frozen=True)
class Vocabulary:  # frozen, but cached_property may still fill in its own cache
    conditions: dict[str, Term]
    specialties: dict[str, Term]
    modalities: dict[str, Term]
    languages: dict[str, Term]
    payers: dict[str, Term]

    @cached_property
    def conditions_by_id(self) -> dict[int, Term]:
        return {term.id: term for term in self.conditions.values()}

    @cached_property
    def modalities_by_id(self) -> dict[int, Term]:
        return {term.id: term for term in self.modalities.values()}

    def conditions_matching(self, text: str) -> list[Term]:
        """Same rule as Condition.objects.matching(): a name or synonym starting with text."""
        term = Condition.normalise_term(text)
        if not term:
            return []
        return [c for c in self.conditions.values() if f"|{term}" in c.search_terms]

    @staticmethod
    def choices(terms: dict[str, Term]) -> list[tuple[str, str]]:
        return [(slug, term.name) for slug, term in terms.items()]


def _load() -> Vocabulary:
    conditions = {}
    for condition in Condition.objects.prefetch_related("specialties").order_by("name"):
        conditions[condition.slug] = Term(
            condition.pk, condition.slug, condition.name,
            tuple(s.pk for s in condition.specialties.all()), condition.search_terms,
        )

    def terms(queryset, key="slug"):
        return {getattr(o, key): Term(o.pk, getattr(o, key), o.name) for o in queryset}

    return Vocabulary(
        conditions=conditions,
        specialties=terms(Specialty.objects.order_by("name")),
        modalities=terms(Modality.objects.order_by("name")),
        languages=terms(Language.objects.order_by("name"), key="code"),
        payers=terms(Payer.objects.order_by("name")),
    )


def get() -> Vocabulary:
    return cache.get_or_set(CACHE_KEY, _load, CACHE_SECONDS)


def invalidate() -> None:
    cache.delete(CACHE_KEY)
