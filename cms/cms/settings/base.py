"""Settings shared by every environment. Values come from the environment."""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from graphql_service.logs import log_format, logging_config

CMS_DIR = Path(__file__).resolve().parent.parent.parent
REPO_DIR = CMS_DIR.parent
DATA_DIR = Path(os.environ.get("HUB_DATA_DIR", REPO_DIR / "data")).resolve()

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "core",
    "images",
    "news",
    "events",
    "experts",
    "knowledge",
    "funding",
    "networks",
    "applications",
    "indexing",
    "glossary",
    "partners",
    "webhooks",
    "harvest",
    "moderation",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.locales",
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
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # First: the request id reaches every log record; every answer is counted.
    "core.request_id.RequestIdMiddleware",
    "core.metrics.RequestMetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

THEME = os.environ.get("HUB_THEME", "default")
THEME_DIR = REPO_DIR / "themes" / THEME

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [THEME_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the indexer and the web process share the file.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

# Internationalisation: the six content languages of the hub.
LANGUAGE_CODE = "en"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    ("en", _("English")),
    ("da", _("Danish")),
    ("nb", _("Norwegian (bokmål)")),
    ("sv", _("Swedish")),
    ("fi", _("Finnish")),
    ("is", _("Icelandic")),
]
WAGTAIL_I18N_ENABLED = True
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = False
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [CMS_DIR / "locale"]
FORMAT_MODULE_PATH = ["cms.formats"]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [THEME_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_URL = "/static/"
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "Integration Norden <no-reply@integrationnorden.org>"
)

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Wagtail
WAGTAIL_SITE_NAME = "Integration Norden"
# The admin talks to no third party: no Gravatar avatars (initials instead),
# no check for Wagtail releases.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# The public address of the default site (e.g. https://hub.example.org): every
# absolute URL (sitemap, canonical links, feeds, GraphQL) is built from it.
# ``manage.py configure_site`` records it on the Site; development serves :8000.
HUB_PUBLIC_BASE_URL = os.environ.get("HUB_PUBLIC_BASE_URL", "")
WAGTAILADMIN_BASE_URL = os.environ.get(
    "WAGTAILADMIN_BASE_URL", HUB_PUBLIC_BASE_URL or "http://127.0.0.1:8000"
)
WAGTAILIMAGES_IMAGE_MODEL = "images.CustomImage"
WAGTAILIMAGES_IMAGE_FORM_BASE = "images.forms.ValidatedImageForm"
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "png", "gif": "png"}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [
    ("en", "English"),
    ("da", "Dansk"),
    ("nb", "Norsk bokmål"),
    ("sv", "Svenska"),
    ("fi", "Suomi"),
    ("is", "Íslenska"),
]

# The embedded search index lives beside the database unless SEARCH_PATH says otherwise.
SEARCH_PATH = Path(os.environ.get("SEARCH_PATH", DATA_DIR / "search"))

# Partner API keys: the GraphQL service reads hashes from this file (or, with
# GRAPHQL_KEYS_URL, straight from this database's partners_apikey table).
HUB_API_KEYS_FILE = Path(
    os.environ.get("HUB_API_KEYS_FILE", DATA_DIR / "api_keys.json")
)

# Per-key request counts the GraphQL service writes (the API keys list shows
# them): a SQLite file, or with HUB_USAGE_URL a postgres:// URL every host adds to.
HUB_API_USAGE_DB = Path(
    os.environ.get("HUB_API_USAGE_DB", DATA_DIR / "api_usage.sqlite3")
)
HUB_USAGE_URL = os.environ.get("HUB_USAGE_URL", "")

# Search analytics (no personal data), written by the services that run searches.
HUB_SEARCH_ANALYTICS_DB = Path(
    os.environ.get("HUB_SEARCH_ANALYTICS_DB", DATA_DIR / "search_analytics.sqlite3")
)
# A postgres:// URL instead: every GraphQL host adds to one table, read by the reports.
HUB_SEARCH_ANALYTICS_URL = os.environ.get("HUB_SEARCH_ANALYTICS_URL", "")

# Hosts that webhooks and harvested feeds may reach although they are not public.
HUB_OUTBOUND_ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("HUB_OUTBOUND_ALLOWED_HOSTS", "").split(",")
    if h.strip()
]

# The public search page calls the GraphQL service like any partner would.
HUB_GRAPHQL_URL = os.environ.get("HUB_GRAPHQL_URL", "http://127.0.0.1:8001/graphql")
HUB_GRAPHQL_API_KEY = os.environ.get("HUB_GRAPHQL_API_KEY", "")  # sent as X-API-Key
HUB_GRAPHQL_TIMEOUT = float(os.environ.get("HUB_GRAPHQL_TIMEOUT", "5"))

# Public form posts per client address and period (counted in the cache: share it
# between processes in production, e.g. REDIS_URL).
HUB_FORM_RATE_LIMIT = int(os.environ.get("HUB_FORM_RATE_LIMIT", "10"))
HUB_FORM_RATE_PERIOD = int(os.environ.get("HUB_FORM_RATE_PERIOD", "60"))
HUB_TRUSTED_PROXY_COUNT = int(os.environ.get("HUB_TRUSTED_PROXY_COUNT", "0"))

# Personal data in applications is erased this many days after the call closes.
APPLICATION_RETENTION_DAYS = int(
    os.environ.get("HUB_APPLICATION_RETENTION_DAYS", "365")
)

# Personal data in event sign-ups is erased this many days after the event ends.
EVENT_REGISTRATION_RETENTION_DAYS = int(
    os.environ.get("HUB_EVENT_REGISTRATION_RETENTION_DAYS", "90")
)

# HUB_LOG_FORMAT=json: one JSON object per line with the request id (production);
# text by default (see graphql_service.logs).
LOGGING = logging_config(
    log_format(),
    os.environ.get("HUB_LOG_LEVEL", "INFO"),
    # Wagtail's background tasks log every run at INFO; keep the console readable.
    loggers={
        "django_tasks": {"level": "WARNING"},
        "apscheduler": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
)

# Prometheus metrics at /metrics (off by default; see core.metrics). With a
# token set, scrapers must send it as a bearer token.
HUB_METRICS = os.environ.get("HUB_METRICS", "").strip().lower() in {"1", "true", "yes"}
HUB_METRICS_TOKEN = os.environ.get("HUB_METRICS_TOKEN", "")
