"""Every setting of the portal, read from the environment with safe local defaults."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from portal.env import cache_config, email_config, env_bool, env_int, env_list, env_rate, env_str
from portal.links import RequestBaseURL, base_url_setting
from portal.logs import REQUEST_ID_HEADER, init_sentry, logging_config
from portal.media_storage import media_csp_sources, media_storage, media_storage_kind

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(env_str("PORTAL_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Base of every absolute link (pages, feeds, .ics, sitemap, API), e.g. https://kitaphana.example.kz. Unset: the
# scheme and host of each request (portal/links.py).
PORTAL_BASE_URL = base_url_setting(env_str("PORTAL_BASE_URL"))

DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)

CACHE_URL = env_str("CACHE_URL")
CACHES = {"default": cache_config(CACHE_URL)}

# Email: Wagtail's moderation notifications (and password resets, when switched on). EMAIL_URL
# (smtp+tls://user:password@host:587; portal/env.py, email_config) or EMAIL_HOST and the other EMAIL_* variables;
# with neither, SMTP to localhost:25 (a local mail relay). dev.py prints to the console instead.
EMAIL_URL = env_str("EMAIL_URL")
if EMAIL_URL:
    globals().update(email_config(EMAIL_URL))
else:
    EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
    EMAIL_PORT = env_int("EMAIL_PORT", 25)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
    if EMAIL_USE_TLS and EMAIL_USE_SSL:
        raise ImproperlyConfigured("EMAIL_USE_TLS (STARTTLS, port 587) and EMAIL_USE_SSL (port 465) exclude each other: set one.")
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)  # seconds; a mail server that hangs must not hold a web worker for ever
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "webmaster@localhost")  # the sender of the notifications
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# The portal search (search/): the database index by default; Elasticsearch when ELASTICSEARCH_URL is set.
ELASTICSEARCH_URL = env_str("ELASTICSEARCH_URL")
ELASTICSEARCH_INDEX_PREFIX = env_str("ELASTICSEARCH_INDEX_PREFIX", "portal")
ELASTICSEARCH_API_KEY = env_str("ELASTICSEARCH_API_KEY")  # the encoded API key; user:password may be in the URL
ELASTICSEARCH_CA_CERTS = env_str("ELASTICSEARCH_CA_CERTS")  # PEM file of the CA that signed the server's certificate
ELASTICSEARCH_VERIFY_CERTS = env_bool("ELASTICSEARCH_VERIFY_CERTS", True)
ELASTICSEARCH_TIMEOUT = float(env_str("ELASTICSEARCH_TIMEOUT", "5"))  # seconds per request, then the database answers
ELASTICSEARCH_RETRY_AFTER = float(env_str("ELASTICSEARCH_RETRY_AFTER", "30"))  # seconds without asking after a failure
PORTAL_SEARCH_CACHE = env_bool("PORTAL_SEARCH_CACHE", True)  # per-process cache of answers until the index changes

INSTALLED_APPS = [
    "content_models",
    "search.apps.SearchConfig",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.api.v3",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.simple_translation",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "ninja",  # its templates and static files: the API docs (Swagger UI) come from the portal, not a CDN
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",  # the queue of the holdings checks (the "holdings" task backend below)
    "django_guid",  # the request id (portal/logs.py)
]
if IS_POSTGRES:
    INSTALLED_APPS.append("django.contrib.postgres")

MIDDLEWARE = [
    "django_guid.middleware.guid_middleware",  # first: every later line of the request carries its id
    "django.middleware.security.SecurityMiddleware",
    "portal.ratelimit.BearerTokenThrottleMiddleware",
    "portal.links.CurrentRequestMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.page_cache.AnonymousPageCacheMiddleware",
    "portal.csp.PortalCSPMiddleware",  # inside the page cache: a cached page keeps the header it was built with
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.PortalLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "content_models.home.context_processors.portal",
            ],
        },
    },
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Kazakh is the default; Russian and English are translations.
LANGUAGE_CODE = "kk"
LANGUAGES = [
    ("kk", "Қазақша"),
    ("ru", "Русский"),
    ("en", "English"),
]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [PROJECT_DIR / "locale"]
# Django has no Kazakh formats; portal/formats/kk gives it CLDR's decimal comma and no-break-space grouping.
FORMAT_MODULE_PATH = ["portal.formats"]
LANGUAGE_COOKIE_NAME = "portal_language"
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Almaty"

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
# Uploaded media (portal/media_storage.py, docs/deployment.md "Media storage"): PORTAL_MEDIA_STORAGE=local (the
# default: MEDIA_ROOT, a local or a shared NFS folder) or s3 (a bucket of S3 or an S3-compatible server, AWS_*).
# Images, their renditions, documents and videos all live there. PORTAL_SERVE_MEDIA: the portal answers MEDIA_URL
# itself, with HTTP Range for video (portal/media_serve.py); on by default only with DEBUG.
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
PORTAL_MEDIA_STORAGE = media_storage_kind()
PORTAL_SERVE_MEDIA = env_bool("PORTAL_SERVE_MEDIA", DEBUG) and PORTAL_MEDIA_STORAGE == "local"
STORAGES = {
    "default": media_storage(),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

WAGTAIL_SITE_NAME = _("Balalar kitaphanasy")
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("WAGTAILDOCS_MAX_UPLOAD_SIZE", 20 * 1024 * 1024)
# Documents are checked by content, not by name only (content_models/core/uploads.py), and served by the portal's
# view with their own content type and nosniff: a PDF opens in the browser, the rest download as attachments.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "content_models.core.uploads.PortalDocumentForm"
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
PORTAL_VIDEO_MAX_UPLOAD_SIZE = env_int("PORTAL_VIDEO_MAX_UPLOAD_SIZE", 200 * 1024 * 1024)
# Holdings check: minutes an upload's rows stay in the cache between steps without activity; days a saved
# report's private link works.
PORTAL_HOLDINGS_SESSION_MINUTES = env_int("PORTAL_HOLDINGS_SESSION_MINUTES", 60)
PORTAL_HOLDINGS_REPORT_DAYS = env_int("PORTAL_HOLDINGS_REPORT_DAYS", 365)
# Checks of more rows than this are matched by the task worker (manage.py holdings_worker), not in the request, and
# so are API uploads of more bytes than this (even reading them is the worker's); a queued or finished check's rows
# and results stay in the database at most this many hours. The worker raises its nice value by this much (0–19:
# higher leaves more of the CPU to the web workers).
PORTAL_HOLDINGS_INLINE_ROWS = env_int("PORTAL_HOLDINGS_INLINE_ROWS", 2000)
PORTAL_HOLDINGS_INLINE_BYTES = env_int("PORTAL_HOLDINGS_INLINE_BYTES", 256 * 1024)
PORTAL_HOLDINGS_JOB_HOURS = env_int("PORTAL_HOLDINGS_JOB_HOURS", 24)
PORTAL_HOLDINGS_WORKER_NICE = env_int("PORTAL_HOLDINGS_WORKER_NICE", 10)
# Hours an uploaded book list waits in the database between the admin import's preview and its confirmation.
PORTAL_IMPORT_UPLOAD_HOURS = env_int("PORTAL_IMPORT_UPLOAD_HOURS", 24)
# Tasks (django-tasks): Wagtail's own tasks run at once in the request ("default"); the holdings checks go to a queue
# in the database ("holdings", worked by holdings_worker). PORTAL_HOLDINGS_TASKS=immediate runs them in the request
# instead, for a setup without a worker.
_HOLDINGS_TASKS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_holdings_tasks = env_str("PORTAL_HOLDINGS_TASKS", "database")
if _holdings_tasks not in _HOLDINGS_TASKS:
    raise ImproperlyConfigured(f"PORTAL_HOLDINGS_TASKS must be one of {', '.join(_HOLDINGS_TASKS)}, not {_holdings_tasks!r}.")
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "holdings": {
        "BACKEND": _HOLDINGS_TASKS[_holdings_tasks],
        "QUEUES": ["holdings"],
    },
}
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILAPI_DOCS_ENABLED = True
# Nothing reaches outside on a closed school network: the admin dashboard asks Wagtail's release server for
# new versions only when WAGTAIL_ENABLE_UPDATE_CHECK is 1 (or "lts"), and shows avatars from a Gravatar-like
# service only when WAGTAIL_GRAVATAR_PROVIDER_URL is set (e.g. //www.gravatar.com/avatar).
_update_check = env_str("WAGTAIL_ENABLE_UPDATE_CHECK").strip().lower()
WAGTAIL_ENABLE_UPDATE_CHECK = "lts" if _update_check == "lts" else env_bool("WAGTAIL_ENABLE_UPDATE_CHECK", False)
WAGTAIL_GRAVATAR_PROVIDER_URL = env_str("WAGTAIL_GRAVATAR_PROVIDER_URL") or None
WAGTAILAPI_LIMIT_MAX = 100
# The v3 API's detail_url uses the same base as every other link (PORTAL_BASE_URL or the request's host).
WAGTAILAPI_BASE_URL = PORTAL_BASE_URL or RequestBaseURL()

WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": True},
}

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "SAMEORIGIN"
REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True

# Content-Security-Policy on every response, public pages and admin alike (django-csp 4, portal/csp.py).
# Everything comes from the portal itself: no third-party origin anywhere. Scripts: the portal's and Wagtail's
# static files; an inline script runs only with the response's nonce (Wagtail's admin widgets and panels get it
# from portal/csp.py), and public pages have no inline script at all, so the page cache needs no nonce.
# Styles: 'self' on public pages; the admin adds 'unsafe-inline' (PORTAL_CSP_ADMIN_UPDATE; why: docs/deployment.md).
# frame-ancestors follows each response's X-Frame-Options (DENY -> 'none', SAMEORIGIN -> 'self'), so the two
# never disagree (Wagtail's preview overrides DENY with SAMEORIGIN). CSP_REPORT_URI (optional) receives reports.
from csp.constants import NONCE, NONE, REPORT_SAMPLE, SELF, UNSAFE_INLINE  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE, REPORT_SAMPLE],
        "style-src": [SELF, REPORT_SAMPLE],
        # data: icons in Wagtail's and Swagger UI's CSS; the object storage's origin when media live there (s3)
        "img-src": [SELF, "data:", *media_csp_sources(STORAGES["default"])],
        "media-src": [SELF, *media_csp_sources(STORAGES["default"])],  # the self-hosted videos and their subtitles
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [SELF],  # the admin's live preview
        "frame-ancestors": [NONE if X_FRAME_OPTIONS == "DENY" else SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "report-uri": env_list("CSP_REPORT_URI") or None,
    },
}
# Under /admin/ only: the rich text editor's <style> elements; blob: previews of images being uploaded.
PORTAL_CSP_ADMIN_UPDATE = {"style-src": [UNSAFE_INLINE], "img-src": ["blob:"]}

# Logging and errors (portal/logs.py): every line to stderr with the request's id; one line per request error, the
# traceback after it; the request id from the load balancer's X-Request-ID when it is a UUID, else a new one, and
# sent back in X-Request-ID. Errors to Sentry too when SENTRY_DSN is set (the `sentry` extra).
LOGGING = logging_config(env_str("LOG_LEVEL", "WARNING"))
DJANGO_GUID = {
    "GUID_HEADER_NAME": REQUEST_ID_HEADER,
    "VALIDATE_GUID": True,
    "RETURN_HEADER": True,
    "EXPOSE_HEADER": False,
}
SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    init_sentry(
        SENTRY_DSN,
        environment=env_str("SENTRY_ENVIRONMENT"),
        traces_sample_rate=float(env_str("SENTRY_TRACES_SAMPLE_RATE", "0") or 0),
    )

# Whole-page cache of anonymous HTML responses, dropped at every publish (portal/page_cache.py).
PORTAL_PAGE_CACHE = env_bool("PORTAL_PAGE_CACHE", True)
# The release every server of one deploy runs, in every page-cache key; empty: a hash of the code (portal/release.py).
PORTAL_RELEASE = env_str("PORTAL_RELEASE").strip()

# Rate limits per client on the expensive anonymous endpoints, COUNT/PERIOD or off (portal/ratelimit.py); counted
# in the cache above, so shared by every server when it is Redis. The client is portal/clients.py's (below).
PORTAL_RATELIMITS = {
    "holdings": env_rate("PORTAL_RATELIMIT_HOLDINGS", "20/h"),  # holdings uploads and checks (page and API)
    "holdings_report": env_rate("PORTAL_RATELIMIT_HOLDINGS_REPORT", "300/h"),  # report pages, decisions, saving
    "search": env_rate("PORTAL_RATELIMIT_SEARCH", "60/m"),  # the search page and /api/v3/search/
    "autocomplete": env_rate("PORTAL_RATELIMIT_AUTOCOMPLETE", "300/m"),
    "exports": env_rate("PORTAL_RATELIMIT_EXPORTS", "120/h"),  # CSV/XLSX exports, .ics feeds, report downloads
    "bearer": env_rate("PORTAL_RATELIMIT_BEARER", "10/15m"),  # failed API bearer tokens
}
RATELIMIT_ENABLE = env_bool("PORTAL_RATELIMIT_ENABLED", True)
RATELIMIT_IP_META_KEY = "portal.clients.client_address"
# The client a rate limit or a failed login counts against (portal/clients.py): REMOTE_ADDR, unless that is one of
# PORTAL_TRUSTED_PROXIES (addresses or networks of the portal's own reverse proxies, comma-separated), whose
# X-Forwarded-For is then read from the right; without them the header is never believed.
PORTAL_TRUSTED_PROXIES = env_list("PORTAL_TRUSTED_PROXIES")

# Admin user created by load_demo (optional).
PORTAL_ADMIN_USER = env_str("PORTAL_ADMIN_USER")
PORTAL_ADMIN_PASSWORD = env_str("PORTAL_ADMIN_PASSWORD")

# Login lockout (django-axes; content_models/logins/, docs/deployment.md). PORTAL_LOGIN_FAILURE_LIMIT failed logins
# lock the user name (whichever clients tried it) and the client address (whichever user names it tried) for
# PORTAL_LOGIN_LOCKOUT_MINUTES after the last counted failure; attempts while locked are refused and not counted, so
# the lockout ends when the message says. A successful login forgives that user name's failures. Attempts live in
# the database (shared by every app server). The client is the rate limits' (PORTAL_TRUSTED_PROXIES above).
# Admins lift lockouts at Settings → Login lockouts.
INSTALLED_APPS.append("axes")
MIDDLEWARE.append("axes.middleware.AxesMiddleware")  # last, as axes asks: a lockout becomes the login page with its message
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_HANDLER = "content_models.logins.lockouts.LoginAttemptsHandler"  # axes' database handler
AXES_FAILURE_LIMIT = env_int("PORTAL_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("PORTAL_LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "content_models.logins.lockouts.lockout_response"
AXES_CLIENT_IP_CALLABLE = "portal.clients.client_address"
AXES_DISABLE_ACCESS_LOG = True  # no record of successful logins (Wagtail's own log keeps what editors do)
AXES_ENABLE_ADMIN = False  # the portal has no Django admin; the lockouts are in Wagtail's admin
