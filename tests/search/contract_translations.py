"""Contract: documents are met through the translations of their own words.

Mixed into :class:`tests.search.contract.BackendContract`. Each document
indexes the translations of its words into the other languages
(:mod:`search.document_translation`); a query word is looked for among the
translations into its own language, and a query word's translation among
the translations into the translation's language. The document translator
is replaced by a fixed table here, so what is found follows from the test
alone, whatever lexicon the machine has.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import pytest

from search import document_translation, merging
from search import feedback as search_feedback
from search.backends._text_clauses import MIN_TRANSLATIONS, TRANSLATION_BUDGET
from search.backends.base import BaseBackend
from search.crosslingual import Translation, Translator
from search.document_translation import DocumentTranslator
from search.glossary import Glossary
from search.merging import BALANCE_WINDOW
from search.query import SearchQuery
from search.testing import make_document


class TableTranslator:
    """Translations of a few document words, from a table."""

    available = True

    def __init__(
        self,
        table: Mapping[tuple[str, str], list[tuple[str, str]]],
        function_words: frozenset[tuple[str, str]] = frozenset(),
    ) -> None:
        self.table = table
        self.function_words = function_words

    def translate(self, word: str, source: str) -> tuple[Translation, ...]:
        return tuple(
            Translation(target, tuple(text.split()), 1.0, "table")
            for target, text in self.table.get((source, word), [])
        )

    def is_function_word(self, word: str, locale: str) -> bool:
        return (locale, word.lower()) in self.function_words


class QueryTranslator(Translator):
    """Query words translated from a table too (no lexicon needed)."""

    def __init__(
        self,
        table: Mapping[tuple[str, str], list[tuple[str, str]]],
        function_words: frozenset[tuple[str, str]] = frozenset(),
    ) -> None:
        super().__init__(None)
        self.table = TableTranslator(table, function_words)

    @property
    def available(self) -> bool:
        return True

    def translate(
        self, word: str, source: str, targets: tuple[str, ...] = ()
    ) -> tuple[Translation, ...]:
        return self.table.translate(word, source)

    def dictionary_forms(self, word: str, locale: str) -> tuple[str, ...]:
        return (word.lower(),)

    def is_function_word(self, word: str, locale: str) -> bool:
        return self.table.is_function_word(word, locale)


class WeightedTranslator(QueryTranslator):
    """Query words translated from a table of ``(locale, text, weight)``."""

    def __init__(
        self, table: Mapping[tuple[str, str], list[tuple[str, str, float]]]
    ) -> None:
        super().__init__({})
        self.weighted = table

    def translate(
        self, word: str, source: str, targets: tuple[str, ...] = ()
    ) -> tuple[Translation, ...]:
        return tuple(
            Translation(target, tuple(text.split()), weight, "table")
            for target, text, weight in self.weighted.get((source, word), [])
        )


class PartsTranslator(WeightedTranslator):
    """Weighted translations, and compounds' parts from a table."""

    def __init__(
        self,
        table: Mapping[tuple[str, str], list[tuple[str, str, float]]],
        compounds: Mapping[tuple[str, str], tuple[str, ...]],
    ) -> None:
        super().__init__(table)
        self.compounds = compounds

    def parts(self, word: str, locale: str) -> tuple[str, ...]:
        return self.compounds.get((locale, word.lower()), ())


def translate_documents_with(
    monkeypatch: pytest.MonkeyPatch, translator: DocumentTranslator
) -> None:
    """Documents indexed during the test are translated by ``translator``."""
    monkeypatch.setattr(
        document_translation, "shared_document_translator", lambda: translator
    )


def translate_from_tables(
    backend: BaseBackend,
    monkeypatch: pytest.MonkeyPatch,
    document_words: Mapping[tuple[str, str], list[tuple[str, str]]],
) -> None:
    """``backend`` translates query words by :data:`QUERY_WORDS` and
    documents' words by ``document_words``, with no glossary."""
    translate_documents_with(
        monkeypatch,
        DocumentTranslator(TableTranslator(document_words, FUNCTION_WORDS)),
    )
    backend.translator = QueryTranslator(QUERY_WORDS, FUNCTION_WORDS)
    backend.glossary = Glossary()


