"""Helpers of the resolvers: ids, locales and loading items in a language."""

from __future__ import annotations

import binascii
from typing import TYPE_CHECKING, TypeGuard, TypeVar

from strawberry.relay import GlobalID
from strawberry.relay.types import GlobalIDValueError

from graphql_service.common.groups import best_version_of
from graphql_service.common.listing import ListFilters, list_documents, to_connection
from graphql_service.common.types import Content, graphql_type, to_content
from search.documents import Document

if TYPE_CHECKING:
    from graphql_service.common.pagination import Connection
    from graphql_service.context import Context

C = TypeVar("C", bound=Content)

__all__ = [
    "ListFilters",
    "document_id",
    "item_of_type",
    "list_of",
    "load_content",
    "load_contents",
    "load_in_locale",
    "requested_locale",
]


def requested_locale(context: Context, locale: str | None) -> str:
    """The locale argument, else the request's locale."""
    return locale or context.locale


def document_id(value: str) -> tuple[str, str | None]:
    """Read-model id and GraphQL type name of an ``ID`` argument.

    Accepts a Relay global ID (``node { id }``) or a read-model id
    (``documentId``, e.g. ``news:42``); the type name is ``None`` for the latter.
    """
    if ":" not in value:
        try:
            global_id = GlobalID.from_id(value)
        except (GlobalIDValueError, binascii.Error, ValueError):
            return value, None
        if graphql_type(global_id.type_name) is not None:
            return global_id.node_id, global_id.type_name
    return value, None


async def load_in_locale(
    context: Context, doc_id: str, locale: str | None
) -> Document | None:
    """The document ``doc_id``, or its best version for ``locale`` when given."""
    document = await context.documents.load(doc_id)
    if document is None or locale is None or document.locale == locale:
        return document
    members = await context.groups.load(document.translation_key)
    return best_version_of(document, members, context.chain(locale))


async def load_content(
    context: Context, doc_id: str, locale: str | None
) -> Content | None:
    """The item ``doc_id`` as GraphQL object (best version for ``locale``)."""
    document = await load_in_locale(context, doc_id, locale)
    if document is None:
        return None
    return to_content(document, locale or document.locale)


async def load_contents(
    context: Context, ids: list[str], locale: str
) -> list[Content | None]:
    """Several items, each in its best version for ``locale`` (two batches)."""
    if not ids:
        return []
    documents = [
        document if _is_document(document) else None
        for document in await context.documents.load_many(ids)
    ]
    chain = context.chain(locale)
    # Only versions outside the first locale can have a better one.
    keys = [
        document.translation_key
        for document in documents
        if document is not None and document.locale != chain[0]
    ]
    groups = dict(zip(keys, await context.groups.load_many(keys), strict=True))
    results: list[Content | None] = []
    for document in documents:
        if document is None:
            results.append(None)
            continue
        members = groups.get(document.translation_key, [])
        results.append(to_content(best_version_of(document, members, chain), locale))
    return results


def _is_document(value: object) -> TypeGuard[Document]:
    return isinstance(value, Document)


async def item_of_type(
    context: Context, value: str, locale: str | None, cls: type[C]
) -> C | None:
    """The item with id ``value`` if it is a ``cls`` (else ``None``)."""
    doc_id, type_name = document_id(value)
    if type_name is not None and type_name != cls.__name__:
        return None
    item = await load_content(context, doc_id, locale)
    return item if isinstance(item, cls) else None


async def list_of(
    context: Context,
    cls: type[C],
    filters: ListFilters,
    *,
    locale: str | None,
    fallback: bool,
    first: int,
    after: str | None,
) -> Connection[C]:
    """A page of items of one GraphQL type (see :mod:`.listing`)."""
    wanted = requested_locale(context, locale)
    page = await list_documents(
        context, filters, locale=wanted, fallback=fallback, first=first, after=after
    )

    def convert(document: Document) -> C:
        item = to_content(document, wanted)
        if not isinstance(item, cls):  # pragma: no cover - types filter guarantees
            raise TypeError(f"{document.id} is not a {cls.__name__}")
        return item

    return to_connection(page, convert)
