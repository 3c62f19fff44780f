"""The unified read model: one framework-free document per published item.

The CMS turns every published page or snippet into a :class:`Document`, the
harvesters do the same for external items, and the backends index them. The
GraphQL service reads them back (``payload`` holds the typed data it returns).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Final

import orjson

from search.errors import InvalidDocumentError

__all__ = [
    "DOCUMENT_TYPES",
    "LOCALES",
    "Document",
    "ImageInfo",
    "Rendition",
    "format_datetime",
    "parse_datetime",
]

#: Content languages of the hub, in display order.
LOCALES: Final = ("da", "nb", "sv", "fi", "is", "en")

#: Known document types. Other lowercase slugs are accepted so that new
#: content types need no change here, but these are the ones the hub uses.
DOCUMENT_TYPES: Final = (
    "news",
    "event",
    "expert_group",
    "expert_profile",
    "publication",
    "learning_example",
    "statistics",
    "country_comparison",
    "funding_call",
    "network",
    "call_for_applications",
    "standard_page",
    "external",
)

_TYPE_RE: Final = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_SLUG_RE: Final = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$")
_MAX_ID_LENGTH: Final = 512


def format_datetime(value: datetime | None) -> str | None:
    """Return ``value`` as an ISO 8601 string (``None`` stays ``None``)."""
    return None if value is None else value.isoformat()


def parse_datetime(value: object, name: str = "value") -> datetime | None:
    """Parse an ISO 8601 string (or pass through an aware datetime).

    Raises:
        InvalidDocumentError: when the value is not an aware datetime.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        result = value
    elif isinstance(value, str):
        try:
            result = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError as exc:
            raise InvalidDocumentError(
                f"{name}: {value!r} is not an ISO 8601 datetime"
            ) from exc
    else:
        raise InvalidDocumentError(f"{name}: expected an ISO 8601 datetime string")
    _check_aware(result, name)
    return result


