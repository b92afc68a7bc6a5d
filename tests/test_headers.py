"""Security headers on every URL pattern, fetched as the person who would open it.

PAGES has a row for each route the URL resolver knows. The admin's routes for one model
stand for every model's (they are the same views), so they appear once, with the model as
<app>/<model>. A new URL pattern without a row fails
test_every_url_pattern_has_a_row_in_pages.

Private pages (anything a signed-in person sees, and everything under /account/ and
/admin/) must not be stored by a browser or proxy; public pages seen anonymously stay
cacheable.
"""

import os
import re
import secrets
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinics import freshness
from clinics.hsds import ids as hsds_ids
from clinics.hsds.ids import Kind
from clinics.models import Modality
from clinics.owners.models import Invitation
from clinics.owners.services import invitation_token
from directory.headers import ADMIN_CSP_UPDATE, MAP_VIEWS, tile_source
from tests.conftest import verified_login
from tests.factories import ArticleFactory, ContactRequestFactory

ROOT = Path(__file__).resolve().parent.parent
PDF = b"%PDF-1.4\n%%EOF\n"

# The directives issue #12 asks for, with the values each may take: a response may be
# stricter ('none' where the site says 'self', as a credential download is), never looser.
REQUIRED_CSP = {
    "default-src": [["'self'"], ["'none'"]],
    "object-src": [["'none'"]],
    "base-uri": [["'none'"]],
    "frame-ancestors": [["'none'"]],
    "form-action": [["'self'"], ["'none'"]],
}
UNSAFE_SOURCES = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*", "data:", "http:",
                  "https:"}
DISABLED_FEATURES = ["camera", "microphone", "payment", "usb", "interest-cohort",
                     "browsing-topics"]


def route_patterns(patterns=None, prefix=""):
    """Every route the resolver knows, as its full pattern text."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from route_patterns(pattern.url_patterns, route)
        else:
            assert isinstance(pattern, URLPattern)
            yield route


def coverage_key(route: str) -> str:
    """The route, with the admin's per-model and per-app parts made generic."""
    for model in admin.site._registry:
        model_part = f"admin/{model._meta.app_label}/{model._meta.model_name}/"
        if route.startswith(model_part):
            return "admin/<app>/<model>/" + route.removeprefix(model_part)
    return re.sub(r"\(\?P<app_label>[^)]*\)", "(?P<app_label>...)", route)


@dataclass(frozen=True)
class Page:
    route: str
    role: str  # "anonymous", "owner" (a member of world.clinic) or "staff" (a superuser)
    url: Any  # world -> path
    status: int = 200

    def __str__(self):
        return f"{self.route} as {self.role}"


def hsds_service(world) -> str:
    """The API path of a service: the listing's practitioner offering acupuncture."""
    acupuncture = Modality.objects.get(slug="acupuncture")
    world.practitioner.modalities.add(acupuncture)
    return f"/hsds/services/{hsds_ids.encode(Kind.SERVICE, world.clinic.pk, acupuncture.pk)}"


def clinic_path(suffix=""):
    return lambda w: f"/account/clinics/{w.clinic.pk}/{suffix}"


ADMIN_MODEL = "/admin/clinics/clinic/"

