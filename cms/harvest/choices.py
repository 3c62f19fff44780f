"""Choices for external sources and their runs."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SourceKind(models.TextChoices):
    FEED = "feed", _("RSS or Atom feed")
    JSON_FEED = "json_feed", _("JSON Feed")
    SITEMAP = "sitemap", _("Sitemap (web pages)")


class RunStatus(models.TextChoices):
    NEVER = "never", _("Not run yet")
    OK = "ok", _("OK")
    NOT_MODIFIED = "not_modified", _("OK (not modified)")
    WARNING = "warning", _("OK with warnings")
    FAILED = "failed", _("Failed")
