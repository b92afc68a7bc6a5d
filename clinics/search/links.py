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

import phonenumbers
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation

_MARK = "slug-placeholder"
_SLUG = re.compile(r"[-a-zA-Z0-9_]+")


@lru_cache(maxsize=64)
def _pattern(name: str, prefix: str, urlconf: str, language: str | None) -> tuple[str, str]:
    # `language` is part of the key: a Spanish page's links are under /es/.
    before, _, after = reverse(name, kwargs={"slug": _MARK}, urlconf=urlconf).partition(_MARK)
    return before, after


def slug_url(name: str, slug: str) -> str:
    """The same path as reverse(name, kwargs={"slug": slug})."""
    return slug_url_maker(name)(slug)


def slug_url_maker(name: str) -> Callable[[str], str]:
    """slug_url for one URL name, with the script prefix and URLconf looked up once: for
    the twenty profile links of a results page."""
    before, after = _pattern(name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF,
                             translation.get_language())

    def url(slug: str) -> str:
        if not _SLUG.fullmatch(slug):
            return reverse(name, kwargs={"slug": slug})
        return f"{before}{slug}{after}"

    return url


@lru_cache(maxsize=4096)
def tel_url(number: str) -> str:
    """A `tel:` URL for a phone number as people write it: "(702) 555-0113" gives
    "tel:+17025550113". Numbers are taken as US ones unless they start with +; a number too
    short to carry its area code keeps only its digits, to be dialled locally. Cached: a
    results page asks for twenty, and the same clinics come up again and again."""
    try:
        parsed = phonenumbers.parse(number, "US")
    except phonenumbers.NumberParseException:
        parsed = None
    if parsed is not None and phonenumbers.is_possible_number_with_reason(parsed) == \
            phonenumbers.ValidationResult.IS_POSSIBLE:
        return "tel:" + phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    return "tel:" + "".join(ch for ch in number if ch.isdigit())
