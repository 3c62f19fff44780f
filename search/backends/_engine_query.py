"""Turns a :class:`SearchQuery` into an Elasticsearch/OpenSearch request body.

The structure follows the embedded backend (:mod:`._tantivy_query`), so both
rank and match alike. Text becomes one *clause* per query word or phrase (or
per glossary term spanning several words). Clauses are required, except stop
words of the query's language, which only add to the score. A clause is a
``dis_max`` of these alternatives:

* the word in the title (boosted) and text fields of every searched language,
  each field analysing it with its own language's analyser, and (scored
  lower) among the parts of the language's compounds
  (:mod:`search.compounds`); in a language
  where the word is a stop word (which its analyser drops) every document of
  that language passes the clause, so "in" never excludes English documents
  (``zero_terms_query: all`` would let the documents of *every* language
  pass, not only those of the language that drops the word);
* the other spellings users type for Nordic letters ("oe" for ø, "aa" for å);
* with ``cross_language``, the glossary equivalents of the concept in every
  language (multi-word terms as phrases) and the word's translations from the
  lexicon (:mod:`search.crosslingual`), weighted by how sure the lexicon is;
* with a query language, the word among the translations of other
  documents' words into that language, and each one-word translation among
  the translations into its language (:mod:`search.document_translation`);
* typo tolerance: ``fuzziness: AUTO:4,8`` on the analysed (stemmed, folded)
  term in the query language's text field, the same edits as
  :func:`search.spelling.max_edits`, for a word the dictionaries do not
  hold (preparing it, Lucene's edit automata, took half of a two-word
  search's query time at 5,000 items).

Filters go to the ``filter`` context (no scoring); ``best_version`` renders
the clause tree of :func:`search.grouping.best_version_filter`. A translated
query (a known language searched across languages) needs a third of its
clauses; each matched clause and the searcher's own language add to its
relevance (:mod:`search.backends._text_clauses`). The
analysed query terms are kept for highlighting, which is done in Python by
:mod:`search.highlight` exactly as in the embedded backend.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from search.analysis import QueryPart, analyze, is_stopword, parse_text, typing_variants
from search.backends._engine_mapping import (
    FACET_FIELDS,
    MAX_GRAM,
    SOURCE_FIELDS,
    parts_field,
    text_field,
    timestamp,
    title_field,
    trans_field,
    vocab_field,
)
from search.backends._text_clauses import (
    DOCUMENT_TRANSLATION_BOOST,
    LOCALE_BONUS,
    MATCH_SCORE,
    MEET_BOOST,
    PARTS_BOOST,
    TIE_BREAKER,
    TextClauses,
    required_matches,
)
from search.compounds import COMPOUND_LOCALES
from search.documents import LOCALES
from search.grouping import AllOf, AnyOf, NoneOf, Range, Terms, best_version_filter
from search.highlight import HighlightTerms
from search.spelling import max_edits

if TYPE_CHECKING:
    from collections.abc import Sequence

    from search.crosslingual import Translation, Translator
    from search.explain import Expansion
    from search.glossary import Glossary, GlossaryMatch
    from search.grouping import Clause
    from search.query import SearchQuery

__all__ = [
    "SORT_CLAUSES",
    "SPELLING_AGGREGATION",
    "QueryPlan",
    "autocomplete_body",
    "build_query",
    "filter_clauses",
    "render_clause",
    "search_body",
]

TITLE_BOOST: Final = 2.0
VARIANT_BOOST: Final = 0.8
GLOSSARY_BOOST: Final = 0.9
FUZZY_BOOST: Final = 0.3
LOOSE_BOOST: Final = 0.5
#: 0 edits below 4 characters, 1 up to 7, 2 from 8 (as the embedded backend).
FUZZINESS: Final = "AUTO:4,8"
#: Name of the aggregation that tells which query words the index knows.
SPELLING_AGGREGATION: Final = "hub_spelling"
_FACET_SIZE: Final = 500

#: Sort of each :data:`search.query.SORTS` value, ``uid`` breaking ties.
SORT_CLAUSES: Final[dict[str, list[dict[str, str]]]] = {
    "relevance": [{"_score": "desc"}, {"uid": "asc"}],
    "date_desc": [{"sort_ts": "desc"}, {"uid": "asc"}],
    "date_asc": [{"sort_ts": "asc"}, {"uid": "asc"}],
}


@dataclass(slots=True)
class QueryPlan:
    """A built query and what highlighting and "did you mean" need.

    Attributes:
        query: The ``query`` section (text, filters and locale boost).
        parts: The parsed query text.
        highlight: Analysed terms to mark, per document language.
        search_locales: Languages the text was searched in.
        expansions: What each query word was searched as (:mod:`search.explain`).
        translated_from: The query's language when its words were translated.
        spelling: ``(part index, folded term)`` of the words "did you mean"
            checks (single words long enough for typo tolerance).
    """

    query: dict[str, Any]
    parts: list[QueryPart] = field(default_factory=list)
    highlight: dict[str, HighlightTerms] = field(default_factory=dict)
    search_locales: tuple[str, ...] = LOCALES
    expansions: tuple[Expansion, ...] = ()
    translated_from: str | None = None
    spelling: list[tuple[int, str]] = field(default_factory=list)

    @property
    def has_text(self) -> bool:
        return bool(self.parts)


def _fields(locale: str, boost: float, *, parts: bool = True) -> list[str]:
    """Fields a word is looked for in; ``parts``: also among compound parts
    (never for phrases: that field has no positions)."""
    fields = [
        f"{title_field(locale)}^{TITLE_BOOST * boost:g}",
        f"{text_field(locale)}^{boost:g}",
    ]
    if parts and locale in COMPOUND_LOCALES:
        fields.append(f"{parts_field(locale)}^{PARTS_BOOST * boost:g}")
    return fields


def _translations(
    locale: str, words: Sequence[str], boost: float
) -> list[dict[str, Any]]:
    """``words`` (any of them) among the translations of documents' words
    into ``locale`` (:mod:`search.document_translation`)."""
    return [
        {"match": {trans_field(locale): {"query": word, "boost": boost}}}
        for word in dict.fromkeys(words)
        if len(analyze(word, locale)) == 1
    ]


def _any(options: Sequence[dict[str, Any]]) -> dict[str, Any]:
    if len(options) == 1:
        return options[0]
    return {"dis_max": {"queries": list(options), "tie_breaker": TIE_BREAKER}}


class _TextBuilder(TextClauses[dict[str, Any]]):
    def __init__(
        self,
        glossary: Glossary,
        search_locales: Sequence[str],
        fuzzy_locales: Sequence[str],
        expand: bool,
        glossary_locales: Sequence[str],
        translator: Translator | None = None,
        source_locale: str | None = None,
    ) -> None:
        self.glossary = glossary
        self.translator = translator
        self.source_locale = source_locale
        self.search_locales = tuple(search_locales)
        self.fuzzy_locales = tuple(fuzzy_locales)
        self.expand = expand
        self.glossary_locales = tuple(glossary_locales)
        self.highlight: dict[str, HighlightTerms] = {
            locale: HighlightTerms() for locale in self.search_locales
        }

    # -- leaves ---------------------------------------------------------------

    def _words(
        self, text: str, locales: Sequence[str], boost: float = 1.0
    ) -> dict[str, Any]:
        fields = [name for locale in locales for name in _fields(locale, boost)]
        return {
            "multi_match": {
                "query": text,
                "type": "most_fields",
                "operator": "and",
                "fields": fields,
            }
        }

    def _phrase(
        self, text: str, locales: Sequence[str], boost: float = 1.0
    ) -> dict[str, Any]:
        fields = [
            name for locale in locales for name in _fields(locale, boost, parts=False)
        ]
        return {"multi_match": {"query": text, "type": "phrase", "fields": fields}}

    def _mark(self, locale: str, tokens: Sequence[str]) -> None:
        self.highlight[locale].exact.update(tokens)

    # -- clauses --------------------------------------------------------------

    def word(self, word: str) -> list[dict[str, Any]]:
        """Alternatives for one bare word (exact, variants, fuzzy)."""
        stop = [loc for loc in self.search_locales if is_stopword(word, loc)]
        locales = [
            loc for loc in self.search_locales if loc not in stop and analyze(word, loc)
        ]
        options: list[dict[str, Any]] = []
        if stop:
            passes = {"terms": {"locale": stop}}
            options.append({"constant_score": {"filter": passes, "boost": 0.0}})
        if not locales:
            return options
        for locale in locales:
            self._mark(locale, analyze(word, locale))
        options.append(self._words(word, locales))
        for variant in typing_variants(word):
            changed = [
                loc
                for loc in locales
                if analyze(variant, loc) and analyze(variant, loc) != analyze(word, loc)
            ]
            for locale in changed:
                self._mark(locale, analyze(variant, locale))
            if changed:
                options.append(self._words(variant, changed, VARIANT_BOOST))
        for locale in self.fuzzy_locales:
            tokens = analyze(word, locale)
            if (
                locale in stop
                or len(tokens) != 1
                or tokens[0].isdigit()
                or self.spelled_right(word, locale)
            ):
                continue
            edits = max_edits(tokens[0])
            if edits == 0:
                continue
            self.highlight.setdefault(locale, HighlightTerms()).fuzzy.append(
                (tokens[0], edits)
            )
            options.append(
                {
                    "match": {
                        text_field(locale): {
                            "query": word,
                            "fuzziness": FUZZINESS,
                            "prefix_length": 1,
                            "boost": FUZZY_BOOST,
                        }
                    }
                }
            )
        forms = self.document_translation_forms(word)
        if forms and self.source_locale is not None:
            options.extend(
                _translations(self.source_locale, forms, DOCUMENT_TRANSLATION_BOOST)
            )
        return options

    def phrase(self, words: Sequence[str]) -> list[dict[str, Any]]:
        text = " ".join(words)
        locales = [loc for loc in self.search_locales if analyze(text, loc)]
        for locale in locales:
            self._mark(locale, analyze(text, locale))
        return [self._phrase(text, locales)] if locales else []

    def concept(
        self, match: GlossaryMatch, words: Sequence[str], *, loose: bool = True
    ) -> list[dict[str, Any]]:
        """Alternatives for query words that matched glossary concepts.

        Unquoted multi-word terms also match their words apart (``loose``,
        scored lower); quoted ones only as phrases.
        """
        span = words[match.start : match.end]
        options = self.word(span[0]) if len(span) == 1 else self.phrase(span)
        if len(span) > 1 and loose:
            alternatives = [self.word(word) for word in span]
            required = [_any(found) for found in alternatives if found]
            if required:
                options.append({"bool": {"must": required, "boost": LOOSE_BOOST}})
        for locale in self.search_locales:
            seen: set[tuple[str, ...]] = set()
            for concept in match.concepts:
                allowed = set(self.glossary.analysed_terms(concept, locale))
                for term in concept.terms_in(locale):
                    tokens = analyze(term, locale)
                    if tokens not in allowed or tokens in seen:
                        continue
                    seen.add(tokens)
                    self._mark(locale, tokens)
                    options.append(self._phrase(term, [locale], GLOSSARY_BOOST))
        return options

    def translated(
        self, translation: Translation, boost: float
    ) -> list[dict[str, Any]]:
        locale = translation.locale
        if translation.forms:
            forms = [*translation.words, *translation.forms]
            for form in forms:
                self._mark(locale, analyze(form, locale))
            fields = _fields(locale, boost)
            return [
                {
                    "multi_match": {
                        "query": " ".join(forms),
                        "type": "most_fields",
                        "operator": "or",
                        "fields": fields,
                    }
                },
                *_translations(locale, translation.words, boost * MEET_BOOST),
            ]
        tokens = analyze(translation.text, locale)
        if not tokens:
            return []
        self._mark(locale, tokens)
        met = (
            _translations(locale, translation.words, boost * MEET_BOOST)
            if len(tokens) == 1
            else []
        )
        return [self._words(translation.text, [locale], boost), *met]

    def any_of(self, options: Sequence[dict[str, Any]]) -> dict[str, Any]:
        return _any(options)


def render_clause(clause: Clause) -> dict[str, Any]:
    """A clause of :mod:`search.grouping` in the engine's query syntax."""
    if isinstance(clause, Terms):
        return {"terms": {clause.field: list(clause.values)}}
    if isinstance(clause, Range):
        bounds = {
            name: value
            for name, value in (
                ("gte", clause.gte),
                ("lte", clause.lte),
                ("gt", clause.gt),
            )
            if value is not None
        }
        if not bounds:
            return {"exists": {"field": clause.field}}
        return {"range": {clause.field: bounds}}
    inner = [render_clause(part) for part in clause.clauses]
    if isinstance(clause, AllOf):
        return {"bool": {"filter": inner}}
    if isinstance(clause, AnyOf):
        return {"bool": {"should": inner, "minimum_should_match": 1}}
    if isinstance(clause, NoneOf):
        return {"bool": {"must_not": inner}}
    raise TypeError(f"not a grouping clause: {clause!r}")