def translate_queries_with_weights(
    backend: BaseBackend,
    monkeypatch: pytest.MonkeyPatch,
    table: Mapping[tuple[str, str], list[tuple[str, str, float]]],
    bodies: Mapping[str, str],
) -> None:
    """``backend`` translates query words by the weighted ``table``, documents'
    words not at all, with no glossary, over Swedish documents ``id -> body``."""
    translate_documents_with(monkeypatch, DocumentTranslator(TableTranslator({})))
    backend.translator = WeightedTranslator(table)
    backend.glossary = Glossary()
    backend.bulk(
        make_document(id=id_, locale="sv", title="Nyheter", body=body)
        for id_, body in bodies.items()
    )
    backend.refresh()


#: What the documents' words translate to.
DOCUMENT_WORDS = {
    ("sv", "tonåringar"): [("en", "teenager"), ("fi", "teini-ikäinen")],
    ("da", "boliger"): [("sv", "bostad")],
    ("fi", "hammashoito"): [("en", "dental care")],
}
#: What the query words translate to.
QUERY_WORDS = {
    ("en", "housing"): [("sv", "bostad")],
    ("nb", "tannhelse"): [("fi", "hammashoito")],
}
#: Words the lexicon knows only as prepositions (no stop list has "hos").
FUNCTION_WORDS = frozenset({("nb", "hos")})


