"""Django settings for Gongkai, read from the environment (see the table in README.md)."""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.management.utils import get_random_secret_key
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("GONGKAI_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
TESTING = env_bool("GONGKAI_TESTING", False)


def read_or_create_secret_key(path: Path) -> str:
    """A per-installation key kept in var/ (mode 0600) when SECRET_KEY is not in the environment."""
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = get_random_secret_key()
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(key)
    return key


SECRET_KEY = os.environ.get("SECRET_KEY") or (
    get_random_secret_key() if TESTING else read_or_create_secret_key(VAR_DIR / "secret_key")
)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG or TESTING else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_tasks_db",
    # Domain apps, lowest first.
    "gongkai.core",
    "gongkai.jobs",
    "gongkai.orgs",
    "gongkai.screening",
    "gongkai.catalog",
    "gongkai.publishing",
    "gongkai.applications",
    "gongkai.reports",
    "gongkai.search",
    "gongkai.oversight",
    "gongkai.engagement",
    "gongkai.services",
    "gongkai.villages",
    "gongkai.cases",
    "gongkai.opendata",
    # Interface apps.
    "gongkai.backoffice",
    "gongkai.portal",
    "gongkai.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gongkai.core.middleware.ChineseFirstLocaleMiddleware",
    "gongkai.core.middleware.RejectNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "gongkai.core.middleware.AbsoluteSessionLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "gongkai.core.middleware.PrivateResponseMiddleware",
    "gongkai.core.middleware.NumberOutOfRangeMiddleware",
]

ROOT_URLCONF = "gongkai.urls"
WSGI_APPLICATION = "gongkai.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.core.context_processors.site",
                "gongkai.backoffice.context_processors.backoffice",
                "gongkai.portal.context_processors.portal",
            ],
        },
    },
]

DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'gongkai.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")))}
# A kept connection is checked before each request reuses it: after a database restart the dead one is replaced,
# instead of failing each worker's next request (bench/drills.py, pgrestart).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # pg_trgm and Chinese text need a UTF-8 aware locale: build test databases from template0 in C.UTF-8.
    DATABASES["default"]["TEST"] = {"TEMPLATE": "template0", "CHARSET": "UTF8"}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded database lives under var/; create the folder on a fresh checkout.
    if DATABASES["default"]["NAME"] and DATABASES["default"]["NAME"] != ":memory:":
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        # A page cache of SQLITE_CACHE_MB (taken only as pages are used) holds a large import's tables and indexes
        # until commit instead of spilling them half-written: a district catalog's import writes some 30 MB.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            f"PRAGMA cache_size=-{int(os.environ.get('SQLITE_CACHE_MB', '64')) * 1024};"
        ),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "orgs.Person"

REDIS_URL = os.environ.get("REDIS_URL", "")
# Rate limits must be shared by every worker process: Redis when configured, otherwise the database (a local-memory
# cache would give each gunicorn worker its own counts).
RATE_LIMIT_STORE = os.environ.get("RATE_LIMIT_STORE", "cache" if REDIS_URL else "database")
if REDIS_URL:
    # CACHE_KEY_PREFIX keeps two installations (or a test) on one Redis apart; every app server of one installation
    # must use the same prefix (docs/operations.md, "Several app servers").
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", ""),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "gongkai"}}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["gongkai.orgs.auth.LockoutModelBackend"]
LOGIN_URL = "backoffice:login"
LOGIN_REDIRECT_URL = "backoffice:home"
LOGOUT_REDIRECT_URL = "backoffice:login"

# Lock an account for LOGIN_LOCKOUT_MINUTES after LOGIN_MAX_FAILURES failed logins in a row.
LOGIN_MAX_FAILURES = int(os.environ.get("LOGIN_MAX_FAILURES", "5"))
LOGIN_LOCKOUT_MINUTES = int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15"))
# One network address may fail LOGIN_MAX_FAILURES_PER_ADDRESS sign-ins in LOGIN_ADDRESS_WINDOW_MINUTES, whatever the
# accounts it tries (guessing across many accounts never locks any one of them).
LOGIN_MAX_FAILURES_PER_ADDRESS = int(os.environ.get("LOGIN_MAX_FAILURES_PER_ADDRESS", "20"))
LOGIN_ADDRESS_WINDOW_MINUTES = int(os.environ.get("LOGIN_ADDRESS_WINDOW_MINUTES", "15"))

