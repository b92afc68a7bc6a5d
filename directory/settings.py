"""One settings module, driven by environment variables (see README for the table).

Debug is off unless DJANGO_DEBUG says otherwise, so a forgotten variable fails safe.
"""

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
import django
from django.core.exceptions import ImproperlyConfigured

from directory.formats.en.formats import DATE_FORMAT, DATETIME_FORMAT  # noqa: F401

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    return default if value == "" else value in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off.")
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105 (debug only)

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "directory.apps.DirectoryAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.forms",
    "django_filters",
    # The JSON API (clinics/api.py) and its OpenAPI document, written from the code.
    "rest_framework",
    "drf_spectacular",
    "csp",  # its system checks catch a malformed CONTENT_SECURITY_POLICY
    "simple_history",
    "directory.apps.LoginLockoutsConfig",  # axes, with a name staff can read
    "django_otp",
    "directory.apps.AuthenticatorAppsConfig",  # django_otp.plugins.otp_totp
    "directory.apps.RecoveryCodesConfig",  # django_otp.plugins.otp_static
    "django_tasks",
    "directory.apps.BackgroundTasksConfig",  # django_tasks_db
    "directory.accounts",
    "directory.scheduler",
    "clinics",
    "clinics.owners",
    "articles",
]

MIDDLEWARE = [
    # First: /healthz answers load balancers before the host check and the HTTPS redirect.
    "directory.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Security headers on every page (settings under "Security headers" below).
    "directory.headers.SiteCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # English at the unprefixed URLs, Spanish under /es/ (directory/urls.py, README).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before anything reads the body (the CSRF check reads the form): too large is 413.
    "directory.uploads.RequestBodyLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Sets request.user.is_verified(): whether this session passed a second factor.
    "django_otp.middleware.OTPMiddleware",
    # After authentication: it needs request.user to tell private responses apart.
    "directory.headers.NoStoreForPrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a lockout flagged during authentication into a page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "directory.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "directory.languages.page_languages",
            ],
        },
    },
    {
        # The search page (its content, fields and cards): the site's own Jinja2 templates,
        # then Django's Jinja2 widget templates.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "NAME": "jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2",
                 Path(django.__file__).resolve().parent / "forms" / "jinja2"],
        "APP_DIRS": False,
        # With jinja2.ext.i18n and Django's gettext, so {{ _("...") }} translates.
        "OPTIONS": {"environment": "directory.templating.jinja2_environment"},
    },
]

# Forms render through the templates above, so templates/django/forms/ gives every form and
# field the site's markup, and the cached loader serves the widget templates.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "directory.wsgi.application"

# With no DATABASE_URL the site runs on an embedded SQLite file, so it needs no server.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers queue instead of failing. In WAL mode readers never block the
    # writer; every transaction begins IMMEDIATE, taking the write lock at the start rather
    # than failing to upgrade a read lock halfway ("database is locked"); and a writer waits
    # up to DJANGO_SQLITE_TIMEOUT seconds for its turn.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE",
        timeout=int(os.environ.get("DJANGO_SQLITE_TIMEOUT", "20")),
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    )

# A PostgreSQL read replica (directory/replica.py, docs/deploy.md): pages read from it,
# writes and the reads of whoever has just written go to the primary, and reads fall back to
# the primary while it is down. Without DATABASE_REPLICA_URL none of this is installed.
_replica_url = os.environ.get("DATABASE_REPLICA_URL", "").strip()
if _replica_url:
    DATABASES["replica"] = {
        **dj_database_url.parse(
            _replica_url,
            conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
            conn_health_checks=True,
        ),
        # Tests create no database on the replica: the alias reads the primary's test
        # database by the same name, which streaming replication copies to the replica.
        "TEST": {"MIRROR": "default"},
    }
    # A replica that does not answer is given up on quickly (?connect_timeout= overrides).
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
    DATABASE_ROUTERS = ["directory.replica.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "directory.replica.ReplicaMiddleware",
    )
# After a write, that visitor's reads go to the primary for this long.
DATABASE_REPLICA_PIN_SECONDS = int(os.environ.get("DJANGO_DB_REPLICA_PIN_SECONDS", "15"))
# After the replica fails a check, reads go to the primary for this long before a retry.
DATABASE_REPLICA_RETRY_SECONDS = int(os.environ.get("DJANGO_DB_REPLICA_RETRY_SECONDS", "5"))

