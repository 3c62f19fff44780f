"""Language analysis shared by the index, the glossary and highlighting.

Each language gets one analyser: the *simple* tokenizer (split on anything
that is not a letter or digit), lowercasing, the Snowball stemmer of the
language and then ASCII folding. Icelandic has no stemmer in tantivy (nor in
Snowball), so Icelandic text is folded only.

Folding decision (documented here because users rely on it):

* Folding runs *after* stemming, so the stemmer still sees the real word
  ("arbejdsmarkedet" -> "arbejdsmarked"), and the indexed term is the folded
  stem. The same pipeline runs on query words, so both the spelled form and
  the form typed without Nordic letters match: "børn" and "born",
  "flyktningar" and "flyktninger" (both stem to "flyktning"), "työmarkkinat"
  and "tyomarkkinat", "þjóðin" and "thjodin".
* The canonical folding is tantivy's ASCII folding: æ -> ae, ø -> o,
  å -> a, ä -> a, ö -> o, þ -> th, ð -> d, accents dropped (é -> e, ó -> o).
  So "aerø" for Ærø works, and so does "ae" for æ.
* The other common transliterations, "oe" for ø/ö and "aa" for å, are
  handled on the query side: :func:`typing_variants` adds "o" and "a"
  variants of a typed word ("Tromsoe" -> "tromso", "Aalborg" stays and also
  tries "alborg"). A bare "a" typed for æ ("vardi" for "værdi") is one edit
  away from the folded form and is left to typo tolerance.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Protocol

import tantivy

from search.documents import LOCALES

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = [
    "FunctionWords",
    "FOLD_ANALYZER",
    "STEMMER_LANGUAGES",
    "QueryPart",
    "analyze",
    "analyzer",
    "analyzer_name",
    "fold",
    "is_function_word",
    "is_stopword",
    "parse_text",
    "register_analyzers",
    "typing_variants",
    "unparse",
    "word_matches",
    "words",
]

#: tantivy stemmer language of each locale (``None``: fold only).
STEMMER_LANGUAGES: Final[dict[str, str | None]] = {
    "da": "danish",
    "nb": "norwegian",
    "sv": "swedish",
    "fi": "finnish",
    "en": "english",
    "is": None,
}

#: Name of the language-neutral analyser (lowercase + fold, no stemming).
FOLD_ANALYZER: Final = "nordic_fold"

_MAX_TOKEN_LENGTH: Final = 60

# Snowball has no Icelandic stop word list; these are the commonest function
# words, only used to decide which query words are optional.
_ICELANDIC_STOPWORDS: Final = (
    "að",
    "á",
    "af",
    "eða",
    "ef",
    "ekki",
    "en",
    "er",
    "fyrir",
    "frá",
    "hann",
    "hún",
    "í",
    "og",
    "sem",
    "til",
    "um",
    "undir",
    "úr",
    "var",
    "við",
    "það",
    "þar",
    "þau",
    "þeir",
    "þessi",
    "því",
    "með",
)

_WORD_RE: Final = re.compile(r"\w+", re.UNICODE)
_PHRASE_RE: Final = re.compile(r'"([^"]*)"?')


def analyzer_name(locale: str) -> str:
    """Name under which the analyser of ``locale`` is registered in an index."""
    return f"nordic_{locale}"


def _builder() -> tantivy.TextAnalyzerBuilder:
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(_MAX_TOKEN_LENGTH))
        .filter(tantivy.Filter.lowercase())
    )


@functools.cache
def analyzer(locale: str | None) -> tantivy.TextAnalyzer:
    """The analyser of ``locale`` (``None``: the language-neutral folder)."""
    builder = _builder()
    if locale is not None:
        if locale not in STEMMER_LANGUAGES:
            raise ValueError(f"unknown locale {locale!r}")
        language = STEMMER_LANGUAGES[locale]
        if language is not None:
            builder = builder.filter(tantivy.Filter.stemmer(language))
    return builder.filter(tantivy.Filter.ascii_fold()).build()


@functools.cache
def _stopword_analyzer(locale: str) -> tantivy.TextAnalyzer:
    language = STEMMER_LANGUAGES[locale]
    stop = (
        tantivy.Filter.stopword(language)
        if language is not None
        else tantivy.Filter.custom_stopword(list(_ICELANDIC_STOPWORDS))
    )
    return _builder().filter(stop).build()


def register_analyzers(index: tantivy.Index) -> None:
    """Register every analyser on ``index`` (needed each time it is opened)."""
    for locale in LOCALES:
        index.register_tokenizer(analyzer_name(locale), analyzer(locale))
    index.register_tokenizer(FOLD_ANALYZER, analyzer(None))


@functools.lru_cache(maxsize=4096)
def _analyze_cached(text: str, locale: str | None) -> tuple[str, ...]:
    return tuple(analyzer(locale).analyze(text))


def analyze(text: str, locale: str | None) -> tuple[str, ...]:
    """Index terms of ``text`` as the field of ``locale`` would store them."""
    if len(text) <= 64:
        return _analyze_cached(text, locale)
    return tuple(analyzer(locale).analyze(text))


def fold(text: str) -> str:
    """Lowercase and ASCII-fold ``text`` word by word (joined with spaces)."""
    return " ".join(analyze(text, None))


@functools.lru_cache(maxsize=4096)
def is_stopword(word: str, locale: str) -> bool:
    """Whether ``word`` is a function word ("og", "the", "och") in ``locale``."""
    return not _stopword_analyzer(locale).analyze(word)


class FunctionWords(Protocol):
    """Dictionaries that know words only as function words (a translator)."""

    def is_function_word(self, word: str, locale: str) -> bool: ...


def is_function_word(
    word: str, locale: str, dictionaries: FunctionWords | None = None
) -> bool:
    """Whether ``word`` is a function word of ``locale``: in its stop list or,
    with ``dictionaries``, known to them only as one (Norwegian "hos", which
    no stop list has)."""
    return is_stopword(word, locale) or (
        dictionaries is not None and dictionaries.is_function_word(word, locale)
    )


def words(text: str) -> list[str]:
    """Split text into words the way the index tokenizer does."""
    return _WORD_RE.findall(text)


def word_matches(text: str) -> Iterator[re.Match[str]]:
    """The words of ``text`` with their places, split as :func:`words` splits."""
    return _WORD_RE.finditer(text)


def typing_variants(word: str) -> list[str]:
    """Other spellings users type for Nordic letters (see module docstring).

    Returns the extra forms only (never ``word`` itself), lowercased.
    """
    lowered = word.lower()
    variants: list[str] = []
    for old, new in (("aa", "a"), ("oe", "o")):
        if old in lowered:
            candidate = lowered.replace(old, new)
            if candidate != lowered and candidate not in variants:
                variants.append(candidate)
    return variants


@dataclass(frozen=True, slots=True)
class QueryPart:
    """A piece of query text: a bare word or a quoted phrase."""

    words: tuple[str, ...]
    phrase: bool = False

    @property
    def text(self) -> str:
        joined = " ".join(self.words)
        return f'"{joined}"' if self.phrase else joined


def parse_text(text: str) -> list[QueryPart]:
    """Split query text into words and ``"quoted phrases"``.

    Parsing is lenient: an unclosed quote runs to the end, punctuation is
    ignored and a phrase of one word is a word. Nothing here raises.
    """
    parts: list[QueryPart] = []
    position = 0
    for match in _PHRASE_RE.finditer(text):
        parts.extend(
            QueryPart((word,)) for word in words(text[position : match.start()])
        )
        phrase_words = tuple(words(match.group(1)))
        if len(phrase_words) > 1:
            parts.append(QueryPart(phrase_words, phrase=True))
        elif phrase_words:
            parts.append(QueryPart(phrase_words))
        position = match.end()
    parts.extend(QueryPart((word,)) for word in words(text[position:]))
    return parts


def unparse(parts: Iterable[QueryPart]) -> str:
    """Turn parts back into query text."""
    return " ".join(part.text for part in parts)