# Staff sessions end after 8 hours (SESSION_ABSOLUTE_AGE, from sign-in, however active), or after 30 idle minutes.
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(30 * 60)))
SESSION_ABSOLUTE_AGE = int(os.environ.get("SESSION_ABSOLUTE_AGE", str(8 * 3600)))
# The idle limit slides for signed-in staff only (core.middleware.AbsoluteSessionLimitMiddleware saves their session
# again once its last save is SESSION_REFRESH_SECONDS old); a visitor's session (a captcha answer) is saved only when it
# changes.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Third-party front-end code comes from npm (package.json); it is served from node_modules, never committed.
NODE_MODULES = PROJECT_DIR / "node_modules"
STATICFILES_DIRS = [
    (f"vendor/{name}", NODE_MODULES / package)
    for name, package in [
        ("htmx", "htmx.org/dist"),
        ("echarts", "echarts/dist"),
        ("leaflet", "leaflet/dist"),
        ("leaflet-markercluster", "leaflet.markercluster/dist"),
        ("tinymce", "tinymce"),
        ("tinymce-i18n", "tinymce-i18n/langs6"),
    ]
    if (NODE_MODULES / package).is_dir()
]
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024
GONGKAI_MAX_ATTACHMENT_BYTES = int(os.environ.get("GONGKAI_MAX_ATTACHMENT_BYTES", str(50 * 1024 * 1024)))

