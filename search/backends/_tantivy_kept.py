"""What the embedded backend keeps of its searches while the read model stays
the same.

Popular searches, the pages of one and its facet choices repeat a text: its
built query (translating it and weighing its clauses cost as much as ranking
its matches at 5,000 items), the document frequencies that weighed it, its
facet counts, the scores relevance feedback gave its best rows and its
ranking (:mod:`._tantivy_rankings`; most of a search's cost at 500,000
items) stay the same until the read model changes. Each is kept for one
state of the read model (its generation and last commit), at most
:data:`STATE_MEMO_SECONDS`, and bounded in number; a search on the clock
(``upcoming``, ``open_calls``) is never kept. Lists (no text, no clock) keep
their built queries for as long as their generation is live: a feed asks the
same few lists all day, and building their filters costs more than reading
them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from search.backends._side_thread import SideThread
from search.backends._state_memo import StateMemo
from search.backends._tantivy_query import QueryPlan, build_query
from search.backends._tantivy_rankings import Ranking
from search.backends._tantivy_results import facet_counts

if TYPE_CHECKING:
    from collections.abc import Callable

    import tantivy

    from search.backends._tantivy_statistics import LanguageStatistics
    from search.crosslingual import Translator
    from search.glossary import Glossary
    from search.query import FacetValue, SearchQuery

    #: A search's glossary, translator and ``SearchQuery.selection()``.
    Expanded = tuple[Glossary, Translator, bytes]
    Facets = dict[str, list[FacetValue]]
    #: A search's expansion key and the rows (uid, score) feedback rescored.
    Rescored = tuple[Expanded, tuple[tuple[int, float], ...]]

__all__ = ["STATE_MEMO_SECONDS", "KeptSearches"]

#: What a search read or computed serves the next searches in the same state
#: of the read model for at most this many seconds (a merge drops deleted
#: documents from the counts without a commit of its own). A search reloads
#: its reader for a new state before it reads any.
STATE_MEMO_SECONDS: Final = 5.0
#: Document frequencies kept per state: the same searches look up the same
#: few hundred terms.
_TERM_COUNTS: Final = 200_000
#: Facet counts kept per state.
_FACET_COUNTS: Final = 128
#: Built searches kept per state: a translated search's plan holds its
#: expansions and their forms in six languages, about 300 KB, so a flood of
#: new texts must not pile them up.
_SEARCH_PLANS: Final = 64
#: Feedback scores kept per state.
_FEEDBACK_SCORES: Final = 128
#: Rankings kept per state (about 200 rows, 20 KB, each).
_RANKINGS: Final = 128
#: Built list queries kept.
_LIST_PLANS: Final = 256


def _copied(facets: Facets) -> Facets:
    """Kept facet counts as a caller may change them."""
    return {name: list(values) for name, values in facets.items()}


class KeptSearches:
    """The kept work of one backend's searches (see the module docstring)."""

    def __init__(self) -> None:
        self.term_counts: StateMemo[tuple[str, str], int] = StateMemo(
            STATE_MEMO_SECONDS, size=_TERM_COUNTS
        )
        self.facet_counts: StateMemo[tuple[Any, ...], Facets] = StateMemo(
            STATE_MEMO_SECONDS, size=_FACET_COUNTS
        )
        self.search_plans: StateMemo[Expanded, QueryPlan] = StateMemo(
            STATE_MEMO_SECONDS, size=_SEARCH_PLANS
        )
        self.feedback_scores: StateMemo[Rescored, dict[int, float]] = StateMemo(
            STATE_MEMO_SECONDS, size=_FEEDBACK_SCORES
        )
        self.rankings: StateMemo[Expanded, Ranking] = StateMemo(
            STATE_MEMO_SECONDS, size=_RANKINGS
        )
        self.list_plans: dict[tuple[str, bytes], QueryPlan] = {}

    def plan(
        self,
        schema: tantivy.Schema,
        generation: str,
        query: SearchQuery,
        statistics: LanguageStatistics | None,
        state: str,
        expanded: Expanded,
    ) -> QueryPlan:
        """The built query; a list's is kept while ``generation`` is live, a
        search's while the read model stays in ``state`` (whose
        ``statistics`` weigh its text) with the same glossary and translator
        (``expanded``: either may be replaced at any time, and neither
        identity is reused)."""
        glossary, translator, selection = expanded
        if query.upcoming or query.open_calls:
            return build_query(schema, query, glossary, translator, statistics)
        if query.text.strip():
            plans = self.search_plans.of(state)
            found = plans.get(expanded)
            if found is None:
                found = build_query(schema, query, glossary, translator, statistics)
                plans[expanded] = found
            return found
        key = (generation, selection)
        plan = self.list_plans.get(key)
        if plan is None:
            plan = build_query(schema, query, glossary, translator)
            if len(self.list_plans) >= _LIST_PLANS:
                self.list_plans.clear()
            self.list_plans[key] = plan
        return plan

    def facets(
        self,
        side: SideThread,
        searcher: tantivy.Searcher,
        plan: QueryPlan,
        query: SearchQuery,
        state: str,
        expanded: Expanded,
    ) -> Callable[[], Facets]:
        """The facet counts of ``query``, to be asked for once the ranking is
        done. Counting reads every match again, so it runs on ``side`` beside
        the ranking."""
        if not query.facets:
            return dict
        clock = query.upcoming or query.open_calls
        counts = self.facet_counts.of(state)
        key = (*expanded, query.facets)
        known = None if clock else counts.get(key)
        if known is not None:
            return lambda: _copied(known)
        pending = side.submit(facet_counts, searcher, plan.query, query.facets)

        def result() -> Facets:
            found = pending.result()
            if not clock:
                counts[key] = _copied(found)
            return found

        return result

    def rankings_for(
        self, query: SearchQuery, plan: QueryPlan, state: str, rescored: bool
    ) -> dict[Expanded, Ranking] | None:
        """Where the ranking of ``query`` is kept, or ``None`` when it is not
        (no text, another order, on the clock, or a translated search ranked
        without feedback, past its window: ``rescored`` says whether it is)."""
        if (
            query.effective_sort != "relevance"
            or not plan.has_text
            or query.upcoming
            or query.open_calls
            or (plan.translated_from is not None and not rescored)
        ):
            return None
        return self.rankings.of(state)
