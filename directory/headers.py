"""Response headers that need to know the request: no-store for private pages, and the
Content-Security-Policy allowances that only some pages need (the admin's one style, the map
tiles). The rest come from settings
("Security headers and cookies"); tests/test_headers.py checks them all on every URL.
"""

from collections.abc import Callable
from urllib.parse import urlsplit

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import add_never_cache_headers

PRIVATE_PREFIXES = ("/account/", "/admin/")
# Read-only data that is the same for everyone (the JSON API, FHIR, HSDS): never private.
PUBLIC_DATA_PREFIXES = ("/api/", "/fhir/", "/hsds/")
ADMIN_PREFIX = "/admin/"

# django-simple-history's change-history page (admin/<model>/<id>/history/) carries one
# inline style attribute, style="border-top: 0". Rather than copy its template, the admin's
# policy allows that exact declaration by its hash ('unsafe-hashes' lets a hash match a style
# attribute): no other inline style, and no inline script, anywhere. If an upgrade changes
# the attribute, the browser tests report the violation and its new hash.
ADMIN_CSP_UPDATE = {
    "style-src-attr": ["'unsafe-hashes'", "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='"],
}

# The pages that draw a map (static/js/map.js): only they may load images from the tile
# server of settings.MAP_TILE_URL, and data: images (Leaflet's blank tile).
MAP_VIEWS = frozenset({"clinics:practitioner-list", "clinics:clinic-detail"})


def tile_source(tile_url: str) -> str | None:
    """The img-src source that lets a page load tiles from `tile_url`, a Leaflet URL
    template: its scheme and host, with a {s} subdomain as a wildcard
    ("https://{s}.tile.example.org/{z}/{x}/{y}.png" -> "https://*.tile.example.org").
    None for tiles on our own origin (a path), which 'self' already allows."""
    parts = urlsplit(tile_url)
    if not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with ADMIN_CSP_UPDATE added to the policy under /admin/,
    and the tile server (tile_source) added to img-src on the pages with a map.

    django-csp scopes a change to a view through decorators, and the admin's views are not
    ours to decorate; its documented way to vary the policy by request is this override.
    (On Django 6's built-in CSP, the same is a subclass of its middleware.)
    """

    def get_policy_parts(self, request: HttpRequest, response: HttpResponseBase,
                         report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PREFIX):
            parts.update = {**ADMIN_CSP_UPDATE, **(parts.update or {})}
        match = request.resolver_match
        if match is not None and match.view_name in MAP_VIEWS:
            # data: for the blank GIF Leaflet puts in a tile it drops while zooming.
            source = tile_source(settings.MAP_TILE_URL)
            parts.update = {"img-src": [*([source] if source else []), "data:"],
                            **(parts.update or {})}
        return parts


def is_private(request: HttpRequest) -> bool:
    """Whether the response to `request` may show account data or a patient's message.

    The open-data APIs answer the same for everyone, signed in or not (they read no
    session), so they are never private."""
    if request.path_info.startswith(PUBLIC_DATA_PREFIXES):
        return False
    return request.path_info.startswith(PRIVATE_PREFIXES) or request.user.is_authenticated


class NoStoreForPrivatePagesMiddleware:
    """`Cache-Control: no-store` (with private, no-cache, max-age=0) on private responses.

    Private means: anything under /account/ or /admin/ (the dashboard, the inbox of
    patients' messages, credential documents, staff reading licence scans), and any page
    shown to a signed-in person, whose pages carry their name, their CSRF token and links to
    their clinics. Public pages seen anonymously stay cacheable.

    Django's never_cache decorator sets the same headers, but one view at a time: a new
    private view that forgot it would let the browser keep a patient's message on disk, and
    "back" show it again after logging out. One rule here, by path and by who is asking,
    covers every view, present and future.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if is_private(request):
            add_never_cache_headers(response)
        return response
