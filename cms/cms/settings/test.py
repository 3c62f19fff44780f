"""Test runs: fast hasher, in-memory e-mail and media in a throwaway folder."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

SECRET_KEY = "test-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="hub-test-media-"))
WAGTAILADMIN_BASE_URL = "http://testserver"
SEARCH_PATH = Path(tempfile.mkdtemp(prefix="hub-test-search-"))
HUB_SEARCH_ANALYTICS_DB = Path(tempfile.mkdtemp(prefix="hub-test-an-")) / "a.sqlite3"
HUB_API_KEYS_FILE = Path(tempfile.mkdtemp(prefix="hub-test-keys-")) / "api_keys.json"

# A file, not memory, for the SQLite test database: concurrency tests then meet
# SQLite's real file locking, as the running site does.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.mkdtemp(prefix="hub-test-db-")) / "test.sqlite3")
    }
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