PAGES = [
    # Public pages.
    Page("", "anonymous", lambda w: "/"),
    Page("about/", "anonymous", lambda w: "/about/"),
    Page("practitioners/", "anonymous", lambda w: "/practitioners/?near=78704"),
    Page("practitioners/<slug:slug>/", "anonymous", lambda w: w.practitioner.get_absolute_url()),
    Page("clinics/<slug:slug>/", "anonymous", lambda w: w.clinic.get_absolute_url()),
    Page("api/v1/practitioners/", "anonymous", lambda w: "/api/v1/practitioners/?near=78704"),
    Page("api/v1/openapi.json", "anonymous", lambda w: "/api/v1/openapi.json"),
    Page("api/practitioners/", "anonymous", lambda w: "/api/practitioners/?near=78704"),
    Page("fhir/", "anonymous", lambda w: "/fhir/", 404),
    Page("fhir/metadata", "anonymous", lambda w: "/fhir/metadata"),
    Page("fhir/<str:resource_type>", "anonymous", lambda w: "/fhir/Practitioner"),
    Page("fhir/<str:resource_type>/<str:ident>", "anonymous",
         lambda w: f"/fhir/Practitioner/{w.practitioner.pk}"),
    Page("fhir/<path:rest>", "anonymous", lambda w: "/fhir/Practitioner/1/_history", 404),
    # The one-click "my details are still right" link an owner gets by email: no login.
    Page("listings/confirm/<str:token>/", "anonymous", lambda w: "/listings/confirm/" + (
        freshness.confirm_link_token(clinic=w.clinic, user=w.owner)) + "/"),
    Page("conditions/", "anonymous", lambda w: "/conditions/"),
    Page("conditions/<slug:slug>/", "anonymous", lambda w: w.condition_page.get_absolute_url()),
    Page("articles/", "anonymous", lambda w: "/articles/"),
    Page("articles/feed/", "anonymous", lambda w: "/articles/feed/"),
    Page("articles/<slug:slug>/", "anonymous", lambda w: w.guide.get_absolute_url()),
    Page("sitemap.xml", "anonymous", lambda w: "/sitemap.xml"),
    Page("sitemap-<slug:section>.xml", "anonymous", lambda w: "/sitemap-practitioners.xml"),
    # The HSDS 3.0 API.
    Page("hsds/", "anonymous", lambda w: "/hsds/"),
    Page("hsds/organizations", "anonymous", lambda w: "/hsds/organizations"),
    Page("hsds/organizations/<str:id>", "anonymous",
         lambda w: f"/hsds/organizations/{hsds_ids.encode(Kind.ORGANIZATION, w.clinic.pk)}"),
    Page("hsds/services", "anonymous", lambda w: "/hsds/services"),
    Page("hsds/services/<str:id>", "anonymous", hsds_service),
    Page("hsds/service_at_locations", "anonymous", lambda w: "/hsds/service_at_locations"),
    # From a public listing.
    Page("clinics/<slug:slug>/claim/", "anonymous", lambda w: f"/clinics/{w.clinic.slug}/claim/",
         302),
    Page("clinics/<slug:slug>/contact/", "anonymous",
         lambda w: f"/clinics/{w.clinic.slug}/contact/"),
    Page("practitioners/<slug:slug>/contact/", "anonymous",
         lambda w: f"/practitioners/{w.practitioner.slug}/contact/"),
    Page("clinics/<slug:slug>/report/", "anonymous",
         lambda w: f"/clinics/{w.clinic.slug}/report/"),
    Page("practitioners/<slug:slug>/report/", "anonymous",
         lambda w: f"/practitioners/{w.practitioner.slug}/report/"),
    # Accounts: the public forms, then the signed-in ones.
    Page("account/signup/", "anonymous", lambda w: "/account/signup/"),
    Page("account/signup/check-your-email/", "anonymous",
         lambda w: "/account/signup/check-your-email/"),
    Page("account/confirm/<uidb64>/<token>/", "anonymous",
         lambda w: f"/account/confirm/{w.owner_uidb64}/stale-token/", 400),
    Page("account/confirm/again/", "anonymous", lambda w: "/account/confirm/again/"),
    Page("account/login/", "anonymous", lambda w: "/account/login/"),
    Page("account/logout/", "owner", lambda w: "/account/logout/", 405),  # POST only
    Page("account/password/reset/", "anonymous", lambda w: "/account/password/reset/"),
    Page("account/password/reset/sent/", "anonymous", lambda w: "/account/password/reset/sent/"),
    Page("account/password/reset/<uidb64>/<token>/", "anonymous",
         lambda w: f"/account/password/reset/{w.owner_uidb64}/{w.reset_token}/", 302),
    Page("account/password/reset/done/", "anonymous", lambda w: "/account/password/reset/done/"),
    Page("account/password/change/", "owner", lambda w: "/account/password/change/"),
    Page("account/password/change/done/", "owner", lambda w: "/account/password/change/done/"),
    # The owner's dashboard, listings, documents and the inbox of patients' messages.
    Page("account/", "owner", lambda w: "/account/"),
    Page("account/clinics/new/", "owner", lambda w: "/account/clinics/new/"),
    Page("account/clinics/<int:clinic_pk>/", "owner", clinic_path()),
    Page("account/clinics/<int:clinic_pk>/edit/", "owner", clinic_path("edit/")),
    Page("account/clinics/<int:clinic_pk>/confirm/", "owner", clinic_path("confirm/"), 405),
    Page("account/clinics/<int:clinic_pk>/review/", "owner", clinic_path("review/"), 405),
    Page("account/clinics/<int:clinic_pk>/locations/new/", "owner",
         clinic_path("locations/new/")),
    Page("account/clinics/<int:clinic_pk>/locations/<int:pk>/", "owner",
         lambda w: clinic_path(f"locations/{w.location.pk}/")(w)),
    Page("account/clinics/<int:clinic_pk>/practitioners/new/", "owner",
         clinic_path("practitioners/new/")),
    Page("account/clinics/<int:clinic_pk>/practitioners/<int:pk>/", "owner",
         lambda w: clinic_path(f"practitioners/{w.practitioner.pk}/")(w)),
    Page("account/clinics/<int:clinic_pk>/practitioners/<int:practitioner_pk>/credentials/new/",
         "owner", lambda w: clinic_path(f"practitioners/{w.practitioner.pk}/credentials/new/")(w)),
    Page("account/clinics/<int:clinic_pk>/credentials/<int:pk>/", "owner",
         lambda w: clinic_path(f"credentials/{w.credential.pk}/")(w)),
    Page("account/clinics/<int:clinic_pk>/invite/", "owner", clinic_path("invite/")),
    Page("account/clinics/<int:clinic_pk>/inbox/", "owner", clinic_path("inbox/")),
    Page("account/clinics/<int:clinic_pk>/inbox/<int:pk>/", "owner",
         lambda w: clinic_path(f"inbox/{w.contact_request.pk}/")(w)),
    Page("account/invitations/<str:token>/", "owner",
         lambda w: f"/account/invitations/{w.invitation_token}/"),
    Page("account/documents/<path:name>", "owner", lambda w: w.credential.document.url),
    # Two-factor authentication (the owner here already has a confirmed device).
    Page("account/login/code/", "anonymous", lambda w: "/account/login/code/", 302),
    Page("account/two-factor/", "owner", lambda w: "/account/two-factor/"),
    Page("account/two-factor/enrol/", "owner", lambda w: "/account/two-factor/enrol/", 302),
    Page("account/two-factor/remove/", "owner", lambda w: "/account/two-factor/remove/", 405),
    # The admin, where staff read licence scans and moderate.
    Page("admin/", "staff", lambda w: "/admin/"),
    Page("admin/login/", "anonymous", lambda w: "/admin/login/"),
    Page("admin/logout/", "staff", lambda w: "/admin/logout/", 405),  # POST only
    Page("admin/password_change/", "staff", lambda w: "/admin/password_change/"),
    Page("admin/password_change/done/", "staff", lambda w: "/admin/password_change/done/"),
    Page("admin/autocomplete/", "staff", lambda w: (
        "/admin/autocomplete/?app_label=articles&model_name=article&field_name=author&term=a")),
    Page("admin/jsi18n/", "staff", lambda w: "/admin/jsi18n/"),
    Page("admin/r/<path:content_type_id>/<path:object_id>/", "staff",
         lambda w: f"/admin/r/{ContentType.objects.get_for_model(w.clinic).pk}/{w.clinic.pk}/",
         302),
    Page("admin/^(?P<app_label>...)/$", "staff", lambda w: "/admin/clinics/"),
    Page("admin/<app>/<model>/", "staff", lambda w: ADMIN_MODEL),
    Page("admin/<app>/<model>/add/", "staff", lambda w: f"{ADMIN_MODEL}add/"),
    Page("admin/<app>/<model>/<path:object_id>/", "staff",
         lambda w: f"{ADMIN_MODEL}{w.clinic.pk}/", 302),
    Page("admin/<app>/<model>/<path:object_id>/change/", "staff",
         lambda w: f"{ADMIN_MODEL}{w.clinic.pk}/change/"),
    Page("admin/<app>/<model>/<path:object_id>/history/", "staff",
         lambda w: f"{ADMIN_MODEL}{w.clinic.pk}/history/"),
    Page("admin/<app>/<model>/<path:object_id>/delete/", "staff",
         lambda w: f"{ADMIN_MODEL}{w.clinic.pk}/delete/"),
    Page("admin/<app>/<model>/^([^/]+)/history/([^/]+)/$", "staff",
         lambda w: f"{ADMIN_MODEL}{w.clinic.pk}/history/{w.clinic.history.first().pk}/"),
    Page("admin/<app>/<model>/<id>/password/", "staff",  # only the user admin has it
         lambda w: f"/admin/auth/user/{w.owner.pk}/password/"),
    Page("admin/<app>/<model>/<int:pk>/config/", "staff",  # django-otp's TOTP device admin
         lambda w: f"/admin/otp_totp/totpdevice/{w.staff_device.pk}/config/"),
    Page("admin/<app>/<model>/<int:pk>/qrcode/", "staff",
         lambda w: f"/admin/otp_totp/totpdevice/{w.staff_device.pk}/qrcode/"),
    Page("admin/(?P<url>.*)$", "staff", lambda w: "/admin/no-such-page/", 404),
]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Two users per test, each hashed at full strength, would cost seconds a row.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(listing, private_media, staff_user):
    listing.credential.document.save("licence.pdf", ContentFile(PDF))
    listing.contact_request = ContactRequestFactory(clinic=listing.clinic)
    listing.condition_page = ArticleFactory()
    listing.guide = ArticleFactory(kind="guide", condition=None)
    invitation = Invitation.objects.create(clinic=listing.clinic, email="colleague@example.org",
                                           invited_by=listing.owner)
    listing.invitation_token = invitation_token(invitation)
    listing.owner_uidb64 = urlsafe_base64_encode(force_bytes(listing.owner.pk))
    listing.reset_token = default_token_generator.make_token(listing.owner)
    listing.staff = staff_user
    listing.staff_device = TOTPDevice.objects.create(user=staff_user, name="phone",
                                                     confirmed=True)
    return listing


