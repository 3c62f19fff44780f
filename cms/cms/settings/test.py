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
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
