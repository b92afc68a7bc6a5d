"""Editorial pages: condition pages and guides, with their FAQs, references and reviewers."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from clinics.models import Condition

validate_doi = RegexValidator(
    r"^10\.\d{4,9}/\S+$", "Enter a DOI such as 10.1016/j.jpain.2017.11.005 (without https://doi.org/)."
)
validate_pmid = RegexValidator(r"^[1-9]\d{0,8}$", "Enter a PubMed ID: 1 to 9 digits.")

# Paths under /articles/ that are not article slugs.
RESERVED_SLUGS = {"feed"}


class Author(models.Model):
    """A writer or medical reviewer, shown by name with their credentials."""

    name = models.CharField(max_length=120)
    credentials = models.CharField(
        max_length=120, blank=True, help_text="e.g. MD, board-certified rheumatologist"
    )
    bio = models.TextField("short bio", blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """Public now: published, and its publish_at (if any) has passed."""
        return self.filter(status=Article.Status.PUBLISHED).filter(
            Q(publish_at__isnull=True) | Q(publish_at__lte=timezone.now())
        )

    def visible_to(self, user):
        """Staff may preview every page; everyone else sees published pages only."""
        return self.all() if user.is_staff else self.published()

    def in_review(self):
        return self.filter(status=Article.Status.IN_REVIEW)

    def due_for_review(self):
        """Published pages whose next review date has come (today counts), or that have none."""
        return self.published().filter(
            Q(next_review_on__lte=timezone.localdate()) | Q(next_review_on__isnull=True))

    def condition_pages(self):
        return self.filter(kind=Article.Kind.CONDITION)

    def with_page_details(self):
        """What a page shows beside its own fields: condition, people, FAQ and references."""
        return (self.select_related("condition", "author", "medical_reviewer", "translation_of")
                .prefetch_related("faqs", "references"))

    def originals(self):
        """The English pages, each once: lists, feeds and sitemaps show these and link a
        translation from its original's page."""
        return self.filter(translation_of__isnull=True)

    def readable_in(self, language: str):
        """The live pages in `language` ("en", "es-mx") that readers can open: an original,
        or a translation whose original is live too (it is read at the original's address)."""
        return self.published().filter(language=language.split("-")[0].lower()).filter(
            Q(translation_of__isnull=True)
            | Q(translation_of__in=Article.objects.published().originals()))

    def guides(self):
        return self.filter(kind=Article.Kind.GUIDE)

    def related_to(self, article):
        """Other condition pages (originals) about a condition in one of the same specialties."""
        if article.condition_id is None:
            return self.none()
        return (
            self.condition_pages().originals()
            .filter(condition__specialties__conditions=article.condition_id)
            .exclude(pk=(article.translation_of_id or article.pk))
            .distinct()
        )


# What each level means, in the words shown next to it on the page.
EVIDENCE_MEANINGS = {
    "strong": _("Several good-quality trials agree, and new research is unlikely to change the picture much."),
    "moderate": _("Good trials point the same way, but the benefit is modest or new research could change it."),
    "limited": _("Only a few small or low-quality studies; we cannot be sure the benefit is real."),
    "insufficient": _("Too little research to say whether it helps at all."),
}


def url_language(language: str) -> str:
    """The language to reverse a URL in: the site's default language code (so no /en/
    prefix) when `language` is its language, else `language` itself ("es")."""
    default = settings.LANGUAGE_CODE
    return default if default.split("-")[0] == language.split("-")[0] else language