def client_as(role, world):
    client = Client()
    if role != "anonymous":  # signed in with a second factor, as the admin and documents need
        verified_login(client, world.owner if role == "owner" else world.staff)
    return client


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in filter(None, (p.strip() for p in header.split(";"))):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def is_private(page: Page) -> bool:
    return page.role != "anonymous" or page.route.startswith(("account/", "admin/"))


def test_every_url_pattern_has_a_row_in_pages():
    routes = {coverage_key(route) for route in route_patterns()}

    assert routes == {page.route for page in PAGES}


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES, ids=str)
def test_url_pattern_answers_with_security_headers(world, page):
    response = client_as(page.role, world).get(page.url(world))

    assert response.status_code == page.status
    csp = csp_directives(response["Content-Security-Policy"])
    for directive, allowed in REQUIRED_CSP.items():
        assert csp.get(directive) in allowed, (directive, csp)
    # Scripts and styles: our origin only (a document: nothing), never inline.
    for directive in ("script-src", "style-src"):
        assert csp.get(directive, csp["default-src"]) in (["'self'"], ["'none'"]), csp
    allowance = ADMIN_CSP_UPDATE if page.route.startswith("admin/") else {}
    if response.resolver_match.view_name in MAP_VIEWS:
        # The map's tiles, and data: for the blank GIF that Leaflet's minified build puts in
        # each tile it drops while zooming (an image: it cannot run anything).
        allowance = {"img-src": ["'self'", tile_source(settings.MAP_TILE_URL), "data:"]}
    for directive, sources in allowance.items():
        assert csp[directive] == sources
    others = {source for directive, sources in csp.items() if directive not in allowance
              for source in sources}
    assert not others & UNSAFE_SOURCES, csp
    policy = response["Permissions-Policy"]
    assert "geolocation=(self)" in policy.split(", ")
    assert {f"{feature}=()" for feature in DISABLED_FEATURES} <= set(policy.split(", "))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    cache_control = {part.strip() for part in response.get("Cache-Control", "").split(",")}
    assert ("no-store" in cache_control) == is_private(page), cache_control


