"""Statistics items: an editor uploads a CSV document and publishes its figures."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.models import Collection

from knowledge.models import StatisticsPage
from tests.cms.admin_flow import assert_full_lifecycle, form_errors
from tests.cms.knowledge.helpers import item_form

GOOD_CSV = b"Land;2019;2020\nDanmark;58,3;60\nSverige;61;\n"


def upload_document(client, data: bytes, name: str = "figures.csv"):
    """Upload a file through the admin's document form, as an editor does."""
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": name,
            "file": SimpleUploadedFile(name, data, content_type="text/csv"),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    return get_document_model().objects.get(title=name)


def statistics_form(document_pk, **fields):
    return item_form(
        "Employment of foreign-born people",
        "employment",
        {
            "dataset": document_pk,
            "source": "Illustrative demo figures",
            "data_year": "2020",
            "unit": "%",
            "chart_type": "bar",
            **fields,
        },
    )


def test_statistics_lifecycle_with_uploaded_csv(editor_client, knowledge_index):
    document = upload_document(editor_client, GOOD_CSV)
    data = statistics_form(document.pk, lead="Share of people in work.")
    page = assert_full_lifecycle(
        editor_client,
        knowledge_index,
        StatisticsPage,
        data,
        edited={"chart_type": "line", "lead": "Share of foreign-born people in work."},
        expect_in_preview='<th scope="row">Danmark</th>',
        expect_after_edit="Share of foreign-born people in work.",
    )
    assert page.chart_type == "line"
    assert page.series == {
        "columns": ["Land", "2019", "2020"],
        "rows": [
            {"label": "Danmark", "values": [58.3, 60.0]},
            {"label": "Sverige", "values": [61.0, None]},
        ],
    }
    html = editor_client.get(page.url).content.decode()
    assert "<caption" in html and '<th scope="col">2019</th>' in html
    assert "<td>58.3</td>" in html and "no figure" in html
    assert document.url in html


def test_table_uses_the_decimal_separator_of_the_language(
    knowledge_index, make_document
):
    page = StatisticsPage(
        title="Figures", slug="figures", source="Demo", dataset=make_document(GOOD_CSV)
    )
    knowledge_index.add_child(instance=page)
    with translation.override("da"):
        assert page.table().rows[0] == ("Danmark", ("58,3", "60"))
    with translation.override("en"):
        assert page.table().rows[0] == ("Danmark", ("58.3", "60"))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("Land;Andel\nKøbenhavn;3\n".encode("latin-1"), "not UTF-8 encoded"),
        (b"Country,2019\nDenmark,1\nSweden,2,3\n", "Row 3 has 3 columns"),
        (b"Country,2019\nDenmark,x\n", "Row 2, column 2 ('2019'): 'x' is not a number"),
        (b"<!DOCTYPE html><html><body>Login</body></html>", "web page"),
    ],
)
def test_editor_sees_why_a_csv_is_refused(
    editor_client, knowledge_index, data, message
):
    document = upload_document(editor_client, data)
    errors = form_errors(
        editor_client, knowledge_index, StatisticsPage, statistics_form(document.pk)
    )
    assert len(errors["dataset"]) == 1
    assert message in errors["dataset"][0]
    assert not StatisticsPage.objects.exists()


def test_refuses_a_document_that_is_not_csv(editor_client, knowledge_index):
    document = upload_document(editor_client, b"%PDF-1.4", name="report.pdf")
    errors = form_errors(
        editor_client, knowledge_index, StatisticsPage, statistics_form(document.pk)
    )
    assert errors["dataset"] == [
        "Choose a CSV document (a file ending in .csv); this one is a PDF file."
    ]


def test_dataset_is_required(editor_client, knowledge_index):
    errors = form_errors(
        editor_client, knowledge_index, StatisticsPage, statistics_form("")
    )
    assert errors["dataset"] == ["This field is required."]


def test_series_is_filled_when_saving_a_draft(knowledge_index, make_document):
    page = StatisticsPage(
        title="Draft", slug="draft", source="Demo", dataset=make_document(GOOD_CSV)
    )
    page.live = False
    knowledge_index.add_child(instance=page)
    page.refresh_from_db()
    assert page.series["columns"] == ["Land", "2019", "2020"]
