"""Where a translation came from, and what changed in its source since.

Every copy for translation (Translate in the admin, or ``copy_for_translation`` in
code) records a ``TranslationOrigin``: the source locale, the source revision and
the copied content itself. The edit view of a translation then shows the source
("Translation of …") and a field-level diff, made with Wagtail's own revision
comparison classes, between the copied content and the source's latest revision.
Content translated before origins were recorded falls back to the group's
first-created member as its source, without a diff.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from django.contrib.admin.utils import quote
from django.contrib.contenttypes.models import ContentType
from django.db.models import BooleanField, Model
from django.http import HttpRequest
from django.urls import reverse
from modelcluster.models import (
    ClusterableModel,
    get_serializable_data_for_fields,
    model_from_serializable_data,
)
from wagtail.admin.panels import get_edit_handler
from wagtail.models import DraftStateMixin, Page, RevisionMixin, TranslatableMixin
from wagtail.signals import copy_for_translation_done

from core.models import TranslationOrigin

logger = logging.getLogger(__name__)

# --- Recording where a translation came from ---------------------------------


def _copied_state(source: Model) -> tuple[Model, Any]:
    """The source as the copy saw it, and the revision holding that state.

    Wagtail copies a live page as published (a draft on top stays behind), any
    other page or draftable snippet from its latest revision, other snippets as
    saved.
    """
    if isinstance(source, Page) and source.live:
        return source, source.live_revision
    if not isinstance(source, RevisionMixin):
        return source, None
    revision = source.latest_revision
    if revision is None or not isinstance(source, (Page, DraftStateMixin)):
        return source, revision
    return revision.as_object(), revision


def _serialize(obj: Model) -> dict[str, Any]:
    if isinstance(obj, (ClusterableModel, RevisionMixin)):
        return obj.serializable_data()
    return get_serializable_data_for_fields(obj)


def _rebuild(source: Model, content: dict[str, Any]) -> Model:
    """The source object as it was when ``content`` was recorded."""
    if isinstance(source, RevisionMixin):
        return source.with_content_json(content)
    if isinstance(source, ClusterableModel):
        return type(source).from_serializable_data(
            content, check_fks=False, strict_fks=False
        )
    return model_from_serializable_data(
        type(source), content, check_fks=False, strict_fks=False
    )


def record_translation_origin(
    sender: Any, source_obj: Model, target_obj: Model, **kwargs: Any
) -> None:
    """Remember the source of every new translation (aliases follow their source
    and are never edited, so they need none)."""
    if getattr(target_obj, "alias_of_id", None):
        return
    if isinstance(source_obj, Page):
        source_obj = source_obj.specific
    copied, revision = _copied_state(source_obj)
    TranslationOrigin.objects.update_or_create(
        translation_key=source_obj.translation_key,
        locale_id=target_obj.locale_id,
        defaults={
            "source_locale_id": source_obj.locale_id,
            "content_type": ContentType.objects.get_for_model(source_obj),
            "source_revision": revision,
            "source_content": _serialize(copied),
        },
    )


def connect_signals() -> None:
    copy_for_translation_done.connect(
        record_translation_origin, dispatch_uid="core.translation_origin"
    )


# --- The source of a translation and what changed in it ------------------------


@dataclass
class FieldView:
    """One field of a comparison: its label and Wagtail's rendering (a diff or,
    when both sides are equal, the value)."""

    label: str
    comparison: Any


@dataclass
class TranslationSource:
    """What the "Translation of …" panel shows on a translation's edit view."""

    source: Model
    locale_name: str
    edit_url: str
    recorded: bool
    fields: list[FieldView] = field(default_factory=list)
    changes: list[FieldView] = field(default_factory=list)
    compare_url: str = ""
    translated_at: Any = None

    @property
    def title(self) -> str:
        if isinstance(self.source, Page):
            return self.source.get_admin_display_title()
        return str(self.source)


