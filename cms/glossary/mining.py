"""Term pairs mined from the hub's own linked translations.

Editors keep language versions of pages and snippets linked (one translation
key). Within a group, the versions' titles, leads and short texts say the same
thing, so a word that keeps turning up opposite the same word in another
language across several groups is probably its translation. This module is
the framework-free part: it aligns segments (title with title, lead with lead,
paragraph or sentence with its counterpart where the counts agree), counts
how often index terms (stemmed and folded by :func:`search.analysis.analyze`)
occur opposite each other, and scores each pair with the Dice coefficient over
aligned segments, weighted by spelling likeness between the Scandinavian
languages, where translations are often cognates.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from itertools import combinations
from typing import Final

from search.analysis import analyze, fold, is_stopword, words

#: Content languages in canonical order; a pair's source is the earlier one.
LANGUAGES: Final = ("da", "nb", "sv", "fi", "is", "en")
SCANDINAVIAN: Final = frozenset({"da", "nb", "sv"})

#: Independent translation groups a pair must occur in.
MIN_GROUPS: Final = 2
MIN_SCORE: Final = 0.4
#: Candidates kept per term; a pair must be among the best of both its terms.
BEST_PER_TERM: Final = 1
#: Share of the score the spelling likeness carries between Scandinavian languages.
COGNATE_SHARE: Final = 0.25
#: Longer segments are aligned sentence by sentence, or not at all: each term
#: of a long segment would otherwise pair with hundreds of unrelated ones.
MAX_SEGMENT_TERMS: Final = 30
MAX_EVIDENCE: Final = 10
_MIN_WORD: Final = 3
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")

#: Whether a (source locale, source key, source word, target locale, target key)
#: pair is known already (glossary, dictionaries) and need not be suggested.
KnownPair = Callable[[str, str, str, str, str], bool]


@dataclass(frozen=True, slots=True)
class SourceRef:
    """One language version of a page or snippet, as evidence."""

    model: str  # app_label.model_name
    pk: int
    locale: str
    title: str


@dataclass(frozen=True, slots=True)
class Version:
    """Text of one language version: short fields and paragraph lists."""

    ref: SourceRef
    fields: Mapping[str, str] = field(default_factory=dict)
    passages: Mapping[str, Sequence[str]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Group:
    """Linked language versions of one page or snippet."""

    key: str
    versions: tuple[Version, ...]


@dataclass(frozen=True, slots=True)
class Evidence:
    group: str
    source: SourceRef
    target: SourceRef


@dataclass(frozen=True, slots=True)
class Candidate:
    source_locale: str
    source_key: str
    source_term: str
    target_locale: str
    target_key: str
    target_term: str
    score: float
    groups: int
    evidence: tuple[Evidence, ...]


def sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text.strip()) if s]


def aligned_segments(a: Version, b: Version) -> list[tuple[str, str]]:
    """Text pairs of two versions that should say the same thing."""
    pairs = [
        (a.fields[name], b.fields[name])
        for name in a.fields
        if a.fields[name].strip() and b.fields.get(name, "").strip()
    ]
    for name, paragraphs_a in a.passages.items():
        paragraphs_b = b.passages.get(name, ())
        if paragraphs_a and len(paragraphs_a) == len(paragraphs_b):
            pairs.extend(zip(paragraphs_a, paragraphs_b, strict=True))
            continue
        sentences_a = sentences(" ".join(paragraphs_a))
        sentences_b = sentences(" ".join(paragraphs_b))
        if sentences_a and len(sentences_a) == len(sentences_b):
            pairs.extend(zip(sentences_a, sentences_b, strict=True))
    short: list[tuple[str, str]] = []
    for left, right in pairs:
        split_left, split_right = sentences(left), sentences(right)
        if len(split_left) > 1 and len(split_left) == len(split_right):
            short.extend(zip(split_left, split_right, strict=True))
        else:
            short.append((left, right))
    return short


class _Terms:
    """Content-word index terms of texts, remembering each term's commonest word."""

    def __init__(self) -> None:
        self.surfaces: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)

    def of(self, text: str, locale: str) -> frozenset[str] | None:
        found: set[str] = set()
        for word in words(text):
            lowered = word.lower()
            if len(word) < _MIN_WORD or not word.isalpha():
                continue
            if is_stopword(lowered, locale):
                continue
            keys = analyze(lowered, locale)
            if not keys or len(keys[0]) < _MIN_WORD:
                continue
            found.add(keys[0])
            self.surfaces[(locale, keys[0])][lowered] += 1
        if len(found) > MAX_SEGMENT_TERMS:
            return None
        return frozenset(found)

    def word(self, locale: str, key: str) -> str:
        return self.surfaces[(locale, key)].most_common(1)[0][0]