class DocumentTranslationContract:
    """Search meets documents through their own words' translations."""

    def found(self, backend: BaseBackend, **query: object) -> list[str]:
        results = backend.search(SearchQuery(first=100, **query))  # type: ignore[arg-type]
        return [hit.document.id for hit in results.hits]

    @pytest.fixture
    def translated(
        self, backend: BaseBackend, monkeypatch: pytest.MonkeyPatch
    ) -> Iterator[BaseBackend]:
        translate_from_tables(backend, monkeypatch, DOCUMENT_WORDS)
        backend.bulk(
            [
                make_document(
                    id="news:sv-youth",
                    locale="sv",
                    title="Sommarjobb",
                    body="Kommunen anställer tonåringar i juni.",
                ),
                make_document(
                    id="news:da-housing",
                    locale="da",
                    title="Nye boliger",
                    body="Kommunen bygger til familier.",
                ),
                make_document(
                    id="news:fi-dental",
                    locale="fi",
                    title="Hammashoito",
                    body="Kunta maksaa.",
                ),
                make_document(
                    id="news:en-teenager",
                    locale="en",
                    title="A teenager writes",
                    body="About the summer.",
                ),
                make_document(
                    id="news:nb-doctor",
                    locale="nb",
                    title="Time hos legen",
                    body="Flyktninger venter lenge.",
                ),
            ]
        )
        backend.refresh()
        yield backend

    def test_a_query_word_finds_a_document_whose_word_translates_to_it(
        self, translated: BaseBackend
    ) -> None:
        # English "teenagers" is stemmed like the translation "teenager" of
        # the Swedish document's "tonåringar"; no query translation needed.
        found = self.found(translated, text="teenagers", locale="en")
        assert "news:sv-youth" in found
        # The word itself ranks above a document that only translates to it.
        assert found[0] == "news:en-teenager"
        # Multi-word translations are indexed word by word.
        assert "news:fi-dental" in self.found(translated, text="dental", locale="en")

    def test_words_met_through_their_translations_are_highlighted(
        self, translated: BaseBackend
    ) -> None:
        results = translated.search(
            SearchQuery(text="teenagers housing", locale="en", highlight=True)
        )
        marked = {hit.document.id: hit.highlights for hit in results.hits}
        assert marked["news:sv-youth"]["body"] == (
            "Kommunen anställer <mark>tonåringar</mark> i juni."
        )
        # Met through a translation of the query word ("bostad").
        assert marked["news:da-housing"]["title"] == "Nye <mark>boliger</mark>"
        assert "body" not in marked["news:da-housing"]

    def test_a_query_translation_meets_a_document_translation(
        self, translated: BaseBackend
    ) -> None:
        # English "housing" -> Swedish "bostad" (query side); Danish
        # "boliger" -> Swedish "bostad" (document side): they meet.
        assert self.found(translated, text="housing", locale="en") == [
            "news:da-housing"
        ]

    def test_documents_translations_are_not_searched_within_one_language(
        self, translated: BaseBackend
    ) -> None:
        assert "news:sv-youth" not in self.found(
            translated, text="teenagers", locale="en", cross_language=False
        )
        # Without a query language nothing is translated either way.
        assert "news:sv-youth" not in self.found(translated, text="teenagers")
        assert "news:da-housing" not in self.found(translated, text="housing")

    def test_a_function_word_the_stop_lists_lack_is_optional(
        self, translated: BaseBackend
    ) -> None:
        # "hos" alone would match the Norwegian text on a doctor: a translated
        # query needs only one of three words. Known as a preposition only,
        # it adds to the score and matches nothing by itself.
        found = self.found(translated, text="tannhelse hos", locale="nb")
        assert found == ["news:fi-dental"]
        # On its own it is still searched (the engines let a word that is a
        # stop word of another language, Danish "hos", pass there too).
        assert self.found(translated, text="hos", locale="nb")[0] == "news:nb-doctor"

    def test_a_sure_translation_outranks_a_pile_of_doubtful_ones(
        self, backend: BaseBackend, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # A clause scores its best alternative and a share of the others:
        # three doubtful senses of "permit" met once each must not outweigh
        # its sure translation.
        translate_queries_with_weights(
            backend,
            monkeypatch,
            {
                ("en", "permit"): [
                    ("sv", "tillstånd", 1.0),
                    ("sv", "lov", 0.5),
                    ("sv", "licens", 0.5),
                    ("sv", "tillåtelse", 0.5),
                ]
            },
            {
                "news:sv-sure": "Tillstånd krävs hela sommaren.",
                "news:sv-doubtful": "Lov licens tillåtelse sommaren.",
            },
        )
        assert self.found(backend, text="permit", locale="en") == [
            "news:sv-sure",
            "news:sv-doubtful",
        ]

    def test_a_compound_query_word_finds_a_text_on_one_of_its_parts(
        self, backend: BaseBackend, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # "päiväkotipaikka" (a place in a kindergarten): the Finnish text on
        # "päiväkoti" never names the place, and ranks below one that does.
        translate_documents_with(monkeypatch, DocumentTranslator(TableTranslator({})))
        backend.translator = PartsTranslator(
            {}, {("fi", "päiväkotipaikka"): ("päiväkoti", "paikka")}
        )
        backend.glossary = Glossary()
        backend.bulk(
            make_document(id=id_, locale="fi", title="Uutiset", body=body)
            for id_, body in {
                "news:fi-whole": "Hae päiväkotipaikkaa ajoissa.",
                "news:fi-part": "Päiväkoti on auki aamusta iltaan.",
                "news:fi-other": "Kirjasto on auki aamusta iltaan.",
            }.items()
        )
        backend.refresh()
        results = backend.search(
            SearchQuery(text="päiväkotipaikka", locale="fi", explain=True)
        )
        assert [hit.document.id for hit in results.hits] == [
            "news:fi-whole",
            "news:fi-part",
        ]
        assert ("päiväkotipaikka", "fi", "päiväkoti") in {
            (e.word, e.locale, e.text) for e in results.expansions
        }

    def test_a_long_translated_query_is_answered_with_each_words_best(
        self, backend: BaseBackend, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # Twenty words with ten translations each would take the engine past
        # OpenSearch's 1,024 clauses: the query keeps a share of them, each
        # word's best per language first.
        words = (
            "alpha bravo charlie delta echo foxtrot golf hotel india juliett "
            "kilo lima mike november oscar papa quebec romeo sierra tango"
        ).split()
        others = ("da", "nb", "sv", "fi", "is")
        table = {
            ("en", word): [
                (locale, f"{word}{locale}{'ab'[rank]}", 1.0 - rank / 2)
                for locale in others
                for rank in range(2)
            ]
            for word in words
        }
        translate_queries_with_weights(
            backend,
            monkeypatch,
            table,
            {"news:sv-alpha": " ".join(f"{word}sva" for word in words)},
        )
        results = backend.search(SearchQuery(text=" ".join(words), locale="en"))
        assert [hit.document.id for hit in results.hits] == ["news:sv-alpha"]
        translated = [e for e in results.expansions if e.locale is not None]
        assert len(translated) <= max(TRANSLATION_BUDGET, MIN_TRANSLATIONS * len(words))
        assert len(translated) < sum(len(found) for found in table.values())
        assert {(e.word, e.locale, e.text) for e in translated} >= {
            (word, locale, f"{word}{locale}a") for word in words for locale in others
        }

    def test_a_document_without_translatable_words_indexes_none(
        self, translated: BaseBackend
    ) -> None:
        # "Kunta maksaa": no entry in the table, no Finnish-to-English match
        # for an unrelated English word.
        assert "news:fi-dental" not in self.found(
            translated, text="summer", locale="en"
        )


#: Relevance feedback: Danish "boliger" meets the query's Swedish "bostad";
#: "lejeboliger" and Norwegian "leiligheter" translate to "hyresrätt"; the
#: English fillers get Swedish translations too, as most texts would.
FEEDBACK_WORDS = {
    ("da", "boliger"): [("sv", "bostad")],
    ("da", "lejeboliger"): [("sv", "hyresrätt")],
    ("nb", "leiligheter"): [("sv", "hyresrätt")],
    ("en", "council"): [("sv", "råd")],
    ("en", "news"): [("sv", "nyheter")],
    ("en", "notes"): [("sv", "anteckningar")],
}


def set_for_next_searches(
    backend: BaseBackend,
    monkeypatch: pytest.MonkeyPatch,
    module: object,
    name: str,
    value: object,
) -> None:
    """Sets a ranking constant for the searches that follow. A backend may
    keep a search's rescored rows while its read model stays the same (the
    embedded one does), so a document no search here meets starts anew."""
    monkeypatch.setattr(module, name, value)
    backend.bulk(
        [
            make_document(
                id=f"news:en-unrelated-{name.lower()}",
                locale="en",
                title="Weather report",
                body="Rain and wind.",
            )
        ]
    )


#: A Swedish best hit whose words lift one Danish match above another.
FEEDBACK_TEXTS = [
    (
        "news:sv-best",
        "sv",
        "Bostad och hyresrätt",
        "Hyresrätt, hyresrätt och kö.",
    ),
    # Shares "havnen" and, through "lejeboliger", "hyresrätt" with
    # the best hits.
    ("news:da-related", "da", "Boliger", "Lejeboliger ved havnen."),
    # "boliger" twice: without feedback it ranks above the related one.
    ("news:da-other", "da", "Boliger", "Boliger ved havnen."),
    # Share "hyresrätt" but not the query: never match.
    ("news:sv-rent", "sv", "Hyresrätt i centrum", "Kö i tio år."),
    ("news:nb-rent", "nb", "Leiligheter i sentrum", "Lang kø."),
]


def index_with_fillers(
    backend: BaseBackend, texts: list[tuple[str, str, str, str]]
) -> None:
    """Index ``(id, locale, title, body)`` texts and twenty fillers in each of
    English, Swedish and Danish ("Council news"), as a read model of more than
    a topic's texts would: how telling a word is depends on the texts of its
    language."""
    fillers = [
        (f"news:{locale}-filler-{number}", locale, f"{title} {number}", body)
        for locale, title, body in (
            ("en", "Council news", "Notes."),
            ("sv", "Kommunen informerar", "Mötet hålls i salen."),
            ("da", "Kommunen informerer", "Mødet holdes i salen."),
        )
        for number in range(20)
    ]
    backend.bulk(
        make_document(id=id_, locale=locale, title=title, lead="", body=body)
        for id_, locale, title, body in texts + fillers
    )
    backend.refresh()


def housing_in_swedish_and_danish(
    backend: BaseBackend, monkeypatch: pytest.MonkeyPatch
) -> None:
    """English "housing" searches Swedish "bostad" and Danish "boliger";
    documents' words translate to nothing."""
    translate_from_tables(backend, monkeypatch, {})
    backend.translator = QueryTranslator(
        {("en", "housing"): [("sv", "bostad"), ("da", "boliger")]}
    )


class FeedbackContract:
    """The best hits of a translated query reorder the others by their words
    (:mod:`search.feedback`), never adding or dropping a match."""

    @pytest.fixture
    def feedback(
        self, backend: BaseBackend, monkeypatch: pytest.MonkeyPatch
    ) -> Iterator[BaseBackend]:
        translate_from_tables(backend, monkeypatch, FEEDBACK_WORDS)
        index_with_fillers(backend, FEEDBACK_TEXTS)
        yield backend

    @staticmethod
    def ranked(backend: BaseBackend, **query: object) -> list[str]:
        results = backend.search(SearchQuery(first=10, **query))  # type: ignore[arg-type]
        return [hit.document.id for hit in results.hits]

    def test_the_best_hits_words_lift_a_related_match(
        self, feedback: BaseBackend, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        lifted = self.ranked(feedback, text="housing", locale="en")
        set_for_next_searches(
            feedback, monkeypatch, search_feedback, "FEEDBACK_DOCUMENTS", 0
        )
        plain = self.ranked(feedback, text="housing", locale="en")
        assert (
            sorted(lifted)
            == sorted(plain)
            == [
                "news:da-other",
                "news:da-related",
                "news:sv-best",
            ]
        )
        assert plain.index("news:da-related") > plain.index("news:da-other")
        assert lifted.index("news:da-related") < lifted.index("news:da-other")

    def test_feedback_reorders_without_adding_or_dropping_matches(
        self, feedback: BaseBackend
    ) -> None:
        results = feedback.search(
            SearchQuery(text="housing", locale="en", first=10, facets=("locale",))
        )
        assert results.total == 3
        assert {value.value: value.count for value in results.facets["locale"]} == {
            "sv": 1,
            "da": 2,
        }
        # One hit a page: the same order, each match once.
        seen: list[str] = []
        after: str | None = None
        for _ in range(5):
            page = feedback.search(
                SearchQuery(text="housing", locale="en", first=1, after=after)
            )
            seen.extend(hit.document.id for hit in page.hits)
            after = page.end_cursor
            if not page.has_next_page:
                break
        assert seen == [hit.document.id for hit in results.hits]

    def test_within_one_language_nothing_is_reordered(
        self, feedback: BaseBackend, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        query = {"text": "boliger", "locale": "da", "cross_language": False}
        within = self.ranked(feedback, **query)
        set_for_next_searches(
            feedback, monkeypatch, search_feedback, "FEEDBACK_DOCUMENTS", 0
        )
        assert within == self.ranked(feedback, **query)
        assert sorted(within) == ["news:da-other", "news:da-related"]

    def test_the_best_hit_of_each_language_gives_the_words(
        self, backend: BaseBackend, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # Three Swedish texts lead; the best Danish one shares "havnen" with
        # a lower Danish text, which its words lift above another.
        housing_in_swedish_and_danish(backend, monkeypatch)
        texts = [
            ("news:sv-1", "sv", "Bostad, bostad", "Bostad, bostad och kö."),
            ("news:sv-2", "sv", "Bostad, bostad", "Bostad, bostad och hyra."),
            ("news:sv-3", "sv", "Bostad, bostad", "Bostad, bostad i centrum."),
            ("news:da-top", "da", "Nyt", "Boliger, boliger ved havnen."),
            ("news:da-plain", "da", "Nyt fra byen", "Boliger i byen."),
            (
                "news:da-harbour",
                "da",
                "Nyt",
                "Boliger ved havnen i byen i dag og i morgen.",
            ),
        ]
        index_with_fillers(backend, texts)
        lifted = self.ranked(backend, text="housing", locale="en")
        set_for_next_searches(
            backend, monkeypatch, search_feedback, "FEEDBACK_DOCUMENTS", 0
        )
        plain = self.ranked(backend, text="housing", locale="en")
        assert sorted(lifted) == sorted(plain) == sorted(id_ for id_, *_ in texts)
        assert sorted(plain[:3]) == ["news:sv-1", "news:sv-2", "news:sv-3"]
        assert plain.index("news:da-harbour") > plain.index("news:da-plain")
        assert lifted.index("news:da-harbour") < lifted.index("news:da-plain")

    def test_a_match_far_below_the_first_pages_is_lifted(
        self, backend: BaseBackend, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # Forty short Danish texts say "boliger"; a longer one ranks below
        # them all, but shares "havnen" with the best hit.
        housing_in_swedish_and_danish(backend, monkeypatch)
        texts = [
            ("news:da-top", "da", "Nyt", "Boliger, boliger ved havnen."),
            *(
                (f"news:da-{n}", "da", "Nyt", f"Boliger i byen, nummer {n}.")
                for n in range(40)
            ),
            (
                "news:da-harbour",
                "da",
                "Nyt",
                "Boliger ved havnen i byen i dag og i morgen og hele ugen.",
            ),
        ]
        index_with_fillers(backend, texts)

        def position() -> int:
            results = backend.search(SearchQuery(text="housing", locale="en", first=60))
            ranked = [hit.document.id for hit in results.hits]
            assert sorted(ranked) == sorted(id_ for id_, *_ in texts)
            return ranked.index("news:da-harbour")

        lifted = position()
        set_for_next_searches(
            backend, monkeypatch, search_feedback, "FEEDBACK_DOCUMENTS", 0
        )
        assert position() > BALANCE_WINDOW
        assert lifted < 10

    def test_each_languages_best_hit_is_weighed_against_the_best_hit(
        self, backend: BaseBackend, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        # Swedish texts say "bostad" often; the Danish one says "boliger" once
        # in a longer text: it scores below every Swedish one, though it is
        # as much on the topic.
        housing_in_swedish_and_danish(backend, monkeypatch)
        swedish = [
            (f"news:sv-{n}", "sv", "Bostad" if n < 3 else "Nytt", "Bostad. " * (6 - n))
            for n in range(5)
        ]
        danish = (
            "news:da-housing",
            "da",
            "Nyt fra kommunen",
            "Boliger til nye borgere i byen, skoler, veje og meget andet i dag.",
        )
        index_with_fillers(backend, [*swedish, danish])
        set_for_next_searches(
            backend, monkeypatch, search_feedback, "FEEDBACK_DOCUMENTS", 0
        )
        balanced = self.ranked(backend, text="housing", locale="en")
        set_for_next_searches(backend, monkeypatch, merging, "LANGUAGE_BALANCE", 0.0)
        plain = self.ranked(backend, text="housing", locale="en")
        assert (
            sorted(balanced)
            == sorted(plain)
            == sorted(id_ for id_, *_ in [*swedish, danish])
        )
        assert plain[-1] == "news:da-housing"
        assert balanced.index("news:da-housing") < plain.index("news:da-housing")
        # The best hit keeps its place; within a language the order stays.
        assert balanced[0] == plain[0]
        assert [id_ for id_ in balanced if id_.startswith("news:sv")] == [
            id_ for id_ in plain if id_.startswith("news:sv")
        ]