for _database in DATABASES.values():
    if _database["ENGINE"] != "django.db.backends.postgresql":
        continue
    # Bind parameters on the server and let psycopg prepare a statement once it has run it
    # DJANGO_DB_PREPARE_THRESHOLD times on a connection (the search queries keep the same
    # text for every place), so PostgreSQL stops planning them on every search. Set it to
    # "off" behind a transaction-mode pooler such as PgBouncer without prepared-statement
    # support.
    _prepare = os.environ.get("DJANGO_DB_PREPARE_THRESHOLD", "5").strip().lower()
    _database.setdefault("OPTIONS", {}).update(
        server_side_binding=True,
        prepare_threshold=None if _prepare in ("", "off", "none") else int(_prepare),
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Patient pages in English and, under /es/, Spanish (directory/locale/ holds the catalogue).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "directory" / "locale"]
# Date formats per language ("20 October 2026", "20 de octubre de 2026"), US Spanish numbers
# ($80.00, not 80,00), and (imported above) English dates where no language is active.
FORMAT_MODULE_PATH = ["directory.formats"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Credential documents: under MEDIA_ROOT (below), or with DJANGO_STORAGE=s3 as private objects
# in an S3-compatible bucket (docs/deploy.md).
_document_storage = os.environ.get("DJANGO_STORAGE", "filesystem").strip().lower()
if _document_storage == "filesystem":
    _documents: dict = {"BACKEND": "clinics.storage.PrivateDocumentStorage"}
elif _document_storage == "s3":
    _missing = [name for name in ("DJANGO_S3_BUCKET", "DJANGO_S3_ACCESS_KEY_ID",
                                  "DJANGO_S3_SECRET_ACCESS_KEY") if not os.environ.get(name)]
    if _missing:
        raise ImproperlyConfigured(f"DJANGO_STORAGE=s3 also needs {', '.join(_missing)}.")
    _documents = {
        "BACKEND": "clinics.object_storage.PrivateS3DocumentStorage",
        # Only where the bucket is and how to reach it: privacy is fixed in the class.
        "OPTIONS": {
            "bucket_name": os.environ["DJANGO_S3_BUCKET"],
            "endpoint_url": os.environ.get("DJANGO_S3_ENDPOINT_URL") or None,  # None: AWS
            "region_name": os.environ.get("DJANGO_S3_REGION") or None,
            "access_key": os.environ["DJANGO_S3_ACCESS_KEY_ID"],
            "secret_key": os.environ["DJANGO_S3_SECRET_ACCESS_KEY"],
            # "path" for a store whose address cannot take the bucket as a subdomain;
            # unset lets boto3 choose.
            "addressing_style": os.environ.get("DJANGO_S3_ADDRESSING_STYLE") or None,
        },
    }
else:
    raise ImproperlyConfigured("DJANGO_STORAGE must be 'filesystem' or 's3'.")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "documents": _documents,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded documents (credential scans) live outside any public URL and are served by views
# that check permissions.
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "private"))

# Uploads (clinics/documents.py, directory/uploads.py). A request body larger than
# MAX_REQUEST_BODY_BYTES is answered 413 before any of it is read: a 5 MB document plus the
# form around it fits. Keep the proxy's limit (nginx client_max_body_size) at or above it,
# so that people see the site's page rather than the proxy's (docs/deploy.md).
MAX_REQUEST_BODY_BYTES = int(os.environ.get("DJANGO_MAX_REQUEST_BODY_BYTES", 6 * 1024 * 1024))
# Non-file form data, which Django reads into memory (its own default, written down here).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# An image is decoded only if its declared width × height is at most this (25 MP: a letter
# page scanned at 600 dpi in grey is 34 MP, at 300 dpi 8.4 MP).
DOCUMENT_IMAGE_MAX_PIXELS = int(os.environ.get("DJANGO_DOCUMENT_IMAGE_MAX_PIXELS", 25_000_000))
# PDFs: at most this many pages, no stream inflating past the first byte limit, and all
# streams together not past the second; inflating stops at the limit, so memory stays bounded.
DOCUMENT_PDF_MAX_PAGES = int(os.environ.get("DJANGO_DOCUMENT_PDF_MAX_PAGES", 20))
DOCUMENT_PDF_MAX_STREAM_BYTES = int(os.environ.get("DJANGO_DOCUMENT_PDF_MAX_STREAM_BYTES",
                                                   50 * 1024 * 1024))
DOCUMENT_PDF_MAX_INFLATED_BYTES = int(os.environ.get("DJANGO_DOCUMENT_PDF_MAX_INFLATED_BYTES",
                                                     100 * 1024 * 1024))
if min(DOCUMENT_IMAGE_MAX_PIXELS, DOCUMENT_PDF_MAX_PAGES, DOCUMENT_PDF_MAX_STREAM_BYTES,
       DOCUMENT_PDF_MAX_INFLATED_BYTES, MAX_REQUEST_BODY_BYTES) < 1:
    raise ImproperlyConfigured("Upload limits must be positive (0 would switch pypdf's off).")
