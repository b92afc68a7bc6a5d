"""schema.org JSON-LD for editorial pages, built as plain dicts."""

from .models import Article, Author


def _person(author: Author) -> dict:
    person = {"@type": "Person", "name": author.name}
    if author.credentials:
        person["jobTitle"] = author.credentials
    return person


def medical_web_page(article: Article, *, url: str) -> dict:
    """A MedicalWebPage about the page's condition, with its author and medical reviewer."""
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": article.title,
        "headline": article.title,
        "description": article.meta_description or article.summary,
        "url": url,
        "inLanguage": "en-US",
        "author": _person(article.author),
        "dateModified": article.updated_at.isoformat(),
    }
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
