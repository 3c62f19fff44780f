"""Turns a :class:`SearchQuery` into a tantivy query for the embedded backend.

Text becomes one *clause* per query word or phrase (or per glossary term that
spans several words). Clauses are required (AND), except stop words of the
query's language, which only add to the score. A clause matches when any of
these matches, and scores its best match plus a share of the others
(``dis_max``, as the engine backend):

* the word analysed for each searched language, in that language's title and
  text fields (title boosted) and, scored lower, among the parts of the
  language's compounds (:mod:`search.compounds`);
* the other spellings users type for Nordic letters ("oe" for ø, "aa" for å);
* with ``cross_language``, the glossary equivalents of the concept in every
  language (multi-word terms as phrases);
* with ``cross_language``, the word's translations into the other languages
  (:mod:`search.crosslingual`), each weighted by how sure the lexicon is;
* with a query language, the word among the translations of other
  documents' words into that language, and each one-word translation among
  the translations into its language (:mod:`search.document_translation`);
* typo tolerance: a fuzzy term (1 edit for 4-7 letters, 2 from 8) on the
  stemmed and folded form, in the query language's text field, for a word
  no text of that language holds (with the read model's statistics) and
  the dictionaries do not know.

Each term and phrase is scored with its IDF over the documents of its
language, not of the whole index (:mod:`._tantivy_statistics`). With those
statistics, a term or phrase on a word no document holds in that field is left
out: most translations and forms of a query word occur nowhere in the hub (a
long-tail query made 523 term clauses over 5,000 items, 512 of them on absent
words), and building them cost more than the search itself. A clause whose
every option is left out becomes one that matches nothing, so the matches,
their scores and what the query is explained as stay the same. A word among
more than a fifth of the documents' translations into a language is not looked
for among them (:data:`COMMON_TRANSLATION_SHARE`): it says nothing of a topic,
and its postings were most of what a search read.

A translated query (a known language searched across languages) needs a
third of its clauses; each matched clause and the searcher's own language
add to its relevance (:mod:`search.backends._text_clauses`).

Filters are added as zero-scoring required clauses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

import tantivy
from tantivy import FieldType, Occur, Query

from search.analysis import QueryPart, analyze, is_stopword, parse_text, typing_variants
from search.backends._tantivy_groups import (
    clauses_of,
    excluded,
    required,
    terms_filter,
)
from search.backends._tantivy_schema import (
    I64_MAX,
    I64_MIN,
    LIVE,
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
from search.feedback import FEEDBACK_BOOST
from search.grouping import best_version_filter
from search.highlight import HighlightTerms
from search.spelling import max_edits

if TYPE_CHECKING:
    from collections.abc import Hashable, Sequence

    from search.backends._tantivy_statistics import LanguageStatistics
    from search.crosslingual import Translation, Translator
    from search.explain import Expansion
    from search.glossary import Glossary, GlossaryMatch
    from search.query import SearchQuery

__all__ = ["QueryPlan", "build_query", "feedback_query", "filter_clauses"]

TITLE_BOOST: Final = 2.0
VARIANT_BOOST: Final = 0.8
GLOSSARY_BOOST: Final = 0.9
FUZZY_BOOST: Final = 0.3
#: Words among more than this share of the documents' translations into a
#: language, and among at least :data:`COMMON_TRANSLATION_MIN` of them, are
#: not looked for there: they say nothing of a topic (Danish "tid", time,
#: which the translations of some word of most texts give) and their
#: postings were most of what a search read at 500,000 items (63%). A share
#: of a handful of texts says nothing of a word's commonness.
COMMON_TRANSLATION_SHARE: Final = 0.2
COMMON_TRANSLATION_MIN: Final = 20


@dataclass(slots=True)
class QueryPlan:
    """A built query and what highlighting and suggestions need to know.

    Attributes:
        query: The full tantivy query (text, filters and locale boost).
        parts: The parsed query text.
        highlight: Analysed terms to mark, per document language.
        search_locales: Languages the text was searched in.
        expansions: What each query word was searched as (:mod:`search.explain`).
        translated_from: The query's language when its words were translated.
        unsearched: ``(language, token)`` pairs not looked for among the
            documents' translations (:data:`COMMON_TRANSLATION_SHARE`), which
            explanations leave out too.
    """

    query: Query
    parts: list[QueryPart] = field(default_factory=list)
    highlight: dict[str, HighlightTerms] = field(default_factory=dict)
    search_locales: tuple[str, ...] = LOCALES
    expansions: tuple[Expansion, ...] = ()
    translated_from: str | None = None
    unsearched: frozenset[tuple[str, str]] = frozenset()
    _highlight_keys: dict[str, _Hashed] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    @property
    def has_text(self) -> bool:
        return bool(self.parts)

    def highlight_key(self, locale: str) -> Hashable:
        """What the highlights of a document in ``locale`` depend on besides
        its text, hashed once per plan: a page asks for each hit's."""
        found = self._highlight_keys.get(locale)
        if found is None:
            own = self.highlight.get(locale)
            found = self._highlight_keys[locale] = _Hashed.interned(
                (
                    locale,
                    frozenset(own.exact) if own is not None else None,
                    tuple(own.fuzzy) if own is not None else None,
                    self.translated_from,
                    # What a translated query met through documents' translations.
                    self.expansions if self.translated_from is not None else None,
                    self.unsearched if self.translated_from is not None else None,
                )
            )
        return found


