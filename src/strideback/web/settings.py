"""Django settings, all from the environment with safe defaults.

STRIDEBACK_DATA_DIR   data folder (default: the per-user data folder)
STRIDEBACK_SECRET_KEY secret key (default: the one `strideback serve` keeps in the data folder)
STRIDEBACK_DEBUG      "1" for debug mode (never in production)
STRIDEBACK_ALLOWED_HOSTS comma-separated host names (default: localhost only)
DATABASE_URL          postgres://... to use PostgreSQL instead of SQLite
STRIDEBACK_EMAIL_HOST (+ _PORT, _USER, _PASSWORD, _USE_TLS, _FROM) to send e-mail by SMTP
STRIDEBACK_BASE_URL   the app's address, for links in reminders (default http://127.0.0.1:8000)
STRIDEBACK_PHYSIO_SIGNUP "1": a physiotherapist invited by a runner may create their clinician
                      account through the invitation (default: only existing clinicians accept)
STRIDEBACK_HTTPS      "1" behind a TLS proxy: secure cookies, HSTS, redirect to https, the proxy's
                      X-Forwarded-Proto/-For trusted, https origins of the allowed hosts trusted
STRIDEBACK_REDIS_URL  redis://... to keep the login throttle's counts in Redis (default: database)
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from strideback.datadir import DATABASE_FILE, data_dir, read_secret_key

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = data_dir()


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in ("1", "true", "yes", "on")


DEBUG = _flag("STRIDEBACK_DEBUG")
INSECURE_KEYS = {"", "change-me", "django-insecure", "secret"}
SECRET_KEY = os.environ.get("STRIDEBACK_SECRET_KEY") or read_secret_key(DATA_DIR)
if not DEBUG and (SECRET_KEY.strip() in INSECURE_KEYS or SECRET_KEY.startswith("django-insecure")):
    raise ImproperlyConfigured(
        "Strideback will not start without a secret key while STRIDEBACK_DEBUG is off. "
        "Run `strideback serve` (it generates and keeps one in the data folder) or set "
        "STRIDEBACK_SECRET_KEY to a long random string."
    )
if DEBUG and not SECRET_KEY:
    SECRET_KEY = "django-insecure-debug-only"

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("STRIDEBACK_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("STRIDEBACK_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]


def https_origins(hosts: list[str]) -> list[str]:
    """The https origin of every allowed host (".example.org" covers its subdomains)."""
    origins = []
    for host in hosts:
        if host == "*":
            continue
        origins.append(f"https://*{host}" if host.startswith(".") else f"https://{host}")
    return origins


# Behind TLS with one switch: the proxy in front (nginx, Caddy) speaks https to browsers and
# tells the app so in X-Forwarded-Proto (it must set it, overwriting any the client sent).
HTTPS = _flag("STRIDEBACK_HTTPS")
# The login throttle then takes the client's address from the proxy's X-Forwarded-For.
STRIDEBACK_BEHIND_PROXY = HTTPS
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    # The proxy's and a monitor's health check may ask over plain http on the inside.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("STRIDEBACK_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    CSRF_TRUSTED_ORIGINS += [
        o for o in https_origins(ALLOWED_HOSTS) if o not in CSRF_TRUSTED_ORIGINS
    ]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "ninja",  # serves the API docs' Swagger UI from its own static files, not a CDN
    "django_otp",
    "django_otp.plugins.otp_totp",
    "strideback.accounts",
    "strideback.training",
    "strideback.clinic",
    "strideback.api",
    "strideback.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "strideback.web.middleware.SecurityHeadersMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "strideback.web.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "strideback.web.input_guard.InputGuardMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "strideback.web.urls"
WSGI_APPLICATION = "strideback.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "strideback.web.context.language",
            ],
            "builtins": ["django.templatetags.i18n", "strideback.web.templatetags.strideback"],
        },
    }
]

_database_url = os.environ.get("DATABASE_URL", "").strip()
if _database_url:
    DATABASES = {
        "default": dj_database_url.parse(_database_url, conn_max_age=600, conn_health_checks=True)
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and _flag(
        "STRIDEBACK_PG_PREPARED", default=True
    ):
        # Parameters bound by the server, and a statement run five times on a connection is
        # prepared: the hot reads' plans are made once per connection, not on every request
        # (planning cost more than running them). Set STRIDEBACK_PG_PREPARED=0 behind a
        # connection pooler in transaction mode (PgBouncer), which cannot keep prepared
        # statements.
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            server_side_binding=True, prepare_threshold=5
        )
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / DATABASE_FILE,
            # Kept open between requests, as for PostgreSQL: opening one (with its pragmas) and
            # closing it (which may checkpoint the WAL) cost more than the request's queries.
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                    "PRAGMA cache_size=-65536; PRAGMA mmap_size=268435456;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"  # a URL name
LOGIN_REDIRECT_URL = "home"  # a URL name

LANGUAGE_CODE = "en"
LANGUAGES = [("da", "Dansk"), ("en", "English"), ("de", "Deutsch"), ("nb", "Norsk bokmål")]
LANGUAGE_COOKIE_NAME = "strideback_lang"
USE_I18N = True
# Interface text: .po catalogues (English is the source), see docs/translating.md.
LOCALE_PATHS = [PACKAGE_DIR / "web" / "locale"]
USE_TZ = True
TIME_ZONE = os.environ.get("STRIDEBACK_TIME_ZONE", "Europe/Copenhagen")

STATIC_URL = "/static/"  # url-ok: a Django setting, where the static files are served
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "strideback.web.storage.FastCompressedStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG
# Source maps are for developers' tools, not for runners' phones: not worth compressing.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = (
    "jpg",
    "jpeg",
    "png",
    "gif",
    "webp",
    "zip",
    "gz",
    "tgz",
    "bz2",
    "tbz",
    "xz",
    "br",
    "swf",
    "flv",
    "woff",
    "woff2",
    "map",
)
WHITENOISE_MAX_AGE = 3600

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The login throttle (strideback.accounts.ratelimit) counts in a store every worker shares: the
# database (its table is made by `migrate`), or Redis when STRIDEBACK_REDIS_URL is set.
_redis_url = os.environ.get("STRIDEBACK_REDIS_URL", "").strip()
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "throttle": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _redis_url,
            "KEY_PREFIX": "strideback",
        }
        if _redis_url
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "strideback_throttle",
            # Never cull live counts to make room (the default keeps 300 entries).
            "OPTIONS": {"MAX_ENTRIES": 1_000_000},
        }
    ),
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = HTTPS or _flag("STRIDEBACK_SECURE_COOKIES")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

EMAIL_HOST = os.environ.get("STRIDEBACK_EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("STRIDEBACK_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("STRIDEBACK_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("STRIDEBACK_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = _flag("STRIDEBACK_EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("STRIDEBACK_EMAIL_FROM", "Strideback <noreply@localhost>")
# Where the app is reached, for links in e-mails and notifications sent without a request
# (the reminders' cron job).
BASE_URL = os.environ.get("STRIDEBACK_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# The clinic allows a runner's invited physiotherapist to sign up through the invitation (the
# account is for the invited address; patient data still waits for two-step verification).
PHYSIO_SIGNUP = _flag("STRIDEBACK_PHYSIO_SIGNUP")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stderr"], "level": os.environ.get("STRIDEBACK_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
