"""The site's languages on a page: `<html lang>`, the hreflang alternates and the switcher.

English pages keep the addresses they always had and Spanish ones are the same addresses
under /es/ (directory/urls.py). A page outside the language prefix (the owners' and staff's
pages) has one language, so it gets no alternates and no switcher.

The switcher offers the site's interface in the other language wherever the address has a
twin. The hreflang links say more, that the page's content exists in each language, so a
view whose content may be in one language only (a condition page without its Spanish
version) gives its own list through hreflang(), which overrides the context processor's.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import translation


@dataclass(frozen=True)
class Alternate:
    code: str  # "en", "es"
    name: str  # in its own language: "English", "Español"
    url: str  # absolute, with the page's query string


def alternate(request: HttpRequest, code: str, path: str) -> Alternate:
    """The page at `path` in the language `code`, with its absolute address."""
    return Alternate(code, str(dict(settings.LANGUAGES)[code]), request.build_absolute_uri(path))


def alternates(request: HttpRequest) -> list[Alternate]:
    """This page's address in each language, or [] when it has only one."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name is None:  # a page the resolver never found
        return []
    # As django.urls.translate_url does, from the match the request already has rather than
    # resolving its path again for each language.
    name = f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
    _path, question, query = request.get_full_path().partition("?")
    urls = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            try:
                urls[code] = reverse(name, args=match.args, kwargs=match.kwargs) + question + query
            except NoReverseMatch:
                return []
    if len(set(urls.values())) < len(urls):
        return []
    return [alternate(request, code, urls[code]) for code, _ in settings.LANGUAGES]


def hreflang(found: list[Alternate]) -> dict[str, object]:
    """The base template's `alternates` (one <link rel="alternate" hreflang> each) and
    `default_alternate` (x-default, English) for a page readable in `found`'s languages.

    None for a page in one language: every hreflang link must be returned by the page it
    names, and a page in one language has no other page to return it."""
    if len(found) < 2:
        return {"alternates": [], "default_alternate": None}
    return {
        "alternates": found,
        "default_alternate": next((a for a in found if a.code == settings.LANGUAGE_CODE), None),
    }


def page_languages(request: HttpRequest) -> dict[str, object]:
    """Context processor: `page_language` ("en", "es"), the hreflang links (see hreflang(),
    which a view may give instead) and `other_languages` for the header's switcher."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    found = alternates(request)
    return {
        "page_language": translation.get_language_info(current)["code"],
        **hreflang(found),
        "other_languages": [a for a in found if a.code != current],
    }