class _Hashed:
    """A tuple whose hash is computed once."""

    __slots__ = ("_hash", "value")

    def __init__(self, value: tuple[object, ...]) -> None:
        self.value = value
        self._hash = hash(value)

    @classmethod
    def interned(cls, value: tuple[object, ...]) -> _Hashed:
        """The one key of ``value``: a plan built again for a new state of
        the read model finds the highlights kept under the same object, so
        a lookup stops at identity instead of comparing every expansion."""
        key = cls(value)
        found = _INTERNED.get(key)
        if found is not None:
            return found
        if len(_INTERNED) >= _MAX_INTERNED:
            _INTERNED.clear()
        _INTERNED[key] = key
        return key

    def __hash__(self) -> int:
        return self._hash

    def __eq__(self, other: object) -> bool:
        return self is other or (
            isinstance(other, _Hashed)
            and self._hash == other._hash
            and self.value == other.value
        )


#: Interned highlight keys (:meth:`_Hashed.interned`), at most as many as the
#: highlights kept (``_tantivy_results``).
_INTERNED: dict[_Hashed, _Hashed] = {}
_MAX_INTERNED: Final = 4096


class _TextBuilder(TextClauses[Query]):
    def __init__(
        self,
        schema: tantivy.Schema,
        glossary: Glossary,
        search_locales: Sequence[str],
        fuzzy_locales: Sequence[str],
        expand: bool,
        glossary_locales: Sequence[str],
        translator: Translator | None = None,
        source_locale: str | None = None,
        statistics: LanguageStatistics | None = None,
    ) -> None:
        self.schema = schema
        self.statistics = statistics
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
        #: The term queries built, by identity: the term and its weight
        #: (:meth:`any_of` keeps one of each term among a clause's options).
        self._terms: dict[int, tuple[Query, tuple[str, str], float]] = {}
        #: Tokens left out of the documents' translations (:meth:`_common`).
        self.unsearched: set[tuple[str, str]] = set()

    # -- leaves ---------------------------------------------------------------

    def _weight(
        self, field: str, locale: str, tokens: Sequence[str], boost: float
    ) -> float | None:
        """``boost`` with the IDF of ``tokens`` in ``field`` taken over the
        documents of ``locale`` (:mod:`._tantivy_statistics`); ``None`` when
        no document holds one of them there, so the term or phrase is left
        out."""
        if self.statistics is None:
            return boost
        factor = self.statistics.boost(field, locale, tokens)
        return None if factor is None else boost * factor

    @staticmethod
    def _boosted(query: Query, boost: float) -> Query:
        return query if boost == 1.0 else Query.boost_query(query, boost)

    def _scored_term(
        self, field: str, locale: str, token: str, boost: float
    ) -> Query | None:
        weight = self._weight(field, locale, (token,), boost)
        if weight is None:
            return None
        query = self._boosted(Query.term_query(self.schema, field, token), weight)
        self._terms[id(query)] = (query, (field, token), weight)
        return query

    def _term(self, locale: str, token: str, boost: float) -> list[Query]:
        self.highlight[locale].exact.add(token)
        fields = [(title_field(locale), TITLE_BOOST), (text_field(locale), 1.0)]
        if locale in COMPOUND_LOCALES:
            fields.append((parts_field(locale), PARTS_BOOST))
        found = [
            query
            for name, factor in fields
            if (query := self._scored_term(name, locale, token, factor * boost))
            is not None
        ]
        return found or [_NOTHING]

    def _translations(
        self, locale: str, words: Sequence[str], boost: float
    ) -> list[Query]:
        """``words`` among the translations of documents' words into
        ``locale`` (:mod:`search.document_translation`)."""
        tokens: dict[str, None] = {}
        for word in words:
            analysed = self._analysed(word, locale)
            if len(analysed) == 1:
                tokens.setdefault(analysed[0], None)
        name = trans_field(locale)
        found = [
            query
            for token in tokens
            if not self._common(name, locale, token)
            and (query := self._scored_term(name, locale, token, boost)) is not None
        ]
        return found or ([_NOTHING] if tokens else [])

    def _common(self, field: str, locale: str, token: str) -> bool:
        """Whether more than :data:`COMMON_TRANSLATION_SHARE` of the documents
        that can hold ``field``, and :data:`COMMON_TRANSLATION_MIN` at least,
        hold ``token`` (with the read model's statistics); if so, it is
        recorded as unsearched."""
        statistics = self.statistics
        if statistics is None:
            return False
        documents = statistics.documents(field, locale)
        holding = statistics.doc_freq(field, token)
        if (
            holding < COMMON_TRANSLATION_MIN
            or holding <= COMMON_TRANSLATION_SHARE * documents
        ):
            return False
        self.unsearched.add((locale, token))
        return True

    def _phrase(self, locale: str, tokens: Sequence[str], boost: float) -> list[Query]:
        if len(tokens) == 1:
            return self._term(locale, tokens[0], boost)
        self.highlight[locale].exact.update(tokens)
        words: list[str | tuple[int, str]] = list(tokens)
        found: list[Query] = []
        for name, factor in (
            (title_field(locale), TITLE_BOOST),
            (text_field(locale), 1.0),
        ):
            weight = self._weight(name, locale, tokens, factor * boost)
            if weight is not None:
                phrase = Query.phrase_query(self.schema, name, words)
                found.append(self._boosted(phrase, weight))
        return found or [_NOTHING]

    def _analysed(self, text: str, locale: str) -> tuple[str, ...]:
        return analyze(text, locale)

    # -- clauses --------------------------------------------------------------

    def word(self, word: str) -> list[Query]:
        """Alternatives for one bare word (exact, variants, fuzzy)."""
        options: list[Query] = []
        for locale in self.search_locales:
            tokens = self._analysed(word, locale)
            if (
                len(tokens) == 1
                and is_stopword(tokens[0], locale)
                and not is_stopword(word, locale)
            ):
                # The stem is a function word (Finnish "kunta" -> "kun",
                # "when"): match the unstemmed word in the vocabulary field.
                folded = analyze(word, None)
                if len(folded) == 1:
                    options.append(
                        Query.term_query(self.schema, vocab_field(locale), folded[0])
                    )
                continue
            if len(tokens) == 1:
                options.extend(self._term(locale, tokens[0], 1.0))
            elif tokens:
                options.extend(self._phrase(locale, tokens, 1.0))
            for variant in typing_variants(word):
                variant_tokens = self._analysed(variant, locale)
                if variant_tokens and variant_tokens != tokens:
                    options.extend(self._phrase(locale, variant_tokens, VARIANT_BOOST))
        for locale in self.fuzzy_locales:
            tokens = self._analysed(word, locale)
            if (
                len(tokens) != 1
                or tokens[0].isdigit()
                or self._known(locale, tokens[0])
                or self.spelled_right(word, locale)
            ):
                continue
            edits = max_edits(tokens[0])
            if edits == 0:
                continue
            self.highlight[locale].fuzzy.append((tokens[0], edits))
            fuzzy = Query.fuzzy_term_query(
                self.schema, text_field(locale), tokens[0], distance=edits
            )
            options.append(Query.boost_query(fuzzy, FUZZY_BOOST))
        forms = self.document_translation_forms(word)
        if forms and self.source_locale is not None:
            options.extend(
                self._translations(
                    self.source_locale, forms, DOCUMENT_TRANSLATION_BOOST
                )
            )
        return options

    def _known(self, locale: str, token: str) -> bool:
        """Whether a text of ``locale`` holds ``token``: typos are searched
        for the words the read model lacks. A word it knows is most likely
        what the searcher meant, and the words an edit or two away from it
        are mostly other words ("barn", "bark", "born")."""
        statistics = self.statistics
        return (
            statistics is not None
            and statistics.doc_freq(text_field(locale), token) > 0
        )

    def phrase(self, words: Sequence[str]) -> list[Query]:
        options: list[Query] = []
        text = " ".join(words)
        for locale in self.search_locales:
            tokens = self._analysed(text, locale)
            if tokens:
                options.extend(self._phrase(locale, tokens, 1.0))
        return options

    def concept(
        self, match: GlossaryMatch, words: Sequence[str], *, loose: bool = True
    ) -> list[Query]:
        """Alternatives for query words that matched glossary concepts.

        Unquoted multi-word terms also match their words apart (``loose``,
        scored lower); quoted ones only as phrases.
        """
        span = words[match.start : match.end]
        if len(span) == 1:
            options = self.word(span[0])
        else:
            options = self.phrase(span)
        if len(span) > 1 and loose:
            required = [self._should(self.word(word)) for word in span]
            options.append(
                Query.boost_query(
                    Query.boolean_query([(Occur.Must, query) for query in required]),
                    0.5,
                )
            )
        for locale in self.search_locales:
            for concept in match.concepts:
                for tokens in self.glossary.analysed_terms(concept, locale):
                    options.extend(self._phrase(locale, tokens, GLOSSARY_BOOST))
        return options

    def translated(self, translation: Translation, boost: float) -> list[Query]:
        locale = translation.locale
        if translation.forms:
            tokens: dict[str, None] = {}
            for form in (*translation.words, *translation.forms):
                analysed = self._analysed(form, locale)
                if len(analysed) == 1:
                    tokens.setdefault(analysed[0], None)
            options: list[Query] = []
            for token in tokens:
                options.extend(self._term(locale, token, boost))
            options.extend(
                self._translations(locale, translation.words, boost * MEET_BOOST)
            )
            return [self._should(options)] if options else []
        per_word = [self._analysed(word, locale) for word in translation.words]
        per_word = [tokens for tokens in per_word if tokens]
        if not per_word:
            return []
        if len(per_word) == 1:
            met = (
                self._translations(locale, translation.words, boost * MEET_BOOST)
                if len(per_word[0]) == 1
                else []
            )
            return self._phrase(locale, per_word[0], boost) + met
        required = [
            self._should(self._phrase(locale, tokens, 1.0)) for tokens in per_word
        ]
        together = Query.boolean_query([(Occur.Must, query) for query in required])
        return [Query.boost_query(together, boost)]

    @staticmethod
    def _should(options: Sequence[Query]) -> Query:
        if len(options) == 1:
            return options[0]
        return Query.boolean_query([(Occur.Should, option) for option in options])

    def any_of(self, options: Sequence[Query]) -> Query:
        options = self._distinct(options)
        if len(options) == 1:
            return options[0]
        return Query.disjunction_max_query(list(options), tie_breaker=TIE_BREAKER)

    def _distinct(self, options: Sequence[Query]) -> list[Query]:
        """``options`` with each term once, at its highest weight: a word
        that is its own translation ("integration" in Swedish) or a glossary
        term would otherwise match twice, scored again by the tie breaker,
        and read its postings twice."""
        best: dict[tuple[str, str], float] = {}
        for option in options:
            found = self._terms.get(id(option))
            if found is not None and found[0] is option:
                best[found[1]] = max(best.get(found[1], 0.0), found[2])
        kept: list[Query] = []
        taken: set[tuple[str, str]] = set()
        for option in options:
            found = self._terms.get(id(option))
            if found is not None and found[0] is option:
                if found[1] in taken or found[2] < best[found[1]]:
                    continue
                taken.add(found[1])
            kept.append(option)
        return kept

    def build(
        self, parts: Sequence[QueryPart], stop_locale: str | None
    ) -> list[tuple[Occur, Query]]:
        return [
            (Occur.Should if optional else Occur.Must, query)
            for query, optional in self.clauses(parts, stop_locale)
        ]


