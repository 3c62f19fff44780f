"""How query text becomes clauses, whatever the engine.

Both backends turn the parsed query (words and quoted phrases) into the same
clauses: each word matches in every searched language (stemmed, folded,
fuzzy where allowed); runs of words that name a glossary concept also match
the concept's terms in the other Nordic languages; a quoted phrase that is
exactly one concept matches that concept's terms as phrases; stop words are
optional unless the query has nothing else. Subclasses build the engine's own
query objects for words, phrases and concepts; this class decides which.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Generic, TypeVar

from search.analysis import is_stopword

if TYPE_CHECKING:
    from collections.abc import Sequence

    from search.analysis import QueryPart
    from search.glossary import Glossary, GlossaryMatch

__all__ = ["TextClauses"]

Q = TypeVar("Q")


class TextClauses(ABC, Generic[Q]):
    """Clause planning shared by the query builders of both backends."""

    glossary: Glossary
    search_locales: tuple[str, ...]
    glossary_locales: tuple[str, ...]
    expand: bool

    @abstractmethod
    def word(self, word: str) -> list[Q]:
        """Alternatives matching one query word."""

    @abstractmethod
    def phrase(self, words: Sequence[str]) -> list[Q]:
        """Alternatives matching the words together, in order."""

    @abstractmethod
    def concept(
        self, match: GlossaryMatch, words: Sequence[str], *, loose: bool = True
    ) -> list[Q]:
        """Alternatives for query words that matched glossary concepts."""

    @abstractmethod
    def any_of(self, options: Sequence[Q]) -> Q:
        """One clause matching any of ``options``."""

    def clauses(
        self, parts: Sequence[QueryPart], stop_locale: str | None
    ) -> list[tuple[Q, bool]]:
        """``(clause, optional)`` pairs for the query text."""
        clauses: list[tuple[Q, bool]] = []
        run: list[str] = []

        def is_stop(word: str) -> bool:
            if stop_locale is not None:
                return is_stopword(word, stop_locale)
            return all(is_stopword(word, locale) for locale in self.search_locales)

        def flush() -> None:
            if not run:
                return
            matches = (
                self.glossary.match(run, self.glossary_locales) if self.expand else []
            )
            position = 0
            for match in [*matches, None]:
                end = match.start if match is not None else len(run)
                for word in run[position:end]:
                    options = self.word(word)
                    if options:
                        clauses.append((self.any_of(options), is_stop(word)))
                if match is not None:
                    clauses.append((self.any_of(self.concept(match, run)), False))
                    position = match.end
            run.clear()

        for part in parts:
            if part.phrase:
                flush()
                options = self.phrase(part.words)
                if options and self.expand:
                    matches = self.glossary.match(part.words, self.glossary_locales)
                    if (
                        len(matches) == 1
                        and matches[0].start == 0
                        and matches[0].end == len(part.words)
                    ):
                        options = self.concept(matches[0], part.words, loose=False)
                if options:
                    clauses.append((self.any_of(options), False))
            else:
                run.extend(part.words)
        flush()
        if clauses and all(optional for _, optional in clauses):
            clauses = [(clause, False) for clause, _ in clauses]
        return clauses
