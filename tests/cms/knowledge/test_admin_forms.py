"""The editor's add and edit forms open for every knowledge-bank page type."""

from __future__ import annotations

import pytest
from django.urls import reverse

from knowledge.models import (
    ComparisonAnswer,
    CountryComparisonPage,
    LearningExamplePage,
    PublicationPage,
    StatisticsPage,
)

CSV = b"Country,Share\nDenmark,1\n"


@pytest.mark.parametrize(
    "model",
    [PublicationPage, LearningExamplePage, StatisticsPage, CountryComparisonPage],
)
def test_add_form_opens(editor_client, knowledge_index, model):
    opts = model._meta
    url = reverse(
        "wagtailadmin_pages:add",
        args=[opts.app_label, opts.model_name, knowledge_index.pk],
    )
    assert editor_client.get(url).status_code == 200


def test_edit_forms_open(editor_client, knowledge_index, countries, make_document):
    pages = [
        PublicationPage(title="Report", slug="report", kind="report"),
        LearningExamplePage(title="Example", slug="example"),
        StatisticsPage(
            title="Figures", slug="figures", source="Demo", dataset=make_document(CSV)
        ),
        CountryComparisonPage(
            title="Comparison",
            slug="comparison",
            question="How long?",
            answers=[
                ComparisonAnswer(country=countries["norway"]["en"], short_answer="2")
            ],
        ),
    ]
    for page in pages:
        knowledge_index.add_child(instance=page)
        response = editor_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert response.status_code == 200, page
    html = response.content.decode()
    assert "Norway" in html and "How long?" in html
