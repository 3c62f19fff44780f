"""Turn CMS events into outbox rows, in the transaction of the change itself."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site, TranslatableMixin
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


def on_site_saved(sender, instance: Site, **kwargs) -> None:
    # Each document's URL starts with its site's address, which may have changed.
    root = Page.objects.filter(pk=instance.root_page_id).first()
    if root is None:
        return
    for home in Page.objects.filter(translation_key=root.translation_key):
        enqueue_pages(home.get_descendants(inclusive=True).live(), "site changed")


def on_model_deleted(sender, instance, **kwargs) -> None:
    if is_indexed_model(sender):
        enqueue(instance, "deleted", delete=True)


def on_model_saved(sender, instance, **kwargs) -> None:
    # Snippets (expert profiles) have no publish step: every save may change them.
    if not is_indexed_model(sender) or isinstance(instance, Page):
        return
    if isinstance(instance, TranslatableMixin):
        # Consent withdrawn in one language hides every language version.
        for member in sender._default_manager.filter(
            translation_key=instance.translation_key
        ):
            enqueue(member, "saved")
            _enqueue_referencing_pages(member)
    else:
        enqueue(instance, "saved")


def _enqueue_referencing_pages(instance) -> None:
    """Pages that show this snippet (speakers, group members) carry its name."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    page_type = ContentType.objects.get_for_model(Page)
    page_ids = {
        int(pk)
        for pk in ReferenceIndex.get_references_to(instance)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    }
    page_ids.update(_inline_page_ids(instance))
    pages = Page.objects.filter(pk__in=page_ids).live()
    enqueue_pages(pages.specific(), "snippet changed")


def _inline_page_ids(instance) -> set[int]:
    """Pages whose inline rows (a ParentalKey to a page) point at ``instance``.

    Direct, so it does not wait for the reference index to be rebuilt.
    """
    from modelcluster.fields import ParentalKey

    ids: set[int] = set()
    for relation in type(instance)._meta.related_objects:
        if not relation.many_to_one and not relation.one_to_one:
            continue
        row_model = relation.related_model
        parent_keys = [
            f
            for f in row_model._meta.fields
            if isinstance(f, ParentalKey) and issubclass(f.related_model, Page)
        ]
        for parent_key in parent_keys:
            ids.update(
                row_model._default_manager.filter(
                    **{relation.field.name: instance}
                ).values_list(parent_key.attname, flat=True)
            )
    return ids


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
    post_save.connect(on_site_saved, sender=Site, dispatch_uid="indexing.site")
    post_delete.connect(on_model_deleted, dispatch_uid="indexing.deleted")
    post_save.connect(on_model_saved, dispatch_uid="indexing.saved")