EMAIL_BACKEND_PATH = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {
    "default": {
        "BACKEND": EMAIL_BACKEND_PATH,
        "OPTIONS": (
            {
                "host": os.environ.get("EMAIL_HOST", "localhost"),
                "port": int(os.environ.get("EMAIL_PORT", "25")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", False),
            }
            if EMAIL_BACKEND_PATH.endswith("smtp.EmailBackend")
            else {}
        ),
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "gongkai@localhost")

# Production hardening; `gongkai check --deploy` passes with DJANGO_DEBUG off.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not (DEBUG or TESTING))
SESSION_COOKIE_SECURE = not (DEBUG or TESTING)
CSRF_COOKIE_SECURE = not (DEBUG or TESTING)
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG or TESTING else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None
# How many reverse proxies append to X-Forwarded-For in front of the app (nginx alone: 1). The client address is the
# entry the outermost of them added; 0 ignores the header.
TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "1" if env_bool("BEHIND_PROXY", False) else "0"))
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (Django's own): scripts only from this site or inline with the per-response nonce
# ({{ csp_nonce }}); no inline event handlers. Styles may be inline: charts size their boxes with style attributes and
# ECharts writes styles. Images may be data: URLs (generated QR codes, chart exports).
SECURE_CSP: dict[str, list] = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Browser features no page of Gongkai uses (file inputs with `capture` still open the camera app).
GONGKAI_PERMISSIONS_POLICY = os.environ.get(
    "GONGKAI_PERMISSIONS_POLICY",
    "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
)
# Responses under these paths carry personal data even to visitors who are not signed in: never stored by a cache.
GONGKAI_PRIVATE_PATHS = ("/backoffice/", "/apply/", "/django-admin/")

GONGKAI_SITE_NAME = os.environ.get("GONGKAI_SITE_NAME", _("政府信息公开"))
# Public forms: how many submissions one address may make per hour.
GONGKAI_PUBLIC_FORM_RATE = int(os.environ.get("GONGKAI_PUBLIC_FORM_RATE", "10"))
# The service-site map (一图通): a Leaflet tile URL template (天地图 with the office's key in production, e.g.
# "https://t{s}.tianditu.gov.cn/vec_w/wmts?...&tk=<key>"); empty draws the markers on a plain background, with no
# request to any tile server (offline-friendly). "Navigate here" links fill {lat}, {lng} and {name} (WGS-84).
GONGKAI_MAP_TILE_URL = os.environ.get("GONGKAI_MAP_TILE_URL", "")
if GONGKAI_MAP_TILE_URL:  # the map's tiles come from the tile server: let the Content-Security-Policy allow it
    _tiles = urlsplit(GONGKAI_MAP_TILE_URL)
    _host = _tiles.netloc if "{s}" not in _tiles.netloc else "*." + _tiles.netloc.split(".", 1)[1]
    SECURE_CSP["img-src"].append(f"{_tiles.scheme}://{_host}")
GONGKAI_MAP_TILE_ATTRIBUTION = os.environ.get("GONGKAI_MAP_TILE_ATTRIBUTION", "")
GONGKAI_MAP_NAVIGATION_URL = os.environ.get(
    "GONGKAI_MAP_NAVIGATION_URL", "https://uri.amap.com/marker?position={lng},{lat}&name={name}&coordinate=wgs84"
)
# The CJK font (a TrueType collection with a "SC" face) for the record share images.
GONGKAI_SHARE_FONT = os.environ.get("GONGKAI_SHARE_FONT", "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
GONGKAI_SHARE_FONT_BOLD = os.environ.get(
    "GONGKAI_SHARE_FONT_BOLD", "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
)
# Calls per minute per client address on the public API's clock calculator and search (tokens have their own limit).
GONGKAI_API_CLOCK_RATE = int(os.environ.get("GONGKAI_API_CLOCK_RATE", "30"))
GONGKAI_API_SEARCH_RATE = int(os.environ.get("GONGKAI_API_SEARCH_RATE", "120"))
# The search engine: "auto" = PostgreSQL full-text on PostgreSQL, the embedded engine otherwise.
GONGKAI_SEARCH_BACKEND = os.environ.get("GONGKAI_SEARCH_BACKEND", "auto")
GONGKAI_SEARCH_INDEX_DIR = Path(os.environ.get("GONGKAI_SEARCH_INDEX_DIR", VAR_DIR / "search"))
# "service": the search service (`gongkai searchservice`) that app servers share; the token is the same on all of
# them and on the service (docs/search.md, "The search service").
GONGKAI_SEARCH_SERVICE_URL = os.environ.get("GONGKAI_SEARCH_SERVICE_URL", "")
GONGKAI_SEARCH_SERVICE_TOKEN = os.environ.get("GONGKAI_SEARCH_SERVICE_TOKEN", "")
GONGKAI_SEARCH_SERVICE_TIMEOUT = float(os.environ.get("GONGKAI_SEARCH_SERVICE_TIMEOUT", "10"))
# Oversight: self-inspection's external link check (off in tests: they never reach the network) and reminders.
GONGKAI_OVERSIGHT_CHECK_EXTERNAL_LINKS = env_bool("GONGKAI_OVERSIGHT_CHECK_EXTERNAL_LINKS", not TESTING)
GONGKAI_OVERSIGHT_LINK_TIMEOUT = float(os.environ.get("GONGKAI_OVERSIGHT_LINK_TIMEOUT", "10"))
GONGKAI_OVERSIGHT_LINK_LIMIT = int(os.environ.get("GONGKAI_OVERSIGHT_LINK_LIMIT", "500"))
GONGKAI_OVERSIGHT_LINK_DELAY = float(os.environ.get("GONGKAI_OVERSIGHT_LINK_DELAY", "1.0"))
GONGKAI_OVERSIGHT_SITE_HOSTS = env_list("GONGKAI_OVERSIGHT_SITE_HOSTS", "")
GONGKAI_SMS_BACKEND = os.environ.get(
    "GONGKAI_SMS_BACKEND",
    "gongkai.core.messaging.MemoryBackend" if TESTING else "gongkai.core.messaging.LoggingBackend",
)
GONGKAI_SMS_HTTP = {
    "url": os.environ.get("GONGKAI_SMS_HTTP_URL", ""),
    "account": os.environ.get("GONGKAI_SMS_HTTP_ACCOUNT", ""),
    "token": os.environ.get("GONGKAI_SMS_HTTP_TOKEN", ""),
    "sign": os.environ.get("GONGKAI_SMS_HTTP_SIGN", ""),
    "timeout": float(os.environ.get("GONGKAI_SMS_HTTP_TIMEOUT", "10")),
}

# Background tasks (django.tasks): "inline" runs each task in the process that enqueues it (development, tests, a
# single-process install); "database" stores it for `gongkai worker` (django-tasks-db). See docs/jobs.md.
GONGKAI_TASK_QUEUE = os.environ.get("GONGKAI_TASK_QUEUE", "inline")
if GONGKAI_TASK_QUEUE == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
else:
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
GONGKAI_TASK_MAX_ATTEMPTS = int(os.environ.get("GONGKAI_TASK_MAX_ATTEMPTS", "5"))
GONGKAI_TASK_RETRY_SECONDS = int(os.environ.get("GONGKAI_TASK_RETRY_SECONDS", "30"))

# Static publishing (docs/static-pages.md): public pages rendered to files under GONGKAI_STATIC_PAGES_DIR when
# what they show changes; nginx serves them (deploy/nginx). Off by default (development, tests).
GONGKAI_STATIC_PAGES = env_bool("GONGKAI_STATIC_PAGES", False)
GONGKAI_STATIC_PAGES_DIR = Path(os.environ.get("GONGKAI_STATIC_PAGES_DIR", VAR_DIR / "pages"))
# The public address of the portal: static pages (and QR codes, feeds) are rendered for it.
GONGKAI_PUBLIC_URL = os.environ.get("GONGKAI_PUBLIC_URL") or (
    f"https://{ALLOWED_HOSTS[0]}" if ALLOWED_HOSTS and not (DEBUG or TESTING) else "http://127.0.0.1:8000"
)
# Derived files made once and kept (QR codes of record pages).
GONGKAI_CACHE_DIR = Path(os.environ.get("GONGKAI_CACHE_DIR", VAR_DIR / "cache"))
# Files background jobs produce for the person who started them (exports, rendered reports); never served by nginx.
GONGKAI_JOB_FILES_DIR = Path(os.environ.get("GONGKAI_JOB_FILES_DIR", VAR_DIR / "job-files"))
# Days a finished job's result file is kept before the scheduler's cleanup removes it (the job row stays).
GONGKAI_JOB_FILES_RETENTION_DAYS = int(os.environ.get("GONGKAI_JOB_FILES_RETENTION_DAYS", "30"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