def _range(
    schema: tantivy.Schema,
    name: str,
    lower: int | None = None,
    upper: int | None = None,
    *,
    include_lower: bool = True,
    include_upper: bool = True,
) -> Query:
    return Query.range_query(
        schema,
        name,
        FieldType.Integer,
        lower_bound=I64_MIN if lower is None else lower,
        upper_bound=I64_MAX if upper is None else upper,
        include_lower=include_lower,
        include_upper=include_upper,
    )


def filter_clauses(
    schema: tantivy.Schema, query: SearchQuery, *, text: bool = False
) -> list[tuple[Occur, Query]]:
    """Zero-scoring clauses for the filters of ``query``: required ones and
    exclusions (excluded types, other locales, better versions).

    With ``text`` (a query whose text clauses must match), the exclusions are
    one union: text matches a good share of the index, and for matches that
    dense a union read block by block costs less than asking each
    exclusion's postings in turn (lists, whose candidates lie far apart, ask
    each). Nor is "live" required: a tombstone has no text to match.
    """
    filters = [] if text else [Query.term_query(schema, "state", LIVE)]
    parts: list[tuple[Occur, Query]] = []
    for name, values in (
        ("type", query.types),
        # A best-version filter keeps only the chain's languages itself.
        ("locale", () if query.best_version else query.locale_filter),
        ("themes", query.themes),
        ("countries", query.countries),
        ("goals", query.goals),
    ):
        if values:
            parts.extend(required(schema, name, values))
    if not query.cross_language and query.locale is not None:
        filters.append(Query.term_query(schema, "locale", query.locale))
    for name, values in (
        ("translation_key", query.translation_keys),
        ("paths", query.paths),
    ):
        if values:
            filters.append(terms_filter(schema, name, values))
    if query.best_version:
        parts.extend(clauses_of(schema, best_version_filter(query)))
    if query.date_from is not None or query.date_to is not None:
        filters.append(
            _range(
                schema,
                "date_ts",
                None if query.date_from is None else timestamp(query.date_from),
                None if query.date_to is None else timestamp(query.date_to),
            )
        )
    if query.upcoming or query.open_calls:
        now = timestamp(query.effective_now())
        if query.upcoming:
            filters.append(_range(schema, "upcoming_ts", now, include_lower=False))
        if query.open_calls:
            filters.append(_range(schema, "opens_ts", upper=now))
            filters.append(_range(schema, "closes_ts", now, include_lower=False))
    if query.exclude_types:
        parts.extend(excluded(schema, "type", query.exclude_types))
    filters.extend(item for occur, item in parts if occur == Occur.Must)
    clauses = [(Occur.Must, Query.const_score_query(item, 0.0)) for item in filters]
    exclusions = [item for occur, item in parts if occur == Occur.MustNot]
    if not text or len(exclusions) < 2:
        clauses.extend((Occur.MustNot, item) for item in exclusions)
        return clauses
    union = [(Occur.Should, item) for item in exclusions]
    clauses.append((Occur.MustNot, Query.boolean_query(union)))
    return clauses


