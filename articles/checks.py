"""The editorial checks run over every field a reader sees on an article.

The checks themselves are in directory/editorial_checks.py, shared with owner-written text.
"""

from directory.editorial_checks import CODES, Warning, check_text

__all__ = ["CODES", "Warning", "check_article", "check_text"]


def check_article(article, *, faqs=None) -> list[Warning]:
    """Every warning for the text a reader sees on the page, FAQ included: the saved FAQ, or
    `faqs` as (question, answer) pairs when an edit is about to change it."""
    fields = [
        ("title", article.title),
        ("summary", article.summary),
        ("body", article.body),
        ("evidence explanation", article.evidence_explanation),
        ("safety notes", article.safety_notes),
        ("meta description", article.meta_description),
    ]
    if faqs is None:
        faqs = [(faq.question, faq.answer) for faq in article.faqs.all()] if article.pk else []
    for number, (question, answer) in enumerate(faqs, start=1):
        fields.append((f"FAQ {number}", f"{question}\n\n{answer}"))
    return [warning for field, text in fields for warning in check_text(text, field=field)]