@dataclass
class _PairCounts:
    source: Counter[str] = field(default_factory=Counter)
    target: Counter[str] = field(default_factory=Counter)
    joint: Counter[tuple[str, str]] = field(default_factory=Counter)
    evidence: dict[tuple[str, str], dict[str, Evidence]] = field(
        default_factory=lambda: defaultdict(dict)
    )


def _ordered(a: Version, b: Version) -> tuple[Version, Version]:
    rank = LANGUAGES.index
    return (a, b) if rank(a.ref.locale) < rank(b.ref.locale) else (b, a)


def likeness(a: str, b: str) -> float:
    """Spelling likeness of two words, Nordic letters folded (0..1)."""
    return SequenceMatcher(None, fold(a), fold(b)).ratio()


def mine(
    groups: Iterable[Group],
    known: KnownPair | None = None,
    *,
    min_groups: int = MIN_GROUPS,
    min_score: float = MIN_SCORE,
) -> list[Candidate]:
    """Candidate term pairs over all language pairs, best first."""
    terms = _Terms()
    counts: dict[tuple[str, str], _PairCounts] = defaultdict(_PairCounts)
    for group in groups:
        versions = [v for v in group.versions if v.ref.locale in LANGUAGES]
        for first, second in combinations(versions, 2):
            if first.ref.locale == second.ref.locale:
                continue
            a, b = _ordered(first, second)
            pair = counts[(a.ref.locale, b.ref.locale)]
            for text_a, text_b in aligned_segments(a, b):
                terms_a = terms.of(text_a, a.ref.locale)
                terms_b = terms.of(text_b, b.ref.locale)
                if not terms_a or not terms_b:
                    continue
                pair.source.update(terms_a)
                pair.target.update(terms_b)
                for x in terms_a:
                    for y in terms_b:
                        pair.joint[(x, y)] += 1
                        pair.evidence[(x, y)].setdefault(
                            group.key, Evidence(group.key, a.ref, b.ref)
                        )
    found: list[Candidate] = []
    for (source, target), pair in counts.items():
        found.extend(_best(source, target, pair, terms, known, min_groups, min_score))
    found.sort(key=lambda c: (-c.score, -c.groups, c.source_term, c.target_term))
    return found


def _best(
    source: str,
    target: str,
    pair: _PairCounts,
    terms: _Terms,
    known: KnownPair | None,
    min_groups: int,
    min_score: float,
) -> list[Candidate]:
    cognates = source in SCANDINAVIAN and target in SCANDINAVIAN
    scored: list[Candidate] = []
    for (x, y), joint in pair.joint.items():
        evidence = pair.evidence[(x, y)]
        if len(evidence) < min_groups or x == y:
            continue
        word_x, word_y = terms.word(source, x), terms.word(target, y)
        if fold(word_x) == fold(word_y):
            continue  # the same word in both languages: search finds it as it is
        score = 2 * joint / (pair.source[x] + pair.target[y])
        if cognates:
            score = (1 - COGNATE_SHARE) * score + COGNATE_SHARE * likeness(
                word_x, word_y
            )
        if score < min_score:
            continue
        scored.append(
            Candidate(
                source_locale=source,
                source_key=x,
                source_term=word_x,
                target_locale=target,
                target_key=y,
                target_term=word_y,
                score=round(score, 4),
                groups=len(evidence),
                evidence=tuple(sorted(evidence.values(), key=lambda e: e.group))[
                    :MAX_EVIDENCE
                ],
            )
        )
    # Best per source term and per target term: a frequent word co-occurs with
    # everything, its true partner stands out from both sides.
    rank = sorted(scored, key=lambda c: (-c.score, -c.groups))
    best_of_source: dict[str, list[Candidate]] = defaultdict(list)
    best_of_target: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in rank:
        if len(best_of_source[candidate.source_key]) < BEST_PER_TERM:
            best_of_source[candidate.source_key].append(candidate)
        if len(best_of_target[candidate.target_key]) < BEST_PER_TERM:
            best_of_target[candidate.target_key].append(candidate)
    kept = [
        candidate
        for candidate in rank
        if candidate in best_of_source[candidate.source_key]
        and candidate in best_of_target[candidate.target_key]
    ]
    if known is None:
        return kept
    return [
        c
        for c in kept
        if not known(source, c.source_key, c.source_term, target, c.target_key)
    ]