#: What a term or phrase left out leaves: an option list never becomes empty
#: by it, so the clauses and what they record stay those of the query.
_NOTHING: Final = Query.empty_query()


def _with_required_matches(
    text_clauses: list[tuple[Occur, Query]], translated: bool, own: Query | None
) -> list[tuple[Occur, Query]]:
    """The text clauses; for a translated query, the required ones grouped so
    that enough of them match, each adding :data:`MATCH_SCORE` and, in the
    searcher's language (``own``), its share of :data:`LOCALE_BONUS`."""
    if not translated:
        return list(text_clauses)
    must = [query for occur, query in text_clauses if occur == Occur.Must]
    # The bonuses ride on constant clauses beside the required one, one
    # optional clause per level (tantivy seeks a single optional clause to
    # each match; two would be read as a union): the clause's own query is
    # evaluated once.
    everything = Query.const_score_query(Query.all_query(), MATCH_SCORE)
    share = (
        Query.const_score_query(own, LOCALE_BONUS / len(must))
        if own is not None and must
        else None
    )
    scored = []
    for query in must:
        inner = query
        if share is not None:
            inner = Query.boolean_query([(Occur.Must, query), (Occur.Should, share)])
        scored.append(
            Query.boolean_query([(Occur.Must, inner), (Occur.Should, everything)])
        )
    group = Query.boolean_query(
        [(Occur.Should, query) for query in scored],
        minimum_number_should_match=required_matches(len(must), translated=True),
    )
    optional: list[tuple[Occur, Query]] = [
        (occur, query) for occur, query in text_clauses if occur != Occur.Must
    ]
    return [(Occur.Must, group), *optional] if must else optional


