"""Markdown to safe HTML: the only way article text becomes markup on the site."""

import re
from html import escape, unescape
from urllib.parse import urlsplit

import markdown
import nh3
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import get_language_from_path

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "code", "pre",
    "blockquote", "ul", "ol", "li", "a", "abbr", "sup", "sub",
    "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
}
URL_SCHEMES = {"http", "https", "mailto"}

_H1 = re.compile(r"<(/?)h1\b", re.IGNORECASE)
# A link's address in nh3's output, which quotes every attribute with " and escapes the text,
# so "<a " only ever opens a tag.
_LINK = re.compile(r'(<a\s[^>]*?\bhref=")([^"]*)(")')


def render_markdown(text: str, language: str = "") -> str:
    """Render Markdown and keep only plain formatting: no scripts, styles, handlers or images.

    The site's own links are pointed at their pages in `language`, the page's language, so
    a Spanish page written with /conditions/lupus/ links to /es/conditions/lupus/ (no
    `language`: the site's default, whose addresses the bodies are written with). The result
    is stored with the page (services.save_article), which has one language."""
    html = markdown.markdown(
        text or "",
        extensions=["tables", "sane_lists"],
        extension_configs={"tables": {"use_align_attribute": True}},
        output_format="html",
    )
    # The page title is the page's only <h1>; a "# heading" in the body becomes a section.
    html = _H1.sub(r"<\1h2", html)
    html = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    return localise_links(html, language)


def localise_links(html: str, language: str) -> str:
    """Point each link to a page of this site in sanitised `html` at that page in `language`
    ("es"): a path, or an address at settings.SITE_URL. Other sites' links, links that
    already name a language, and paths that are no page are left as written."""
    if not language or language.split("-")[0] == settings.LANGUAGE_CODE.split("-")[0]:
        return html  # the bodies are written with the default language's addresses

    def localise(match: re.Match) -> str:
        href = unescape(match[2])
        return f"{match[1]}{escape(link_in(href, language))}{match[3]}"

    # The addresses are read as the default language's, whatever language is active.
    with translation.override(settings.LANGUAGE_CODE):
        return _LINK.sub(localise, html)


def link_in(href: str, language: str) -> str:
    parts, site = urlsplit(href), urlsplit(settings.SITE_URL)
    if parts.scheme or parts.netloc:
        if (parts.scheme, parts.netloc) != (site.scheme, site.netloc):
            return href
    elif not parts.path.startswith("/"):
        return href  # a #fragment or a relative path: left to the reader's browser
    if get_language_from_path(parts.path):
        return href
    return translate_url(href, language)
