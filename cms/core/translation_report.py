"""Which pages and snippets lack a translation, and which translations are stale.

The source of a translation group is its first-created member: simple translation
copies the source into the other locales, so the original is always the oldest.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.admin.utils import quote
from django.db.models import Model
from django.urls import reverse
from django.utils.text import capfirst
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models


@dataclass(frozen=True)
class ReportRow:
    status: str  # "missing" or "outdated"
    kind: str  # "page" or the snippet's verbose name
    title: str
    source_locale: str
    source_pk: int
    source_published: datetime | None
    translation_pk: int | None
    translation_published: datetime | None
    model: type[Model]
    #: The specific page type or the snippet model, for the type filter.
    type_model: type[Model] | None = None

    @property
    def is_page(self) -> bool:
        return self.kind == "page"

    @property
    def type_key(self) -> str:
        return (self.type_model or self.model)._meta.label_lower

    @property
    def type_name(self) -> str:
        return capfirst((self.type_model or self.model)._meta.verbose_name)

    @property
    def source_language(self) -> str:
        """The source's language by name, in the active (admin) language."""
        return Locale(language_code=self.source_locale).get_display_name()

    def translate_url(self) -> str:
        """simple_translation's "Translate" form for the source item."""
        if self.is_page:
            return reverse(
                "simple_translation:submit_page_translation", args=[self.source_pk]
            )
        opts = self.model._meta
        return reverse(
            "simple_translation:submit_snippet_translation",
            args=[opts.app_label, opts.model_name, quote(self.source_pk)],
        )

    def edit_translation_url(self) -> str | None:
        if self.translation_pk is None:
            return None
        if self.is_page:
            return reverse("wagtailadmin_pages:edit", args=[self.translation_pk])
        viewset = self.model.snippet_viewset  # type: ignore[attr-defined]
        return reverse(viewset.get_url_name("edit"), args=[quote(self.translation_pk)])


def translation_report(locale: Locale) -> list[ReportRow]:
    """Every missing or outdated translation into ``locale``: outdated ones first
    (a reader already sees wrong content there), then pages, then snippets."""
    rows = list(_page_rows(locale))
    for model in _translatable_snippet_models():
        rows.extend(_snippet_rows(model, locale))
    rows.sort(key=lambda row: row.status != "outdated")  # stable: keeps the rest
    return rows


def _page_rows(locale: Locale) -> Iterable[ReportRow]:
    groups: dict = defaultdict(list)
    pages = (
        Page.objects.filter(depth__gt=1, alias_of__isnull=True)
        .select_related("locale")
        .only(
            "pk",
            "title",
            "translation_key",
            "locale",
            "live",
            "last_published_at",
            "first_published_at",
            "content_type",
        )
        .order_by("pk")
    )
    for page in pages:
        groups[page.translation_key].append(page)
    for members in groups.values():
        source = members[0]
        if source.locale_id == locale.pk or not source.live:
            continue
        translation = next((p for p in members if p.locale_id == locale.pk), None)
        if translation is None:
            yield _row("missing", "page", source, None, Page)
        elif _older(translation.last_published_at, source.last_published_at):
            yield _row("outdated", "page", source, translation, Page)


def _snippet_rows(model: type[Model], locale: Locale) -> Iterable[ReportRow]:
    groups: dict = defaultdict(list)
    for obj in model.objects.select_related("locale").order_by("pk"):
        groups[obj.translation_key].append(obj)
    kind = str(model._meta.verbose_name)
    for members in groups.values():
        source = members[0]
        if source.locale_id == locale.pk:
            continue
        if not any(obj.locale_id == locale.pk for obj in members):
            yield _row("missing", kind, source, None, model)


def _row(status: str, kind: str, source, translation, model) -> ReportRow:
    return ReportRow(
        status=status,
        kind=kind,
        title=str(getattr(source, "title", None) or source),
        source_locale=source.locale.language_code,
        source_pk=source.pk,
        source_published=getattr(source, "last_published_at", None),
        translation_pk=translation.pk if translation else None,
        translation_published=getattr(translation, "last_published_at", None),
        model=model,
        type_model=source.specific_class if isinstance(source, Page) else model,
    )


def _older(translation: datetime | None, source: datetime | None) -> bool:
    if source is None:
        return False
    return translation is None or translation < source


def _translatable_snippet_models() -> list[type[Model]]:
    return [m for m in get_snippet_models() if issubclass(m, TranslatableMixin)]
