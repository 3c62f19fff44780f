"""Production: every secret comes from the environment; start-up stops without one.

Wagtail's own search (the admin's search of pages, snippets, images and
documents) runs on the search engine when one is configured, and on the
database otherwise (:mod:`cms.admin_search`):

* ``SEARCH_URLS`` (the read model's engine, comma-separated) selects Wagtail's
  OpenSearch backend. The admin search reuses it because the deployment runs
  one cluster for both: one variable cannot leave the admin on the database, or
  on another cluster, by mistake once the read model has moved to the engine;
* ``WAGTAILSEARCH_URLS`` overrides it: another cluster (or credentials,
  ``https://user:password@host:9200``) for the admin, or set empty to keep the
  admin on the database backend;
* ``WAGTAILSEARCH_INDEX_PREFIX`` (default ``<SEARCH_INDEX_PREFIX>wagtail_``):
  indices are ``<prefix><app>_<model>`` (``wagtail_wagtailcore_page`` ...),
  apart from the read model's ``<SEARCH_INDEX_PREFIX>hub*``;
* ``WAGTAILSEARCH_TIMEOUT``: seconds per request to the engine (default 10).

On the engine, saves and deletes update the index at once (``AUTO_UPDATE``)
and ``manage.py update_index`` rebuilds it beside the live one and swaps an
alias (``ATOMIC_REBUILD``); run it once after switching to the engine.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from cms.admin_search import (
    DATABASE_BACKEND,
    import_opensearch_client,
    wagtailsearch_backends,
)

from .base import *  # noqa: F403
from .base import LOGGING

_REQUIRED = ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL")
_missing = [name for name in _REQUIRED if not os.environ.get(name)]
if _missing:
    raise ImproperlyConfigured(
        "Missing required environment variables: " + ", ".join(_missing)
    )

if HUB_METRICS and not HUB_METRICS_TOKEN:  # noqa: F405
    # The CMS is public: its /metrics must not be.
    raise ImproperlyConfigured("HUB_METRICS is on: set HUB_METRICS_TOKEN too.")

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
CSRF_TRUSTED_ORIGINS = [
    o.strip()
    for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",")
    if o.strip()
]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "SAMEORIGIN"
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }

WAGTAILSEARCH_BACKENDS = wagtailsearch_backends(os.environ)
if WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] != DATABASE_BACKEND:
    import_opensearch_client()
    # The client logs every request at INFO; keep failures only.
    _loggers = {**LOGGING["loggers"], "opensearch": {"level": "WARNING"}}
    LOGGING = {**LOGGING, "loggers": _loggers}
