"""Writes to editorial pages: saving, review, publishing (rules and checks) and archiving."""

from datetime import date, datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from . import checks
from .markup import render_markdown
from .models import Article, ArticlePublication


class UnresolvedWarnings(ValidationError):
    """The page passes the rules but has editorial warnings and no override reason."""

    def __init__(self, warnings: list[checks.Warning]):
        self.warnings = warnings
        super().__init__(
            [f"{w.message} ({w.field}: “{w.excerpt}”)" for w in warnings], code="warnings"
        )


def publishing_problems(article: Article) -> list[str]:
    """What must be fixed before the page may be published; empty when nothing is missing."""
    problems = []
    if article.medical_reviewer_id is None:
        problems.append("Add a medical reviewer.")
    elif article.medical_reviewer_id == article.author_id:
        problems.append("The medical reviewer must be someone other than the author.")
    if article.last_reviewed_on is None:
        problems.append("Add the date of the last medical review.")
    if not article.pk or not article.references.exists():
        problems.append("Add at least one reference.")
    if not article.summary.strip():
        problems.append("Write a summary.")
    if article.is_condition_page:
        if article.condition_id is None:
            problems.append("Choose the condition this page is about.")
        if not article.evidence_level:
            problems.append("Choose an evidence level.")
        elif not article.evidence_explanation.strip():
            problems.append("Explain the evidence level in a paragraph.")
    return problems


def check_published_edit(article: Article, *, faqs=None) -> None:
    """An edit to a live page must keep it publishable and add no editorial warning beyond
    those accepted when it was last published. Raises ValidationError when it does not.

    There is no override here: a change that needs one goes back through review and the
    publish action, which records the reason. `faqs`, (question, answer) pairs, stands in
    for the saved FAQ when the edit changes it too.
    """
    problems = publishing_problems(article)
    if problems:
        raise ValidationError(
            [*problems, "This page is live: fix these, or archive it first."], code="rules")
    last = article.publications.first()
    accepted = {(w["code"], w["field"], w["excerpt"])
                for w in (last.overridden_warnings if last else [])}
    new = [w for w in checks.check_article(article, faqs=faqs)
           if (w.code, w.field, w.excerpt) not in accepted]
    if new:
        raise ValidationError(
            [f"{w.message} ({w.field}: “{w.excerpt}”)" for w in new]
            + ["This page is live, so an edit may not add editorial warnings. Reword it, or "
               "send the page back to review and publish it with a recorded reason."],
            code="warnings",
        )


REVIEW_INTERVAL_MONTHS = 12


def twelve_months_after(day: date) -> date:
    """The same day a year later; 29 February falls back to the 28th. (A one-off rule, so
    no date library for it.)"""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def _default_next_review(article: Article) -> None:
    """A new review date, or none given, sets the next review to 12 months after it, unless
    the same edit also chose the next review date."""
    if article.last_reviewed_on is None:
        return
    stored = (Article.objects.filter(pk=article.pk)
              .values("last_reviewed_on", "next_review_on").first() if article.pk else None)
    review_moved = stored is not None and stored["last_reviewed_on"] != article.last_reviewed_on
    next_kept = stored is not None and stored["next_review_on"] == article.next_review_on
    if article.next_review_on is None or (review_moved and next_kept):
        article.next_review_on = twelve_months_after(article.last_reviewed_on)


@transaction.atomic
def save_article(*, article: Article, by: AbstractBaseUser | None = None,
                 faqs=None) -> Article:
    """Validate and save a page, rendering its Markdown body to sanitised HTML. A live page
    is held to the publishing rules on every edit (check_published_edit); `faqs` is the FAQ
    as the same edit leaves it, when it changes that too."""
    article.body_html = render_markdown(article.body, article.language)
    _default_next_review(article)
    article.full_clean()
    if article.pk is not None and article.status == Article.Status.PUBLISHED:
        check_published_edit(article, faqs=faqs)
    if by is not None:
        article._change_reason = f"Edited by {by}"
    article.save()
    return article


@transaction.atomic
def submit_for_review(*, article: Article, by: AbstractBaseUser | None) -> Article:
    """Send a draft (or an archived page) to medical review."""
    if article.status == Article.Status.PUBLISHED:
        raise ValidationError("This page is published; archive it before sending it back to review.")
    article.status = Article.Status.IN_REVIEW
    article._change_reason = f"Sent to review by {by}"
    article.full_clean()
    article.save()
    return article


@transaction.atomic
def publish_article(
    *,
    article: Article,
    by: AbstractBaseUser | None,
    override_reason: str = "",
    publish_at: datetime | None = None,
) -> ArticlePublication:
    """Publish a page that passes every rule; editorial warnings need a recorded reason.

    A future `publish_at` (given here or already on the page) schedules the page instead of
    showing it now.
    """
    if article.status == Article.Status.PUBLISHED:
        raise ValidationError("This page is already published.", code="published")
    problems = publishing_problems(article)
    if problems:
        raise ValidationError(problems, code="rules")
    warnings = checks.check_article(article)
    reason = (override_reason or "").strip()
    if warnings and not reason:
        raise UnresolvedWarnings(warnings)

    article.status = Article.Status.PUBLISHED
    article.publish_at = publish_at or article.publish_at or timezone.now()
    article._change_reason = f"Published by {by}" + (f"; warnings overridden: {reason}" if warnings else "")
    article.full_clean()
    article.save()
    publication = ArticlePublication(
        article=article,
        published_by=by,
        overridden_warnings=[w.as_dict() for w in warnings],
        override_reason=reason if warnings else "",
    )
    publication.full_clean()
    publication.save()
    return publication


@transaction.atomic
def archive_article(*, article: Article, by: AbstractBaseUser | None) -> Article:
    """Take a page off the public site, keeping it and its history for staff."""
    article.status = Article.Status.ARCHIVED
    article._change_reason = f"Archived by {by}"
    article.full_clean()
    article.save()
    return article
