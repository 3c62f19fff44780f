"""Custom scalars: ``LocaleCode`` and ``HTML``.

They are plain ``NewType``s for Python; :data:`SCALAR_MAP` tells strawberry
how to expose them (``StrawberryConfig.scalar_map``).
"""

from __future__ import annotations

from typing import Any, Final, NewType

import strawberry
from strawberry.types.scalar import ScalarDefinition

from search.documents import LOCALES

__all__ = ["HTML", "SCALAR_MAP", "LocaleCode", "parse_locale"]

LocaleCode = NewType("LocaleCode", str)
HTML = NewType("HTML", str)


def parse_locale(value: Any) -> LocaleCode:
    """Check a locale code sent by a client.

    Raises:
        ValueError: not one of the hub's locales (the message lists them).
    """
    if not isinstance(value, str) or value not in LOCALES:
        raise ValueError(
            f"{value!r} is not a supported locale; use one of {', '.join(LOCALES)}"
        )
    return LocaleCode(value)


def _parse_html(value: Any) -> HTML:
    if not isinstance(value, str):
        raise ValueError("HTML must be a string")
    return HTML(value)


SCALAR_MAP: Final[dict[object, ScalarDefinition]] = {
    LocaleCode: strawberry.scalar(
        name="LocaleCode",
        description=(
            "A content language of the hub: da (Danish), nb (Norwegian Bokmål), "
            "sv (Swedish), fi (Finnish), is (Icelandic) or en (English)."
        ),
        serialize=str,
        parse_value=parse_locale,
    ),
    HTML: strawberry.scalar(
        name="HTML",
        description=(
            "An HTML fragment written by editors in the CMS (rich text), safe to "
            "insert into a page as is."
        ),
        serialize=str,
        parse_value=_parse_html,
    ),
}
