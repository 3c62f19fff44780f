"""Schema of the embedded index and the mapping of documents onto it.

Fields:

* ``id`` (raw term), ``uid`` (64-bit hash of the id: tie-break of sorts and
  cursors), ``state`` (``live`` or ``tomb``), ``version``;
* filter and facet fields: ``type``, ``locale``, ``themes``, ``countries``,
  ``goals`` (raw, fast), ``year`` (of the sort date);
* ``week`` of the sort date (indexed only) and ``type_week`` (raw
  ``<type>@<week>``): the recent windows of newest-first lists and their
  sizes (:mod:`search.backends._tantivy_weeks`);
* time fields in microseconds: ``sort_ts`` (``Document.sort_date``),
  ``date_ts``, ``upcoming_ts`` (event end, else start), ``opens_ts`` and
  ``closes_ts`` (calls; a missing bound is stored as the extreme value);
* per language: ``title_<locale>`` and ``text_<locale>`` (title, lead and
  body) with the language's analyser, ``parts_<locale>`` (the parts of the
  text's compounds, same analyser: :mod:`search.compounds`),
  ``trans_<locale>`` (the translations into the language of a document in
  another one, same analyser: :mod:`search.document_translation`),
  ``vocab_<locale>`` (folded words, the vocabulary of "did you mean");
* ``title_ac`` (folded title words, stored: autocomplete) and ``doc`` (the
  stored document as JSON);
* ``translation_key`` and ``paths`` (raw: the item's path and external URL);
* what a member of a translation group records of its group
  (:mod:`search.grouping`): ``group_locales``, ``group_tags``,
  ``group_pairs`` (raw) and the per-language time fields ``g_<kind>_<locale>``.

Tombstones keep ``type``, so typed change sync reports removals.

A document fills the text fields of its own language and the translation
fields of the others.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Final

import orjson
import tantivy

from search.analysis import FOLD_ANALYZER, analyzer_name
from search.backends._tantivy_weeks import (
    TYPE_WEEK_FIELD,
    WEEK_FIELD,
    type_week,
    week_of,
)
from search.changes import uid_of
from search.compounds import compound_parts
from search.document_translation import translated_terms
from search.documents import LOCALES, Document
from search.grouping import (
    GROUP_LOCALES,
    GROUP_PAIRS,
    GROUP_TAGS,
    GroupFields,
    member_pairs,
    time_fields,
)
from search.paths import document_paths

__all__ = [
    "I64_MAX",
    "I64_MIN",
    "LIVE",
    "SCHEMA_VERSION",
    "TOMBSTONE",
    "build_schema",
    "is_tombstone",
    "parts_field",
    "text_field",
    "timestamp",
    "title_field",
    "to_index_document",
    "to_tombstone",
    "trans_field",
    "uid_of",
    "uid_union",
    "vocab_field",
    "write_allowed",
]

#: Bump when the schema changes; older generations then need a reindex.
SCHEMA_VERSION: Final = 6
LIVE: Final = "live"
TOMBSTONE: Final = "tomb"
I64_MIN: Final = -(2**63)
I64_MAX: Final = 2**63 - 1
U64_MAX: Final = 2**64 - 1

#: Facet name -> fast field.
FACET_FIELDS: Final = {
    "type": "type",
    "locale": "locale",
    "themes": "themes",
    "countries": "countries",
    "goals": "goals",
    "year": "year",
}


def title_field(locale: str) -> str:
    return f"title_{locale}"


def text_field(locale: str) -> str:
    return f"text_{locale}"


def parts_field(locale: str) -> str:
    return f"parts_{locale}"


def trans_field(locale: str) -> str:
    return f"trans_{locale}"


def vocab_field(locale: str) -> str:
    return f"vocab_{locale}"


def timestamp(value: datetime) -> int:
    """Microseconds since the epoch (the index's integer time format)."""
    return int(value.timestamp()) * 1_000_000 + value.microsecond


def write_allowed(current: tuple[int, bool] | None, version: int) -> bool:
    """Versioning rule for upserts and deletes alike.

    Args:
        current: ``(version, live)`` the index holds for the id, if any.
        version: Version of the incoming write.

    A live document yields to an equal or newer version (replays are
    harmless); a tombstone only to a strictly newer one, so a late upsert
    never resurrects a deleted item.
    """
    if current is None:
        return True
    held, live = current
    return version >= held if live else version > held


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", tokenizer_name="raw", index_option="basic")
    builder.add_unsigned_field("uid", indexed=True, fast=True)
    builder.add_text_field("state", tokenizer_name="raw", index_option="basic")
    builder.add_integer_field("version", fast=True)
    for name in ("type", "locale", "themes", "countries", "goals"):
        builder.add_text_field(
            name, tokenizer_name="raw", fast=True, index_option="basic"
        )
    for name in ("year", "sort_ts", "date_ts", "upcoming_ts", "opens_ts", "closes_ts"):
        builder.add_integer_field(name, indexed=True, fast=True)
    # Not fast: a range of weeks then reads the postings of those weeks only.
    builder.add_integer_field(WEEK_FIELD, indexed=True)
    builder.add_text_field(TYPE_WEEK_FIELD, tokenizer_name="raw", index_option="basic")
    for locale in LOCALES:
        analyser = analyzer_name(locale)
        builder.add_text_field(title_field(locale), tokenizer_name=analyser)
        builder.add_text_field(text_field(locale), tokenizer_name=analyser)
        builder.add_text_field(
            parts_field(locale), tokenizer_name=analyser, index_option="freq"
        )
        builder.add_text_field(
            trans_field(locale), tokenizer_name=analyser, index_option="freq"
        )
        builder.add_text_field(
            vocab_field(locale), tokenizer_name=FOLD_ANALYZER, index_option="basic"
        )
    builder.add_text_field(
        "title_ac", stored=True, tokenizer_name=FOLD_ANALYZER, index_option="freq"
    )
    builder.add_bytes_field("doc", stored=True)
    for name in ("translation_key", "paths", GROUP_LOCALES, GROUP_TAGS, GROUP_PAIRS):
        builder.add_text_field(name, tokenizer_name="raw", index_option="basic")
    for name in time_fields():
        builder.add_integer_field(name, indexed=True)
    return builder.build()


def to_index_document(
    document: Document, uid: int, group: GroupFields | None = None
) -> tantivy.Document:
    """The tantivy document of a live :class:`Document` (``group``: what it
    records of its translation group)."""
    doc = tantivy.Document()
    doc.add_text("id", document.id)
    doc.add_unsigned("uid", uid)
    doc.add_text("state", LIVE)
    doc.add_integer("version", document.version)
    doc.add_text("type", document.type)
    doc.add_text("locale", document.locale)
    for value in document.themes:
        doc.add_text("themes", value)
    for value in document.countries:
        doc.add_text("countries", value)
    for value in document.goals:
        doc.add_text("goals", value)
    doc.add_integer("year", document.year)
    sort_ts = timestamp(document.sort_date)
    doc.add_integer("sort_ts", sort_ts)
    week = week_of(sort_ts)
    doc.add_integer(WEEK_FIELD, week)
    doc.add_text(TYPE_WEEK_FIELD, type_week(document.type, week))
    if document.date is not None:
        doc.add_integer("date_ts", timestamp(document.date))
    until = document.end if document.end is not None else document.start
    if until is not None:
        doc.add_integer("upcoming_ts", timestamp(until))
    if document.opens_at is not None or document.closes_at is not None:
        opens = document.opens_at
        closes = document.closes_at
        doc.add_integer("opens_ts", I64_MIN if opens is None else timestamp(opens))
        doc.add_integer("closes_ts", I64_MAX if closes is None else timestamp(closes))
    locale = document.locale
    text = document.text
    doc.add_text(title_field(locale), document.title)
    doc.add_text(text_field(locale), text)
    parts = compound_parts(text, locale)
    if parts:
        doc.add_text(parts_field(locale), parts)
    for target, terms in translated_terms(text, locale).items():
        doc.add_text(trans_field(target), terms)
    doc.add_text(vocab_field(locale), text)
    doc.add_text("title_ac", document.title)
    doc.add_bytes("doc", document.to_json())
    doc.add_text("translation_key", document.translation_key)
    for path in document_paths(document):
        doc.add_text("paths", path)
    if group is not None:
        for value in group.locales:
            doc.add_text(GROUP_LOCALES, value)
        for value in group.tags:
            doc.add_text(GROUP_TAGS, value)
        for name, number in group.times:
            doc.add_integer(name, number)
        for value in member_pairs(document, group):
            doc.add_text(GROUP_PAIRS, value)
    return doc


def is_tombstone(raw: bytes) -> bool:
    """Whether a stored ``doc`` payload is a tombstone's (``id``, ``version``
    and maybe ``type``); documents carry many more fields."""
    return len(raw) < 1024 and orjson.loads(raw).keys() <= {"id", "version", "type"}


def uid_union(schema: tantivy.Schema, uids: Iterable[int]) -> tantivy.Query:
    """The items of ``uids``: one term per uid (a term set would read the
    whole uid dictionary)."""
    return tantivy.Query.boolean_query(
        [
            (tantivy.Occur.Should, tantivy.Query.term_query(schema, "uid", uid))
            for uid in uids
        ]
    )


def to_tombstone(
    doc_id: str, uid: int, version: int, doc_type: str | None = None
) -> tantivy.Document:
    """The tantivy document recording that ``doc_id`` (of ``doc_type``, when
    known) was deleted at ``version``."""
    doc = tantivy.Document()
    if doc_type:
        doc.add_text("type", doc_type)
    doc.add_text("id", doc_id)
    doc.add_unsigned("uid", uid)
    doc.add_text("state", TOMBSTONE)
    doc.add_integer("version", version)
    payload: dict[str, object] = {"id": doc_id, "version": version}
    if doc_type:
        payload["type"] = doc_type
    doc.add_bytes("doc", orjson.dumps(payload))
    return doc
