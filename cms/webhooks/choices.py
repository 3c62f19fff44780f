"""Choices shared by the webhook models, the worker and the admin."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    PUBLISHED = "published", _("Published")
    UPDATED = "updated", _("Updated")
    UNPUBLISHED = "unpublished", _("Unpublished")
    DELETED = "deleted", _("Deleted")


#: Events that carry the item's public content; the others carry only its identity.
CONTENT_EVENTS = frozenset({EventKind.PUBLISHED, EventKind.UPDATED})
REMOVAL_EVENTS = frozenset({EventKind.UNPUBLISHED, EventKind.DELETED})


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Skipped")
