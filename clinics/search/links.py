"""Links to detail pages for a whole page of results: one reverse() per URL name, then
string formatting.

reverse() walks the resolver for every call, which on a results page of twenty
practitioners (each linking to a profile and a clinic) cost about a millisecond. A slug is
already URL-safe, so the path only needs the slug put into the reversed pattern; anything
that is not a plain slug goes through reverse() as usual, which raises NoReverseMatch.
"""

import re
from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

_MARK = "slug-placeholder"
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")


@lru_cache(maxsize=64)
def _pattern(name: str, prefix: str, urlconf: str) -> tuple[str, str]:
    before, _, after = reverse(name, kwargs={"slug": _MARK}, urlconf=urlconf).partition(_MARK)
    return before, after


def slug_url(name: str, slug: str) -> str:
    """The same path as reverse(name, kwargs={"slug": slug})."""
    return slug_url_maker(name)(slug)


def slug_url_maker(name: str) -> Callable[[str], str]:
    """slug_url for one URL name, with the script prefix and URLconf looked up once: for
    the twenty profile links of a results page."""
    before, after = _pattern(name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)

    def url(slug: str) -> str:
        if not _SLUG.fullmatch(slug):
            return reverse(name, kwargs={"slug": slug})
        return f"{before}{slug}{after}"

    return url
