"""The knowledge-bank demo loader: complete, multilingual and idempotent."""

from __future__ import annotations

from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.models import Page

from core.demo import site
from core.demo.helpers import DemoContext
from knowledge import demo
from knowledge.models import (
    ComparisonAnswer,
    CountryComparisonPage,
    KnowledgeIndexPage,
    LearningExamplePage,
    PublicationPage,
    StatisticsPage,
)


def load_twice() -> DemoContext:
    for _ in range(2):
        ctx = DemoContext()
        site.load(ctx)
        demo.load(ctx)
    return ctx


def test_demo_loader_is_idempotent(db):
    load_twice()
    assert KnowledgeIndexPage.objects.count() == 6
    assert LearningExamplePage.objects.count() == 3 * 4
    assert PublicationPage.objects.count() == 5
    assert StatisticsPage.objects.count() == 4
    assert CountryComparisonPage.objects.count() == 4
    assert ComparisonAnswer.objects.count() == 8 * 4
    assert get_document_model().objects.count() == 4
    assert not Page.objects.filter(live=False).exists()


def test_demo_content_is_complete_and_linked(db, client):
    ctx = load_twice()
    english = ctx.pages["knowledge-index-en"]
    for lang in ("da", "nb", "sv"):
        page = ctx.pages[f"knowledge-index-{lang}"]
        assert page.translation_key == english.translation_key
        assert page.locale.language_code == lang
    kinds = {p.kind for p in PublicationPage.objects.all()}
    assert kinds == {"research-summary", "report", "knowledge-synthesis"}

    statistics = ctx.pages["knowledge-statistics-da"].specific
    assert statistics.series["columns"] == ["Land", "Født i udlandet", "Født i landet"]
    with translation.override("da"):
        assert statistics.table().rows[0] == ("Danmark", ("66,5", "79"))
    assert "not official statistics" in ctx.pages["knowledge-statistics-en"].lead

    comparison = ctx.pages["knowledge-comparison-sv"].specific
    rows = comparison.matrix()
    assert len(rows) == 8
    assert {row.country.locale.language_code for row in rows} == {"sv"}
    assert [row.country.code for row in rows][:5] == ["DK", "FI", "IS", "NO", "SE"]

    for key in ("knowledge-index-en", "knowledge-comparison-nb"):
        response = client.get(ctx.pages[key].url)
        assert response.status_code == 200
    html = client.get(ctx.pages["knowledge-statistics-sv"].url).content.decode()
    assert "<td>66,5</td>" in html