def _translates(query: SearchQuery) -> bool:
    """Whether the query is translated: across languages, from a known one."""
    return query.cross_language and query.locale is not None


def build_query(
    schema: tantivy.Schema,
    query: SearchQuery,
    glossary: Glossary,
    translator: Translator | None = None,
    statistics: LanguageStatistics | None = None,
) -> QueryPlan:
    """Build the tantivy query of ``query`` (see the module docstring); with
    ``statistics``, text is scored by per-language IDF."""
    parts = parse_text(query.text)
    if query.cross_language or query.locale is None:
        search_locales: tuple[str, ...] = LOCALES
    else:
        search_locales = (query.locale,)
    fuzzy_locales = (query.locale,) if query.locale is not None else search_locales
    glossary_locales = (query.locale,) if query.locale is not None else LOCALES
    builder = _TextBuilder(
        schema,
        glossary,
        search_locales,
        fuzzy_locales,
        expand=query.cross_language,
        glossary_locales=glossary_locales,
        translator=translator,
        source_locale=query.locale,
        statistics=statistics,
    )
    text_clauses = builder.build(parts, query.locale) if parts else []
    own = (
        Query.term_query(schema, "locale", str(query.locale))
        if _translates(query)
        else None
    )
    clauses = _with_required_matches(text_clauses, _translates(query), own)
    if parts and not text_clauses:
        clauses.append((Occur.Must, Query.empty_query()))
    required_text = any(occur == Occur.Must for occur, _ in clauses)
    clauses.extend(filter_clauses(schema, query, text=required_text))
    return QueryPlan(
        query=Query.boolean_query(clauses),
        parts=parts,
        highlight={k: v for k, v in builder.highlight.items() if v},
        search_locales=search_locales,
        expansions=tuple(builder.expansions),
        translated_from=(
            query.locale
            if _translates(query) and translator is not None and translator.available
            else None
        ),
        unsearched=frozenset(builder.unsearched),
    )


def feedback_query(schema: tantivy.Schema, terms: Sequence[tuple[str, str]]) -> Query:
    """Any of the feedback ``terms``, each in its language's text and among
    the translations into it (:mod:`search.feedback`)."""
    return Query.boolean_query(
        [
            (
                Occur.Should,
                Query.boost_query(Query.term_query(schema, name, term), FEEDBACK_BOOST),
            )
            for locale, term in terms
            for name in (text_field(locale), trans_field(locale))
        ]
    )
