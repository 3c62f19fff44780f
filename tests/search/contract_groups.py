"""Contract: translation groups, paths and typed change sync, on every backend.

Mixed into :class:`tests.search.contract.BackendContract`: lists with locale
fallback are one engine query (``best_version``), so the fields each group
member records of its group must stay right through edits, deletes, moves
between groups and rebuilds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from search.backends.base import BaseBackend
from search.documents import Document
from search.errors import InvalidQueryError
from search.query import SearchQuery
from search.testing import make_document

NOW = datetime(2026, 6, 1, tzinfo=UTC)
CHAIN = ("nb", "da", "en")


def version(key: str, locale: str, **fields: Any) -> Document:
    values: dict[str, Any] = {
        "id": f"news:{key}-{locale}",
        "translation_key": key,
        "locale": locale,
        "title": f"{key} in {locale}",
        "url_path": f"/{locale}/news/{key}/",
        "date": datetime(2026, 1, 10, tzinfo=UTC),
    }
    values.update(fields)
    return make_document(**values)


def ids(backend: BaseBackend, **fields: Any) -> list[str]:
    fields.setdefault("sort", "date_desc")
    fields.setdefault("first", 100)
    return sorted(hit.document.id for hit in backend.search(SearchQuery(**fields)).hits)


def best(backend: BaseBackend, **fields: Any) -> list[str]:
    return ids(backend, locales=CHAIN, best_version=True, **fields)


class GroupContract:
    """Groups, paths and typed changes (see the module docstring)."""

    all_changes: Callable[..., tuple[list[Any], str]]

    @pytest.fixture
    def groups(self, backend: BaseBackend) -> Iterator[BaseBackend]:
        backend.bulk(
            [
                # A group in da and en: the Danish version is the better one.
                version("a", "da", themes=("housing",)),
                version("a", "en", themes=("housing", "labour")),
                # Only in English.
                version("b", "en"),
                # In all three: Norwegian first.
                version("c", "nb"),
                version("c", "da"),
                version("c", "en"),
                # Outside the chain.
                version("d", "fi"),
            ]
        )
        backend.refresh()
        yield backend

    def test_best_version_lists_each_group_once_in_its_best_language(
        self, groups: BaseBackend
    ) -> None:
        assert best(groups) == ["news:a-da", "news:b-en", "news:c-nb"]
        results = groups.search(
            SearchQuery(locales=CHAIN, best_version=True, sort="date_desc", first=1)
        )
        assert results.total == 3

    def test_best_version_pages_without_gaps_or_repeats(
        self, groups: BaseBackend
    ) -> None:
        seen: list[str] = []
        after = None
        for _ in range(5):
            page = groups.search(
                SearchQuery(
                    locales=CHAIN,
                    best_version=True,
                    sort="date_desc",
                    first=1,
                    after=after,
                )
            )
            seen.extend(hit.document.id for hit in page.hits)
            if not page.has_next_page:
                break
            after = page.end_cursor
        assert sorted(seen) == ["news:a-da", "news:b-en", "news:c-nb"]

    def test_every_language_in_the_chain_with_excluded_types(
        self, groups: BaseBackend
    ) -> None:
        # A search of content: every language in order, taxonomy terms left out.
        groups.bulk(
            [
                version("t", "nb", type="theme", id="theme:t-nb"),
                version("t", "da", type="theme", id="theme:t-da"),
            ]
        )
        groups.refresh()
        chain = ("nb", "da", "en", "sv", "fi", "is")
        listed = ids(groups, locales=chain, best_version=True)
        assert listed == [
            "news:a-da",
            "news:b-en",
            "news:c-nb",
            "news:d-fi",
            "theme:t-nb",
        ]
        content = ids(
            groups, locales=chain, best_version=True, exclude_types=("theme",)
        )
        assert content == ["news:a-da", "news:b-en", "news:c-nb", "news:d-fi"]
        assert ids(groups, exclude_types=("news",)) == ["theme:t-da", "theme:t-nb"]
        assert ids(groups, types=("news",), exclude_types=("news",)) == []

    def test_a_better_version_that_fails_the_filters_does_not_hide_the_group(
        self, groups: BaseBackend
    ) -> None:
        # Only the English version of "a" is about labour.
        assert best(groups, themes=("labour",)) == ["news:a-en"]
        assert best(groups, themes=("housing",)) == ["news:a-da"]

    def test_dates_of_each_version_decide_which_one_is_listed(
        self, backend: BaseBackend
    ) -> None:
        backend.bulk(
            [
                version("e", "nb", date=datetime(2025, 3, 1, tzinfo=UTC)),
                version("e", "en", date=datetime(2026, 3, 1, tzinfo=UTC)),
                version(
                    "f",
                    "da",
                    type="event",
                    id="event:f-da",
                    start=NOW - timedelta(days=2),
                    end=NOW - timedelta(days=1),
                ),
                version(
                    "f",
                    "en",
                    type="event",
                    id="event:f-en",
                    start=NOW + timedelta(days=1),
                ),
                version(
                    "g",
                    "nb",
                    type="funding",
                    id="funding:g-nb",
                    closes_at=NOW - timedelta(days=1),
                ),
                version(
                    "g",
                    "da",
                    type="funding",
                    id="funding:g-da",
                    opens_at=NOW - timedelta(days=3),
                ),
            ]
        )
        backend.refresh()
        since_2026 = datetime(2026, 1, 1, tzinfo=UTC)
        assert best(backend, types=("news",), date_from=since_2026) == ["news:e-en"]
        assert best(backend, types=("news",)) == ["news:e-nb"]
        assert best(backend, types=("event",), upcoming=True, now=NOW) == ["event:f-en"]
        assert best(backend, types=("event",)) == ["event:f-da"]
        assert best(backend, types=("funding",), open_calls=True, now=NOW) == [
            "funding:g-da"
        ]

    def test_deleting_the_best_version_brings_the_next_one_back(
        self, groups: BaseBackend
    ) -> None:
        groups.delete({"news:c-nb": 5})
        groups.refresh()
        assert best(groups) == ["news:a-da", "news:b-en", "news:c-da"]
        groups.delete({"news:c-da": 6, "news:c-en": 6})
        groups.refresh()
        assert best(groups) == ["news:a-da", "news:b-en"]

    def test_an_edit_that_changes_the_filters_updates_the_other_versions(
        self, groups: BaseBackend
    ) -> None:
        assert best(groups, themes=("housing",)) == ["news:a-da"]
        groups.index(version("a", "da", themes=(), version=2))
        groups.refresh()
        assert best(groups, themes=("housing",)) == ["news:a-en"]
        assert best(groups) == ["news:a-da", "news:b-en", "news:c-nb"]

    def test_a_new_translation_takes_over_and_its_removal_gives_back(
        self, groups: BaseBackend
    ) -> None:
        groups.index(version("b", "nb"))
        groups.refresh()
        assert best(groups) == ["news:a-da", "news:b-nb", "news:c-nb"]
        groups.delete({"news:b-nb": 3})
        groups.refresh()
        assert best(groups) == ["news:a-da", "news:b-en", "news:c-nb"]

    def test_a_version_moved_to_another_group_leaves_the_first(
        self, groups: BaseBackend
    ) -> None:
        groups.index(version("c", "nb", translation_key="z", version=2))
        groups.refresh()
        assert best(groups) == ["news:a-da", "news:b-en", "news:c-da", "news:c-nb"]
        assert ids(groups, translation_keys=("c",)) == ["news:c-da", "news:c-en"]

    def test_a_stale_write_changes_no_group(self, groups: BaseBackend) -> None:
        groups.index(version("c", "nb", version=3))
        groups.index(version("c", "nb", translation_key="z", version=2))
        groups.delete({"news:c-nb": 1})
        groups.refresh()
        assert best(groups) == ["news:a-da", "news:b-en", "news:c-nb"]

    def test_groups_are_complete_after_a_rebuild_in_any_order(
        self, groups: BaseBackend
    ) -> None:
        source = [
            version("c", "en"),
            version("b", "en"),
            version("a", "en", themes=("housing", "labour")),
            version("c", "da"),
            version("a", "da", themes=("housing",)),
            version("c", "nb"),
        ]
        groups.reindex(source)
        groups.refresh()
        assert best(groups) == ["news:a-da", "news:b-en", "news:c-nb"]
        assert best(groups, themes=("labour",)) == ["news:a-en"]
        groups.delete({"news:a-da": 9})
        groups.refresh()
        assert best(groups, themes=("housing",)) == ["news:a-en"]

    def test_translation_keys_filter_finds_the_members_of_groups(
        self, groups: BaseBackend
    ) -> None:
        assert ids(groups, translation_keys=("a", "b")) == [
            "news:a-da",
            "news:a-en",
            "news:b-en",
        ]
        assert ids(groups, translation_keys=("c",), locales=("da", "en")) == [
            "news:c-da",
            "news:c-en",
        ]

    def test_paths_filter_finds_pages_and_external_urls(
        self, backend: BaseBackend
    ) -> None:
        backend.bulk(
            [
                version("p", "da", url_path="/da/nyheder/p/"),
                version(
                    "q",
                    "en",
                    url_path="",
                    payload={"url": "https://example.org/item?x=1"},
                ),
            ]
        )
        backend.refresh()
        assert ids(backend, paths=("da/nyheder/p?utm=1",)) == ["news:p-da"]
        assert ids(backend, paths=("https://example.org/item?x=1#top",)) == [
            "news:q-en"
        ]
        assert ids(backend, paths=("/da/nyheder/",)) == []

    def test_changes_of_some_types_include_their_deletions(
        self, backend: BaseBackend
    ) -> None:
        backend.bulk(
            [
                make_document(id="theme:1", type="theme", version=1),
                make_document(id="news:1", version=2),
                make_document(id="theme:2", type="theme", version=3),
            ]
        )
        backend.delete({"theme:1": 4, "news:1": 5})
        backend.refresh()
        changes, cursor = self.all_changes(backend, types=("theme",))
        assert [(c.id, c.deleted) for c in changes] == [
            ("theme:2", False),
            ("theme:1", True),
        ]
        backend.index(make_document(id="news:2", version=6))
        backend.index(make_document(id="theme:3", type="theme", version=7))
        backend.refresh()
        later, _ = self.all_changes(backend, cursor, types=("theme",))
        assert [c.id for c in later] == ["theme:3"]

    def test_unsettled_changes_include_what_the_watermark_holds_back(
        self, backend: BaseBackend
    ) -> None:
        backend.bulk(
            [
                make_document(id="news:w1", version=1),
                make_document(id="news:w2", version=5),
            ]
        )
        backend.set_watermark(3)
        backend.refresh()
        settled, _ = self.all_changes(backend)
        assert [c.id for c in settled] == ["news:w1"]
        page = backend.changes(None, 100, (), unsettled=True)
        assert [c.id for c in page.changes] == ["news:w1", "news:w2"]

    def test_a_list_without_a_count_pages_exactly_like_one_with(
        self, backend: BaseBackend
    ) -> None:
        # Dates from years ago to next year, many on the same day; news and
        # events, so that a list of one type reads its own type's weeks.
        days = [0, 0, 1, 3, 20, 40, 40, 200, 700, 3000, 9000, -30, -400, -18300]
        backend.bulk(
            [
                make_document(
                    id=f"{kind}:t{number}",
                    type=kind,
                    date=NOW - timedelta(days=day),
                    version=1,
                )
                for number, day in enumerate(days * 3)
                for kind in ("news", "event")
            ]
        )
        backend.refresh()

        def pages(count: bool, types: tuple[str, ...]) -> list[list[str]]:
            seen: list[list[str]] = []
            after = None
            for _ in range(30):
                page = backend.search(
                    SearchQuery(
                        types=types,
                        sort="date_desc",
                        first=4,
                        after=after,
                        count=count,
                        now=NOW,
                    )
                )
                total = len(days) * 3 * (2 if not types else 1)
                assert page.total == (total if count else -1)
                seen.append([hit.document.id for hit in page.hits])
                if not page.has_next_page:
                    return seen
                after = page.end_cursor
            raise AssertionError("the list did not end")

        for types in ((), ("news",), ("event",)):
            assert pages(count=False, types=types) == pages(count=True, types=types)
        assert all(
            item.startswith("news:")
            for page in pages(False, ("news",))
            for item in page
        )

    def test_best_version_needs_the_chain(self) -> None:
        with pytest.raises(InvalidQueryError, match="best_version"):
            SearchQuery(best_version=True)
