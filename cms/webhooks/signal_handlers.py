"""Turn CMS changes into webhook events, in the transaction of the change itself.

These receivers listen to the same Wagtail and Django signals as the search
indexer (``indexing.signal_handlers``) and only write rows.
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished
from wagtail.signals import post_page_move as page_moved

from indexing.registry import is_indexed_model
from webhooks.choices import EventKind
from webhooks.outbox import record_pages, record_removal, record_state


def on_page_published(sender, instance: Page, **kwargs) -> None:
    record_state(instance, changed=True)


def on_page_unpublished(sender, instance: Page, **kwargs) -> None:
    record_removal(instance, EventKind.UNPUBLISHED)


def on_model_deleted(sender, instance, **kwargs) -> None:
    if is_indexed_model(sender):
        visible = instance.live if isinstance(instance, Page) else True
        record_removal(instance, EventKind.DELETED, was_visible=visible)


def on_snippet_saved(sender, instance, raw=False, **kwargs) -> None:
    # Snippets (expert profiles, taxonomy terms) have no publish step. Fixture
    # loading (raw) is skipped: related rows may not exist yet.
    if raw:
        return
    if is_indexed_model(sender) and not isinstance(instance, Page):
        record_state(instance, changed=True)


def on_page_moved(sender, instance: Page, **kwargs) -> None:
    # The URLs (and perhaps the privacy) of the whole subtree changed.
    record_pages(
        instance.get_descendants(inclusive=True).live().specific(), changed=True
    )


def on_slug_changed(sender, instance: Page, **kwargs) -> None:
    # The page itself announces its new URL through page_published.
    record_pages(instance.get_descendants().live().specific(), changed=True)


def on_restriction_changed(sender, instance: PageViewRestriction, **kwargs) -> None:
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        subtree = page.get_descendants(inclusive=True).live().specific()
        record_pages(subtree, changed=False)


def register_signal_handlers() -> None:
    import indexing.documents  # noqa: F401  (fills the registry)

    page_published.connect(on_page_published, dispatch_uid="webhooks.published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="webhooks.unpublished")
    page_moved.connect(on_page_moved, dispatch_uid="webhooks.moved")
    page_slug_changed.connect(on_slug_changed, dispatch_uid="webhooks.slug")
    post_save.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="webhooks.pvr+"
    )
    post_delete.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="webhooks.pvr-"
    )
    post_delete.connect(on_model_deleted, dispatch_uid="webhooks.deleted")
    post_save.connect(on_snippet_saved, dispatch_uid="webhooks.saved")