class Article(models.Model):
    class Language(models.TextChoices):
        ENGLISH = "en", "English"
        SPANISH = "es", "Spanish"

    class Kind(models.TextChoices):
        CONDITION = "condition", _("Condition page")
        GUIDE = "guide", _("Guide")

    class EvidenceLevel(models.TextChoices):
        STRONG = "strong", _("Strong")
        MODERATE = "moderate", _("Moderate")
        LIMITED = "limited", _("Limited")
        INSUFFICIENT = "insufficient", _("Insufficient")

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        PUBLISHED = "published", "Published"
        ARCHIVED = "archived", "Archived"

    title = models.CharField(max_length=200)
    slug = models.SlugField(
        max_length=120, unique=True,
        help_text="A translation is read at its original's address; give it its own slug, "
                  "such as fibromyalgia-es.",
    )
    # A translation is a page in its own right, written, reviewed, checked and published
    # through the same rules and actions as its English original.
    language = models.CharField(max_length=5, choices=Language.choices,
                                default=Language.ENGLISH)
    translation_of = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="translations",
        limit_choices_to={"translation_of__isnull": True},
        help_text="For a translation: the English page it translates. Same kind and condition.",
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.CONDITION)
    condition = models.ForeignKey(
        Condition, on_delete=models.PROTECT, null=True, blank=True, related_name="articles",
        help_text="Required for condition pages.",
    )
    summary = models.TextField(blank=True, help_text="Two or three plain sentences.")
    body = models.TextField(blank=True, help_text="Markdown. Cite sources as (Author year).")
    # Rendered from `body` and sanitised by services.save_article(), never edited by hand.
    body_html = models.TextField(editable=False, default="")
    evidence_level = models.CharField(max_length=12, choices=EvidenceLevel.choices, blank=True)
    evidence_explanation = models.TextField(
        blank=True, help_text="One paragraph: what the studies show and how sure we can be."
    )
    safety_notes = models.TextField(blank=True)
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="articles_written")
    medical_reviewer = models.ForeignKey(
        Author, on_delete=models.PROTECT, null=True, blank=True, related_name="articles_reviewed"
    )
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    publish_at = models.DateTimeField(
        null=True, blank=True,
        help_text="Leave blank to publish at once; a future time schedules the page.",
    )
    last_reviewed_on = models.DateField(null=True, blank=True)
    next_review_on = models.DateField(
        "next review due", null=True, blank=True,
        help_text="Leave blank for 12 months after the last review. From this date the page "
                  "is in the review queue and tells readers it is being re-checked.",
    )
    meta_description = models.CharField(
        max_length=300, blank=True, help_text="For search engines and link previews."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()
    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["status", "publish_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["translation_of", "language"], name="one_translation_per_language",
                violation_error_message="That page already has a translation in this language.",
            ),
            models.CheckConstraint(
                condition=(Q(language="en", translation_of__isnull=True)
                           | (~Q(language="en") & Q(translation_of__isnull=False))),
                name="article_translation_has_original",
                violation_error_message="An English page is an original; a page in another "
                                        "language translates an English page.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """The page's address in its own language: a translation is read at its original's
        address under the language's prefix (/es/conditions/fibromyalgia/)."""
        return self.url_in(self.language)

    def url_in(self, language: str) -> str:
        original = self.translation_of or self
        name = ("articles:condition-detail" if original.is_condition_page
                else "articles:article-detail")
        with translation.override(url_language(language)):
            return reverse(name, args=[original.slug])

    def get_translation(self, language: str) -> "Article | None":
        """The live version of this page in `language` ("es", "es-mx"), itself for its own
        language, or None when there is none the public may read."""
        original = self.translation_of or self
        code = language.split("-")[0].lower()
        if code == original.language:
            return original if original.is_live else None
        return original.translations.published().filter(language=code).first()

    def available_languages(self) -> list[str]:
        """The languages this page can be read in now, English first: for hreflang links
        and the language switcher."""
        original = self.translation_of or self
        live = [original.language] if original.is_live else []
        translated = (original.translations.published().order_by("language")
                      .values_list("language", flat=True))
        return live + [code for code in translated if code not in live]

    def clean(self):
        errors = {}
        if self.kind == self.Kind.CONDITION and self.condition_id is None:
            errors["condition"] = "A condition page needs a condition."
        errors.update(self._translation_errors())
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = f"“{self.slug}” is used by the site; choose another slug."
        if self.last_reviewed_on and self.last_reviewed_on > timezone.localdate():
            errors["last_reviewed_on"] = "The last review cannot be in the future."
        if (self.last_reviewed_on and self.next_review_on
                and self.next_review_on <= self.last_reviewed_on):
            errors["next_review_on"] = "The next review must come after the last one."
        if (
            self.author_id is not None
            and self.medical_reviewer_id is not None
            and self.author_id == self.medical_reviewer_id
        ):
            errors["medical_reviewer"] = "The medical reviewer must be someone other than the author."
        if errors:
            raise ValidationError(errors)

    def _translation_errors(self) -> dict[str, str]:
        original = self.translation_of
        if original is None:
            if self.language != self.Language.ENGLISH:
                return {"translation_of": "Choose the English page this page translates."}
            return {}
        if self.language == self.Language.ENGLISH:
            return {"language": "A translation needs a language other than English."}
        if original.translation_of_id is not None or original.pk == self.pk:
            return {"translation_of": "Choose an English original, not a translation."}
        if original.kind != self.kind or original.condition_id != self.condition_id:
            return {"translation_of": "A translation has the same kind and condition as "
                                      "its original."}
        return {}

    @property
    def review_overdue(self) -> bool:
        """The next review date has come (mirrors `due_for_review()`)."""
        return self.next_review_on is None or self.next_review_on <= timezone.localdate()

    @property
    def is_condition_page(self) -> bool:
        return self.kind == self.Kind.CONDITION

    @property
    def evidence_meaning(self) -> str:
        return str(EVIDENCE_MEANINGS.get(self.evidence_level, ""))

    @property
    def is_live(self) -> bool:
        """Whether the public can see the page right now (mirrors `published()`)."""
        return self.status == self.Status.PUBLISHED and (
            self.publish_at is None or self.publish_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return self.status == self.Status.PUBLISHED and not self.is_live


class FAQItem(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="faqs")
    position = models.PositiveSmallIntegerField(default=0)
    question = models.CharField(max_length=300)
    answer = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = "FAQ item"

    def __str__(self):
        return self.question


class Reference(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="references")
    position = models.PositiveSmallIntegerField(default=0)
    citation = models.TextField(help_text="Authors, title, journal, year, volume and pages.")
    doi = models.CharField("DOI", max_length=200, blank=True, validators=[validate_doi])
    pmid = models.CharField("PubMed ID", max_length=9, blank=True, validators=[validate_pmid])
    url = models.URLField(
        "URL", max_length=500, blank=True, validators=[URLValidator(schemes=["http", "https"])]
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(doi="", pmid="", url=""),
                name="reference_has_doi_pmid_or_url",
                violation_error_message="Give a DOI, a PubMed ID or a URL for the reference.",
            )
        ]

    def __str__(self):
        return self.citation[:80]

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}" if self.doi else ""

    @property
    def pubmed_url(self) -> str:
        return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/" if self.pmid else ""


class ArticlePublication(models.Model):
    """Each time a page was published, by whom, and any editorial warnings overridden."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="publications")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    published_at = models.DateTimeField(default=timezone.now)
    # [{"code": ..., "message": ..., "excerpt": ..., "field": ...}] as shown to the publisher.
    overridden_warnings = models.JSONField(default=list, blank=True)
    override_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return f"{self.article} published {self.published_at:%Y-%m-%d %H:%M}"

    @property
    def overridden_codes(self) -> list[str]:
        return sorted({warning["code"] for warning in self.overridden_warnings})
