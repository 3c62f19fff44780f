"""Words of searches that found nothing and that nothing translates.

A search that found nothing in any language often used a word that neither
the cross-language lexicon nor the glossary translates: such a word can only
match material in its own language. The report of searches without results
lists those words, each with a link to a new glossary concept that already
holds the word in the query's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.urls import reverse

from glossary.models import LANGUAGE_FIELDS, GlossaryConcept, field_name
from search.analysis import is_stopword, parse_text
from search.documents import LOCALES
from search.glossary import Glossary

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from search.analytics import QueryStat
    from search.crosslingual import Translator

#: Longest word the "Add to glossary" link carries (longer ones are not words).
MAX_WORD_LENGTH = 80


@dataclass(frozen=True)
class MissingWord:
    """A query word without translation, and where to add it to the glossary."""

    word: str
    add_url: str


@dataclass(frozen=True)
class ReportRow:
    """A search without results and its words that nothing translates."""

    stat: QueryStat
    missing: tuple[MissingWord, ...]


def current_glossary() -> Glossary:
    """The glossary searches use: the staff's concepts, or the starter set
    while there are none (as the search service does)."""
    rows = [concept.as_row() for concept in GlossaryConcept.objects.all()]
    return Glossary.from_rows(rows) if rows else Glossary.default()


def add_url(word: str, locale: str) -> str:
    """The glossary concept create view, prefilled with ``word`` in ``locale``."""
    base = reverse("wagtailsnippets_glossary_glossaryconcept:add")
    return f"{base}?{urlencode({field_name(locale): word})}"


def untranslated_words(
    query: str, locale: str, translator: Translator, glossary: Glossary
) -> list[str]:
    """Words of ``query`` (in ``locale``) that neither a glossary concept nor
    the lexicon translates; function words and numbers are left out."""
    if locale not in LOCALES or locale not in LANGUAGE_FIELDS:
        return []
    words = [word.lower() for part in parse_text(query) for word in part.words]
    covered: set[int] = set()
    for match in glossary.match(words, (locale,)):
        covered.update(range(match.start, match.end))
    missing: list[str] = []
    for position, word in enumerate(words):
        if (
            position in covered
            or word in missing
            or not word.isalpha()
            or len(word) > MAX_WORD_LENGTH
            or is_stopword(word, locale)
        ):
            continue
        if not translator.translate(word, locale, LOCALES):
            missing.append(word)
    return missing


def report_rows(
    stats: Iterable[QueryStat],
    translator: Translator,
    glossary: Glossary | None = None,
) -> Sequence[ReportRow]:
    """Each search without results with its untranslated words."""
    glossary = glossary if glossary is not None else current_glossary()
    return [
        ReportRow(
            stat,
            tuple(
                MissingWord(word, add_url(word, stat.locale))
                for word in untranslated_words(
                    stat.query, stat.locale, translator, glossary
                )
            ),
        )
        for stat in stats
    ]