def filter_clauses(query: SearchQuery) -> list[dict[str, Any]]:
    """Non-scoring clauses for the filters of ``query`` (tombstones excluded)."""
    filters: list[dict[str, Any]] = [{"term": {"deleted": False}}]
    for name, values in (
        ("type", query.types),
        ("locale", query.locale_filter),
        ("themes", query.themes),
        ("countries", query.countries),
        ("goals", query.goals),
        ("translation_key", query.translation_keys),
        ("paths", query.paths),
    ):
        if values:
            filters.append({"terms": {name: list(values)}})
    if not query.cross_language and query.locale is not None:
        filters.append({"term": {"locale": query.locale}})
    bounds: dict[str, int] = {}
    if query.date_from is not None:
        bounds["gte"] = timestamp(query.date_from)
    if query.date_to is not None:
        bounds["lte"] = timestamp(query.date_to)
    if bounds:
        filters.append({"range": {"date_ts": bounds}})
    if query.upcoming or query.open_calls:
        now = timestamp(query.effective_now())
        if query.upcoming:
            filters.append({"range": {"upcoming_ts": {"gt": now}}})
        if query.open_calls:
            filters.append({"range": {"opens_ts": {"lte": now}}})
            filters.append({"range": {"closes_ts": {"gt": now}}})
    if query.exclude_types:
        excluded = {"terms": {"type": list(query.exclude_types)}}
        filters.append({"bool": {"must_not": [excluded]}})
    if query.best_version:
        filters.append(render_clause(best_version_filter(query)))
    return filters