@pytest.mark.django_db
def test_public_page_seen_by_a_signed_in_owner_is_not_stored(world):
    # It carries their name in the menu and their CSRF token in the log-out form.
    response = client_as("owner", world).get(world.practitioner.get_absolute_url())

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_credential_document_may_load_or_run_nothing_even_if_rendered(world):
    response = client_as("owner", world).get(world.credential.document.url)

    assert csp_directives(response["Content-Security-Policy"]) == {
        "default-src": ["'none'"], "object-src": ["'none'"], "base-uri": ["'none'"],
        "form-action": ["'none'"], "frame-ancestors": ["'none'"], "sandbox": [],
    }


@pytest.mark.django_db
def test_login_sets_secure_host_prefixed_session_and_csrf_cookies(world):
    client = Client(enforce_csrf_checks=True)
    form = client.get("/account/login/")
    token = form.cookies["__Host-csrftoken"].value

    response = client.post("/account/login/", {
        "username": world.owner.username, "password": "correct-horse-battery",
        "csrfmiddlewaretoken": token,
    })

    assert response.status_code == 302
    # __Host- cookies count only when Secure, for Path=/ and with no Domain.
    for cookie in (form.cookies["__Host-csrftoken"], response.cookies["__Host-sessionid"]):
        assert (cookie["secure"], cookie["path"], cookie["domain"]) == (True, "/", "")
    assert not {"sessionid", "csrftoken"} & set(response.cookies)


@pytest.mark.parametrize(("environment", "expected"), [
    ({}, "__Host-sessionid __Host-csrftoken"),
    ({"DJANGO_SECURE_COOKIES": "0"}, "sessionid csrftoken"),
    ({"DJANGO_DEBUG": "1"}, "sessionid csrftoken"),
])
def test_cookie_names_carry_the_host_prefix_only_when_cookies_are_secure(environment, expected):
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "directory.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        **environment,
    }

    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings; "
                               "print(settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME)"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=False,
    )

    assert result.stdout.strip() == expected, result.stderr


@pytest.mark.django_db
def test_failed_csrf_check_shows_the_site_page_without_inline_style(world):
    client = Client(enforce_csrf_checks=True)

    response = client.post(f"/clinics/{world.clinic.slug}/contact/", {})

    html = response.content.decode()
    assert response.status_code == 403
    assert "Please send the form again" in html
    assert "<style" not in html and "style=" not in html
