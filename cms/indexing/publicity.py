"""What may appear in the read model: only what an anonymous visitor may see."""

from __future__ import annotations

from django.utils import timezone
from wagtail.models import Page, PageViewRestriction


def page_is_public(page: Page) -> bool:
    """Live, not expired, reachable through a site and free of view restrictions.

    Restrictions (password, login, groups) on the page or any ancestor hide it.
    """
    if not page.live or page.expired:
        return False
    if page.expire_at is not None and page.expire_at <= timezone.now():
        return False
    step = page.steplen
    ancestor_paths = [page.path[:i] for i in range(step, len(page.path) + 1, step)]
    if PageViewRestriction.objects.filter(page__path__in=ancestor_paths).exists():
        return False
    return page.get_url_parts() is not None
