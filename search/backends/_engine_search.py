"""Searching the engine's index: paging, results, "did you mean".

:func:`search_flow` is written without I/O: a generator that yields the
requests to send (``("search", body)``, whose ``preference`` the backend
sends as a URL parameter, or ``("msearch", {"searches": [...]})``) and
receives each response body, so the sync and the async backend methods share
every step and differ only in how they send.

Pagination uses ``search_after`` on ``(sort key, uid)``. Date keys are exact
integers. Relevance keys are float32 scores that travel through the cursor
(JSON, a Python float) and back; a score compared in another precision
would repeat or skip the hits that tie with it, so relevance pages ask for
hits from just above the cursor's score (the next float32) and drop the ones
at or before the cursor here. That keeps paging exact whatever precision the
score returns in, and costs only a re-read of the hits tied with the cursor;
when a page is made only of such ties the batch doubles.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Generator, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal

from search.analysis import analyze, words
from search.backends._engine_mapping import (
    FACET_FIELDS,
    SOURCE_FIELDS,
    load_document,
    stored_title,
    text_field,
    trans_field,
    vocab_field,
)
from search.backends._engine_query import (
    SORT_CLAUSES,
    SPELLING_AGGREGATION,
    build_query,
    search_body,
    spelling_suggest_body,
)
from search.cursor import Cursor
from search.documents import LOCALES
from search.errors import InvalidQueryError
from search.explain import highlight_terms, matched_terms
from search.feedback import (
    FEEDBACK_BOOST,
    FEEDBACK_TERMS,
    FEEDBACK_WINDOW,
    MIN_TERM_LENGTH,
    feedback_documents,
)
from search.highlight import FRAGMENT_CHARS, highlight
from search.merging import BALANCE_WINDOW, balance_languages
from search.query import FacetValue, Hit, SearchResults
from search.spelling import best_correction

if TYPE_CHECKING:
    from search.backends._engine_query import QueryPlan
    from search.crosslingual import Translator
    from search.documents import Document
    from search.glossary import Glossary
    from search.query import SearchQuery

__all__ = [
    "Request",
    "SearchFlow",
    "check_ids",
    "check_suggest",
    "documents_by_id",
    "empty_results",
    "rank_titles",
    "search_flow",
]

Request = tuple[Literal["search", "msearch"], dict[str, Any]]
SearchFlow = Generator[Request, Mapping[str, Any], SearchResults]

#: Extra hits fetched on relevance pages after a cursor (ties re-read).
_SLACK: Final = 10
_MAX_GET_MANY: Final = 1000
_MAX_SUGGEST: Final = 50
_MAX_PREFIX: Final = 200


def check_ids(ids: Sequence[str]) -> list[str]:
    """The distinct non-empty ids of a ``get_many`` request, in order.

    Raises:
        InvalidQueryError: not a list of strings, or too many.
    """
    if isinstance(ids, str) or not all(isinstance(item, str) for item in ids):
        raise InvalidQueryError("ids: expected a list of strings")
    if len(ids) > _MAX_GET_MANY:
        raise InvalidQueryError(f"ids: at most {_MAX_GET_MANY} ids are allowed")
    return list(dict.fromkeys(item for item in ids if item))


def documents_by_id(
    ids: Sequence[str], response: Mapping[str, Any]
) -> list[Document | None]:
    """Documents of an ``mget`` response in the order of ``ids``."""
    found: dict[str, Document] = {}
    for item in response.get("docs", []):
        document = load_document(item.get("_source")) if item.get("found") else None
        if document is not None:
            found[document.id] = document
    return [found.get(item) for item in ids]


def check_suggest(prefix: str, locale: str | None, limit: int) -> None:
    """Validate the arguments of ``suggest``.

    Raises:
        InvalidQueryError: with a message naming the argument.
    """
    if not isinstance(prefix, str) or len(prefix) > _MAX_PREFIX:
        raise InvalidQueryError(
            f"prefix: must be a string of at most {_MAX_PREFIX} characters"
        )
    if locale is not None and locale not in LOCALES:
        raise InvalidQueryError(
            f"locale: {locale!r} is not one of {', '.join(LOCALES)}"
        )
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise InvalidQueryError("limit: must be an integer")
    if not 1 <= limit <= _MAX_SUGGEST:
        raise InvalidQueryError(f"limit: must be between 1 and {_MAX_SUGGEST}")


def empty_results(query: SearchQuery) -> SearchResults:
    """Results of a search on an index that does not exist yet."""
    return SearchResults(
        total=0 if query.count else -1,
        hits=[],
        facets={name: [] for name in query.facets},
    )


def _float32_above(value: float) -> float:
    """The smallest float32 greater than ``value`` rounded to float32."""
    try:
        (single,) = struct.unpack("<f", struct.pack("<f", value))
    except (OverflowError, struct.error) as exc:
        raise InvalidQueryError("after: is not a valid cursor") from exc
    if math.isnan(single) or math.isinf(single):
        raise InvalidQueryError("after: is not a valid cursor")
    if single == 0.0:
        return float(struct.unpack("<f", struct.pack("<I", 1))[0])
    (bits,) = struct.unpack("<I", struct.pack("<f", single))
    bits = bits + 1 if single > 0 else bits - 1
    return float(struct.unpack("<f", struct.pack("<I", bits))[0])


def _is_after(values: Sequence[Any], key: float, tiebreak: str) -> bool:
    """Relevance order: score descending, then uid ascending."""
    score, uid = float(values[0]), str(values[1])
    return score < key or (score == key and uid > tiebreak)


def _hits(response: Mapping[str, Any]) -> list[dict[str, Any]]:
    hits = response.get("hits", {}).get("hits", [])
    return [hit for hit in hits if isinstance(hit, dict) and "sort" in hit]


def _collect(
    body: dict[str, Any], sort: str, cursor: Cursor | None, first: int
) -> Generator[Request, Mapping[str, Any], tuple[list[dict[str, Any]], Any]]:
    """Up to ``first + 1`` hits after ``cursor`` and the first response."""
    if cursor is not None and (
        not isinstance(cursor.tiebreak, str)
        or (sort != "relevance" and not isinstance(cursor.key, int))
    ):
        raise InvalidQueryError("after: is not a valid cursor")
    if sort != "relevance" or cursor is None:
        if cursor is not None:
            body["search_after"] = [cursor.key, cursor.tiebreak]
        body["size"] = first + 1
        response = yield ("search", body)
        return _hits(response)[: first + 1], response
    key, tiebreak = float(cursor.key), str(cursor.tiebreak)
    body["search_after"] = [_float32_above(key), tiebreak]
    batch = first + 1 + _SLACK
    rows: list[dict[str, Any]] = []
    first_response: Mapping[str, Any] | None = None
    while True:
        body["size"] = batch
        response = yield ("search", body)
        if first_response is None:
            first_response = response
            body = {name: value for name, value in body.items() if name != "aggs"}
            body["track_total_hits"] = False
        hits = _hits(response)
        rows.extend(hit for hit in hits if _is_after(hit["sort"], key, tiebreak))
        if len(rows) > first or len(hits) < batch:
            return rows[: first + 1], first_response
        last = hits[-1]["sort"]
        if _is_after(last, key, tiebreak):
            key, tiebreak = float(last[0]), str(last[1])
        # Ask again from just above the furthest hit seen, with a bigger
        # batch: the ties re-read come back first and are dropped above.
        body["search_after"] = [_float32_above(key), tiebreak]
        batch *= 2


#: What a row read without its document brings: its sort values (score and
#: uid, which identifies it) and its language. No stored field is read.
_LIGHT_ROWS: Final = {
    "_source": False,
    "stored_fields": "_none_",
    "docvalue_fields": [FACET_FIELDS["locale"]],
}


def _uid(hit: Mapping[str, Any]) -> str:
    return str(hit["sort"][1])


def _feedback_body(
    window: Sequence[Mapping[str, Any]], best: Iterable[Document]
) -> dict[str, Any] | None:
    """A request scoring the rows of ``window`` by the words of its best
    hits only (``best``, best first; :mod:`search.feedback`; the engine
    picks the words with ``more_like_this`` in each hit's language and among
    the translations into it), or ``None`` when there is nothing to
    reorder."""
    if len(window) < 2:
        return None
    liked: list[dict[str, Any]] = []
    for document in feedback_documents(best):
        # One clause per field: given several, more_like_this looks a word
        # up only in the field where it is commonest.
        liked.extend(
            {
                "more_like_this": {
                    "fields": [name],
                    "like": document.text,
                    "min_term_freq": 1,
                    "min_doc_freq": 2,
                    "min_word_length": MIN_TERM_LENGTH,
                    "max_query_terms": FEEDBACK_TERMS,
                    "minimum_should_match": 1,
                    "boost": FEEDBACK_BOOST,
                }
            }
            for name in (text_field(document.locale), trans_field(document.locale))
        )
    if not liked:
        return None
    return {
        "size": len(window),
        **_LIGHT_ROWS,
        "sort": SORT_CLAUSES["relevance"],
        "track_total_hits": False,
        "query": {
            "bool": {
                "filter": [{"terms": {"uid": [_uid(hit) for hit in window]}}],
                "should": liked,
                "minimum_should_match": 1,
            }
        },
    }


def _locale(hit: Mapping[str, Any]) -> str:
    """The language of a row (its ``locale`` doc value), "" when unknown."""
    values = hit.get("fields", {}).get(FACET_FIELDS["locale"])
    locale = values[0] if isinstance(values, list) and values else None
    return locale if isinstance(locale, str) else ""


def _read_documents(
    rows: Sequence[dict[str, Any]],
) -> Generator[Request, Mapping[str, Any], None]:
    """Reads the stored documents of ``rows`` that have none into their
    ``_source`` (by uid; one removed since is left without)."""
    unread = [_uid(hit) for hit in rows if "_source" not in hit]
    if not unread:
        return
    found = yield (
        "search",
        {
            "query": {
                "bool": {
                    "filter": [
                        {"terms": {"uid": unread}},
                        {"term": {"deleted": False}},
                    ]
                }
            },
            "size": len(unread),
            "_source": SOURCE_FIELDS,
            "docvalue_fields": ["uid"],
            "track_total_hits": False,
        },
    )
    sources: dict[str, Any] = {}
    for hit in found.get("hits", {}).get("hits", []):
        uid = hit.get("fields", {}).get("uid") if isinstance(hit, dict) else None
        if isinstance(uid, list) and uid:
            sources[str(uid[0])] = hit.get("_source")
    for hit in rows:
        if "_source" not in hit:
            hit["_source"] = sources.get(_uid(hit))


def _collect_rescored(
    body: dict[str, Any], cursor: Cursor | None, first: int
) -> Generator[Request, Mapping[str, Any], tuple[list[dict[str, Any]], Any]]:
    """Up to ``first + 1`` relevance rows after ``cursor`` (one within the
    feedback window, or none), the best :data:`FEEDBACK_WINDOW` rescored by
    relevance feedback and weighed across languages (:mod:`search.merging`),
    and the first response.

    The window's rows come without their documents (the engine's work is the
    query, not the rows): the documents of the best
    :data:`BALANCE_WINDOW`, which give feedback its words, are read next,
    and then those of the page that feedback lifted from below them.

    Rescored rows keep ahead of the others (both only add), so rows are
    read from the top by position, and the same rows get the same scores on
    every page."""
    if cursor is not None and not isinstance(cursor.tiebreak, str):
        raise InvalidQueryError("after: is not a valid cursor")
    offset = cursor.position if cursor is not None else 0
    body.update(_LIGHT_ROWS, size=max(offset + first + 1, FEEDBACK_WINDOW))
    response = yield ("search", body)
    rows = _hits(response)
    window = rows[:FEEDBACK_WINDOW]
    best = window[:BALANCE_WINDOW]
    yield from _read_documents(best)
    loaded = (load_document(hit.get("_source")) for hit in best)
    rescoring = _feedback_body(window, (item for item in loaded if item is not None))
    added: dict[str, float] = {}
    if rescoring is not None:
        if "preference" in body:
            rescoring["preference"] = body["preference"]
        scored = yield ("search", rescoring)
        added = {_uid(hit): float(hit["sort"][0]) for hit in _hits(scored)}
    if len(window) > 1:
        # Feedback adds to the window's scores; then each language's best
        # rows are weighed against the best row (:mod:`search.merging`).
        scores = {
            _uid(hit): float(hit["sort"][0]) + added.get(_uid(hit), 0.0)
            for hit in window
        }
        ahead = sorted(window, key=lambda hit: -scores[_uid(hit)])
        balanced = balance_languages(
            scores, {_uid(hit): _locale(hit) for hit in ahead[:BALANCE_WINDOW]}
        )
        rows = [
            {**hit, "sort": [balanced[_uid(hit)], hit["sort"][1]]}
            if _uid(hit) in balanced
            else hit
            for hit in rows
        ]
        rows.sort(key=lambda hit: (-float(hit["sort"][0]), _uid(hit)))
    if cursor is not None:
        key, tiebreak = float(cursor.key), str(cursor.tiebreak)
        rows = [hit for hit in rows if _is_after(hit["sort"], key, tiebreak)]
    page = rows[: first + 1]
    yield from _read_documents(page)
    return page, response


def _facets(
    response: Mapping[str, Any], names: Sequence[str]
) -> dict[str, list[FacetValue]]:
    aggregations = response.get("aggregations") or {}
    facets: dict[str, list[FacetValue]] = {}
    for name in names:
        values: list[FacetValue] = []
        for bucket in aggregations.get(name, {}).get("buckets", []):
            key = bucket["key"]
            value = str(int(key)) if isinstance(key, float) else str(key)
            values.append(FacetValue(value, int(bucket["doc_count"])))
        values.sort(key=lambda item: (-item.count, item.value))
        facets[name] = values
    return facets


def _highlights(document: Document, plan: QueryPlan) -> dict[str, str]:
    terms = highlight_terms(
        document,
        plan.highlight.get(document.locale),
        plan.expansions,
        plan.translated_from,
    )
    if terms is None:
        return {}
    result: dict[str, str] = {}
    for name, text, size in (
        ("title", document.title, None),
        ("lead", document.lead, None),
        ("body", document.body, FRAGMENT_CHARS),
    ):
        marked = highlight(text, document.locale, terms, fragment_chars=size)
        if marked is not None:
            result[name] = marked
    return result


def _corrections(
    plan: QueryPlan, response: Mapping[str, Any], locale: str | None
) -> Generator[Request, Mapping[str, Any], dict[int, tuple[str, str]]]:
    """``part index -> (language, folded correction)`` of unknown words.

    A word is unknown when no document of the searched languages contains it
    (the global ``filters`` aggregation of the search counts them); only then
    are candidates asked for, from the term suggester of each language's
    vocabulary field, the query language first, and ranked by
    :func:`search.spelling.best_correction`.
    """
    aggregations = response.get("aggregations") or {}
    buckets = (
        aggregations.get(SPELLING_AGGREGATION, {}).get("known", {}).get("buckets", {})
    )
    unknown = [
        (number, term)
        for number, term in plan.spelling
        if buckets.get(str(number), {}).get("doc_count", 1) == 0
    ]
    if not unknown:
        return {}
    reply = yield ("search", spelling_suggest_body(plan, [term for _, term in unknown]))
    preferred = [locale] if locale in plan.search_locales else []
    languages = [*preferred, *(loc for loc in plan.search_locales if loc != locale)]
    suggestions = reply.get("suggest") or {}
    options: dict[str, dict[str, list[tuple[str, int]]]] = {}
    for language in languages:
        found = options.setdefault(language, {})
        for entry in suggestions.get(f"spelling_{language}", []):
            found.setdefault(str(entry.get("text", "")), []).extend(
                (str(option["text"]), int(option.get("freq", 0)))
                for option in entry.get("options", [])
            )
    corrections: dict[int, tuple[str, str]] = {}
    for number, term in unknown:
        for language in languages:
            best = best_correction(term, options[language].get(term, []))
            if best is not None:
                corrections[number] = (language, best)
                break
    return corrections


def _written_form(source: object, term: str) -> str | None:
    """The word as a document writes it ("børn" for the folded "born")."""
    document = load_document(source) if isinstance(source, dict) else None
    if document is None:
        return None
    for text in (document.title, document.lead, document.body):
        for word in words(text):
            if analyze(word, None) == (term,):
                return word.lower()
    return None


def _did_you_mean(
    plan: QueryPlan, response: Mapping[str, Any], locale: str | None
) -> Generator[Request, Mapping[str, Any], str | None]:
    corrections = yield from _corrections(plan, response, locale)
    if not corrections:
        return None
    searches: list[dict[str, Any]] = []
    for language, term in corrections.values():
        searches.append({})
        searches.append(
            {
                "query": {
                    "bool": {
                        "filter": [
                            {"term": {vocab_field(language): term}},
                            {"term": {"deleted": False}},
                        ]
                    }
                },
                "size": 1,
                "_source": SOURCE_FIELDS,
            }
        )
    found = yield ("msearch", {"searches": searches})
    replies = found.get("responses", [])
    written: dict[int, str] = {}
    for (number, (_language, term)), reply in zip(
        corrections.items(), replies, strict=False
    ):
        hits = reply.get("hits", {}).get("hits", []) if isinstance(reply, dict) else []
        form = _written_form(hits[0].get("_source"), term) if hits else None
        written[number] = form or term
    pieces = [
        written.get(number, part.text if part.phrase else part.words[0])
        for number, part in enumerate(plan.parts)
    ]
    return " ".join(pieces)


def search_flow(
    query: SearchQuery, glossary: Glossary, translator: Translator | None = None
) -> SearchFlow:
    """Run ``query`` (see the module docstring for the protocol)."""
    sort = query.effective_sort
    cursor = Cursor.decode(query.after, query) if query.after else None
    plan = build_query(query, glossary, translator)
    fingerprint = query.fingerprint()
    body = search_body(plan, query)
    body["preference"] = fingerprint
    if (
        sort == "relevance"
        and plan.translated_from is not None
        and (cursor is None or cursor.position <= FEEDBACK_WINDOW)
    ):
        rows, response = yield from _collect_rescored(body, cursor, query.first)
    else:
        rows, response = yield from _collect(body, sort, cursor, query.first)
    offset = cursor.position if cursor is not None else 0
    hits: list[Hit] = []
    for position, row in enumerate(rows[: query.first], start=offset + 1):
        document = load_document(row.get("_source"))
        if document is None:
            continue
        key = row["sort"][0]
        hits.append(
            Hit(
                document=document,
                score=float(key) if sort == "relevance" else 0.0,
                highlights=_highlights(document, plan) if query.highlight else {},
                matched_terms=(
                    matched_terms(document, plan.expansions, plan.translated_from)
                    if query.explain
                    else ()
                ),
                cursor=Cursor(
                    sort, key, str(row["sort"][1]), position, fingerprint
                ).encode(),
            )
        )
    suggestion = None
    if plan.spelling:
        suggestion = yield from _did_you_mean(plan, response, query.locale)
    total = response.get("hits", {}).get("total", {})
    if not query.count:
        total = -1
    return SearchResults(
        total=int(total.get("value", 0)) if isinstance(total, dict) else int(total),
        hits=hits,
        facets=_facets(response, query.facets),
        end_cursor=hits[-1].cursor if hits else None,
        has_next_page=len(rows) > query.first,
        suggestion=suggestion,
        expansions=plan.expansions,
    )


def rank_titles(response: Mapping[str, Any], prefix: str, limit: int) -> list[str]:
    """Autocomplete titles: those starting with the prefix first, then by
    score and length (as the embedded backend ranks them)."""
    folded_prefix = " ".join(analyze(prefix, None))
    ranked: list[tuple[int, float, int, str]] = []
    for hit in response.get("hits", {}).get("hits", []):
        title = stored_title(hit.get("_source"))
        if title is None:
            continue
        starts = " ".join(analyze(title, None)).startswith(folded_prefix)
        score = float(hit.get("_score") or 0.0)
        ranked.append((0 if starts else 1, -score, len(title), title))
    ranked.sort()
    titles: dict[str, str] = {}
    for *_, title in ranked:
        titles.setdefault(title.casefold(), title)
        if len(titles) >= limit:
            break
    return list(titles.values())
