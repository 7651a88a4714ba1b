"""Settings for the ASTOP archive, read from environment variables.

DJANGO_SECRET_KEY      required; production refuses a missing or weak key
DJANGO_DEBUG           "1" for development (default off)
DJANGO_ALLOWED_HOSTS   comma-separated; required when DEBUG is off
DATABASE_URL           default: SQLite file db.sqlite3 in the project folder
DATABASE_REPLICA_URL   a PostgreSQL read replica: anonymous GETs read from it
                       (astop_site/db_routers.py); unset, everything uses DATABASE_URL
DATABASE_POOL_MODE     "transaction" when DATABASE_URL (and the replica's) point at
                       PgBouncer in transaction mode: no server-side cursors, no
                       prepared statements, no startup options
CONN_MAX_AGE           seconds to keep database connections (default 60)
REDIS_URL / CACHE_URL  a redis:// address for the shared cache (default: local memory)
DJANGO_TRUSTED_PROXY_COUNT  proxies in front of the app that append to X-Forwarded-For
                       (default 0: the connection's address is the client's)
DJANGO_ADMIN_URL       the admin's path (default "admin/")
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name):
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
# The same test as Django's security.W009: long and varied, not a template key.
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "Set DJANGO_SECRET_KEY (`make run` generates a development key for you)."
    )
if not DEBUG and (
    len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure-")
):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is too weak for production: use 50 or more random characters."
    )

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    if not DEBUG:
        raise ImproperlyConfigured("Set DJANGO_ALLOWED_HOSTS when DJANGO_DEBUG is off.")
    ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "simple_history",
    "axes",
    "csp",
    "meetings",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # After the redirect to HTTPS and the headers every answer carries (HSTS, CSP, CORS...),
    # which cached answers get too, and after static files; a cached anonymous answer
    # needs none of the work below.
    "meetings.cache.AnonymousCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Public pages take their language from the address (/ja/...), the admin from the
    # browser; after the page cache, whose keys hold the address.
    "astop_site.languages.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # A write's search-vector refreshes, once per meeting at the end of the request.
    "meetings.search.DeferredRefreshMiddleware",
    # Last, as django-axes asks: it turns a lockout into its response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "astop_site.urls"
ADMIN_URL = os.environ.get("DJANGO_ADMIN_URL", "admin/")
WSGI_APPLICATION = "astop_site.wsgi.application"

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
                "astop_site.languages.page_languages",
            ],
        },
    },
]

POOL_MODE = os.environ.get("DATABASE_POOL_MODE", "session")
if POOL_MODE not in ("session", "transaction"):
    raise ImproperlyConfigured('DATABASE_POOL_MODE is "session" (the default) or "transaction".')


def database(url):
    config = dj_database_url.parse(
        url, conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")), conn_health_checks=True
    )
    options = config.setdefault("OPTIONS", {})
    if config["ENGINE"] != "django.db.backends.postgresql":
        return config
    if POOL_MODE == "transaction":
        # PgBouncer hands each transaction to any server connection: a cursor held
        # across transactions, or a statement prepared on one connection, would be
        # missing on the next; and it refuses startup options (set jit on the database:
        # ALTER DATABASE ... SET jit = off, docs/deploy.md).
        config["DISABLE_SERVER_SIDE_CURSORS"] = True
        options["prepare_threshold"] = None
    else:
        # PostgreSQL's JIT compiles the archive's short queries for 12-477 ms and wins nothing.
        options["options"] = "-c jit=off"
    return config


DATABASES = {
    "default": database(os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
if os.environ.get("DATABASE_REPLICA_URL"):
    # In tests the alias mirrors the primary: the same test database.
    DATABASES["replica"] = {
        **database(os.environ["DATABASE_REPLICA_URL"]),
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_ROUTERS = ["astop_site.db_routers.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(0, "astop_site.db_routers.ReplicaMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_cache_url = os.environ.get("REDIS_URL") or os.environ.get("CACHE_URL")
# Anonymous GETs of public pages and the API are cached this long (0: off).
# On by default only with a shared cache: a per-process cache cannot be
# invalidated across several gunicorn workers.
PUBLIC_CACHE_SECONDS = int(os.environ.get("PUBLIC_CACHE_SECONDS", "300" if _cache_url else "0"))


def redis_cache(location):
    """Redis that the site can run without: short timeouts, and errors turn into misses."""
    return {
        "BACKEND": "meetings.cache.FailSoftRedisCache",
        "LOCATION": location,
        # Seconds: Redis answers in well under a millisecond; a hung one must not hold
        # a request (without these a request waits until gunicorn kills the worker).
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }


CACHES = {
    "default": (
        redis_cache(_cache_url)
        if _cache_url
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# English at today's addresses, Japanese under /ja/ (astop_site/urls.py).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ja", _("Japanese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Security: production defaults; DEBUG relaxes only what plain HTTP needs.
SECURE_CONTENT_TYPE_NOSNIFF = True
# No inline scripts or styles anywhere: templates use static files only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
PERMISSIONS_POLICY = {
    "camera": [],
    "geolocation": [],
    "microphone": [],
    "payment": [],
    "usb": [],
    "interest-cohort": [],
}
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
# A load balancer checks app servers over plain HTTP: answer it rather than redirect.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 0 if DEBUG else 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# The client's address: how many proxies in front of the app append to X-Forwarded-For.
# The API throttle and the sign-in lockout read it through one function.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))

# Admin login: lock a username from an address after repeated failures. Per username
# and address: a stranger's wrong passwords never lock the curator out everywhere.
AXES_CLIENT_IP_CALLABLE = "meetings.api.throttling.client_address"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"  # says why, and how to get unlocked

# JSON API (meetings/api): read-only, public, throttled.
REST_FRAMEWORK = {
    # Public and read-only: no logins, so no sessions, cookies or CSRF in the API.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "meetings.api.renderers.ArchiveBrowsableAPIRenderer",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "meetings.api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["meetings.api.throttling.AnonRateThrottle"],
    # Per client address (TRUSTED_PROXY_COUNT), cached answers included.
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("API_ANON_RATE", "600/minute")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ASTOP archive API",
    "DESCRIPTION": "Read-only records of diplomatic meetings, each fact linked to its source.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "meetings.api.schema.allow_empty_query_values",
    ],
    "ENUM_NAME_OVERRIDES": {
        "ParticipationRoleEnum": "meetings.models.Participation.Role",
        "AppearanceRoleEnum": "meetings.models.Appearance.Role",
        "TopicKindEnum": "meetings.models.Topic.Kind",
        "SourceDocumentKindEnum": "meetings.models.SourceDocument.Kind",
        "ParagraphKindEnum": "meetings.models.Paragraph.Kind",
        "TopicMentionKindEnum": "meetings.models.TopicMention.Kind",
    },
}
# Anyone may read the API from a browser on another origin; nothing else is shared.
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
