"""Compound parts of document words, indexed beside the text (both backends).

Danish, Norwegian, Swedish, Icelandic and Finnish write compounds as one
word: a Swedish text says "tandhälsa", a Finnish one "hammasongelmia". A
query translated into those languages usually brings the parts ("tand",
"hammas") or another compound of them, which the stemmer cannot find inside
the document's word. So each document also indexes the parts of its
compounds, in a field of their own (``parts_<locale>``, analysed like the
text, scored below a match of the whole word):

* Finnish words are cut where Voikko's analysis puts word boundaries
  ("hammas" + "ongelmia"; "turva" + "paikan" + "hakijoiden" also gives
  "turvapaikan" and "paikanhakijoiden");
* Danish, Norwegian, Swedish and Icelandic words are cut where both sides are
  terms of the lexicon (:mod:`search.lexicon`), a linking "s" or "e" dropped
  ("tandvårds|systemet" -> "tandvård", "tand", "vård", "systemet"); each
  side must have at least four letters, so that short words ("for", "til")
  do not cut ordinary words apart.

Without a lexicon (and without Voikko for Finnish) documents get no parts and
search works as before, on whole words. English documents get none.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Final

from search.analysis import analyze, fold, words
from search.lexicon.keys import term_key

if TYPE_CHECKING:
    from search.crosslingual import FinnishAnalyser
    from search.lexicon import Lexicon

__all__ = ["COMPOUND_LOCALES", "CompoundSplitter", "compound_parts"]

#: Languages that write compounds as one word.
COMPOUND_LOCALES: Final = frozenset({"da", "nb", "sv", "is", "fi"})
_MIN_WORD: Final = 8
_MIN_SIDE: Final = 4
_LINKS: Final = ("s", "e")
_MAX_DEPTH: Final = 2


class CompoundSplitter:
    """Cuts compounds into their parts (see the module docstring)."""

    def __init__(
        self, lexicon: Lexicon | None, finnish: FinnishAnalyser | None
    ) -> None:
        self.lexicon = lexicon
        self.finnish = finnish

    def _known(self, word: str, locale: str, *, head: bool = False) -> bool:
        """Whether ``word`` is a headword or an inflected form of one
        ("málum"); the last part of a compound (``head``) is inflected, so
        one whose stem is a headword's counts too ("prøven"). A first part
        that only shares a stem with a headword ("komm" of "kommuner") does
        not."""
        lexicon = self.lexicon
        if lexicon is None:
            return False
        if head and lexicon.knows(locale, term_key(word, locale)):
            return True
        return any(
            lexicon.has_head(locale, term_key(form, locale), fold(form))
            for form in (word, *lexicon.lemmas(locale, word))
        )

    def _cut(self, word: str, locale: str) -> tuple[str, str] | None:
        """The cut with the longest known head whose first part is known."""
        for cut in range(_MIN_SIDE, len(word) - _MIN_SIDE + 1):
            head = word[cut:]
            if not self._known(head, locale, head=True):
                continue
            first = word[:cut]
            candidates = [first]
            if len(first) > _MIN_SIDE and first.endswith(_LINKS):
                candidates.insert(0, first[:-1])
            for candidate in candidates:
                # The first side may be a compound itself ("tandvårds").
                if self._known(candidate, locale) or (
                    len(candidate) >= _MIN_WORD and self._cut(candidate, locale)
                ):
                    return candidate, head
        return None

    def dictionary_forms(self, word: str, locale: str) -> tuple[str, ...]:
        """What to cut of ``word`` (lowercase): its dictionary forms where the
        lexicon knows it as an inflected form of other words, else itself.
        An ending is no part: Icelandic "borgarinnar" is a form of "borg",
        not "borgar" + "innar"."""
        lemmas = self.lexicon.lemmas(locale, word) if self.lexicon else ()
        if not lemmas or word in lemmas:
            return (word,)
        return lemmas

    def cut(self, word: str, locale: str) -> tuple[str, str] | None:
        """The two sides of a Danish, Norwegian, Swedish or Icelandic
        compound (the first without its linking letter), if it is one."""
        lowered = word.lower()
        if locale not in COMPOUND_LOCALES - {"fi"} or len(lowered) < _MIN_WORD:
            return None
        for form in self.dictionary_forms(lowered, locale):
            found = self._cut(form, locale) if len(form) >= _MIN_WORD else None
            if found is not None:
                return found
        return None

    def _split(self, word: str, locale: str, depth: int) -> list[str]:
        if depth > _MAX_DEPTH or len(word) < _MIN_WORD:
            return []
        found = self._cut(word, locale)
        if found is None:
            return []
        first, head = found
        parts = [first, head]
        for side in (first, head):
            parts.extend(self._split(side, locale, depth + 1))
        return parts

    @functools.lru_cache(maxsize=65536)  # noqa: B019 - one instance per process
    def parts(self, word: str, locale: str) -> tuple[str, ...]:
        """The parts of ``word`` (lowercase), empty when it is no compound."""
        lowered = word.lower()
        if locale not in COMPOUND_LOCALES or len(lowered) < _MIN_WORD:
            return ()
        if locale == "fi":
            if self.finnish is None:
                return ()
            pieces = self.finnish.surface_parts(lowered)
            # Neighbouring parts together too ("turvapaikan" of three), and
            # each part in its own dictionary form: the stem of "lasten" in
            # "lastensuojelu" is not that of "lapsi" (child).
            return tuple(
                dict.fromkeys(
                    (
                        *(
                            "".join(pieces[start:end])
                            for start in range(len(pieces))
                            for end in range(start + 1, len(pieces) + 1)
                            if end - start < len(pieces)
                        ),
                        *(self.finnish.parts(lowered) if pieces else ()),
                    )
                )
            )
        return tuple(
            dict.fromkeys(
                part
                for form in self.dictionary_forms(lowered, locale)
                for part in self._split(form, locale, 0)
            )
        )


def compound_parts(
    text: str, locale: str, splitter: CompoundSplitter | None = None
) -> str:
    """The parts of the compounds in ``text``, once each, as text to index
    with the analyser of ``locale`` (empty when there are none)."""
    if locale not in COMPOUND_LOCALES:
        return ""
    splitter = splitter or shared_splitter()
    found: dict[str, None] = {}
    seen: set[str] = set()
    for word in words(text):
        lowered = word.lower()
        if lowered in seen or len(lowered) < _MIN_WORD or not lowered.isalpha():
            continue
        seen.add(lowered)
        whole = analyze(lowered, locale)
        for part in splitter.parts(lowered, locale):
            # A part the stemmer makes into the whole word adds nothing.
            if analyze(part, locale) != whole:
                found.setdefault(part, None)
    return " ".join(found)


@functools.cache
def shared_splitter() -> CompoundSplitter:
    """The process's splitter over the shared translator's lexicon and Voikko."""
    from search.crosslingual import FinnishAnalyser, shared_translator

    return CompoundSplitter(shared_translator().lexicon, FinnishAnalyser.default())
