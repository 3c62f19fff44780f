"""What a search needs to know before running: facets and highlights asked for."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from strawberry.types.nodes import (
    FragmentSpread,
    InlineFragment,
    SelectedField,
    Selection,
)

__all__ = ["FACET_FIELDS", "selected_paths"]

#: GraphQL field of ``SearchFacets`` -> facet of the read model.
FACET_FIELDS: Final = {
    "types": "type",
    "locales": "locale",
    "themes": "themes",
    "countries": "countries",
    "goals": "goals",
    "years": "year",
}


def selected_paths(selections: Iterable[Selection], depth: int = 2) -> set[str]:
    """Dotted paths of the fields selected below a field (``facets.themes``)."""
    paths: set[str] = set()

    def walk(items: Iterable[Selection], prefix: str, level: int) -> None:
        for item in items:
            if isinstance(item, SelectedField):
                path = f"{prefix}{item.name}"
                paths.add(path)
                if level < depth:
                    walk(item.selections, path + ".", level + 1)
            elif isinstance(item, InlineFragment | FragmentSpread):
                walk(item.selections, prefix, level)

    walk(selections, "", 1)
    return paths