def _spelling_words(parts: Sequence[QueryPart]) -> list[tuple[int, str]]:
    words: list[tuple[int, str]] = []
    for number, part in enumerate(parts):
        if part.phrase or len(part.words) != 1:
            continue
        folded = analyze(part.words[0], None)
        term = folded[0] if len(folded) == 1 else ""
        if term and not term.isdigit() and max_edits(term) > 0:
            words.append((number, term))
    return words


def _translates(query: SearchQuery) -> bool:
    """Whether the query is translated: across languages, from a known one."""
    return query.cross_language and query.locale is not None


def build_query(
    query: SearchQuery, glossary: Glossary, translator: Translator | None = None
) -> QueryPlan:
    """Build the ``query`` section of ``query`` (see the module docstring)."""
    parts = parse_text(query.text)
    if query.cross_language or query.locale is None:
        search_locales: tuple[str, ...] = LOCALES
    else:
        search_locales = (query.locale,)
    fuzzy_locales = (query.locale,) if query.locale is not None else search_locales
    glossary_locales = (query.locale,) if query.locale is not None else LOCALES
    builder = _TextBuilder(
        glossary,
        search_locales,
        fuzzy_locales,
        expand=query.cross_language,
        glossary_locales=glossary_locales,
        translator=translator,
        source_locale=query.locale,
    )
    text_clauses = builder.clauses(parts, query.locale) if parts else []
    boolean: dict[str, Any] = {"filter": filter_clauses(query)}
    must = [clause for clause, optional in text_clauses if not optional]
    if must and _translates(query):
        # Each clause scores its relevance plus MATCH_SCORE when it matches,
        # and its share of LOCALE_BONUS in the searcher's language, evaluated
        # once (a constant_score copy beside it ran it twice).
        bonuses = [
            {"weight": MATCH_SCORE},
            {
                "filter": {"term": {"locale": query.locale}},
                "weight": LOCALE_BONUS / len(must),
            },
        ]
        scored = [
            {
                "function_score": {
                    "query": clause,
                    "functions": bonuses,
                    "score_mode": "sum",
                    "boost_mode": "sum",
                }
            }
            for clause in must
        ]
        needed = required_matches(len(must), translated=True)
        must = [{"bool": {"should": scored, "minimum_should_match": needed}}]
    should = [clause for clause, optional in text_clauses if optional]
    if parts and not text_clauses:
        must = [{"match_none": {}}]
    if must:
        boolean["must"] = must
    if should:
        boolean["should"] = should
    return QueryPlan(
        query={"bool": boolean},
        parts=parts,
        highlight={k: v for k, v in builder.highlight.items() if v},
        search_locales=search_locales,
        expansions=tuple(builder.expansions),
        translated_from=(
            query.locale
            if _translates(query) and translator is not None and translator.available
            else None
        ),
        spelling=_spelling_words(parts) if text_clauses else [],
    )