# A credential document replaced by a newer one is kept this many days (so that reverting
# the owner's edit brings it back), then deleted by the scheduled job
# "purge-replaced-documents" (directory/scheduler, docs/deploy.md).
DOCUMENT_RETENTION_DAYS = int(os.environ.get("DJANGO_DOCUMENT_RETENTION_DAYS", 90))

# Two caches. "default" holds what any one process may keep for itself: rendered fragments
# whose keys say exactly what they contain, and geocoder answers. "shared" holds what every
# process must agree on, such as the vocabulary's version token (clinics/vocabulary.py), so
# a term added through one worker is offered by all of them on their next request.
# REDIS_URL puts both in Redis, shared by every app server. Without it, "default" lives in
# each process's memory and "shared" in the database (its table is made by a migration), so
# a fresh checkout needs no server and several workers still agree.
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"directory:{alias}",
        }
        for alias in ("default", "shared")
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "directory",
            # Not the default 300: the geocoder caches every place searched.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        "shared": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "directory_shared_cache",
        },
    }

# {% cache %} fragments (base.html's header and footer): they depend only on the language
# and change only with a deployment, so each process keeps its own.
CACHES["template_fragments"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                "LOCATION": "template-fragments"}

# Results pages kept for visitors who are not logged in (clinics/views.py): in each process
# whatever the other caches are, and bounded in entries, so a flood of unique searches cannot
# fill memory. Each entry's key holds the shared tokens that change with the data, so the
# processes never disagree on what a search shows. DJANGO_PAGE_CACHE_ENTRIES=0 turns it off.
_page_entries = int(os.environ.get("DJANGO_PAGE_CACHE_ENTRIES", "1000"))
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "search-pages",
    "OPTIONS": {"MAX_ENTRIES": _page_entries},
} if _page_entries > 0 else {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}

# Background work (emails, see directory/tasks.py) goes through Django's task API, from the
# django-tasks backport of Django 6's django.tasks. DJANGO_TASKS picks the backend:
#   database   (default) a table in the site's database; run `manage.py db_worker`
#   rq         Redis queues (REDIS_URL); run `manage.py rqworker default --with-scheduler`
#   immediate  run each task inside the request that enqueues it (development, tests)
TASKS_MODE = os.environ.get("DJANGO_TASKS", "database").strip().lower()
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if TASKS_MODE not in _TASK_BACKENDS:
    raise ImproperlyConfigured(f"DJANGO_TASKS must be one of {', '.join(_TASK_BACKENDS)}.")
if TASKS_MODE == "rq":
    if not REDIS_URL:
        raise ImproperlyConfigured("DJANGO_TASKS=rq needs REDIS_URL.")
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 300}}
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_MODE], "QUEUES": ["default"]}}

# Retries of a failed task (directory/tasks.py): seconds before attempt 2, 3, ...; the one
# after the last delay is the final one. By default 1, 5 and 15 minutes, then 1, 3, 6, 12 and
# 24 hours (about two days). DJANGO_TASK_RETRY_DELAYS (comma-separated seconds) shortens them
# for a benchmark (bench/load.py --fault mail); production keeps these.
_retry_delays = (os.environ.get("DJANGO_TASK_RETRY_DELAYS", "").strip()
                 or "60,300,900,3600,10800,21600,43200,86400")
try:
    TASK_RETRY_DELAYS = tuple(int(s) for s in _retry_delays.split(",") if s.strip())
except ValueError as error:
    raise ImproperlyConfigured("DJANGO_TASK_RETRY_DELAYS must be whole seconds.") from error
if not TASK_RETRY_DELAYS or min(TASK_RETRY_DELAYS) < 0:
    raise ImproperlyConfigured("DJANGO_TASK_RETRY_DELAYS needs one or more delays of 0 s or more.")

