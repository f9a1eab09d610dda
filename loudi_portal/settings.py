"""Settings for the Loudi Emergency Management Bureau disclosure portal.

Every value that differs between machines comes from an environment variable
(listed with a comment in `.env.example`; explained in docs/configuration.md).
The defaults are safe for production: DEBUG is off, and outside DEBUG a secret
key must be given, in SECRET_KEY or in the key file `make run` writes.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envbool(name: str, default: bool) -> bool:
    """Read a boolean variable; refuse anything that is not clearly yes or no."""
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean (use 1/0, true/false, yes/no, on/off).")


def envlist(name: str, default: str = "") -> list[str]:
    """Read a comma-separated list, ignoring blanks."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def envint(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from exc


DEBUG = envbool("DEBUG", False)

# Where the embedded set-up keeps its files: the SQLite database, the file cache,
# collected static files, uploads and the secret key that `make run` generates.
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))

# The secret key comes from the environment. Without one, the key file that
# `make run` writes (var/secret_key) is used, so that `manage.py` commands work
# in the checkout exactly as the served site does; such a checkout answers on
# loopback only unless ALLOWED_HOSTS says otherwise. With neither, only DEBUG=1
# may start (with a throw-away key).
SECRET_KEY = os.environ.get("SECRET_KEY", "")
SECRET_KEY_FILE = VAR_DIR / "secret_key"
EMBEDDED_KEY = not SECRET_KEY and SECRET_KEY_FILE.is_file()
if EMBEDDED_KEY:
    SECRET_KEY = SECRET_KEY_FILE.read_text(encoding="utf-8").strip()
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (see .env.example); only DEBUG=1 may run without one."
        )
    SECRET_KEY = "insecure-debug-only-key-not-for-production-use-0123456789"

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG or EMBEDDED_KEY else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is not set; list the host names the site answers to.")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

# Where the site is reached from outside (used for QR codes, feeds, e-mails).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Served over HTTPS (behind a TLS-terminating proxy in production). `make run`
# serves plain HTTP on loopback and turns this off.
SECURE_HTTPS = envbool("SECURE_HTTPS", not DEBUG)

INSTALLED_APPS = [
    "loudi_portal.admin_site.LoudiAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",  # its widget templates, overridable from templates/ (FORM_RENDERER below)
    "django.contrib.sitemaps",
    "django.contrib.syndication",
    "django_filters",
    "simple_history",
    "loudi_portal.third_party_apps.AxesConfig",  # django-axes, with a Chinese name
    "csp",
    "django_tasks",
    "loudi_portal.third_party_apps.TasksDatabaseConfig",  # the task queue's tables (label django_tasks_database)
    "django_prose_editor",  # static files of the staff rich-text editor (loudi_portal/widgets.py)
    "loudi_portal",
    "inforequests",
    "disclosure",
    "enforcement",
    "approvals",
    "subsidies",
    "interact",
    "relief",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "loudi_portal.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before sessions and templates: a cached public page is answered from here.
    "loudi_portal.caching.PublicPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "loudi_portal.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
    # Last, so a database error raised by any view is answered 503 (not 500).
    "loudi_portal.middleware.DatabaseOutageMiddleware",
]

ROOT_URLCONF = "loudi_portal.urls"
WSGI_APPLICATION = "loudi_portal.wsgi.application"

# Widgets render through TEMPLATES, so templates/django/forms/ can say "请选择" instead of
# Django's "---------" as the empty choice of every select.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "loudi_portal.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
# Unset DATABASE_URL: an embedded SQLite file in var/ (git-ignored).
DATABASE_URL = os.environ.get("DATABASE_URL", "")
# Created here, whatever the database: otherwise the file cache creates it first, as 0700 (its
# umask), and nginx's workers could not reach MEDIA_ROOT inside it.
VAR_DIR.mkdir(parents=True, exist_ok=True)
if DATABASE_URL:
    DATABASES = {
        # Persistent connections: a new PostgreSQL connection per request costs ~3x
        # throughput on this machine kind (see PERFORMANCE.md).
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=envint("CONN_MAX_AGE", 60), conn_health_checks=True)
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers share one file: WAL, a busy timeout and write
    # transactions that take the lock at BEGIN avoid "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
    # The registers' covering indexes (INCLUDE the columns the public filter reads) are a
    # PostgreSQL speed feature; SQLite builds them as plain indexes, as Django's warning says.
    # Without this, every `make run` printed an English warning block for it (models.W040).
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "loudi",
            "TIMEOUT": 300,
        }
    }
