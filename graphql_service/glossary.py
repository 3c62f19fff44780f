"""The query-expansion glossary, kept in step with the read model.

Staff edit glossary concepts in the CMS, which indexes each as a document of
type ``glossary`` (payload ``{"row": {"concept_id": ..., "da": "a|b", ...}}``).
Each worker follows those rows through change sync
(:mod:`graphql_service.common.terms`); the service then sets the backend's
``glossary`` (both backends have one) to the glossary built from them, or, when
the read model holds none, back to the glossary the backend started with (the
starter glossary unless configured). A malformed set of rows keeps the glossary
in use.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Protocol, cast

from search.glossary import Glossary, GlossaryError

if TYPE_CHECKING:
    from search.backends.base import BaseBackend

__all__ = ["GlossaryUpdater", "glossary_from_rows"]

logger = logging.getLogger(__name__)


class _HasGlossary(Protocol):
    glossary: Glossary


def glossary_from_rows(
    rows: Sequence[Mapping[str, Any]], default: Glossary | None = None
) -> Glossary:
    """The glossary of ``rows``, or ``default`` (the starter set) without rows.

    Raises:
        search.glossary.GlossaryError: the rows are malformed.
    """
    if not rows:
        return default if default is not None else Glossary.default()
    return Glossary.from_rows(rows)


class GlossaryUpdater:
    """Sets the backend's glossary from the read model's glossary rows.

    The glossary is rebuilt only when the rows changed.
    """

    def __init__(self, backend: BaseBackend) -> None:
        self._backend = backend
        default = getattr(backend, "glossary", None)
        self._default = default if isinstance(default, Glossary) else None
        self._enabled = self._default is not None
        self._rows: tuple[Mapping[str, Any], ...] | None = None

    def __call__(self, rows: tuple[Mapping[str, Any], ...]) -> None:
        if not self._enabled or rows == self._rows:
            return
        try:
            glossary = glossary_from_rows(rows, self._default)
        except GlossaryError:
            logger.exception("the read model's glossary is malformed; keeping the old")
            return
        cast("_HasGlossary", self._backend).glossary = glossary
        self._rows = rows
        logger.info(
            "glossary updated: %d concepts (%s)",
            len(glossary),
            "from the read model" if rows else "the default set",
        )
