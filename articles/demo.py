"""Load the demo authors and pages from demo_content.py; safe to run again and again.

Pages are keyed on their slug. Each run brings the text, FAQs and references back to the
demo content, renders the Markdown through the service, and publishes the good pages
through the same rules and checks staff use. The deliberately bad draft stays a draft.
"""

import datetime

from django.db import transaction

from clinics.models import Condition

from . import services
from .demo_content import ARTICLES, AUTHORS
from .models import Article, Author, FAQItem, Reference

TEXT_FIELDS = (
    "title", "kind", "summary", "body", "evidence_level", "evidence_explanation",
    "safety_notes", "meta_description",
)


def _load_authors() -> dict[str, Author]:
    authors = {}
    for data in AUTHORS:
        author, _ = Author.objects.update_or_create(
            name=data["name"], defaults={"credentials": data["credentials"], "bio": data["bio"]}
        )
        authors[data["key"]] = author
    return authors


def _load_article(data: dict, authors: dict[str, Author]) -> Article:
    article = Article.objects.filter(slug=data["slug"]).first() or Article(slug=data["slug"])
    for field in TEXT_FIELDS:
        setattr(article, field, data[field])
    article.condition = (
        Condition.objects.get(slug=data["condition"]) if data["condition"] else None
    )
    article.author = authors[data["author"]]
    article.medical_reviewer = authors[data["reviewer"]] if data["reviewer"] else None
    article.last_reviewed_on = (
        datetime.date.fromisoformat(data["last_reviewed_on"]) if data["last_reviewed_on"] else None
    )
    services.save_article(article=article)

    article.faqs.all().delete()
    for position, (question, answer) in enumerate(data["faqs"], start=1):
        faq = FAQItem(article=article, position=position, question=question, answer=answer)
        faq.full_clean()
        faq.save()
    article.references.all().delete()
    for position, ref in enumerate(data["references"], start=1):
        reference = Reference(article=article, position=position, **ref)
        reference.full_clean()
        reference.save()

    if data["status"] == Article.Status.PUBLISHED and article.status != Article.Status.PUBLISHED:
        # No override reason: a demo page that trips a check is a bug to fix, not to wave through.
        services.publish_article(article=article, by=None)
    return article


@transaction.atomic
def load_demo_articles(*, stdout=None) -> list[Article]:
    """Create or update the demo authors and pages; returns the pages in content order."""
    authors = _load_authors()
    articles = [_load_article(data, authors) for data in ARTICLES]
    if stdout is not None:
        published = sum(article.status == Article.Status.PUBLISHED for article in articles)
        stdout.write(
            f"Articles: {len(articles)} demo pages ({published} published, "
            f"{len(articles) - published} not published) by {len(authors)} authors."
        )
    return articles
