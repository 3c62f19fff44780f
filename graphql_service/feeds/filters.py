"""Feed kinds and the query-string filters of the feed and calendar URLs."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from search.documents import LOCALES
from search.query import MAX_PAGE_SIZE

__all__ = [
    "CALENDAR_PARAMETERS",
    "FEED_PARAMETERS",
    "KINDS",
    "FilterError",
    "Filters",
    "parse_filters",
]

#: Feed kind -> document types it lists (``all`` lists every one of them).
KINDS: Final[dict[str, tuple[str, ...]]] = {
    "news": ("news", "external"),
    "events": ("event",),
    "knowledge": (
        "publication",
        "learning_example",
        "statistics",
        "country_comparison",
    ),
    "funding": ("funding_call", "call_for_applications"),
}
KINDS["all"] = tuple(t for types in list(KINDS.values()) for t in types)

#: Query parameters of ``/feeds/{kind}.{format}`` and of ``/calendar.ics``.
FEED_PARAMETERS: Final = ("locale", "theme", "country", "type", "limit")
CALENDAR_PARAMETERS: Final = ("locale", "theme", "country", "limit")
DEFAULT_LIMIT: Final = 50
_MAX_VALUES: Final = 20
_SLUG_RE: Final = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")


class FilterError(ValueError):
    """A query parameter the feeds cannot use (answered with 400)."""


@dataclass(frozen=True, slots=True)
class Filters:
    """Validated filters; each tuple is sorted so equal filters compare equal."""

    locales: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    limit: int = DEFAULT_LIMIT

    def key(self) -> str:
        """Canonical text of the filters (part of the ETag)."""
        return "|".join(
            [
                ",".join(self.locales),
                ",".join(self.themes),
                ",".join(self.countries),
                ",".join(self.types),
                str(self.limit),
            ]
        )


def _values(params: Sequence[tuple[str, str]], name: str) -> tuple[str, ...]:
    """Values of ``name``: repeated parameters and comma-separated lists."""
    values: list[str] = []
    for key, raw in params:
        if key != name:
            continue
        for part in raw.split(","):
            value = part.strip()
            if not value:
                raise FilterError(f"{name}: empty value")
            values.append(value)
    if len(values) > _MAX_VALUES:
        raise FilterError(f"{name}: at most {_MAX_VALUES} values are allowed")
    return tuple(sorted(set(values)))


def _slugs(
    params: Sequence[tuple[str, str]],
    name: str,
    known: Mapping[str, object] | None,
) -> tuple[str, ...]:
    values = _values(params, name)
    for value in values:
        if not _SLUG_RE.match(value):
            raise FilterError(f"{name}: {value[:80]!r} is not a valid slug")
        if known and value not in known:
            raise FilterError(f"{name}: unknown {name} {value!r}")
    return values


def parse_filters(
    params: Sequence[tuple[str, str]],
    *,
    allowed: Sequence[str],
    types: Sequence[str],
    themes: Mapping[str, object] | None = None,
    countries: Mapping[str, object] | None = None,
    default_limit: int = DEFAULT_LIMIT,
) -> Filters:
    """Validate the query string.

    Args:
        params: Query parameters in order (repeats allowed).
        allowed: Parameter names accepted here.
        types: Document types the ``type`` filter may name.
        themes, countries: Known slugs; when empty, any valid slug passes.

    Raises:
        FilterError: an unknown parameter or a bad value (the message says which).
    """
    for key, _ in params:
        if key not in allowed:
            raise FilterError(
                f"unknown parameter {key[:40]!r}; use {', '.join(allowed)}"
            )
    locales = _values(params, "locale")
    for value in locales:
        if value not in LOCALES:
            raise FilterError(
                f"locale: {value[:20]!r} is not one of {', '.join(LOCALES)}"
            )
    chosen = _values(params, "type")
    for value in chosen:
        if value not in types:
            raise FilterError(f"type: {value[:40]!r} is not one of {', '.join(types)}")
    limits = _values(params, "limit")
    limit = default_limit
    if len(limits) > 1:
        raise FilterError("limit: give one value")
    if limits:
        if not limits[0].isdigit() or not 1 <= int(limits[0]) <= MAX_PAGE_SIZE:
            raise FilterError(
                f"limit: must be a whole number from 1 to {MAX_PAGE_SIZE}"
            )
        limit = int(limits[0])
    return Filters(
        locales=locales,
        themes=_slugs(params, "theme", themes),
        countries=_slugs(params, "country", countries),
        types=chosen,
        limit=limit,
    )
