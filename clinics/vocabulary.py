"""The small, rarely changing vocabularies (conditions, specialties, treatments, languages,
insurers), held in memory so a search page validates and renders its form without a query
per select box. Saving or deleting any of these, or changing a condition's specialties,
calls invalidate() (signals connected in ClinicsConfig.ready), from the admin or anywhere.

The "shared" cache (Redis, or a database table; see CACHES in directory/settings.py) holds
only a version token (models/search.py version_tokens); each process keeps the vocabulary it loaded
for that token and reads the token once per get(). A search page asks for the vocabulary
several times, and unpickling the whole of it from a cache each time was a measurable part
of the page. invalidate() deletes the token, so every process, in every worker and on every
app server, reloads on its next call.

Terms have an English name and may have a Spanish one (issue #14). get() gives the
vocabulary in the active language: each term's `name` is the one that language's pages
show (models/terms.py name_in), and each vocabulary is in that name's order. The choice is
made once per language and version, so a page that shows a hundred names makes none.
"""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from django.core.cache import caches
from django.db import transaction
from django.db.models import Model, signals
from django.utils import translation

from .models import Condition, Language, Modality, Payer, Specialty
from .models.search import bit, version_tokens
from .models.terms import name_in

VERSION_KEY = "clinics:vocabulary:version"


@dataclass(frozen=True)
class Term:
    id: int
    slug: str
    name: str  # in the language of the Vocabulary that holds it
    specialty_ids: tuple[int, ...] = ()
    search_terms: str = ""
    name_es: str = ""  # as recorded; blank when there is none


@dataclass(frozen=True)
class Vocabulary:  # frozen, but cached_property may still fill in its own cache
    conditions: dict[str, Term]
    specialties: dict[str, Term]
    modalities: dict[str, Term]
    languages: dict[str, Term]
    payers: dict[str, Term]
    # Changes whenever the terms do: pages key cached fragments (the search form's
    # selects) on it, and on `language`, so an edit in the admin shows at once and a
    # Spanish page never gets an English fragment.
    version: str = ""
    # The language the names are in: "" for the English names as loaded (see in_language).
    language: str = ""

    def in_language(self, language: str | None) -> "Vocabulary":
        """This vocabulary as pages in `language` show it: each name chosen by name_in, each
        vocabulary in the order of those names (accents ignored, so "Árabe" comes before
        "Cantonés"). Made once per language and kept with this vocabulary."""
        assert not self.language, "in_language() works from the names as loaded"
        language = language or ""
        cached = self.__dict__.setdefault("_in_language", {})
        if language not in cached:
            def named(terms: dict[str, Term]) -> dict[str, Term]:
                shown = [name_in(language, term.name, term.name_es) for term in terms.values()]
                if shown == [term.name for term in terms.values()]:
                    return terms
                renamed = sorted((replace(term, name=shown_name) for term, shown_name
                                  in zip(terms.values(), shown, strict=True)),
                                 key=lambda term: Condition.normalise_term(term.name))
                return {term.slug: term for term in renamed}

            cached[language] = replace(
                self, conditions=named(self.conditions), specialties=named(self.specialties),
                modalities=named(self.modalities), languages=named(self.languages),
                payers=named(self.payers), language=language or "en")
        return cached[language]

    @cached_property
    def conditions_by_id(self) -> dict[int, Term]:
        return {term.id: term for term in self.conditions.values()}

    @cached_property
    def modalities_by_id(self) -> dict[int, Term]:
        return {term.id: term for term in self.modalities.values()}

    def bit_terms(self, name: str) -> list[tuple[int, Term]] | None:
        """(search-index bit, term) for one vocabulary, in name order; None when two of its
        terms share a bit, so the index alone cannot tell which one a practitioner has."""
        cached = self.__dict__.setdefault("_bit_terms", {})
        if name not in cached:
            pairs = [(bit(term.id), term) for term in getattr(self, name).values()]
            cached[name] = pairs if len({b for b, _ in pairs}) == len(pairs) else None
        return cached[name]

    def bits_exact(self, name: str, ids: Iterable[int]) -> bool:
        """Whether the index's bit test alone is exact for these ids of one vocabulary: no
        other of its terms has one of their bits, so no row matches by a shared bit."""
        wanted = set(ids)
        bits = {bit(term_id) for term_id in wanted}
        return not any(bit(term.id) in bits and term.id not in wanted
                       for term in getattr(self, name).values())

    def conditions_matching(self, text: str) -> list[Term]:
        """Same rule as Condition.objects.matching(): a name or synonym starting with text."""
        term = Condition.normalise_term(text)
        if not term:
            return []
        return [c for c in self.conditions.values() if f"|{term}" in c.search_terms]

    def modality_named(self, text: str) -> Term | None:
        """The treatment whose name, slug or a synonym is `text` (any case, accent or
        punctuation): "dry needling", "Dry-Needling" and "punción seca" all name Dry
        needling."""
        wanted = Condition.normalise_term(text.replace("-", " "))
        if not wanted:
            return None
        return next((term for term in self.modalities.values()
                     if f"|{wanted}|" in term.search_terms), None)

    @staticmethod
    def choices(terms: dict[str, Term]) -> list[tuple[str, str]]:
        return [(slug, term.name) for slug, term in terms.items()]


