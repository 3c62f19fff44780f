"""Missing or malformed payload keys resolve to null or empty, never to errors."""

from __future__ import annotations

import pytest

from graphql_service.common.types import to_content
from search.testing import make_document

pytestmark = pytest.mark.anyio

MINIMAL_EVENT = """
{
  event(id: "event:4") {
    title kind start end timeZone venue { name } onlineUrl programme { title }
    organisers { name } documents { title } recordingUrl isCancelled
    registration { enabled } bodyHtml isUpcoming image { alt }
    themes { name } translations { documentId } url seoTitle
  }
}
"""


async def test_an_event_with_an_empty_payload(execute) -> None:
    result = await execute(MINIMAL_EVENT)

    assert result.errors is None
    assert result.data == {
        "event": {
            "title": "Webinar with an empty payload",
            "kind": None,
            "start": "2099-10-14T09:00:00+00:00",
            "end": None,
            "timeZone": None,
            "venue": None,
            "onlineUrl": None,
            "programme": [],
            "organisers": [],
            "documents": [],
            "recordingUrl": None,
            "isCancelled": False,
            "registration": None,
            "bodyHtml": None,
            "isUpcoming": True,
            "image": None,
            "themes": [],
            "translations": [],
            "url": None,
            "seoTitle": None,
        }
    }


@pytest.mark.parametrize(
    ("doc_type", "payload"),
    [
        (
            "expert_group",
            {"members": "not a list", "chairs": [1, None], "term_start": 7},
        ),
        ("network", {"members": [{"organisation": None}], "meetings": {"a": 1}}),
        (
            "statistics",
            {"series": {"columns": ["A", "B"], "rows": [["x", "1.5", "?"]]}},
        ),
        ("country_comparison", {"answers": [{"country": 5}, "junk"]}),
        ("funding_call", {"amount_min": "lots", "closes_at": "tomorrow"}),
        ("event", {"programme": [{"speakers": [{"name": None}]}], "registration": []}),
        ("news", {"related": "news:1", "date": "not a date"}),
        ("learning_example", {"contact": "nobody"}),
    ],
)
def test_malformed_payloads_convert(doc_type: str, payload: dict) -> None:
    document = make_document(type=doc_type, payload=payload)

    item = to_content(document, "da")

    assert item.document_id == document.id
    assert item.requested_locale == "da"


def test_statistics_rows_as_lists_are_read() -> None:
    document = make_document(
        type="statistics",
        payload={"series": {"columns": ["A", "B", "C"], "rows": [["x", "1.5", None]]}},
    )

    item = to_content(document)

    dataset = item.dataset  # type: ignore[attr-defined]
    assert dataset.rows[0].label == "x"
    assert dataset.rows[0].values == [1.5, None]
