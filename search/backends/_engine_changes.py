"""Change sync on the engine: documents and tombstones in (version, uid) order.

The ``uid`` keyword holds the same 64-bit hash as the embedded backend's uid
(16 hex digits sort like the number), so ``search_after`` on
``[version, uid]`` gives exactly the order of :mod:`search.changes`. A typed
read filters on ``type``, which tombstones of known items keep.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from search.backends._engine_mapping import SOURCE_FIELDS, load_document
from search.changes import Change, ChangeSet, next_cursor, uid_hex
from search.errors import BackendUnavailableError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from search.changes import ChangeCursor

__all__ = ["changes_request", "read_changes"]

_FIELDS: Final = [*SOURCE_FIELDS, "id", "uid", "version", "deleted"]


def changes_request(
    after: ChangeCursor | None,
    upper: int | None,
    limit: int,
    types: Sequence[str] = (),
) -> dict[str, Any]:
    """Search arguments for the ``limit + 1`` changes after ``after``, up to
    the version ``upper`` (``None``: all), of items of ``types`` only when
    given."""
    version_range: dict[str, int] = {"gte": after.version if after else 0}
    if upper is not None:
        version_range["lte"] = upper
    filters: list[dict[str, Any]] = [{"range": {"version": version_range}}]
    if types:
        filters.append({"terms": {"type": list(types)}})
    request: dict[str, Any] = {
        "query": {"bool": {"filter": filters}},
        "sort": [{"version": "asc"}, {"uid": "asc"}],
        "size": limit + 1,
        "_source": _FIELDS,
        "track_total_hits": False,
    }
    if after is not None:
        request["search_after"] = [after.version, uid_hex(after.uid)]
    return request


def read_changes(
    body: dict[str, Any],
    after: ChangeCursor | None,
    watermark: int | None,
    limit: int,
) -> ChangeSet:
    hits = body["hits"]["hits"]
    changes: list[Change] = []
    for hit in hits[:limit]:
        source = hit.get("_source") or {}
        try:
            doc_id, version = str(source["id"]), int(source["version"])
            uid = int(str(source["uid"]), 16)
        except (KeyError, TypeError, ValueError) as exc:
            raise BackendUnavailableError(
                f"the search index holds a damaged entry: {hit.get('_id')}"
            ) from exc
        document = None if source.get("deleted") else load_document(source)
        changes.append(Change(doc_id, version, uid, document))
    done = tuple(changes)
    return ChangeSet(done, next_cursor(done, after), len(hits) > limit, watermark)