def _check_aware(value: datetime | None, name: str) -> None:
    if value is None:
        return
    if not isinstance(value, datetime):
        raise InvalidDocumentError(f"{name}: expected a datetime, got {value!r}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidDocumentError(f"{name}: datetime must be timezone-aware")


def _as_str_tuple(value: object, name: str) -> tuple[str, ...]:
    if isinstance(value, tuple | list):
        items = tuple(value)
    elif isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidDocumentError(f"{name}: expected a list of slugs")
    else:
        items = tuple(value)
    for item in items:
        if not isinstance(item, str) or not _SLUG_RE.match(item):
            raise InvalidDocumentError(f"{name}: {item!r} is not a valid slug")
    return items


@dataclass(frozen=True, slots=True)
class Rendition:
    """One resized version of an image (``spec`` as in Wagtail: "fill-800x450")."""

    spec: str
    url: str
    width: int
    height: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "spec": self.spec,
            "url": self.url,
            "width": self.width,
            "height": self.height,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Rendition:
        try:
            return cls(
                spec=str(data["spec"]),
                url=str(data["url"]),
                width=int(data.get("width") or 0),
                height=int(data.get("height") or 0),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise InvalidDocumentError(f"image rendition is malformed: {exc}") from exc


@dataclass(frozen=True, slots=True)
class ImageInfo:
    """The main image of a document with its alt text, credit and renditions."""

    alt: str = ""
    credit: str = ""
    width: int = 0
    height: int = 0
    renditions: tuple[Rendition, ...] = ()

    def rendition(self, spec: str) -> Rendition | None:
        """Return the rendition with this spec, or ``None``."""
        for item in self.renditions:
            if item.spec == spec:
                return item
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "alt": self.alt,
            "credit": self.credit,
            "width": self.width,
            "height": self.height,
            "renditions": [item.to_dict() for item in self.renditions],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ImageInfo:
        try:
            return cls(
                alt=str(data.get("alt") or ""),
                credit=str(data.get("credit") or ""),
                width=int(data.get("width") or 0),
                height=int(data.get("height") or 0),
                renditions=tuple(
                    Rendition.from_dict(item) for item in data.get("renditions") or ()
                ),
            )
        except (TypeError, ValueError) as exc:
            raise InvalidDocumentError(f"image is malformed: {exc}") from exc


@dataclass(frozen=True, kw_only=True)
class Document:
    """One published item (page, snippet or harvested external item).

    Attributes:
        id: Global id, e.g. ``"news:123"``, ``"event:45"`` or
            ``"external:<source>:<hash>"``. One document per id and language
            version: translations have their own ids and share
            ``translation_key``.
        type: Content type slug (see :data:`DOCUMENT_TYPES`).
        locale: Language of the content (see :data:`LOCALES`).
        translation_key: Shared by all translations of an item (defaults to
            the id for items without translations).
        title, lead, body: Searchable text; ``body`` is the flattened full text.
        url_path: Path of the public page (absolute URL for external items).
        published_at, updated_at: Aware datetimes.
        date: The item's main date for sorting (article date, event start,
            call close ...). When ``None`` the backends sort on
            ``published_at`` instead (see :attr:`sort_date`).
        start, end: Event start and end.
        opens_at, closes_at: Opening and closing of calls.
        themes, countries, goals: Stable taxonomy slugs.
        image: Main image with renditions, or ``None``.
        payload: JSON-able typed data that the API returns as is.
        version: Monotonic per id; the index never lets an older version
            overwrite (or resurrect) a newer one.
        source: Harvest source of external items.
        is_external: True for harvested items.
    """

    id: str
    type: str
    locale: str
    title: str
    published_at: datetime
    updated_at: datetime
    version: int
    translation_key: str = ""
    lead: str = ""
    body: str = ""
    url_path: str = ""
    date: datetime | None = None
    start: datetime | None = None
    end: datetime | None = None
    opens_at: datetime | None = None
    closes_at: datetime | None = None
    themes: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    goals: tuple[str, ...] = ()
    image: ImageInfo | None = None
    payload: dict[str, Any] = field(default_factory=dict)
    source: str | None = None
    is_external: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.id, str) or not self.id.strip():
            raise InvalidDocumentError("id: must be a non-empty string")
        if len(self.id) > _MAX_ID_LENGTH or any(ch.isspace() for ch in self.id):
            raise InvalidDocumentError(
                f"id: {self.id[:80]!r} must be at most {_MAX_ID_LENGTH} characters "
                "without whitespace"
            )
        if not isinstance(self.type, str) or not _TYPE_RE.match(self.type):
            raise InvalidDocumentError(
                f"type: {self.type!r} must be a lowercase slug such as 'news'"
            )
        if self.locale not in LOCALES:
            raise InvalidDocumentError(
                f"locale: {self.locale!r} is not one of {', '.join(LOCALES)}"
            )
        if isinstance(self.version, bool) or not isinstance(self.version, int):
            raise InvalidDocumentError("version: must be an integer")
        if self.version < 0:
            raise InvalidDocumentError("version: must not be negative")
        for name in ("title", "lead", "body", "url_path", "translation_key"):
            if not isinstance(getattr(self, name), str):
                raise InvalidDocumentError(f"{name}: must be a string")
        for name in ("published_at", "updated_at"):
            value = getattr(self, name)
            if value is None:
                raise InvalidDocumentError(f"{name}: is required")
            _check_aware(value, name)
        for name in ("date", "start", "end", "opens_at", "closes_at"):
            _check_aware(getattr(self, name), name)
        if self.start and self.end and self.end < self.start:
            raise InvalidDocumentError("end: must not be before start")
        if self.opens_at and self.closes_at and self.closes_at < self.opens_at:
            raise InvalidDocumentError("closes_at: must not be before opens_at")
        for name in ("themes", "countries", "goals"):
            object.__setattr__(self, name, _as_str_tuple(getattr(self, name), name))
        if not isinstance(self.payload, dict):
            raise InvalidDocumentError("payload: must be a dict")
        if self.image is not None and not isinstance(self.image, ImageInfo):
            raise InvalidDocumentError("image: must be an ImageInfo or None")
        if not self.translation_key:
            object.__setattr__(self, "translation_key", self.id)

    @property
    def sort_date(self) -> datetime:
        """The date used for date sorting: ``date``, else ``published_at``."""
        return self.date if self.date is not None else self.published_at

    @property
    def text(self) -> str:
        """Title, lead and body, a line each (empty ones left out): what the
        index analyses, splits and translates."""
        return "\n".join(part for part in (self.title, self.lead, self.body) if part)

    @property
    def year(self) -> int:
        """Year of :attr:`sort_date` (in UTC), used by the ``year`` facet."""
        return self.sort_date.astimezone(UTC).year

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-able dict (datetimes as ISO 8601 strings)."""
        return {
            "id": self.id,
            "type": self.type,
            "locale": self.locale,
            "translation_key": self.translation_key,
            "title": self.title,
            "lead": self.lead,
            "body": self.body,
            "url_path": self.url_path,
            "published_at": format_datetime(self.published_at),
            "updated_at": format_datetime(self.updated_at),
            "date": format_datetime(self.date),
            "start": format_datetime(self.start),
            "end": format_datetime(self.end),
            "opens_at": format_datetime(self.opens_at),
            "closes_at": format_datetime(self.closes_at),
            "themes": list(self.themes),
            "countries": list(self.countries),
            "goals": list(self.goals),
            "image": None if self.image is None else self.image.to_dict(),
            "payload": self.payload,
            "version": self.version,
            "source": self.source,
            "is_external": self.is_external,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Document:
        """Build a document from :meth:`to_dict` output (or equivalent JSON).

        Raises:
            InvalidDocumentError: when a field is missing or malformed.
        """
        try:
            image = data.get("image")
            published_at = parse_datetime(data.get("published_at"), "published_at")
            updated_at = parse_datetime(data.get("updated_at"), "updated_at")
            if published_at is None or updated_at is None:
                raise InvalidDocumentError("published_at and updated_at are required")
            return cls(
                id=data["id"],
                type=data["type"],
                locale=data["locale"],
                translation_key=data.get("translation_key") or "",
                title=data.get("title") or "",
                lead=data.get("lead") or "",
                body=data.get("body") or "",
                url_path=data.get("url_path") or "",
                published_at=published_at,
                updated_at=updated_at,
                date=parse_datetime(data.get("date"), "date"),
                start=parse_datetime(data.get("start"), "start"),
                end=parse_datetime(data.get("end"), "end"),
                opens_at=parse_datetime(data.get("opens_at"), "opens_at"),
                closes_at=parse_datetime(data.get("closes_at"), "closes_at"),
                themes=tuple(data.get("themes") or ()),
                countries=tuple(data.get("countries") or ()),
                goals=tuple(data.get("goals") or ()),
                image=None if not image else ImageInfo.from_dict(image),
                payload=dict(data.get("payload") or {}),
                version=data["version"],
                source=data.get("source"),
                is_external=bool(data.get("is_external", False)),
            )
        except KeyError as exc:
            raise InvalidDocumentError(f"missing field {exc.args[0]!r}") from exc

    @classmethod
    def _from_storage(cls, data: Mapping[str, Any]) -> Document:
        """Rebuild a document the index stored, skipping validation.

        Stored documents were validated when indexed; rebuilding them is on
        the hot path of every search, so the checks are not repeated.
        """
        document = object.__new__(cls)
        setter = object.__setattr__
        for name in _PLAIN_FIELDS:
            setter(document, name, data[name])
        for name in _DATETIME_FIELDS:
            value = data[name]
            setter(document, name, None if value is None else _fromiso(value))
        for name in ("themes", "countries", "goals"):
            setter(document, name, tuple(data[name]))
        image = data["image"]
        setter(document, "image", None if image is None else ImageInfo.from_dict(image))
        return document

    def to_json(self) -> bytes:
        """Serialise with orjson.

        Raises:
            InvalidDocumentError: when ``payload`` is not JSON-able.
        """
        try:
            return orjson.dumps(self.to_dict())
        except TypeError as exc:
            raise InvalidDocumentError(
                f"{self.id}: payload is not JSON-able ({exc})"
            ) from exc

    @classmethod
    def from_json(cls, data: bytes | str, *, trusted: bool = False) -> Document:
        """Inverse of :meth:`to_json`.

        Args:
            data: JSON from :meth:`to_json`.
            trusted: Skip validation (only for JSON this package wrote).
        """
        try:
            parsed = orjson.loads(data)
        except orjson.JSONDecodeError as exc:
            raise InvalidDocumentError(f"document JSON is malformed: {exc}") from exc
        if not isinstance(parsed, dict):
            raise InvalidDocumentError("document JSON must be an object")
        if trusted:
            try:
                return cls._from_storage(parsed)
            except (KeyError, TypeError, ValueError):
                pass  # written by an older version: take the checked path
        return cls.from_dict(parsed)


_PLAIN_FIELDS: Final = (
    "id",
    "type",
    "locale",
    "translation_key",
    "title",
    "lead",
    "body",
    "url_path",
    "payload",
    "version",
    "source",
    "is_external",
)
_DATETIME_FIELDS: Final = (
    "published_at",
    "updated_at",
    "date",
    "start",
    "end",
    "opens_at",
    "closes_at",
)
_fromiso = datetime.fromisoformat
