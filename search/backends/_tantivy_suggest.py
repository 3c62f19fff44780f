"""Autocomplete on titles and "did you mean" for the embedded backend."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from tantivy import Occur, Query

from search.analysis import analyze, analyzer
from search.backends._tantivy_schema import LIVE, vocab_field
from search.spelling import best_correction, max_edits

if TYPE_CHECKING:
    from collections.abc import Callable

    import tantivy

    from search.backends._tantivy_query import QueryPlan
    from search.documents import Document

__all__ = ["complete_titles", "did_you_mean"]

_MAX_VOCABULARY_SCAN: Final = 20_000


def did_you_mean(
    searcher: tantivy.Searcher,
    schema: tantivy.Schema,
    plan: QueryPlan,
    locale: str | None,
    load: Callable[[tantivy.DocAddress], Document],
) -> str | None:
    """The query with unknown words replaced by close, frequent index words.

    A word is unknown when no document of the searched languages contains it
    (folded). Candidates share its first two letters and are within the
    typo tolerance; the query language is tried first. Returns ``None`` when
    every word is known or nothing close exists.
    """
    preferred = [locale] if locale is not None else []
    languages = [*preferred, *(loc for loc in plan.search_locales if loc != locale)]
    changed = False
    pieces: list[str] = []
    for part in plan.parts:
        if part.phrase or len(part.words) != 1:
            pieces.append(part.text)
            continue
        word = part.words[0]
        folded = analyze(word, None)
        term = folded[0] if len(folded) == 1 else ""
        if not term or term.isdigit() or max_edits(term) == 0:
            pieces.append(word)
            continue
        if any(
            searcher.doc_freq(vocab_field(language), term) > 0
            for language in plan.search_locales
        ):
            pieces.append(word)
            continue
        correction: str | None = None
        for language in languages:
            vocabulary = searcher.terms_with_prefix(
                vocab_field(language), term[:2], limit=_MAX_VOCABULARY_SCAN
            )
            best = best_correction(term, vocabulary)
            if best is not None:
                written = _written_form(searcher, schema, language, best, load)
                correction = written or best
                break
        pieces.append(word if correction is None else correction)
        changed = changed or correction is not None
    return " ".join(pieces) if changed else None


def _written_form(
    searcher: tantivy.Searcher,
    schema: tantivy.Schema,
    locale: str,
    term: str,
    load: Callable[[tantivy.DocAddress], Document],
) -> str | None:
    """The word as a document writes it ("børn" for the folded "born")."""
    query = Query.term_query(schema, vocab_field(locale), term)
    hits = searcher.search(query, limit=1, count=False).hits
    if not hits:
        return None
    document = load(hits[0][1])
    for text in (document.title, document.lead, document.body):
        for token in analyzer(None).pre_tokenize(text).tokens:
            if token.text == term:
                return text[token.char_offset_from : token.char_offset_to].lower()
    return None


def complete_titles(
    searcher: tantivy.Searcher,
    schema: tantivy.Schema,
    prefix: str,
    locale: str | None,
    limit: int,
) -> list[str]:
    """Titles containing the words of ``prefix`` (the last one as a prefix).

    Titles that start with the prefix come first, then by score and length.
    """
    tokens = analyze(prefix, None)
    if not tokens or len("".join(tokens)) < 2:
        return []
    complete = not prefix[-1].isalnum()
    clauses: list[tuple[Occur, Query]] = [
        (Occur.Must, Query.term_query(schema, "title_ac", token))
        for token in (tokens if complete else tokens[:-1])
    ]
    if not complete:
        last = Query.fuzzy_term_query(
            schema, "title_ac", tokens[-1], distance=0, prefix=True
        )
        clauses.append((Occur.Must, last))
    clauses.append((Occur.Must, Query.term_query(schema, "state", LIVE)))
    if locale is not None:
        clauses.append((Occur.Must, Query.term_query(schema, "locale", locale)))
    hits = searcher.search(
        Query.boolean_query(clauses), limit=max(limit * 5, 50), count=False
    ).hits
    folded_prefix = " ".join(tokens)
    ranked: list[tuple[int, float, int, str]] = []
    for score, address in hits:
        title = searcher.doc(address).get_first("title_ac")
        if not isinstance(title, str):
            continue
        starts = " ".join(analyze(title, None)).startswith(folded_prefix)
        ranked.append((0 if starts else 1, -float(score), len(title), title))
    ranked.sort()
    titles: dict[str, str] = {}
    for *_, title in ranked:
        titles.setdefault(title.casefold(), title)
        if len(titles) >= limit:
            break
    return list(titles.values())
