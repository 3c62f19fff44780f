"""Whole selections of plain fields, answered in one loop.

A feed item's selection (``id title date lead url image { alt rendition(width:
400) { url width height } }``) is made of fields that read an attribute or
call a plain method and end in scalars, plain objects or lists of them.
Field by field, graphql-core still walks five calls deep per field and per
object (complete, collect, execute, complete again). :func:`run` answers such
a selection in one loop, from :class:`Step`\\ s compiled once per document and
set of variables (:mod:`graphql_service.execution`).

It answers only when nothing unusual happens. A missing attribute, a null
where the schema forbids one, a value the scalar refuses, a method that
raises or an object its type refuses returns :data:`BAIL`, and the caller
gives the whole object to graphql-core's normal path, which reports it with
the right path and nullability.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Final, NamedTuple

from graphql.pyutils import Undefined

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "ATTRIBUTE",
    "BAIL",
    "CALL",
    "LEAF",
    "LIST",
    "OBJECT",
    "TYPENAME",
    "Item",
    "Step",
    "run",
]

#: Returned when the normal path must answer the object.
BAIL: Final = object()
_MISSING: Final = object()

# How a step reads its value.
ATTRIBUTE: Final = 0
CALL: Final = 1
TYPENAME: Final = 2
# What the value is.
LEAF: Final = 0
OBJECT: Final = 1
LIST: Final = 2


class Item(NamedTuple):
    """What a value (or a list's item) is and how it is completed."""

    kind: int
    #: The scalar's coercion (``LEAF``), the object's steps (``OBJECT``) or
    #: the items' own :class:`Item` (``LIST``).
    then: Any
    nullable: bool
    #: The object type's own check of a value (strawberry's ``is_type_of``).
    check: Callable[[Any, Any], bool] | None = None


class Step(NamedTuple):
    """One response key of a selection."""

    key: str
    reads: int
    #: The attribute (``ATTRIBUTE``), the call taking the source (``CALL``)
    #: or the type's name (``TYPENAME``).
    reader: Any
    item: Item | None


def run(steps: tuple[Step, ...], source: Any) -> Any:
    """The answer for ``source``, or :data:`BAIL`."""
    answer: dict[str, Any] = {}
    for key, reads, reader, item in steps:
        if reads == ATTRIBUTE:
            value = getattr(source, reader, _MISSING)
            if value is _MISSING:
                return BAIL
        elif reads == CALL:
            try:
                value = reader(source)
            except Exception:  # noqa: BLE001 - the normal path reports it
                return BAIL
        else:
            answer[key] = reader
            continue
        completed = complete(item, value)  # type: ignore[arg-type]
        if completed is BAIL:
            return BAIL
        answer[key] = completed
    return answer


def complete(item: Item, value: Any) -> Any:
    """``value`` as the answer holds it, or :data:`BAIL`."""
    if value is None:
        return None if item.nullable else BAIL
    kind = item.kind
    if kind == LEAF:
        try:
            coerced = item.then(value)
        except Exception:  # noqa: BLE001 - the normal path reports it
            return BAIL
        return BAIL if coerced is None or coerced is Undefined else coerced
    if kind == OBJECT:
        check = item.check
        if check is not None and not check(value, None):
            return BAIL
        return run(item.then, value)
    if isinstance(value, str | bytes | dict) or not isinstance(value, Iterable):
        return BAIL
    inner: Item = item.then
    items = []
    for element in value:
        completed = complete(inner, element)
        if completed is BAIL:
            return BAIL
        items.append(completed)
    return items
