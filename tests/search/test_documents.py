"""Document dataclasses: validation and serialisation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import orjson
import pytest

from search.documents import Document, ImageInfo, Rendition
from search.errors import InvalidDocumentError
from search.testing import make_document


def test_to_dict_and_from_dict_round_trip(documents: list[Document]) -> None:
    for document in documents:
        assert Document.from_dict(document.to_dict()) == document
        assert Document.from_json(document.to_json()) == document
        assert Document.from_json(document.to_json(), trusted=True) == document


def test_datetimes_serialise_as_iso_with_offset() -> None:
    oslo = timezone(timedelta(hours=2))
    document = make_document(
        published_at=datetime(2024, 6, 1, 10, 30, tzinfo=oslo),
        start=datetime(2024, 7, 1, 9, tzinfo=oslo),
    )
    data = orjson.loads(document.to_json())
    assert data["published_at"] == "2024-06-01T10:30:00+02:00"
    assert data["start"] == "2024-07-01T09:00:00+02:00"
    assert data["end"] is None
    assert Document.from_dict(data).start == document.start


def test_from_dict_accepts_z_suffix_and_lists() -> None:
    data = make_document().to_dict() | {
        "published_at": "2024-01-01T00:00:00Z",
        "themes": ["education"],
    }
    document = Document.from_dict(data)
    assert document.published_at.utcoffset() == timedelta(0)
    assert document.themes == ("education",)


def test_translation_key_defaults_to_id() -> None:
    assert make_document(id="news:5").translation_key == "news:5"


def test_sort_date_and_year_fall_back_to_published_at() -> None:
    document = make_document()
    assert document.sort_date == document.published_at
    assert document.year == 2024
    dated = make_document(date=datetime(2031, 1, 1, tzinfo=UTC))
    assert dated.sort_date.year == dated.year == 2031


def test_image_renditions_are_found_by_spec() -> None:
    image = ImageInfo(alt="A", renditions=(Rendition("fill-10x10", "/a.jpg", 10, 10),))
    assert image.rendition("fill-10x10") == image.renditions[0]
    assert image.rendition("max-1x1") is None
    assert ImageInfo.from_dict(image.to_dict()) == image


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"id": ""}, "id"),
        ({"id": "news 1"}, "whitespace"),
        ({"type": "News"}, "type"),
        ({"locale": "de"}, "locale"),
        ({"version": -1}, "version"),
        ({"version": True}, "version"),
        ({"published_at": datetime(2024, 1, 1)}, "timezone-aware"),
        ({"themes": "education"}, "themes"),
        ({"themes": ("two words",)}, "slug"),
        ({"payload": []}, "payload"),
        (
            {
                "start": datetime(2024, 1, 2, tzinfo=UTC),
                "end": datetime(2024, 1, 1, tzinfo=UTC),
            },
            "end",
        ),
    ],
)
def test_invalid_fields_raise_clear_errors(
    fields: dict[str, object], message: str
) -> None:
    with pytest.raises(InvalidDocumentError, match=message):
        make_document(**fields)


def test_payload_must_be_json_able() -> None:
    document = make_document(payload={"when": object()})
    with pytest.raises(InvalidDocumentError, match="payload"):
        document.to_json()


def test_from_dict_reports_missing_fields() -> None:
    data = make_document().to_dict()
    del data["version"]
    with pytest.raises(InvalidDocumentError, match="version"):
        Document.from_dict(data)
    with pytest.raises(InvalidDocumentError):
        Document.from_json(b"[1, 2]")
    with pytest.raises(InvalidDocumentError):
        Document.from_dict(make_document().to_dict() | {"date": "yesterday"})