def _load() -> Vocabulary:
    conditions = {}
    for condition in Condition.objects.prefetch_related("specialties").order_by("name"):
        conditions[condition.slug] = Term(
            condition.pk, condition.slug, condition.name,
            tuple(s.pk for s in condition.specialties.all()), condition.search_terms,
            condition.name_es,
        )

    def terms(queryset: Iterable[Specialty | Modality | Language | Payer],
              key: str = "slug") -> dict[str, Term]:
        # Languages are keyed by code, which their Term.slug holds.
        return {getattr(o, key): Term(o.pk, getattr(o, key), o.name, name_es=o.name_es)
                for o in queryset}

    modalities = {
        modality.slug: Term(modality.pk, modality.slug, modality.name, search_terms="|" + "|".join(
            Condition.normalise_term(name.replace("-", " ")) for name in modality.names()) + "|",
            name_es=modality.name_es)
        for modality in Modality.objects.order_by("name")
    }
    return Vocabulary(
        conditions=conditions,
        specialties=terms(Specialty.objects.order_by("name")),
        modalities=modalities,
        languages=terms(Language.objects.order_by("name"), key="code"),
        payers=terms(Payer.objects.order_by("name")),
    )


# (version token, the vocabulary loaded for it); replaced whole, so threads see one or the other.
_held: tuple[str | None, Vocabulary | None] = (None, None)


def get(version: str | None = None) -> Vocabulary:
    """The vocabulary in the active language (see in_language). `version`: its token, when
    the caller has just read it from the shared cache (the search page reads it together
    with the index's, for the key of its kept pages), saving a second read."""
    global _held
    if version is None:
        [version] = version_tokens(VERSION_KEY)
    held_version, vocabulary = _held
    if vocabulary is None or held_version != version:
        vocabulary = replace(_load(), version=version)
        _held = (version, vocabulary)
    return vocabulary.in_language(translation.get_language())


def invalidate() -> None:
    caches["shared"].delete(VERSION_KEY)



def _changed(sender: type[Model], using: str | None = None, **kwargs: Any) -> None:
    # Now, for this process and transaction; and again after commit, so another process
    # that reloads in between cannot keep the old terms under a fresh token.
    invalidate()
    transaction.on_commit(invalidate, using=using)


def connect_signals() -> None:
    for model in (Condition, Specialty, Modality, Language, Payer):
        signals.post_save.connect(_changed, sender=model, dispatch_uid=f"vocabulary-{model.__name__}")
        signals.post_delete.connect(_changed, sender=model,
                                    dispatch_uid=f"vocabulary-delete-{model.__name__}")
    signals.m2m_changed.connect(_changed, sender=Condition.specialties.through,
                                dispatch_uid="vocabulary-condition-specialties")


def in_sentence(name: str) -> str:
    """A vocabulary name as written mid-sentence: "Dry needling" reads "dry needling";
    abbreviations, eponyms and proper adjectives ("Chinese herbal medicine") keep their
    capital."""
    first = name.split()[0] if name.strip() else ""
    if not first or first.isupper() or first.endswith("'s") or first in PROPER_WORDS:
        return name
    return name[0].lower() + name[1:]


PROPER_WORDS = frozenset({"Chinese", "Japanese", "Korean", "Western", "Swedish", "Thai"})