else:
    # No Redis: a file cache in var/, shared by the gunicorn workers of one machine,
    # so a change made through one worker invalidates the pages cached by the others.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": VAR_DIR / "cache",
            "TIMEOUT": 300,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# How long public pages may be served from the cache (seconds); 0 turns it off.
PUBLIC_CACHE_SECONDS = envint("PUBLIC_CACHE_SECONDS", 60)
# How long a reverse proxy (or the browser) may reuse a public page without asking
# (`Cache-Control: public, max-age=…`); personal responses are always `private, no-store`.
PUBLIC_PROXY_SECONDS = envint("PUBLIC_PROXY_SECONDS", 10)
# Never served from or stored in the page cache (the back office, the health check).
PUBLIC_CACHE_EXCLUDED_PATHS = ("/admin/", "/healthz/")

# A public register's XLSX of more rows than this is written by the task worker (202 and a
# page that waits for it, loudi_portal/public_exports.py); CSV and JSON always stream.
PUBLIC_XLSX_INLINE_ROWS = envint("PUBLIC_XLSX_INLINE_ROWS", 10000)

# --- Background jobs ----------------------------------------------------------
# Large auditor exports run off the request on django-tasks' queue, kept in the portal's own
# database (django-tasks-db); `manage.py db_worker` runs them (`make run` starts one).
# TASKS_IMMEDIATE=1 runs each job inside the request that queues it (no worker needed).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if envbool("TASKS_IMMEDIATE", False)
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

# --- Proxies ------------------------------------------------------------------
# Behind our own reverse proxies (nginx), trust X-Forwarded-Proto and take the
# client's address from X-Forwarded-For: PROXY_COUNT proxies each appended the
# address they received from (loudi_portal.tracking.client_ip). Off: both headers
# are ignored, REMOTE_ADDR is the client.
BEHIND_PROXY = envbool("BEHIND_PROXY", False)
PROXY_COUNT = envint("PROXY_COUNT", 1)
if BEHIND_PROXY and PROXY_COUNT < 1:
    raise ImproperlyConfigured("PROXY_COUNT must be at least 1 with BEHIND_PROXY=1.")

# --- Authentication -----------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"
# Login throttling: 5 failures for one user name from one address lock that pair for 15 minutes.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes_lockout.html"
# The client's address (for axes and every rate limit) comes from one function,
# which reads BEHIND_PROXY and PROXY_COUNT (above); see docs/tracking.md.
AXES_CLIENT_IP_CALLABLE = "loudi_portal.tracking.client_ip"
AXES_VERBOSE = False
# Staff sessions end after two hours of inactivity and with the browser.
SESSION_COOKIE_AGE = envint("SESSION_COOKIE_AGE", 2 * 60 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# --- Internationalisation ---------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files ------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
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
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Largest notice attachment accepted (disclosure/forms.py); the proxy's body limit must allow it.
NOTICE_ATTACHMENT_MAX_BYTES = envint("NOTICE_ATTACHMENT_MAX_MB", 20) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Security headers -------------------------------------------------------
SECURE_SSL_REDIRECT = SECURE_HTTPS
SECURE_HSTS_SECONDS = 31536000 if SECURE_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
# Preload covers this host and its subdomains only; turn off if a subdomain must stay on HTTP.
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", SECURE_HTTPS)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline scripts or styles anywhere: every script and stylesheet is a file
# under /static/, and no third-party host is ever contacted.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
    }
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

# --- History ---------------------------------------------------------------
# Auditors read history through the admin; reading it needs the view
# permission on the historical model itself.
SIMPLE_HISTORY_ENFORCE_HISTORY_MODEL_PERMISSIONS = True
SIMPLE_HISTORY_REVERT_DISABLED = True

# --- Logging ---------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.security.DisallowedHost": {"level": "ERROR"}},
}

# Uploaded files are sent by a view that checks their record (loudi_portal/files.py), never from
# MEDIA_URL. With SENDFILE_NGINX=1 the view answers with X-Accel-Redirect to nginx's internal
# location SENDFILE_URL (an alias of MEDIA_ROOT); otherwise Django streams the file itself.
SENDFILE_NGINX = envbool("SENDFILE_NGINX", False)
SENDFILE_URL = os.environ.get("SENDFILE_URL", "/_protected/")
CSRF_FAILURE_VIEW = "loudi_portal.views.csrf_failure"
