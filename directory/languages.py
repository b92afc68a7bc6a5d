"""The site's languages on a page: `<html lang>`, the hreflang alternates and the switcher.

English pages keep the addresses they always had and Spanish ones are the same addresses
under /es/ (directory/urls.py). A page outside the language prefix (the owners' and staff's
pages) has one language, so it gets no alternates and no switcher.
"""

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation


@dataclass(frozen=True)
class Alternate:
    code: str  # "en", "es"
    name: str  # in its own language: "English", "Español"
    url: str  # absolute, with the page's query string


def alternates(request: HttpRequest) -> list[Alternate]:
    """This page in each language, or [] when it has only one."""
    if getattr(request, "resolver_match", None) is None:  # a page the resolver never found
        return []
    path = request.get_full_path()
    urls = {code: translate_url(path, code) for code, _ in settings.LANGUAGES}
    if len(set(urls.values())) < len(urls):
        return []
    return [Alternate(code, str(name), request.build_absolute_uri(urls[code]))
            for code, name in settings.LANGUAGES]


def page_languages(request: HttpRequest) -> dict[str, object]:
    """Context processor: `page_language` ("en", "es"), `alternates` for the
    <link rel="alternate" hreflang> tags, `default_alternate` for x-default (English), and
    `other_languages` for the header's switcher."""
    current = translation.get_language() or settings.LANGUAGE_CODE
    found = alternates(request)
    return {
        "page_language": translation.get_language_info(current)["code"],
        "alternates": found,
        "default_alternate": next((a for a in found if a.code == settings.LANGUAGE_CODE), None),
        "other_languages": [a for a in found if a.code != current],
    }
