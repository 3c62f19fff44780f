"""The ``Content`` interface shared by every content type, images, and the registry.

Every document type of the read model maps to one GraphQL type that
implements ``Content`` (and Relay's ``Node``). Domain packages register their
types with :func:`content_type`; :func:`to_content` turns a document into
the right one. Fields common to all types are filled from the document;
type-specific ones from its ``payload`` through :meth:`Content.payload_fields`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Annotated, Any, ClassVar, Final, Self, TypeVar

import strawberry
from strawberry.relay.utils import to_base64

from graphql_service.common.decorators import resolver
from graphql_service.common.payload import as_bool, as_date, as_str
from graphql_service.common.scalars import LocaleCode
from graphql_service.context import Context
from graphql_service.taxonomy.types import Country, Theme, VisionGoal
from search.documents import LOCALES, Document, ImageInfo

__all__ = [
    "Attachment",
    "Node",
    "all_content_types",
    "Content",
    "Image",
    "ImageRendition",
    "Meeting",
    "content_type",
    "graphql_type",
    "to_content",
]

Info = strawberry.Info[Context, None]
C = TypeVar("C", bound="Content")

_CONTENT_TYPES: dict[str, type[Content]] = {}
_BY_GRAPHQL_NAME: dict[str, type[Content]] = {}
_FALLBACK: list[type[Content]] = []
_LOCALE_ORDER = {locale: position for position, locale in enumerate(LOCALES)}
_MAX_IMAGES = 20_000
_IMAGES: dict[ImageInfo, Image] = {}


@strawberry.type(description="One resized version of an image.")
class ImageRendition:
    spec: str = strawberry.field(
        description='How it was made, in Wagtail terms: "fill-400x225", "width-1200".'
    )
    url: str = strawberry.field(description="URL of the image file.")
    width: int = strawberry.field(description="Width in pixels.")
    height: int = strawberry.field(description="Height in pixels.")


@strawberry.type(
    description="An image with its alternative text, credit and renditions."
)
class Image:
    alt: str = strawberry.field(description="Alternative text for screen readers.")
    credit: str | None = strawberry.field(description="Photographer or rights holder.")
    width: int = strawberry.field(description="Width of the original in pixels.")
    height: int = strawberry.field(description="Height of the original in pixels.")
    renditions: list[ImageRendition] = strawberry.field(
        description="Every rendition made for this image, smallest first."
    )
    srcset: str = strawberry.field(
        description='The renditions as an HTML srcset value ("url 400w, url 800w").'
    )

    @resolver(
        description=(
            "The rendition with this spec, or the narrowest one at least `width` "
            "pixels wide (else the widest there is); null without renditions."
        )
    )
    def rendition(
        self,
        spec: Annotated[
            str | None,
            strawberry.argument(description='Exact spec, e.g. "fill-800x450".'),
        ] = None,
        width: Annotated[
            int | None, strawberry.argument(description="Wanted width in pixels.")
        ] = None,
    ) -> ImageRendition | None:
        if not self.renditions:
            return None
        if spec is not None:
            for item in self.renditions:
                if item.spec == spec:
                    return item
            return None
        if width is None:
            return self.renditions[-1]
        for item in self.renditions:
            if item.width >= width:
                return item
        return self.renditions[-1]

    @classmethod
    def from_info(cls, info: ImageInfo | None) -> Image | None:
        """The GraphQL image of ``info`` (shared between equal images)."""
        if info is None:
            return None
        cached = _IMAGES.get(info)
        if cached is not None:
            return cached
        image = cls._build(info)
        if len(_IMAGES) >= _MAX_IMAGES:
            _IMAGES.clear()
        _IMAGES[info] = image
        return image

    @classmethod
    def _build(cls, info: ImageInfo) -> Image:
        renditions = sorted(
            (
                ImageRendition(spec=r.spec, url=r.url, width=r.width, height=r.height)
                for r in info.renditions
            ),
            key=lambda item: (item.width, item.height, item.spec),
        )
        return cls(
            alt=info.alt,
            credit=info.credit or None,
            width=info.width,
            height=info.height,
            renditions=renditions,
            srcset=", ".join(f"{item.url} {item.width}w" for item in renditions),
        )


@strawberry.type(description="A downloadable document (PDF, Word …).")
class Attachment:
    title: str = strawberry.field(description="Title of the document.")
    url: str | None = strawberry.field(description="Where to download it.")
    file_type: str | None = strawberry.field(description='File extension, e.g. "pdf".')

    @classmethod
    def from_payload(cls, data: Mapping[str, Any]) -> Attachment:
        return cls(
            title=as_str(data, "title") or "",
            url=as_str(data, "url"),
            file_type=as_str(data, "file_type"),
        )


@strawberry.type(description="A meeting of an expert group or a network.")
class Meeting:
    date: date | None = strawberry.field(description="Day of the meeting.")
    title: str = strawberry.field(description="Title or subject of the meeting.")
    is_virtual: bool | None = strawberry.field(
        description="Whether it was held online."
    )
    summary: str | None = strawberry.field(description="Short summary of the meeting.")
    minutes_url: str | None = strawberry.field(description="Link to the minutes.")

    @classmethod
    def from_payload(cls, data: Mapping[str, Any]) -> Meeting:
        return cls(
            date=as_date(data, "date"),
            title=as_str(data, "title") or "",
            is_virtual=as_bool(data, "is_virtual"),
            summary=as_str(data, "summary"),
            minutes_url=as_str(data, "minutes_url"),
        )


@strawberry.interface(
    description="An object with a global ID (Relay): fetch it again with `node(id:)`."
)
class Node:
    id: strawberry.ID = strawberry.field(
        description="Global ID of the object (base64 of type name and id)."
    )


@strawberry.interface(
    description=(
        "Fields every published item has, whatever its type. Items come in one "
        "language each; `locale` says which, `requestedLocale` what was asked "
        "for, and `isFallback` whether they differ."
    )
)
class Content(Node):
    document_id: str = strawberry.field(
        description='Id of the item in the read model, e.g. "news:42".'
    )
    content_type: str = strawberry.field(
        description='Read-model type of the item, e.g. "news" or "event".'
    )
    title: str = strawberry.field(description="Title.")
    lead: str = strawberry.field(description="Introduction or summary (plain text).")
    path: str = strawberry.field(
        description=(
            "Path of the public page on the hub, e.g. /da/nyheder/x/ (the "
            "absolute URL for external items)."
        )
    )
    url: str | None = strawberry.field(description="Absolute URL of the public page.")
    locale: LocaleCode = strawberry.field(description="Language of this item.")
    requested_locale: LocaleCode = strawberry.field(
        description=(
            "Language the client asked for (the `locale` argument, else the "
            "Accept-Language header, else this item's language)."
        )
    )
    is_fallback: bool = strawberry.field(
        description=(
            "True when the item is not in `requestedLocale` because no version "
            "in that language exists (a fallback language was used)."
        )
    )
    published_at: datetime = strawberry.field(description="First publication.")
    updated_at: datetime = strawberry.field(description="Last publication.")
    date: datetime | None = strawberry.field(
        description=(
            "The item's main date: article date, event start, closing of a call, "
            "publication year …"
        )
    )
    seo_title: str | None = strawberry.field(description="Title for search engines.")
    search_description: str | None = strawberry.field(
        description="Description for search engines."
    )
    image: Image | None = strawberry.field(description="Main image.")
    doc: strawberry.Private[Document]

    graphql_name: ClassVar[str] = ""

    @classmethod
    def payload_fields(
        cls, document: Document, payload: Mapping[str, Any], locale: str
    ) -> dict[str, Any]:
        """Type-specific constructor arguments read from the payload.

        ``locale`` is the requested locale (for nested look-ups).
        """
        return {}

    @classmethod
    def from_document(
        cls, document: Document, requested_locale: str | None = None
    ) -> Self:
        """The GraphQL object of ``document`` (asked for in ``requested_locale``)."""
        payload = document.payload or {}
        requested = requested_locale or document.locale
        url = payload.get("url")
        # Plain attribute assignment: strawberry types are dataclasses without
        # slots, and this runs for every item of every list.
        item = object.__new__(cls)
        item.__dict__.update(
            id=strawberry.ID(to_base64(cls.__name__, document.id)),
            document_id=document.id,
            content_type=document.type,
            title=document.title,
            lead=document.lead,
            path=document.url_path,
            url=url if isinstance(url, str) and url else None,
            locale=LocaleCode(document.locale),
            requested_locale=LocaleCode(requested),
            is_fallback=document.locale != requested,
            published_at=document.published_at,
            updated_at=document.updated_at,
            date=document.date,
            seo_title=as_str(payload, "seo_title"),
            search_description=as_str(payload, "search_description"),
            image=Image.from_info(document.image),
            doc=document,
            **cls.payload_fields(document, payload, requested),
        )
        return item

    @resolver(description="Themes of the item, named in the requested language.")
    def themes(self, info: Info) -> list[Theme]:
        context = info.context
        chain = context.chain(self.requested_locale)
        terms = context.terms
        return [
            Theme.from_term(terms.term("theme", slug, chain))
            for slug in self.doc.themes
        ]

    @resolver(description="Countries the item is about.")
    def countries(self, info: Info) -> list[Country]:
        context = info.context
        chain = context.chain(self.requested_locale)
        terms = context.terms
        return [
            Country.from_term(terms.term("country", slug, chain))
            for slug in self.doc.countries
        ]

    @resolver(description="Vision 2030 goals the item contributes to.")
    def goals(self, info: Info) -> list[VisionGoal]:
        context = info.context
        chain = context.chain(self.requested_locale)
        terms = context.terms
        return [
            VisionGoal.from_term(terms.term("goal", slug, chain))
            for slug in self.doc.goals
        ]

    @resolver(description="Languages this item is published in (itself included).")
    async def available_locales(self, info: Info) -> list[LocaleCode]:
        members = await info.context.groups.load(self.doc.translation_key)
        locales = {member.locale for member in members} | {self.doc.locale}
        ordered = sorted(locales, key=lambda item: _LOCALE_ORDER.get(item, 99))
        return [LocaleCode(item) for item in ordered]

    @resolver(
        description=(
            "The other language versions of this item (each in its own language)."
        )
    )
    async def translations(self, info: Info) -> list[Content]:
        context = info.context
        members = await context.groups.load(self.doc.translation_key)
        ids = [
            member.id
            for member in sorted(members, key=lambda m: _LOCALE_ORDER.get(m.locale, 99))
            if member.id != self.document_id
        ]
        if not ids:
            return []
        documents = await context.documents.load_many(ids)
        return [
            to_content(document)
            for document in documents
            if document is not None and not isinstance(document, BaseException)
        ]


def content_type(
    *doc_types: str, fallback: bool = False
) -> Callable[[type[C]], type[C]]:
    """Register a GraphQL type for read-model document types."""

    def register(cls: type[C]) -> type[C]:
        for doc_type in doc_types:
            _CONTENT_TYPES[doc_type] = cls
        _BY_GRAPHQL_NAME[cls.__name__] = cls
        if fallback:
            _FALLBACK.append(cls)
        return cls

    return register


def graphql_type(name: str) -> type[Content] | None:
    """The registered type with this GraphQL name."""
    return _BY_GRAPHQL_NAME.get(name)


def type_for(doc_type: str) -> type[Content]:
    cls = _CONTENT_TYPES.get(doc_type)
    if cls is not None:
        return cls
    if not _FALLBACK:
        raise LookupError(f"no GraphQL type for document type {doc_type!r}")
    return _FALLBACK[0]


def all_content_types() -> list[type[Content]]:
    """Every registered content type (the schema lists them all)."""
    return list(dict.fromkeys(_BY_GRAPHQL_NAME.values()))


#: GraphQL objects of recent documents, by the document's identity and the
#: requested language (see :func:`to_content`).
_CONVERTED: dict[tuple[int, str | None], tuple[Document, Content]] = {}
_CONVERTED_SIZE: Final = 1024


def to_content(document: Document, requested_locale: str | None = None) -> Content:
    """The GraphQL object of any document.

    The embedded read model hands out the same document object for the same
    stored item, and feeds list the same recent items all day: their objects
    are kept (they are read-only) rather than built again. The entry holds
    the document itself, so an identity the collector has reused never
    matches.
    """
    key = (id(document), requested_locale)
    found = _CONVERTED.get(key)
    if found is not None and found[0] is document:
        return found[1]
    item = type_for(document.type).from_document(document, requested_locale)
    if len(_CONVERTED) >= _CONVERTED_SIZE:
        _CONVERTED.clear()
    _CONVERTED[key] = (document, item)
    return item
