"""The hub's linked translations as text for mining (pages and snippets)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from django.db import models
from django.db.models import Count
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models

from glossary.mining import LANGUAGES, Group, SourceRef, Version
from indexing.text import stream_text

#: Page fields besides those of the page type itself that carry text.
_PAGE_FIELDS = ("title", "seo_title", "search_description")
#: Text fields that are identifiers or addresses, not prose.
_NOT_PROSE = (models.SlugField, models.URLField, models.EmailField)


def _is_prose(field: models.Field) -> bool:
    return (
        isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, _NOT_PROSE)
        and not field.choices
        and not isinstance(field, RichTextField)
    )


def _own_fields(model: type[models.Model]) -> list[models.Field]:
    """Concrete fields a page type adds to Page, or all of a snippet's."""
    base = (
        {f.name for f in Page._meta.get_fields()} if issubclass(model, Page) else set()
    )
    return [
        f
        for f in model._meta.get_fields()
        if isinstance(f, models.Field) and f.concrete and f.name not in base
    ]


def version_of(obj: models.Model) -> Version:
    """Short text fields and paragraph lists of one language version."""
    own = _own_fields(type(obj))
    names = [f.name for f in own if _is_prose(f)]
    if isinstance(obj, Page):
        names = [*_PAGE_FIELDS, *names]
    fields = {name: str(getattr(obj, name) or "") for name in names}
    passages = {
        f.name: tuple(stream_text(obj, f.name).splitlines())
        for f in own
        if isinstance(f, StreamField | RichTextField)
    }
    title = getattr(obj, "title", None) or str(obj)
    ref = SourceRef(
        model=obj._meta.label_lower,
        pk=obj.pk,
        locale=obj.locale.language_code,  # type: ignore[attr-defined]
        title=str(title)[:200],
    )
    return Version(ref=ref, fields=fields, passages=passages)


def _linked_keys(queryset: models.QuerySet) -> models.QuerySet:
    """Translation keys with versions in two or more hub languages."""
    return (
        queryset.filter(locale__language_code__in=LANGUAGES)
        .values("translation_key")
        .annotate(languages=Count("locale", distinct=True))
        .filter(languages__gte=2)
        .values("translation_key")
    )


def _groups(kind: str, members: models.QuerySet) -> Iterator[Group]:
    by_key: dict[str, list[Version]] = defaultdict(list)
    for obj in members.select_related("locale").order_by("pk").iterator():
        by_key[str(obj.translation_key)].append(version_of(obj))
    for key, versions in by_key.items():
        yield Group(key=f"{kind}:{key}", versions=tuple(versions))


def page_groups() -> Iterator[Group]:
    pages = Page.objects.filter(depth__gt=1, alias_of__isnull=True)
    linked = pages.filter(
        locale__language_code__in=LANGUAGES,
        translation_key__in=_linked_keys(pages),
    )
    yield from _groups("page", linked.specific())


def snippet_groups() -> Iterator[Group]:
    for model in get_snippet_models():
        if not issubclass(model, TranslatableMixin):
            continue
        if not any(
            _is_prose(f) or isinstance(f, RichTextField) for f in _own_fields(model)
        ):
            continue
        objects = model._default_manager.all()
        linked = objects.filter(
            locale__language_code__in=LANGUAGES,
            translation_key__in=_linked_keys(objects),
        )
        yield from _groups(model._meta.label_lower, linked)


def linked_groups() -> Iterator[Group]:
    """Every page and snippet group with versions in two or more languages."""
    yield from page_groups()
    yield from snippet_groups()
