"""The knowledge-bank listing: live public items only, filters and pagination."""

from __future__ import annotations

import pytest
from wagtail.models import PageViewRestriction

from core.models import Theme
from knowledge.models import (
    ComparisonAnswer,
    CountryComparisonPage,
    LearningExamplePage,
    PublicationPage,
)


def add(parent, page, *, publish=True, themes=(), countries=()):
    parent.add_child(instance=page)
    page.themes.set(themes)
    page.countries.set(countries)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


@pytest.fixture
def labour(locales):
    return Theme.objects.create(
        slug="labour-market", name="Labour market", locale=locales["en"]
    )


@pytest.fixture
def items(knowledge_index, countries, labour):
    denmark = countries["denmark"]["en"]
    report = add(
        knowledge_index,
        PublicationPage(title="Women at work", slug="women", kind="report", year=2021),
        themes=[labour],
        countries=[denmark],
    )
    summary = add(
        knowledge_index,
        PublicationPage(title="Young refugees", slug="young", kind="research-summary"),
    )
    example = add(
        knowledge_index,
        LearningExamplePage(title="Welcome class", slug="welcome"),
        themes=[labour],
    )
    comparison = add(
        knowledge_index,
        CountryComparisonPage(
            title="Introduction programme",
            slug="intro",
            question="How long?",
            answers=[
                ComparisonAnswer(
                    country=countries["sweden"]["en"], short_answer="2 years"
                )
            ],
        ),
    )
    draft = add(
        knowledge_index,
        PublicationPage(title="Draft report", slug="draft", kind="report"),
        publish=False,
    )
    draft.unpublish()
    private = add(
        knowledge_index,
        PublicationPage(title="Private report", slug="private", kind="report"),
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )
    return {
        "report": report,
        "summary": summary,
        "example": example,
        "comparison": comparison,
    }


def titles(queryset):
    return sorted(page.title for page in queryset)


def test_lists_only_live_public_children(knowledge_index, items, client):
    assert titles(knowledge_index.items()) == [
        "Introduction programme",
        "Welcome class",
        "Women at work",
        "Young refugees",
    ]
    html = client.get(knowledge_index.url).content.decode()
    assert "Women at work" in html and "4 items" in html
    assert "Draft report" not in html and "Private report" not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"kind": "report"}, ["Women at work"]),
        ({"kind": "research-summary"}, ["Young refugees"]),
        ({"kind": "learning-example"}, ["Welcome class"]),
        ({"kind": "country-comparison"}, ["Introduction programme"]),
        ({"kind": "statistics"}, []),
        ({"theme": "labour-market"}, ["Welcome class", "Women at work"]),
        ({"country": "denmark"}, ["Women at work"]),
        ({"country": "sweden"}, ["Introduction programme"]),
        ({"theme": "labour-market", "kind": "report"}, ["Women at work"]),
    ],
)
def test_filters_by_kind_theme_and_country(knowledge_index, items, query, expected):
    assert titles(knowledge_index.items(**query)) == expected


def test_filter_form_through_get_parameters(knowledge_index, items, client):
    response = client.get(knowledge_index.url, {"kind": "report", "theme": ""})
    assert response.status_code == 200
    assert [p.title for p in response.context["items"]] == ["Women at work"]
    html = response.content.decode()
    assert '<option value="report" selected>' in html
    assert '<label for="id_kind">Kind</label>' in html


def test_unknown_filter_values_are_reported_not_crashing(
    knowledge_index, items, client
):
    response = client.get(
        knowledge_index.url, {"kind": "<script>", "country": "atlantis", "page": "x"}
    )
    assert response.status_code == 200
    assert len(response.context["items"]) == 4
    html = response.content.decode()
    assert 'aria-describedby="id_kind-error"' in html
    assert 'id="id_kind-error"' in html
    assert "<script>" not in html


def test_paginates_and_keeps_filters(knowledge_index, client):
    for number in range(14):
        add(
            knowledge_index,
            PublicationPage(title=f"Report {number}", slug=f"r{number}", kind="report"),
        )
    first = client.get(knowledge_index.url, {"kind": "report"})
    assert len(first.context["items"]) == 12
    assert "?kind=report&amp;page=2" in first.content.decode()
    second = client.get(knowledge_index.url, {"kind": "report", "page": "2"})
    assert len(second.context["items"]) == 2
    assert "Page 2 of 2" in second.content.decode()
