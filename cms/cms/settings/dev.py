"""Local development: debug on, console e-mail, embedded search."""

import os

from .base import *  # noqa: F403
from .base import DATA_DIR

DEBUG = True
SECRET_KEY = "dev-only-secret-key-not-for-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# Where make run serves the site (see base.py).
HUB_PUBLIC_BASE_URL = os.environ.get("HUB_PUBLIC_BASE_URL", "http://127.0.0.1:8000")
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DATA_DIR.mkdir(parents=True, exist_ok=True)

try:
    from .local import *  # noqa: F403
except ImportError:
    pass
