"""The vocabularies listings are described in: specialties, conditions, treatments,
insurers, languages; and the state rules for dry needling."""

import unicodedata

from django.db import models
from django.utils import translation
from simple_history.models import HistoricalRecords

from ..validators import State


def name_in(language: str | None, name: str, name_es: str) -> str:
    """A term's name on a page in `language`: the Spanish name on a Spanish page when one is
    recorded, else the English name. The one rule for every vocabulary and every page;
    clinics/vocabulary.py applies it once per language, not once per name shown."""
    return name_es if name_es and (language or "").split("-")[0] == "es" else name


def spanish_name_field(max_length: int) -> models.CharField:
    return models.CharField(
        "Spanish name", max_length=max_length, blank=True,
        help_text="Shown on Spanish pages. Leave blank to show the English name there.")


class Named(models.Model):
    """A vocabulary term with a name in each of the site's languages (English required,
    Spanish optional)."""

    name: str
    name_es: str

    class Meta:
        abstract = True

    def __str__(self):
        return self.name

    @property
    def shown_name(self) -> str:
        """The name in the active language: what a page shows."""
        return name_in(translation.get_language(), self.name, self.name_es)


class Specialty(Named):
    """A top-level area of practice: neurological, autoimmune, chronic pain."""

    name = models.CharField(max_length=80, unique=True)
    name_es = spanish_name_field(80)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "specialties"


class ConditionQuerySet(models.QuerySet):
    def matching(self, text: str):
        """Conditions whose name, slug or a lay synonym starts with `text` (any case)."""
        term = Condition.normalise_term(text)
        if not term:
            return self.none()
        return self.filter(search_terms__contains=f"|{term}")


class Condition(Named):
    name = models.CharField(max_length=120, unique=True)
    name_es = spanish_name_field(120)
    slug = models.SlugField(max_length=120, unique=True)
    synonyms = models.TextField(
        blank=True, help_text="Lay names and abbreviations, one per line (e.g. Lou Gehrig's disease)."
    )
    specialties = models.ManyToManyField(Specialty, related_name="conditions")
    icd10_code = models.CharField("ICD-10 code", max_length=10, blank=True)
    # Derived from name, Spanish name, slug and synonyms so that synonym search is one LIKE over a few dozen
    # rows that behaves the same on SQLite and PostgreSQL: "|als|amyotrophic lateral sclerosis|lou gehrigs disease|".
    search_terms = models.TextField(editable=False, default="")

    objects = ConditionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    @staticmethod
    def normalise_term(text: str) -> str:
        """Lower case, accents and punctuation dropped, spaces collapsed: "Esclerosis lateral
        amiotrófica" and "esclerosis lateral amiotrofica" are the same search."""
        decomposed = unicodedata.normalize("NFKD", (text or "").lower())
        cleaned = "".join(ch for ch in decomposed if ch.isalnum() or ch.isspace())
        return " ".join(cleaned.split())[:100]

    def synonym_list(self) -> list[str]:
        return [line.strip() for line in self.synonyms.splitlines() if line.strip()]

    def build_search_terms(self) -> str:
        terms = [self.name, self.name_es, self.slug.replace("-", " "), *self.synonym_list()]
        normalised = dict.fromkeys(t for t in map(self.normalise_term, terms) if t)
        return "|" + "|".join(normalised) + "|"

    def clean(self):
        self.search_terms = self.build_search_terms()


class Modality(Named):
    name = models.CharField(max_length=80, unique=True)
    name_es = spanish_name_field(80)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    synonyms = models.TextField(
        blank=True, help_text="Other names a patient may type, one per line (e.g. Punción seca).",
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "modalities"

    def names(self) -> list[str]:
        """Everything this treatment is called: name, Spanish name, slug in words, synonyms."""
        synonyms = [line.strip() for line in self.synonyms.splitlines() if line.strip()]
        return [self.name, *filter(None, [self.name_es]), self.slug.replace("-", " "), *synonyms]


class Payer(Named):
    """An insurance network or payment programme a clinic accepts. Its Spanish name is for
    generic words ("Self-pay"); brand and programme names (Aetna, Medicare) stay as they are."""

    name = models.CharField(max_length=120, unique=True)
    name_es = spanish_name_field(120)
    slug = models.SlugField(max_length=120, unique=True)

    class Meta:
        ordering = ["name"]


class Language(Named):
    code = models.CharField(max_length=12, unique=True, help_text="BCP 47 code, e.g. es, zh-Hant")
    name = models.CharField(max_length=60, unique=True)
    name_es = spanish_name_field(60)

    class Meta:
        ordering = ["name"]


DRY_NEEDLING_SLUG = "dry-needling"  # the Modality that the state rules govern


class DryNeedlingRuleQuerySet(models.QuerySet):
    def prohibited(self):
        return self.filter(scope=DryNeedlingRule.Scope.PROHIBITED)


class DryNeedlingRule(models.Model):
    """Whether physical therapists may dry-needle in a state.

    State law changes, so this is data staff edit, not code. Search obeys it: where the
    scope is "prohibited", a practitioner whose only licence there is a PT licence does not
    come up for dry needling at their workplaces in that state (clinics/search/index.py,
    clinics/scope.py). Saving or deleting a rule refreshes those rows at once.
    """

    class Scope(models.TextChoices):
        ALLOWED = "allowed", "Allowed for physical therapists"
        PROHIBITED = "prohibited", "Not allowed for physical therapists"
        UNCLEAR = "unclear", "Unclear or under review"

    state = models.CharField(max_length=2, choices=State.choices, unique=True)
    scope = models.CharField(max_length=12, choices=Scope.choices)
    note = models.TextField(blank=True)
    source = models.CharField(
        max_length=300, help_text="The statute, board rule or opinion the scope comes from.")
    as_of = models.DateField(help_text="The date the source was last read.")

    history = HistoricalRecords()
    objects = DryNeedlingRuleQuerySet.as_manager()

    class Meta:
        ordering = ["state"]

    def __str__(self):
        return f"{self.state}: {self.get_scope_display()}"
