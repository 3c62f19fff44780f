"""Typed search requests and results, shared by every backend."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Final, Literal, get_args

import orjson

from search.documents import LOCALES, Document
from search.errors import InvalidQueryError
from search.explain import Expansion, MatchedTerm
from search.paths import normalise_path

__all__ = [
    "FACETS",
    "MAX_PAGE_SIZE",
    "MAX_TEXT_LENGTH",
    "SORTS",
    "FacetValue",
    "Hit",
    "SearchQuery",
    "SearchResults",
    "Sort",
]

Sort = Literal["relevance", "date_desc", "date_asc"]
Facet = Literal["type", "locale", "themes", "countries", "goals", "year"]

#: Accepted values of :attr:`SearchQuery.sort`.
SORTS: Final[tuple[str, ...]] = get_args(Sort)
#: Accepted values of :attr:`SearchQuery.facets`.
FACETS: Final[tuple[str, ...]] = get_args(Facet)
MAX_PAGE_SIZE: Final = 100
MAX_TEXT_LENGTH: Final = 500
_MAX_FILTER_VALUES: Final = 100
_MAX_CURSOR_LENGTH: Final = 512
_WORD_RE: Final = re.compile(r"\w", re.UNICODE)


def _to_datetime(value: object, name: str, *, end_of_day: bool) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise InvalidQueryError(f"{name}: datetime must be timezone-aware")
        return value
    if isinstance(value, date):
        return datetime.combine(value, time.max if end_of_day else time.min, UTC)
    raise InvalidQueryError(f"{name}: expected a date or an aware datetime")


def _to_tuple(value: object, name: str, max_length: int = 128) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, Iterable):
        raise InvalidQueryError(f"{name}: expected a list of strings")
    items = tuple(value)
    if len(items) > _MAX_FILTER_VALUES:
        raise InvalidQueryError(
            f"{name}: at most {_MAX_FILTER_VALUES} values are allowed"
        )
    for item in items:
        if not isinstance(item, str) or not item or len(item) > max_length:
            raise InvalidQueryError(f"{name}: {item!r} is not a valid value")
    return items


@dataclass(frozen=True, kw_only=True)
class SearchQuery:
    """A search or a filtered listing.

    Filters combine with AND; the values of one filter combine with OR
    (``themes=("labour", "housing")`` finds items tagged with either).

    Attributes:
        text: Free text. ``"quoted words"`` are phrases. Empty text lists
            every item that passes the filters.
        locale: The searcher's language: results in it rank first and
            glossary expansion starts from it.
        cross_language: When true (default) the text also matches the other
            Nordic languages through the glossary; when false only items in
            ``locale`` are searched, without expansion.
        types, locales, themes, countries, goals: Filters on these fields.
        exclude_types: Types left out (taxonomy terms in a search of
            content). Cheaper than listing every other type in ``types``:
            the engines skip a few items instead of reading the postings of
            nearly all. With ``best_version`` a version of an excluded type
            is not looked for as a better version; translation groups do
            not mix excluded and other types (taxonomy terms and content
            never share one).
        translation_keys: Only members of these translation groups.
        paths: Only items published at these paths or absolute URLs (in any
            form :func:`search.paths.normalise_path` accepts).
        best_version: Only the best language version of each translation
            group: a hit is left out when its group has a version in an
            earlier locale of ``locales`` that passes the other filters too
            (lists with locale fallback; see :mod:`search.grouping`). Text,
            ``paths`` and ``translation_keys`` are not compared across
            versions: the option is meant for lists.
        date_from, date_to: Inclusive bounds on ``Document.date``; plain
            dates cover the whole day (UTC).
        upcoming: Only items whose end (or start, without an end) is after
            ``now`` (events).
        open_calls: Only items open at ``now`` (``opens_at <= now < closes_at``;
            a missing opening means "already open", a missing closing means
            "open until further notice").
        now: Reference time of ``upcoming`` and ``open_calls`` (default: the
            current time).
        sort: ``relevance`` (falls back to ``date_desc`` without text),
            ``date_desc`` or ``date_asc`` (on ``Document.sort_date``).
        first: Page size, 1 to 100.
        after: ``end_cursor`` of the previous page.
        facets: Facet counts to compute (subset of :data:`FACETS`).
        highlight: Return ``<mark>`` highlights of title, lead and body.
        explain: Return each hit's :attr:`Hit.matched_terms`.
        count: Count every match (:attr:`SearchResults.total`). Without it
            ``total`` is -1 and a backend may read only the newest items of
            a date-sorted list (a feed's cost then does not grow with the
            read model).
    """

    text: str = ""
    locale: str | None = None
    cross_language: bool = True
    types: tuple[str, ...] = ()
    exclude_types: tuple[str, ...] = ()
    locales: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()
    translation_keys: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()
    best_version: bool = False
    date_from: datetime | None = None
    date_to: datetime | None = None
    upcoming: bool = False
    open_calls: bool = False
    now: datetime | None = None
    sort: Sort = "relevance"
    first: int = 20
    after: str | None = None
    facets: tuple[Facet, ...] = ()
    highlight: bool = False
    explain: bool = False
    count: bool = True

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise InvalidQueryError("text: must be a string")
        if len(self.text) > MAX_TEXT_LENGTH:
            raise InvalidQueryError(
                f"text: at most {MAX_TEXT_LENGTH} characters are allowed"
            )
        if self.locale is not None and self.locale not in LOCALES:
            raise InvalidQueryError(
                f"locale: {self.locale!r} is not one of {', '.join(LOCALES)}"
            )
        for name in (
            "types",
            "exclude_types",
            "locales",
            "themes",
            "countries",
            "goals",
        ):
            object.__setattr__(self, name, _to_tuple(getattr(self, name), name))
        object.__setattr__(
            self,
            "translation_keys",
            _to_tuple(self.translation_keys, "translation_keys", max_length=255),
        )
        paths = _to_tuple(self.paths, "paths", max_length=2048)
        object.__setattr__(self, "paths", tuple(normalise_path(p) for p in paths))
        if self.best_version and not self.locales:
            raise InvalidQueryError("best_version: needs the locales in order")
        for value in self.locales:
            if value not in LOCALES:
                raise InvalidQueryError(
                    f"locales: {value!r} is not one of {', '.join(LOCALES)}"
                )
        if not self.cross_language and self.locale is None:
            raise InvalidQueryError("locale: is required when cross_language is off")
        date_from = _to_datetime(self.date_from, "date_from", end_of_day=False)
        date_to = _to_datetime(self.date_to, "date_to", end_of_day=True)
        if date_from and date_to and date_from > date_to:
            raise InvalidQueryError("date_to: must not be before date_from")
        object.__setattr__(self, "date_from", date_from)
        object.__setattr__(self, "date_to", date_to)
        object.__setattr__(self, "now", _to_datetime(self.now, "now", end_of_day=False))
        if self.sort not in SORTS:
            raise InvalidQueryError(
                f"sort: {self.sort!r} is not one of {', '.join(SORTS)}"
            )
        if isinstance(self.first, bool) or not isinstance(self.first, int):
            raise InvalidQueryError("first: must be an integer")
        if not 1 <= self.first <= MAX_PAGE_SIZE:
            raise InvalidQueryError(f"first: must be between 1 and {MAX_PAGE_SIZE}")
        if self.after is not None and (
            not isinstance(self.after, str)
            or not self.after
            or len(self.after) > _MAX_CURSOR_LENGTH
        ):
            raise InvalidQueryError("after: is not a valid cursor")
        facets = _to_tuple(self.facets, "facets")
        for name in facets:
            if name not in FACETS:
                raise InvalidQueryError(
                    f"facets: {name!r} is not one of {', '.join(FACETS)}"
                )
        object.__setattr__(self, "facets", tuple(dict.fromkeys(facets)))

    def effective_now(self) -> datetime:
        """``now`` or the current time (UTC)."""
        return self.now if self.now is not None else datetime.now(UTC)

    @property
    def locale_filter(self) -> tuple[str, ...]:
        """``locales``, or nothing when they let every language through (every
        document is in one of :data:`LOCALES`): a filter that keeps almost
        everything still costs an engine a read of almost every posting."""
        return () if set(self.locales) >= set(LOCALES) else self.locales

    @property
    def effective_sort(self) -> Sort:
        """The sort actually applied (relevance without text is date_desc)."""
        if self.sort == "relevance" and not _WORD_RE.search(self.text):
            return "date_desc"
        return self.sort

    def selection(self) -> bytes:
        """What selects and orders the results, serialised: two queries with
        the same selection match the same items in the same order. Page size,
        facets, highlights, explanations and ``now`` are left out."""
        data = [
            self.text,
            self.locale,
            self.cross_language,
            self.types,
            self.locales,
            self.themes,
            self.countries,
            self.goals,
            self.translation_keys,
            self.paths,
            self.best_version,
            self.date_from.isoformat() if self.date_from else None,
            self.date_to.isoformat() if self.date_to else None,
            self.upcoming,
            self.open_calls,
            self.effective_sort,
        ]
        if self.exclude_types:  # after the rest: older cursors stay valid
            data.append(self.exclude_types)
        return orjson.dumps(data)

    def fingerprint(self) -> str:
        """Short hash of :meth:`selection`. Cursors carry it, so a cursor
        cannot be replayed against another query."""
        return hashlib.blake2b(self.selection(), digest_size=6).hexdigest()


@dataclass(frozen=True, slots=True)
class FacetValue:
    """One facet bucket: a value (slug, locale, type or year) and its count."""

    value: str
    count: int


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result.

    Attributes:
        document: The stored document.
        score: Relevance score (0 for date sorts); only comparable within
            one result list.
        highlights: ``field -> HTML`` for ``title``, ``lead`` and ``body``
            where a query term matched: text is HTML-escaped and matches are
            wrapped in ``<mark>``; ``body`` is a fragment.
        cursor: Opaque cursor pointing just after this hit.
        matched_terms: Which query words the hit contains and through which
            expansion (with :attr:`SearchQuery.explain`).
    """

    document: Document
    score: float
    highlights: dict[str, str] = field(default_factory=dict)
    cursor: str = ""
    matched_terms: tuple[MatchedTerm, ...] = ()


@dataclass(frozen=True, slots=True)
class SearchResults:
    """A page of results.

    Attributes:
        total: Number of items matching the query (all pages); -1 when the
            query asked for no count.
        hits: This page.
        facets: ``facet name -> values`` (count desc, then value), for the
            facets asked for.
        end_cursor: Pass as ``after`` to get the next page.
        has_next_page: Whether another page follows.
        suggestion: A corrected query ("did you mean") when a word of the
            query is not in the index's vocabulary but a close one is.
        expansions: What each query word was searched as: itself, its
            translations, inflected forms and glossary terms.
    """

    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    end_cursor: str | None = None
    has_next_page: bool = False
    suggestion: str | None = None
    expansions: tuple[Expansion, ...] = ()
