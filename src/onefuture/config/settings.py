"""All of onefuture's settings, driven by environment variables with safe development defaults.

Environment variables:

``DATABASE_URL``
    Database to use (parsed by dj-database-url), e.g. ``postgres://postgres@127.0.0.1:5432/onefuture``.
    Without it, SQLite at ``var/onefuture.sqlite3`` under the repository root.
``ONEFUTURE_ENV``
    ``development`` (default) or ``production``. Production refuses to start without
    ``DJANGO_SECRET_KEY`` and ``DJANGO_ALLOWED_HOSTS``.
``DJANGO_SECRET_KEY``, ``DJANGO_ALLOWED_HOSTS`` (comma-separated), ``DJANGO_DEBUG`` (``1``/``0``)
    ``DJANGO_DEBUG=1`` turns on Django's debug pages; it is off by default in every mode.
``ONEFUTURE_STATIC_COLLECTED``
    ``1`` (the default in production): ``collectstatic`` has been run, so the static files are
    served from ``STATIC_ROOT`` with content-hashed names (cached for a year) and their gzip and
    brotli copies. ``make run`` runs ``collectstatic`` and sets it; tests and a bare
    ``onefuture serve`` leave it off and serve the files where the apps keep them.
``ONEFUTURE_DEFAULT_PLACE``
    Slug of the place served at ``/`` when several places exist.
``ONEFUTURE_CACHE_URL``
    The cache (ADR 0044) of public pages and API reads, shared by every web process and the
    worker: ``db`` (the default, in every mode: Django's database cache, its table
    ``onefuture_cache`` made by ``migrate``), ``redis://127.0.0.1:6379/1`` (Redis: the choice for
    more than one machine), or ``locmem`` (this process's memory only: a single process; a
    change made by the worker, or by another web process, would not reach it).
``ONEFUTURE_PAGE_CACHE_SECONDS``
    The longest a stored page is kept (default 600); ``0`` turns the page cache off. Any
    committed change to public data makes every stored page out of date at once.

Security and production (ADRs 0042 and 0043; the defaults are the safe ones, docs/deploy.md):

``ONEFUTURE_PROXY_COUNT``
    How many trusted proxies (nginx, a load balancer) stand in front of the site (default 0).
    Set, the client's address is read from ``X-Forwarded-For`` and ``X-Forwarded-Proto: https``
    marks a request as secure (``SECURE_PROXY_SSL_HEADER``).
``ONEFUTURE_SSL_REDIRECT``
    ``1`` (default in production): plain-HTTP requests are redirected to HTTPS.
``ONEFUTURE_HSTS_SECONDS``, ``ONEFUTURE_HSTS_PRELOAD``
    Strict-Transport-Security in production: max-age (default 31536000, one year; ``0`` turns it
    off), always with ``includeSubDomains``; ``preload`` only when ``ONEFUTURE_HSTS_PRELOAD=1``.
``ONEFUTURE_LOGIN_FAILURE_LIMIT``, ``ONEFUTURE_LOGIN_COOLOFF_MINUTES``
    Sign-in throttling (django-axes): failures for one username from one address before that
    pair is locked out (default 5), and for how long (default 15 minutes).
``ONEFUTURE_SESSION_IDLE_HOURS``
    A signed-in person is signed out after this many hours without a request (default 8).
``ONEFUTURE_PASSWORD_MIN_LENGTH``
    Shortest password allowed (default 12).
``ONEFUTURE_LOG_FORMAT``
    ``json`` (default in production): one JSON line per request and per job on standard error;
    ``text`` (default in development): readable lines. ``ONEFUTURE_LOG_LEVEL`` (default INFO).
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

# src/onefuture/config/settings.py -> the repository root, whatever the working directory.
BASE_DIR = Path(__file__).resolve().parents[3]
PACKAGE_DIR = Path(__file__).resolve().parents[1]
VAR_DIR = Path(os.environ.get("ONEFUTURE_VAR_DIR", BASE_DIR / "var"))

ONEFUTURE_ENV = os.environ.get("ONEFUTURE_ENV", "development")
PRODUCTION = ONEFUTURE_ENV == "production"

if PRODUCTION:
    try:
        SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
        ALLOWED_HOSTS = [h for h in os.environ["DJANGO_ALLOWED_HOSTS"].split(",") if h]
    except KeyError as missing:
        raise ImproperlyConfigured(
            f"ONEFUTURE_ENV=production needs the environment variable {missing}."
        ) from None
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must name at least one host.")
    DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"
    # Cookies only over HTTPS; HTTPS enforced and remembered by browsers (ADR 0042).
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = os.environ.get("ONEFUTURE_SSL_REDIRECT", "1") == "1"
    SECURE_HSTS_SECONDS = int(os.environ.get("ONEFUTURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = os.environ.get("ONEFUTURE_HSTS_PRELOAD", "0") == "1"
    if not SECURE_HSTS_PRELOAD:
        # Preloading is a promise, for the whole domain and hard to take back, that only the
        # domain's owner can make (a council's IT team for council.gov.uk, not this service):
        # off unless asked, so check --deploy's reminder of it is silenced (ADR 0042).
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    # The health check is asked over plain HTTP by the proxy or the load balancer.
    SECURE_REDIRECT_EXEMPT = [r"^health/?$"]
else:
    SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "development-only-not-secret-9f3c1d0e7b2a4c56")
    ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(
        ","
    )
    # Off unless a developer asks: a mistyped address shows the site's own 404, not Django's
    # debug page listing every URL pattern (make run included).
    DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"

INSTALLED_APPS = [
    "axes",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "onefuture.core",
    "onefuture.web",
    "onefuture.places",
    "onefuture.framework",
    "onefuture.partners",
    "onefuture.measures",
    "onefuture.routemaps",
    "onefuture.engagement",
    "onefuture.reports",
    "onefuture.search",
    "onefuture.opendata",
    "onefuture.tokens",
    "onefuture.website",
]

MIDDLEWARE = [
    # Outermost: one log line per request, whatever answers it (onefuture.core.logs).
    "onefuture.core.logs.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # The Content-Security-Policy header on every response (CONTENT_SECURITY_POLICY below).
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous GETs of public pages and API reads, from the cache (ADR 0044: onefuture.web.cache).
    "onefuture.web.cache.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # An ApplicationError a view lets through becomes its 404, 403 or 400 page (ADR 0016).
    "onefuture.web.errors.ApplicationErrorMiddleware",
    # Last (django-axes): a locked-out sign-in becomes the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "onefuture.config.urls"
WSGI_APPLICATION = "onefuture.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'onefuture.sqlite3'}",
        conn_max_age=0 if not PRODUCTION else 60,
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": int(os.environ.get("ONEFUTURE_PASSWORD_MIN_LENGTH", "12"))},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_COLLECTED = os.environ.get("ONEFUTURE_STATIC_COLLECTED", "1" if PRODUCTION else "0") == "1"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Collected: hashed names and .gz/.br copies written by collectstatic, which WhiteNoise
    # serves to browsers that accept them. Else the apps' own files (no collectstatic needed).
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if STATIC_COLLECTED
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"
# Serve the apps' static files without collectstatic (development and tests); collected ones
# come from STATIC_ROOT, which WhiteNoise reads first.
WHITENOISE_USE_FINDERS = not STATIC_COLLECTED
if not PRODUCTION:
    # WhiteNoise warns when STATIC_ROOT is missing; in development it is only a target.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)

LOGIN_URL = "web:sign-in"
LOGIN_REDIRECT_URL = "web:workspace"

# --- Security (ADR 0042) ------------------------------------------------------------------
# Sign-in throttling: django-axes' check first, then Django's own password check.
AUTHENTICATION_BACKENDS = [
    "onefuture.core.logins.LoginThrottleBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("ONEFUTURE_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("ONEFUTURE_LOGIN_COOLOFF_MINUTES", "15")))
# Per username *and* address: a typo-prone colleague on the council's network locks out only
# themselves, and one address cannot lock out everybody by guessing their names.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "onefuture.web.account.locked_out"
AXES_CLIENT_IP_CALLABLE = "onefuture.core.logins.client_ip"
# core.LoginEvent is the audit (addresses truncated); axes' own access log would keep whole ones.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False  # no banner on every start (the CLI's output stays its own)
ONEFUTURE_PROXY_COUNT = int(os.environ.get("ONEFUTURE_PROXY_COUNT", "0"))
if ONEFUTURE_PROXY_COUNT > 0:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Sessions end after this long without a request (each request starts the clock again).
SESSION_COOKIE_AGE = int(float(os.environ.get("ONEFUTURE_SESSION_IDLE_HOURS", "8")) * 3600)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp 4): nothing inline, nothing from elsewhere. The charts'
# script needs neither 'unsafe-eval' nor 'unsafe-inline' (frontend/charts.mjs); a chart's Vega
# spec is a <script type="application/json"> data block, which the policy does not execute.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# Forms render as GOV.UK form groups (label, hint, error, input): onefuture.web.forms.
FORM_RENDERER = "onefuture.web.forms.GovukFormRenderer"

ONEFUTURE_DEFAULT_PLACE = os.environ.get("ONEFUTURE_DEFAULT_PLACE", "")

# E-mail (reminders for updates due, routemaps.tasks): the console in development, SMTP when
# EMAIL_HOST is set. ONEFUTURE_SITE_URL is the address links in e-mails start with.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "0") == "1"
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "onefuture@localhost")
ONEFUTURE_SITE_URL = os.environ.get("ONEFUTURE_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Cache (ADR 0044): public pages for anonymous readers (onefuture.web.cache), invalidated by
# every committed write to public data (onefuture.core.cache), and the have-your-say flood limit.
CACHE_URL = os.environ.get("ONEFUTURE_CACHE_URL", "db")
_CACHE_OPTIONS = {"MAX_ENTRIES": 20000}
if CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
    }
elif CACHE_URL == "db":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "onefuture_cache",
            "OPTIONS": _CACHE_OPTIONS,
        }
    }
elif CACHE_URL == "locmem":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "onefuture",
            "OPTIONS": _CACHE_OPTIONS,
        }
    }
else:
    raise ImproperlyConfigured(
        f"ONEFUTURE_CACHE_URL={CACHE_URL!r} is not a cache: use db, locmem or redis://host:port/db."
    )
ONEFUTURE_PAGE_CACHE_SECONDS = int(os.environ.get("ONEFUTURE_PAGE_CACHE_SECONDS", "600"))

# Background jobs (onefuture.core.jobs, ADR 0014): queued in the database, run by
# `onefuture worker` (which `onefuture serve` starts beside the web server). Tests use the
# immediate backend (tests/conftest.py), except the tests that start a real worker.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# --- Logs (ADR 0043) ------------------------------------------------------------------------
# One line per request (onefuture.requests) and per job (onefuture.jobs): JSON in production,
# for a log collector; readable text in development. Both on standard error (systemd's journal).
LOG_FORMAT = os.environ.get("ONEFUTURE_LOG_FORMAT", "json" if PRODUCTION else "text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "onefuture.core.logs.JsonFormatter"},
        "text": {"()": "onefuture.core.logs.TextFormatter"},
    },
    "handlers": {
        "stderr": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "text",
        },
    },
    "root": {"handlers": ["stderr"], "level": os.environ.get("ONEFUTURE_LOG_LEVEL", "INFO")},
    "loggers": {
        # The request lines replace runserver's and Django's own access lines.
        "django.server": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
    },
}
