"""schema.org JSON-LD for editorial pages, built as plain dicts."""

from .models import Article, Author


def _person(author: Author) -> dict:
    person = {"@type": "Person", "name": author.name}
    if author.credentials:
        person["jobTitle"] = author.credentials
    return person


def breadcrumb_list(trail: list[tuple[str, str]]) -> dict:
    """The page's breadcrumbs, (name, absolute URL) from the top down, as a BreadcrumbList."""
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }


# The audience is in the United States.
IN_LANGUAGE = {"en": "en-US", "es": "es-US"}


def medical_web_page(article: Article, *, url: str,
                     breadcrumbs: list[tuple[str, str]] | None = None) -> dict:
    """A MedicalWebPage about the page's condition, with its author and medical reviewer,
    and the breadcrumbs the page shows."""
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": article.title,
        "headline": article.title,
        "description": article.meta_description or article.summary,
        "url": url,
        "inLanguage": IN_LANGUAGE.get(article.language, article.language),
        "author": _person(article.author),
        "dateModified": article.updated_at.isoformat(),
    }
    if breadcrumbs:
        data["breadcrumb"] = breadcrumb_list(breadcrumbs)
    if article.publish_at:
        data["datePublished"] = article.publish_at.isoformat()
    if article.medical_reviewer:
        data["reviewedBy"] = _person(article.medical_reviewer)
    if article.last_reviewed_on:
        data["lastReviewed"] = article.last_reviewed_on.isoformat()
    if article.condition:
        condition = article.condition
        about = {"@type": "MedicalCondition", "name": condition.name}
        if synonyms := condition.synonym_list():
            about["alternateName"] = synonyms
        if condition.icd10_code:
            about["code"] = {
                "@type": "MedicalCode", "code": condition.icd10_code, "codingSystem": "ICD-10",
            }
        data["about"] = about
    return data
