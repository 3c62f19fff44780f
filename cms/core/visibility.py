"""Which pages the public sees: live, free of view restrictions and not expired.

Wagtail unpublishes a page whose expiry has passed only when ``publish_scheduled``
runs (the scheduler does it every half minute); until then the page is still
``live``. Every public view, listing and the sitemap therefore checks the expiry
itself, through these helpers, so an expired page is never shown in between.
"""

from __future__ import annotations

from datetime import datetime
from typing import TypeVar

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page
from wagtail.query import PageQuerySet

PageQS = TypeVar("PageQS", bound=PageQuerySet)


def not_expired(now: datetime | None = None) -> Q:
    """Pages without an expiry, or whose expiry is still ahead."""
    return Q(expire_at__isnull=True) | Q(expire_at__gt=now or timezone.now())


def has_expired(page: Page, now: datetime | None = None) -> bool:
    return page.expire_at is not None and page.expire_at <= (now or timezone.now())


def public_pages(queryset: PageQS) -> PageQS:
    """``queryset`` narrowed to what an anonymous visitor may see."""
    return queryset.live().public().filter(not_expired())
