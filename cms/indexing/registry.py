"""Which models the read model holds, and how each becomes a search document."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models
from wagtail.models import Page

if TYPE_CHECKING:
    from search.documents import Document

Converter = Callable[[Any, int], "Document"]
PublicCheck = Callable[[Any], bool]


@dataclass(frozen=True)
class IndexedModel:
    model: type[models.Model]
    doc_type: str
    to_document: Converter
    is_public: PublicCheck


_REGISTRY: dict[type[models.Model], IndexedModel] = {}


def register(
    model: type[models.Model], doc_type: str, *, is_public: PublicCheck
) -> Callable[[Converter], Converter]:
    """Decorator: ``to_document(obj, version)`` builds the document for ``model``."""

    def decorator(func: Converter) -> Converter:
        _REGISTRY[model] = IndexedModel(model, doc_type, func, is_public)
        return func

    return decorator


def entry_for(model: type[models.Model]) -> IndexedModel | None:
    return _REGISTRY.get(model)


def is_indexed_model(model: type[models.Model]) -> bool:
    return model in _REGISTRY


def indexed_models() -> list[IndexedModel]:
    return list(_REGISTRY.values())


def doc_id_for(obj: models.Model) -> str:
    model = obj.specific_class if isinstance(obj, Page) else type(obj)
    return f"{_REGISTRY[model].doc_type}:{obj.pk}"
