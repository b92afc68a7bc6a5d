"""Load the demo authors and pages from the data files in demo_content/; safe to run again.

The content is data, not code: authors.toml, references.toml, index.toml (the page order)
and one Markdown file per page under demo_content/articles/, its TOML front matter between
`+++` lines (demo_content/README.md describes the format). Translations are in
demo_content/translations/<language>/, one file per original, named like it. `read_articles`
and `read_authors` parse and check the files, naming the file in any error.

Pages are keyed on their slug. Each run brings the text, FAQs and references back to the
demo content, renders the Markdown through the service, and publishes the good pages
through the same rules and checks staff use. The deliberately bad draft stays a draft.
"""

import datetime
import tomllib
from pathlib import Path
from typing import Any, NoReturn, TypedDict, cast

from django.db import transaction

from clinics.models import Condition

from . import services
from .models import Article, Author, FAQItem, Reference

CONTENT_DIR = Path(__file__).resolve().parent / "demo_content"

TEXT_FIELDS = (
    "title", "kind", "summary", "body", "evidence_level", "evidence_explanation",
    "safety_notes", "meta_description",
)


class AuthorData(TypedDict):
    key: str
    name: str
    credentials: str
    bio: str


class ReferenceData(TypedDict):
    citation: str
    doi: str
    pmid: str
    url: str


class ArticleData(TypedDict):
    slug: str
    title: str
    kind: str
    condition: str | None
    summary: str
    body: str
    evidence_level: str
    evidence_explanation: str
    safety_notes: str
    meta_description: str
    author: str
    reviewer: str | None
    last_reviewed_on: datetime.date | None
    next_review_on: datetime.date | None
    status: str
    faqs: list[tuple[str, str]]  # (question, answer)
    references: list[ReferenceData]
    language: str
    translation_of: str | None  # the original's slug, for a translation


class DemoContentError(ValueError):
    """A demo content file is missing or malformed; the message starts with its path."""


# Front matter keys and their TOML types; the page's slug is its file name.
_ARTICLE_KEYS: dict[str, type] = {
    "title": str, "kind": str, "author": str, "status": str, "evidence_level": str,
    "summary": str, "meta_description": str, "evidence_explanation": str, "safety_notes": str,
    "references": list,  # keys into references.toml, in order
}
_ARTICLE_OPTIONAL_KEYS: dict[str, type] = {
    "condition": str, "reviewer": str, "last_reviewed_on": datetime.date, "faqs": list,
    "next_review_on": datetime.date,
}
_TYPE_NAMES = {str: "a string", list: "an array",
               datetime.date: "a date such as 2026-10-06 (no quotes)"}


def _fail(path: Path, problem: str) -> NoReturn:
    raise DemoContentError(f"{path}: {problem}")