def _spelling_aggregation(plan: QueryPlan) -> dict[str, Any]:
    """Which query words the searched languages know (a global count each)."""
    fields = [vocab_field(loc) for loc in plan.search_locales]
    known = {
        str(number): {"multi_match": {"query": term, "fields": fields}}
        for number, term in plan.spelling
    }
    return {"global": {}, "aggs": {"known": {"filters": {"filters": known}}}}


def spelling_suggest_body(plan: QueryPlan, terms: Sequence[str]) -> dict[str, Any]:
    """A request for term suggestions per language for the unknown ``terms``.

    Sent only when a word is unknown: the suggesters cost more than the
    search itself, and most queries need none.
    """
    text = " ".join(terms)
    suggest = {
        f"spelling_{language}": {
            "text": text,
            "term": {
                "field": vocab_field(language),
                "suggest_mode": "missing",
                "prefix_length": 2,
                "min_word_length": 4,
                "max_edits": 2,
                "size": 5,
                "string_distance": "damerau_levenshtein",
            },
        }
        for language in plan.search_locales
    }
    return {"size": 0, "track_total_hits": False, "suggest": suggest}


def search_body(plan: QueryPlan, query: SearchQuery) -> dict[str, Any]:
    """Keyword arguments of ``client.search`` for the first page.

    The caller sets ``size`` and ``search_after``.
    """
    aggregations: dict[str, Any] = {
        name: {"terms": {"field": FACET_FIELDS[name], "size": _FACET_SIZE}}
        for name in query.facets
    }
    body: dict[str, Any] = {
        "query": plan.query,
        "sort": SORT_CLAUSES[query.effective_sort],
        "_source": SOURCE_FIELDS,
        # Counting every match costs as much as the whole list.
        "track_total_hits": query.count,
    }
    if plan.spelling:
        aggregations[SPELLING_AGGREGATION] = _spelling_aggregation(plan)
    if aggregations:
        body["aggs"] = aggregations
    return body


def autocomplete_body(
    prefix: str, locale: str | None, limit: int
) -> dict[str, Any] | None:
    """Keyword arguments of ``client.search`` for :meth:`suggest`, or ``None``.

    Every word of ``prefix`` must be in the title; the last one (unless the
    prefix ends with a space or punctuation) only as the start of a word,
    matched through the edge n-gram sub-field.
    """
    tokens = analyze(prefix, None)
    if not tokens or len("".join(tokens)) < 2:
        return None
    complete = not prefix[-1].isalnum()
    must: list[dict[str, Any]] = [
        {"term": {"title_ac": token}} for token in (tokens if complete else tokens[:-1])
    ]
    if not complete:
        last = tokens[-1]
        if len(last) <= MAX_GRAM:
            must.append({"term": {"title_ac.prefix": last}})
        else:
            must.append({"prefix": {"title_ac": last}})
    filters: list[dict[str, Any]] = [{"term": {"deleted": False}}]
    if locale is not None:
        filters.append({"term": {"locale": locale}})
    return {
        "query": {"bool": {"must": must, "filter": filters}},
        "size": max(limit * 5, 50),
        "_source": ["doc.locale", "title_*"],
        "track_total_hits": False,
    }