# Accounts for clinic owners (clinics/owners/). Staff log in to the admin as before.
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "owners:dashboard"
LOGOUT_REDIRECT_URL = "home"
# The throttling backend goes first so that every login form, the admin's included, is
# throttled (directory/accounts/backends.py).
AUTHENTICATION_BACKENDS = [
    "directory.accounts.backends.ThrottledBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failed logins: after AXES_FAILURE_LIMIT failures for one account from one address, that
# address cannot log in to that account for the cool-off time; after
# LOGIN_ADDRESS_FAILURE_LIMIT failures from one address, whatever the accounts, it cannot log
# in to any. Nobody elsewhere is affected, so a stranger cannot lock an owner or staff out.
# Failures during a lockout do not extend it, a successful password reset clears it, and
# staff can unlock an account from its admin page.
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_ADDRESS_FAILURE_LIMIT", "30"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_LOGIN_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_ENABLE_ACCESS_FAILURE_LOG = True  # one row per failure: the per-address count
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_USERNAME_CALLABLE = "directory.accounts.http.login_username"
AXES_CLIENT_IP_CALLABLE = "directory.accounts.http.client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_DISABLE_ACCESS_LOG = True  # successful logins need no IP log; failures are still kept
# Two-factor authentication (directory/accounts/mfa.py): TOTP apps plus one-time recovery
# codes, through django-otp. Staff need it for every admin page; owners may turn it on and
# need it to open credential documents. A wrong code counts as a failed login (the limits
# above), and each device also makes every further try wait twice as long as the last
# (1 s, 2 s, 4 s, ...; reset by a right code): THROTTLE_FACTOR 1 keeps that on.
OTP_TOTP_ISSUER = "Integrative Care Directory"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
# How long a correct password waits for its code before the login starts over.
MFA_PENDING_LOGIN_SECONDS = 300
# How many proxies in front of the app append to X-Forwarded-For (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))
# Absolute links in emails sent outside a request (retries, notifications).
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://localhost:8000").rstrip("/")

# Geocoding: the bundled US gazetteer answers every ZIP and "City, ST"; with "nominatim" the
# online geocoder is asked (through geopy) only what the gazetteer cannot answer, and is
# treated as something that fails (clinics/geocoding.py): one try with a short timeout, a
# circuit breaker, and brief caching of "no such place".
GEOCODER = os.environ.get("DJANGO_GEOCODER", "offline")
GEOCODER_USER_AGENT = os.environ.get("DJANGO_GEOCODER_USER_AGENT", "integrative-care-directory")
GEOCODER_DOMAIN = os.environ.get("DJANGO_GEOCODER_DOMAIN", "nominatim.openstreetmap.org")
GEOCODER_SCHEME = os.environ.get("DJANGO_GEOCODER_SCHEME", "https")
# Seconds for one online request, and the only try: a search still answers in under 2 s
# while the geocoder hangs.
GEOCODER_TIMEOUT = float(os.environ.get("DJANGO_GEOCODER_TIMEOUT", "1.5"))
GEOCODER_FAILURE_LIMIT = 3  # failures in a row before a process stops asking ...
GEOCODER_COOLOFF_SECONDS = 60  # ... for this long, then tries one request again
GEOCODER_MISS_CACHE_SECONDS = 5 * 60  # "no such place" from the online geocoder
GEOCODER_MIN_DELAY_SECONDS = 1.0  # Nominatim's policy: at most one request a second

# Email: the console in development; SMTP as soon as DJANGO_EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", True)
EMAIL_TIMEOUT = int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "10"))
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
                               if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "directory@localhost")

# Secure by default whenever debug is off. DJANGO_SECURE_SSL_REDIRECT=0 serves plain HTTP
# locally when no TLS proxy sits in front.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Maps: the results and clinic pages draw one with Leaflet (make install copies it from npm
# into static/vendor/leaflet/), over raster tiles from this Leaflet URL template, with the
# attribution (HTML) the tile server's terms require. The CSP lets those pages load images
# from its host (directory/headers.py). OpenStreetMap's own tile servers are for light use,
# under their usage policy: a busy site sets a commercial provider or its own server here.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL") or "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
MAP_TILE_ATTRIBUTION = os.environ.get("MAP_TILE_ATTRIBUTION") or (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors')

# The JSON API's settings (REST_FRAMEWORK, SPECTACULAR_SETTINGS) and the security headers
# policies (CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY): fixed dicts, in their own module.
from directory.policies import (  # noqa: E402, F401 (settings are names in this module)
    CONTENT_SECURITY_POLICY,
    PERMISSIONS_POLICY,
    REST_FRAMEWORK,
    SPECTACULAR_SETTINGS,
)

# With secure cookies, the __Host- prefix makes the browser refuse the session and CSRF
# cookies unless they are Secure, for the whole site (Path=/) and set by this host alone (no
# Domain), so a sibling subdomain cannot plant or overwrite them. Plain-HTTP development
# keeps the usual names, since browsers reject __Host- cookies without Secure.
if SESSION_COOKIE_SECURE:
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
# Pages with a patient's message, a document or account data are never stored by a browser
# or a proxy: see directory/headers.py.

# One line per record, as key=value pairs, so logs can be grepped and parsed by field.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "keyvalue": {
            "format": "time=%(asctime)s level=%(levelname)s logger=%(name)s "
                      "process=%(process)d msg=%(message)r",
        },
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "keyvalue"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# Errors go to Sentry when SENTRY_DSN is set. No personal data is sent: no cookies, user
# details or request bodies (send_default_pii off), which matters for patients' messages.
SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
if SENTRY_DSN:
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        release=os.environ.get("SENTRY_RELEASE") or None,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
        send_default_pii=False,
    )
