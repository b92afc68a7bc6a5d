"""Settings that are fixed dicts rather than read from the environment: the JSON API's
(Django REST framework, drf-spectacular) and the security headers' policies (django-csp,
django-permissions-policy). directory/settings.py imports them by name."""

from csp.constants import NONE, SELF

# --- JSON API (clinics/api.py) ----------------------------------------------------------------
# Public and read-only: no authentication, JSON only (no browsable API, whose pages would
# need inline scripts). drf-spectacular writes /api/v1/openapi.json from the code.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Integrative Care Directory API",
    "DESCRIPTION": (
        "Search for vetted practitioners (a licence verified with the issuing board and "
        "not expired) near a place, with the filters of the site's search page."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    # The document lists the vocabulary's current terms, read from the database, which
    # `check --deploy` may not reach; tests/clinics/test_api.py validates the document.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
}

# --- Security headers and cookies (OWASP ASVS L2, issue #12) -------------------------------
# Content-Security-Policy, from django-csp. Everything comes from our own origin, and no
# inline script or style runs: the templates carry none (JavaScript lives in static/js/, CSS
# in static/css/), and the JSON-LD blocks are data that browsers never execute, so they need
# no nonce. Without nonces, a page's HTML stays the same for every request and its fragments
# can be cached. Django's admin (5.2) has no inline script or style either; the one inline
# style attribute of django-simple-history's pages is allowed, by its hash and under /admin/
# only, in directory/headers.py, which also holds the middleware.
# When the site moves to Django 6, this becomes its built-in SECURE_CSP: the same dict of
# directives without the "DIRECTIVES" wrapper, and django.utils.csp.CSP.SELF / CSP.NONE for
# the constants (django-csp 4's dict setting was designed to match it).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}
# Permissions-Policy, from django-permissions-policy: the browser features no page uses are
# switched off for the site and anything it might embed. Geolocation stays on for our own
# pages, for the search page's "Use my location" button. interest-cohort (FLoC) and its
# successor browsing-topics keep a health site's visits out of ad-interest profiles. Only
# features Chromium knows: it logs an unknown one (such as "bluetooth") as an error, which
# the browser tests treat as a failure.
PERMISSIONS_POLICY: dict[str, list[str]] = {
    "geolocation": ["self"],
    **{feature: [] for feature in (
        "accelerometer", "autoplay", "browsing-topics", "camera", "display-capture",
        "gyroscope", "hid", "interest-cohort", "magnetometer", "microphone", "midi",
        "payment", "serial", "usb", "xr-spatial-tracking",
    )},
}

__all__ = ["CONTENT_SECURITY_POLICY", "PERMISSIONS_POLICY", "REST_FRAMEWORK",
           "SPECTACULAR_SETTINGS"]
