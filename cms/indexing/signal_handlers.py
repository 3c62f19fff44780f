"""Turn CMS events into outbox rows, in the transaction of the change itself."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

from indexing.outbox import enqueue, enqueue_pages
from indexing.registry import is_indexed_model


def _translations(page: Page):
    return Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)


def on_page_published(sender, instance: Page, **kwargs) -> None:
    enqueue(instance, "published")
    # Other language versions list this one among their translations.
    enqueue_pages(_translations(instance).live(), "translation published")


def on_page_unpublished(sender, instance: Page, **kwargs) -> None:
    enqueue(instance, "unpublished", delete=True)
    enqueue_pages(_translations(instance).live(), "translation unpublished")


def on_page_moved(sender, instance: Page, **kwargs) -> None:
    # URLs and visibility of the whole subtree may have changed.
    enqueue_pages(instance.get_descendants(inclusive=True).specific(), "moved")


def on_slug_changed(sender, instance: Page, **kwargs) -> None:
    enqueue_pages(instance.get_descendants(inclusive=True).specific(), "slug changed")


def on_restriction_changed(sender, instance: PageViewRestriction, **kwargs) -> None:
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        enqueue_pages(
            page.get_descendants(inclusive=True).specific(), "privacy changed"
        )


def on_model_deleted(sender, instance, **kwargs) -> None:
    if is_indexed_model(sender):
        enqueue(instance, "deleted", delete=True)


def on_model_saved(sender, instance, **kwargs) -> None:
    # Snippets (expert profiles) have no publish step: every save may change them.
    if is_indexed_model(sender) and not isinstance(instance, Page):
        enqueue(instance, "saved")


def register_signal_handlers() -> None:
    import indexing.documents  # noqa: F401  (fills the registry)

    page_published.connect(on_page_published, dispatch_uid="indexing.published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="indexing.unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="indexing.moved")
    page_slug_changed.connect(on_slug_changed, dispatch_uid="indexing.slug")
    post_save.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="indexing.pvr+"
    )
    post_delete.connect(
        on_restriction_changed, sender=PageViewRestriction, dispatch_uid="indexing.pvr-"
    )
    post_delete.connect(on_model_deleted, dispatch_uid="indexing.deleted")
    post_save.connect(on_model_saved, dispatch_uid="indexing.saved")
