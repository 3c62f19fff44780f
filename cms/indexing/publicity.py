"""What may appear in the read model: only what an anonymous visitor may see."""

from __future__ import annotations

from wagtail.models import Page, PageViewRestriction

from core.visibility import has_expired


def page_is_public(page: Page) -> bool:
    """Live, not expired, reachable through a site and free of view restrictions.

    Restrictions (password, login, groups) on the page or any ancestor hide it.
    """
    if not page.live or page.expired or has_expired(page):
        return False
    step = page.steplen
    ancestor_paths = [page.path[:i] for i in range(step, len(page.path) + 1, step)]
    if PageViewRestriction.objects.filter(page__path__in=ancestor_paths).exists():
        return False
    return page.get_url_parts() is not None
