"""The DataLoader every cross-item look-up goes through: documents by id."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from strawberry.dataloader import DataLoader

if TYPE_CHECKING:
    from graphql_service.common.reads import Reader
    from search.documents import Document

__all__ = ["DocumentByIdLoader", "load_documents"]

#: Ids per ``get_many`` call (the backends accept up to 1000).
MAX_BATCH: Final = 500


async def load_documents(backend: Reader, ids: list[str]) -> list[Document | None]:
    """Batch function: one ``aget_many`` per batch of ids."""
    return await backend.aget_many(ids)


def DocumentByIdLoader(
    backend: Reader,
) -> DataLoader[str, Document | None]:
    """A per-request loader of documents by id (``None`` when missing)."""

    async def batch(ids: list[str]) -> list[Document | None]:
        return await load_documents(backend, ids)

    return DataLoader(load_fn=batch, max_batch_size=MAX_BATCH)
