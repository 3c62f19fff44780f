"""News pages through the real Wagtail editor."""

from __future__ import annotations

import pytest
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from news.models import NewsIndexPage, NewsPage
from tests.cms.admin_flow import assert_full_lifecycle, page_form


@pytest.fixture
def news_index(home):
    index = NewsIndexPage(title="News", slug="news")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


def test_news_index_lifecycle(editor_client, home):
    data = page_form("News", "news", {"lead": "What happens in Nordic integration."})
    assert_full_lifecycle(
        editor_client,
        home,
        NewsIndexPage,
        data,
        edited={"lead": "Latest from the hub"},
        expect_in_preview="What happens in Nordic integration.",
        expect_after_edit="Latest from the hub",
    )


def test_news_article_lifecycle(editor_client, news_index, home):
    data = page_form(
        "Ministers meet in Copenhagen",
        "ministers-meet",
        {
            "date": "2026-11-20",
            "lead": "The ministers discussed language training.",
            "body": streamfield(
                [
                    ("heading", {"text": "Key points", "level": "h2"}),
                    (
                        "paragraph",
                        rich_text("<p>Work first, and language from day one.</p>"),
                    ),
                ]
            ),
            "related_links": inline_formset([{"page": home.pk}]),
        },
    )
    page = assert_full_lifecycle(
        editor_client,
        news_index,
        NewsPage,
        data,
        edited=lambda page: {
            "lead": "Ministers agreed on shared language goals.",
            **nested_form_data(
                {
                    "related_links": inline_formset(
                        [{"id": page.related_links.get().pk, "page": home.pk}],
                        initial=1,
                    )
                }
            ),
        },
        expect_in_preview="Work first, and language from day one.",
        expect_after_edit="Ministers agreed on shared language goals.",
    )
    assert [link.page_id for link in page.related_links.all()] == [home.pk]
    assert str(page.date) == "2026-11-20"


def test_news_index_paginates_newest_first(client, news_index):
    import datetime as dt

    for day in range(1, 26):
        article = NewsPage(
            title=f"Item {day}", slug=f"item-{day}", date=dt.date(2026, 1, day)
        )
        news_index.add_child(instance=article)
        article.save_revision().publish()
    draft = NewsPage(
        title="Draft item", slug="draft", date=dt.date(2026, 2, 1), live=False
    )
    news_index.add_child(instance=draft)

    first = client.get(news_index.url).content.decode()
    assert first.index("Item 25") < first.index("Item 24")
    assert "Item 6<" in first
    assert "Item 5<" not in first and "Draft item" not in first
    second = client.get(news_index.url, {"page": 2}).content.decode()
    assert "Item 5<" in second and "Item 1<" in second
    assert "Item 6<" not in second and "Draft item" not in second