def _group(obj: TranslatableMixin):
    model = obj.get_translation_model()
    group = model._default_manager.filter(translation_key=obj.translation_key)
    if issubclass(model, Page):
        group = group.filter(alias_of__isnull=True)
    return group.exclude(pk=obj.pk).select_related("locale")


def find_source(
    obj: TranslatableMixin,
) -> tuple[Model, TranslationOrigin | None] | None:
    """The version ``obj`` was translated from: the recorded source when there is
    one, otherwise the group's first-created member (simple translation copies the
    original), or None when ``obj`` is itself the original."""
    origin = (
        TranslationOrigin.objects.filter(
            translation_key=obj.translation_key, locale_id=obj.locale_id
        )
        .exclude(source_locale_id=obj.locale_id)
        .first()
    )
    group = _group(obj)
    source = None
    if origin is not None:
        source = group.filter(locale_id=origin.source_locale_id).first()
    if source is None:
        origin = None
        source = group.filter(pk__lt=obj.pk).order_by("pk").first()
    if source is None:
        return None
    if isinstance(source, Page):
        source = source.specific
    return source, origin


def _comparisons(obj: Model, request: HttpRequest) -> list[Any]:
    model = type(obj)
    if isinstance(obj, Page):
        handler = model.get_edit_handler()  # type: ignore[attr-defined]
    elif viewset := getattr(model, "snippet_viewset", None):
        handler = viewset.get_edit_handler()
    else:
        handler = get_edit_handler(model)
    return handler.get_bound_panel(
        instance=obj, request=request, form=None
    ).get_comparison()


def _compare(comparison: Any, a: Model, b: Model) -> Any | None:
    """Wagtail's comparison of one field, or None when it cannot be made (a panel
    whose field the source no longer has): the edit view must still open."""
    try:
        result = comparison(a, b)
        result.has_changed()
    except Exception:
        logger.warning("No comparison for %r", comparison, exc_info=True)
        return None
    return result


def _has_value(comparison: Any) -> bool:
    """Whether the source's field holds something worth showing a translator."""
    if not comparison.is_field:
        return bool(comparison.get_child_comparisons())
    if isinstance(comparison.field, BooleanField):
        return False  # a flag copied along with the page says nothing to a translator
    value = comparison.val_a
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    try:
        return len(value) > 0  # stream values, lists of related objects
    except TypeError:
        return True


def translation_source(obj: Model, request: HttpRequest) -> TranslationSource | None:
    """The panel's content for ``obj``, or None when it is not a translation."""
    if not isinstance(obj, TranslatableMixin) or obj.pk is None:
        return None
    found = find_source(obj)
    if found is None:
        return None
    source, origin = found
    latest = (
        source.get_latest_revision_as_object()
        if isinstance(source, RevisionMixin)
        else source
    )
    if isinstance(source, Page):
        edit_url = reverse("wagtailadmin_pages:edit", args=[source.pk])
    else:
        viewset = type(source).snippet_viewset  # type: ignore[attr-defined]
        edit_url = reverse(viewset.get_url_name("edit"), args=[quote(source.pk)])
    info = TranslationSource(
        source=latest,
        locale_name=source.locale.get_display_name(),
        edit_url=edit_url,
        recorded=origin is not None,
        translated_at=origin.created_at if origin else None,
    )
    comparisons = _comparisons(source, request)
    for comparison in comparisons:
        shown = _compare(comparison, latest, latest)
        if shown is not None and _has_value(shown):
            info.fields.append(FieldView(str(shown.field_label()), shown))
    if origin is not None and origin.source_content:
        then = _rebuild(source, origin.source_content)
        for comparison in comparisons:
            diff = _compare(comparison, then, latest)
            if diff is not None and diff.has_changed():
                info.changes.append(FieldView(str(diff.field_label()), diff))
        if isinstance(source, Page) and origin.source_revision_id:
            info.compare_url = reverse(
                "wagtailadmin_pages:revisions_compare",
                args=[source.pk, origin.source_revision_id, "latest"],
            )
    return info
