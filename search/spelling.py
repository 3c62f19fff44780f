"""Edit distances for typo tolerance and "did you mean"."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["best_correction", "edit_distance", "max_edits"]


def max_edits(term: str) -> int:
    """Edits tolerated for a term of this length (0 for short terms)."""
    length = len(term)
    if length < 4:
        return 0
    if length < 8:
        return 1
    return 2


def edit_distance(left: str, right: str, limit: int) -> int:
    """Damerau-Levenshtein (adjacent transpositions) distance, capped.

    Returns ``limit + 1`` as soon as the distance is known to exceed ``limit``.
    """
    if abs(len(left) - len(right)) > limit:
        return limit + 1
    if left == right:
        return 0
    previous_previous: list[int] = []
    previous = list(range(len(right) + 1))
    for i, char_left in enumerate(left, start=1):
        current = [i] + [0] * len(right)
        row_min = current[0]
        for j, char_right in enumerate(right, start=1):
            cost = 0 if char_left == char_right else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if (
                i > 1
                and j > 1
                and char_left == right[j - 2]
                and left[i - 2] == char_right
            ):
                value = min(value, previous_previous[j - 2] + 1)
            current[j] = value
            row_min = min(row_min, value)
        if row_min > limit:
            return limit + 1
        previous_previous, previous = previous, current
    return min(previous[-1], limit + 1)


def best_correction(word: str, candidates: Iterable[tuple[str, int]]) -> str | None:
    """The closest frequent candidate within :func:`max_edits` of ``word``.

    Args:
        word: The (folded) unknown word.
        candidates: ``(term, document frequency)`` pairs from the vocabulary.

    Returns:
        The candidate with the fewest edits, then the highest frequency, then
        alphabetically first; ``None`` when nothing is close enough.
    """
    limit = max_edits(word)
    if limit == 0:
        return None
    best: tuple[int, int, str] | None = None
    for term, frequency in candidates:
        if term == word or abs(len(term) - len(word)) > limit:
            continue
        distance = edit_distance(word, term, limit)
        if distance > limit:
            continue
        rank = (distance, -frequency, term)
        if best is None or rank < best:
            best = rank
    return None if best is None else best[2]