def _parse_toml(path: Path, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        _fail(path, f"invalid TOML: {exc}")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        _fail(path, f"cannot read the file ({exc.strerror})")


def _check_keys(path: Path, table: object, required: dict[str, type],
                optional: dict[str, type] | None = None, where: str = "") -> dict[str, Any]:
    """Return `table` once it has every required key, no unknown key, and the right types."""
    if not isinstance(table, dict):
        _fail(path, f"{where}must be a table")
    allowed = required | (optional or {})
    if missing := [key for key in required if key not in table]:
        _fail(path, f"{where}missing key(s): {', '.join(missing)}")
    if unknown := [key for key in table if key not in allowed]:
        _fail(path, f"{where}unknown key(s): {', '.join(unknown)}")
    for key, value in table.items():
        if type(value) is not allowed[key]:
            _fail(path, f"{where}{key} must be {_TYPE_NAMES[allowed[key]]}")
    return table


def read_authors(directory: Path = CONTENT_DIR) -> list[AuthorData]:
    """The authors and reviewers in authors.toml, in file order."""
    path = directory / "authors.toml"
    data = _check_keys(path, _parse_toml(path, _read(path)), {"authors": list})
    fields = dict.fromkeys(AuthorData.__annotations__, str)
    return [cast(AuthorData, _check_keys(path, author, fields, where=f"authors[{i}]: "))
            for i, author in enumerate(data["authors"])]


def _read_references(directory: Path) -> dict[str, ReferenceData]:
    path = directory / "references.toml"
    fields = dict.fromkeys(ReferenceData.__annotations__, str)
    return {key: cast(ReferenceData, _check_keys(path, ref, fields, where=f"[{key}] "))
            for key, ref in _parse_toml(path, _read(path)).items()}


def _read_order(directory: Path) -> list[str]:
    path = directory / "index.toml"
    slugs = _check_keys(path, _parse_toml(path, _read(path)), {"articles": list})["articles"]
    files = sorted(p.stem for p in (directory / "articles").glob("*.md"))
    if not all(isinstance(slug, str) for slug in slugs) or len(set(slugs)) != len(slugs):
        _fail(path, "articles must list each page's slug once, as strings")
    if unlisted := sorted(set(files) - set(slugs)):
        _fail(path, f"articles/ has pages missing from the list: {', '.join(unlisted)}")
    return slugs


def _split_front_matter(path: Path, text: str) -> tuple[str, str]:
    lines = text.split("\n")
    if lines[0] != "+++":
        _fail(path, "must start with a '+++' line opening the TOML front matter")
    if "+++" not in lines[1:]:
        _fail(path, "the TOML front matter has no closing '+++' line")
    end = lines.index("+++", 1)
    # The blank first line keeps TOML error line numbers equal to the file's.
    return "\n".join(["", *lines[1:end]]), "\n".join(lines[end + 1:])


def _read_article(path: Path, authors: set[str], refs: dict[str, ReferenceData], *,
                  language: str = "en", translation_of: str | None = None) -> ArticleData:
    front_text, body = _split_front_matter(path, _read(path))
    front = _check_keys(path, _parse_toml(path, front_text), _ARTICLE_KEYS, _ARTICLE_OPTIONAL_KEYS)
    for role in ("author", "reviewer"):
        if role in front and front[role] not in authors:
            _fail(path, f"{role} {front[role]!r} is not a key in authors.toml")
    faq_keys = {"question": str, "answer": str}
    faqs = [_check_keys(path, faq, faq_keys, where=f"faqs[{i}]: ")
            for i, faq in enumerate(front.pop("faqs", []))]
    cited = front["references"]
    if unknown := [key for key in cited if not isinstance(key, str) or key not in refs]:
        _fail(path, f"references not in references.toml: {', '.join(map(repr, unknown))}")
    return cast(ArticleData, {
        "slug": f"{path.stem}-{language}" if translation_of else path.stem,
        "language": language, "translation_of": translation_of, "condition": None, "reviewer": None, "last_reviewed_on": None,
        "next_review_on": None,
        **front,
        "body": body.strip(),
        "faqs": [(faq["question"], faq["answer"]) for faq in faqs],
        "references": [ReferenceData(**refs[key]) for key in cited],
    })


def read_articles(directory: Path = CONTENT_DIR) -> list[ArticleData]:
    """Every page in `directory`/articles/, parsed and checked, in the order of index.toml."""
    authors = {author["key"] for author in read_authors(directory)}
    refs = _read_references(directory)
    return [_read_article(directory / "articles" / f"{slug}.md", authors, refs)
            for slug in _read_order(directory)]


def read_translations(directory: Path = CONTENT_DIR) -> list[ArticleData]:
    """Every translation in `directory`/translations/<language>/<original slug>.md, by
    language and then in the originals' order; its slug is the original's plus -<language>."""
    authors = {author["key"] for author in read_authors(directory)}
    refs = _read_references(directory)
    order = _read_order(directory)
    pages = []
    for folder in sorted(p for p in (directory / "translations").glob("*") if p.is_dir()):
        files = {path.stem: path for path in folder.glob("*.md")}
        if unknown := sorted(set(files) - set(order)):
            _fail(folder, f"translations of pages that do not exist: {', '.join(unknown)}")
        pages += [_read_article(files[slug], authors, refs, language=folder.name,
                                translation_of=slug) for slug in order if slug in files]
    return pages


def _load_authors(data: list[AuthorData]) -> dict[str, Author]:
    authors = {}
    for author_data in data:
        author, _ = Author.objects.update_or_create(
            name=author_data["name"],
            defaults={"credentials": author_data["credentials"], "bio": author_data["bio"]},
        )
        authors[author_data["key"]] = author
    return authors


def _load_article(data: ArticleData, authors: dict[str, Author]) -> Article:
    article = Article.objects.filter(slug=data["slug"]).first() or Article(slug=data["slug"])
    for field in TEXT_FIELDS:
        setattr(article, field, data[field])
    article.language = data["language"]
    article.translation_of = (Article.objects.get(slug=data["translation_of"])
                              if data["translation_of"] else None)
    article.condition = (
        Condition.objects.get(slug=data["condition"]) if data["condition"] else None
    )
    article.author = authors[data["author"]]
    article.medical_reviewer = authors[data["reviewer"]] if data["reviewer"] else None
    article.last_reviewed_on = data["last_reviewed_on"]
    article.next_review_on = data["next_review_on"]
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
    """Create or update the demo authors and pages; returns the pages in content order,
    then the translations."""
    # Before any write: a malformed file changes nothing.
    articles_data = read_articles() + read_translations()
    authors = _load_authors(read_authors())
    articles = [_load_article(data, authors) for data in articles_data]
    if stdout is not None:
        published = sum(article.status == Article.Status.PUBLISHED for article in articles)
        stdout.write(
            f"Articles: {len(articles)} demo pages ({published} published, "
            f"{len(articles) - published} not published) by {len(authors)} authors."
        )
    return articles
