"""Index settings, mapping and document sources of the engine backends.

Analysis mirrors :mod:`search.analysis` with parts every Elasticsearch and
OpenSearch version has: the ``standard`` tokenizer, ``lowercase``, the
language's ``stop`` words, its ``snowball`` stemmer and ``asciifolding``
(after the stemmer, so the stemmer sees the real word). The ``standard``
tokenizer splits words like the embedded index does except inside words
with an apostrophe or a dot ("children's", "1.5"), and queries go through
the same tokenizer, so such a word still finds its documents; a
``char_group`` tokenizer has no class for exactly the embedded index's word
characters either, and ``standard`` (Unicode word boundaries) behaves alike
on every version of both engines. Stop words go
*before* the stemmer: a word whose stem happens to be a function word
(Finnish "kunta" -> "kun") is still indexed, while the function word itself
is not. Icelandic has no Snowball stemmer and is folded only. The built-in
language analyzers (``danish`` ...) are deliberately not used: they differ
between versions and some servers refuse them.

Fields (``dynamic: strict``):

* ``id``, ``uid`` (16 hex digits of a hash of the id: the tie-break of every
  sort and cursor), ``deleted`` (tombstones), ``version``;
* filters and facets: ``type``, ``locale``, ``translation_key``, ``themes``,
  ``countries``, ``goals`` (keywords), ``year`` (of the sort date);
* times in microseconds (``long``): ``sort_ts``, ``date_ts``,
  ``upcoming_ts`` (event end, else start), ``opens_ts``/``closes_ts``
  (calls; a missing bound is stored as the extreme value);
* per language, filled only for documents in that language, so one query
  reaches every language through each language's own analysis:
  ``title_<locale>`` (analysed), ``lead_<locale>`` and ``body_<locale>``
  (stored, not indexed), all three copied (``copy_to``) into
  ``text_<locale>`` (analysed) and ``vocab_<locale>`` (folded words: the
  vocabulary of "did you mean"); ``parts_<locale>`` holds the parts of the
  text's compounds (:mod:`search.compounds`, analysed, no positions);
  ``trans_<locale>`` the translations into the language of the words of a
  document in another one (:mod:`search.document_translation`, analysed, no
  positions);
* ``title_ac``: every title copied and folded, with an edge n-gram
  sub-field ``title_ac.prefix`` for autocomplete;
* ``paths``: every public address of the item (:mod:`search.paths`);
* translation groups (:mod:`search.grouping`), only on members of a group
  with more than one language version: ``group_locales``, ``group_tags``,
  ``group_pairs`` (keywords) and the per-language times ``g_<kind>_<locale>``
  (``long``);
* ``doc``: the rest of the :class:`Document` (not indexed).

Tombstones hold ``id``, ``uid``, ``deleted``, ``version`` and, when the
deleted item was known, its ``type`` (typed change sync reports them).

Fields added since the first layout (:data:`ADDED_PROPERTIES`) are put onto
an existing index in place when a backend first writes to it; the documents
it already holds get them when they are written again, so run a rebuild once
after upgrading for lists with ``best_version`` and ``paths`` to see them,
and for search to meet documents through their translations.

The copies live only in the index, and the text lives in ``_source`` once:
a document is rebuilt from ``doc`` and its language's title, lead and body.
(``_source.excludes`` must not drop that text: a rebuild carries documents
over from ``_source``, and reads return documents from it.)
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any, Final

import orjson

from search.analysis import _ICELANDIC_STOPWORDS
from search.changes import uid_hex
from search.changes import uid_of as uid_number
from search.compounds import compound_parts
from search.document_translation import translated_terms
from search.documents import LOCALES, Document
from search.errors import BackendUnavailableError, InvalidDocumentError
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
    "ADDED_PROPERTIES",
    "ANALYZERS",
    "FACET_FIELDS",
    "MAX_VERSION",
    "SOURCE_FIELDS",
    "analyzer_name",
    "engine_id",
    "engine_version",
    "index_body",
    "load_document",
    "parts_field",
    "stored_title",
    "text_field",
    "timestamp",
    "title_field",
    "trans_field",
    "to_source",
    "tombstone_source",
    "uid_of",
    "vocab_field",
]

I64_MIN: Final = -(2**63)
I64_MAX: Final = 2**63 - 1
#: Highest document version: the engine's version of a tombstone is
#: ``2 * version + 1`` and must fit a signed 64-bit integer.
MAX_VERSION: Final = 2**62 - 1
#: Longest autocomplete prefix served by the edge n-gram sub-field.
MAX_GRAM: Final = 20
_MAX_ES_ID_BYTES: Final = 512

#: Snowball language and stop-word list of each locale (``None``: none).
_LANGUAGES: Final[dict[str, tuple[str | None, str | list[str]]]] = {
    "da": ("Danish", "_danish_"),
    "nb": ("Norwegian", "_norwegian_"),
    "sv": ("Swedish", "_swedish_"),
    "fi": ("Finnish", "_finnish_"),
    "en": ("English", "_english_"),
    "is": (None, list(_ICELANDIC_STOPWORDS)),
}

FOLD_ANALYZER: Final = "hub_fold"
PREFIX_ANALYZER: Final = "hub_prefix"

#: Facet name -> field.
FACET_FIELDS: Final = {
    "type": "type",
    "locale": "locale",
    "themes": "themes",
    "countries": "countries",
    "goals": "goals",
    "year": "year",
}

#: What reads fetch from ``_source``.
SOURCE_FIELDS: Final = ["doc", "title_*", "lead_*", "body_*"]


def analyzer_name(locale: str) -> str:
    return f"hub_{locale}"


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


def _stored(kind: str, locale: str) -> str:
    return f"{kind}_{locale}"


def _analysis() -> dict[str, Any]:
    filters: dict[str, Any] = {
        "hub_edge": {"type": "edge_ngram", "min_gram": 1, "max_gram": MAX_GRAM}
    }
    analyzers: dict[str, Any] = {
        FOLD_ANALYZER: {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "asciifolding"],
        },
        PREFIX_ANALYZER: {
            "type": "custom",
            "tokenizer": "standard",
            "filter": ["lowercase", "asciifolding", "hub_edge"],
        },
    }
    for locale, (language, stopwords) in _LANGUAGES.items():
        chain = ["lowercase", f"hub_stop_{locale}"]
        filters[f"hub_stop_{locale}"] = {"type": "stop", "stopwords": stopwords}
        if language is not None:
            filters[f"hub_stem_{locale}"] = {"type": "snowball", "language": language}
            chain.append(f"hub_stem_{locale}")
        chain.append("asciifolding")
        analyzers[analyzer_name(locale)] = {
            "type": "custom",
            "tokenizer": "standard",
            "filter": chain,
        }
    return {"filter": filters, "analyzer": analyzers}


#: The ``analysis`` section of the index settings.
ANALYZERS: Final = _analysis()


def _added_properties() -> dict[str, Any]:
    keyword = {"type": "keyword"}
    properties: dict[str, Any] = {
        "paths": keyword,
        GROUP_LOCALES: keyword,
        GROUP_TAGS: keyword,
        GROUP_PAIRS: keyword,
    }
    for name in time_fields():
        properties[name] = {"type": "long"}
    for locale in LOCALES:
        properties[trans_field(locale)] = {
            "type": "text",
            "analyzer": analyzer_name(locale),
            "index_options": "freqs",
        }
    return properties


#: Fields added to the mapping since the first layout (put in place).
ADDED_PROPERTIES: Final = _added_properties()


def _mapping() -> dict[str, Any]:
    keyword = {"type": "keyword"}
    properties: dict[str, Any] = {
        "id": keyword,
        "uid": keyword,
        "deleted": {"type": "boolean"},
        "version": {"type": "long"},
        "type": keyword,
        "locale": keyword,
        "translation_key": keyword,
        "themes": keyword,
        "countries": keyword,
        "goals": keyword,
        "year": {"type": "integer"},
        "title_ac": {
            "type": "text",
            "analyzer": FOLD_ANALYZER,
            "fields": {
                "prefix": {
                    "type": "text",
                    "analyzer": PREFIX_ANALYZER,
                    "search_analyzer": FOLD_ANALYZER,
                }
            },
        },
        "doc": {"type": "object", "enabled": False},
    }
    for name in ("sort_ts", "date_ts", "upcoming_ts", "opens_ts", "closes_ts"):
        properties[name] = {"type": "long"}
    for locale in LOCALES:
        analysed = {"type": "text", "analyzer": analyzer_name(locale)}
        copies = [text_field(locale), vocab_field(locale)]
        properties[title_field(locale)] = analysed | {"copy_to": [*copies, "title_ac"]}
        for kind in ("lead", "body"):
            properties[_stored(kind, locale)] = {
                "type": "text",
                "index": False,
                "copy_to": copies,
            }
        properties[text_field(locale)] = analysed
        properties[parts_field(locale)] = analysed | {"index_options": "freqs"}
        properties[vocab_field(locale)] = {"type": "text", "analyzer": FOLD_ANALYZER}
    properties.update(ADDED_PROPERTIES)
    return {"dynamic": "strict", "properties": properties}


def index_body(
    *, shards: int | None = None, replicas: int | None = None, building: bool = False
) -> dict[str, Any]:
    """``settings`` and ``mappings`` of a content index.

    Args:
        shards, replicas: Index settings (``None``: the cluster default).
        building: Switch periodic refresh off (a rebuild refreshes once at
            the end, then restores the default).
    """
    index: dict[str, Any] = {}
    if shards is not None:
        index["number_of_shards"] = shards
    if replicas is not None:
        index["number_of_replicas"] = replicas
    if building:
        index["refresh_interval"] = "-1"
    return {
        "settings": {"index": index, "analysis": ANALYZERS},
        "mappings": _mapping(),
    }


def timestamp(value: datetime) -> int:
    """Microseconds since the epoch (exact, unlike a ``date`` field)."""
    return int(value.timestamp()) * 1_000_000 + value.microsecond


def uid_of(doc_id: str) -> str:
    """The 64-bit uid of an id in hex (see :func:`search.changes.uid_of`): the
    tie-break of sorts and cursors, short and sortable as a keyword."""
    return uid_hex(uid_number(doc_id))


def engine_id(doc_id: str) -> str:
    """The ``_id`` of a document: its id, or a hash when too long for ``_id``."""
    if len(doc_id.encode("utf-8")) <= _MAX_ES_ID_BYTES:
        return doc_id
    return "sha256:" + hashlib.sha256(doc_id.encode("utf-8")).hexdigest()


def engine_version(version: int, *, live: bool) -> int:
    """External version that encodes the versioning rules of ``base.py``.

    A live document is stored as ``2v`` and a tombstone as ``2v + 1``.
    Upserts use ``external_gte`` (an equal live version replaces, a tombstone
    of the same version wins) and deletes ``external`` (a replayed delete is
    skipped, a delete of the live version applies).

    Raises:
        InvalidDocumentError: the version is out of range.
    """
    if isinstance(version, bool) or not isinstance(version, int):
        raise InvalidDocumentError("version: must be an integer")
    if not 0 <= version <= MAX_VERSION:
        raise InvalidDocumentError(f"version: must be between 0 and {MAX_VERSION}")
    return 2 * version + (0 if live else 1)


def to_source(document: Document, group: GroupFields | None = None) -> bytes:
    """The ``_source`` of a live document, serialised, with what it records
    of its translation group (``None``: no group of more than one member).

    Raises:
        InvalidDocumentError: the payload is not JSON-able.
    """
    locale = document.locale
    rest = document.to_dict()
    for name in ("title", "lead", "body"):
        del rest[name]
    source: dict[str, Any] = {
        "id": document.id,
        "uid": uid_of(document.id),
        "deleted": False,
        "version": document.version,
        "type": document.type,
        "locale": locale,
        "translation_key": document.translation_key,
        "themes": list(document.themes),
        "countries": list(document.countries),
        "goals": list(document.goals),
        "year": document.year,
        "sort_ts": timestamp(document.sort_date),
        title_field(locale): document.title,
        _stored("lead", locale): document.lead,
        _stored("body", locale): document.body,
        "doc": rest,
    }
    text = document.text
    parts = compound_parts(text, locale)
    if parts:
        source[parts_field(locale)] = parts
    for target, terms in translated_terms(text, locale).items():
        source[trans_field(target)] = terms
    paths = document_paths(document)
    if paths:
        source["paths"] = list(paths)
    if group is not None:
        source[GROUP_LOCALES] = list(group.locales)
        source[GROUP_TAGS] = list(group.tags)
        source[GROUP_PAIRS] = list(member_pairs(document, group))
        source.update(group.times)
    if document.date is not None:
        source["date_ts"] = timestamp(document.date)
    until = document.end if document.end is not None else document.start
    if until is not None:
        source["upcoming_ts"] = timestamp(until)
    if document.opens_at is not None or document.closes_at is not None:
        opens, closes = document.opens_at, document.closes_at
        source["opens_ts"] = I64_MIN if opens is None else timestamp(opens)
        source["closes_ts"] = I64_MAX if closes is None else timestamp(closes)
    try:
        return orjson.dumps(source)
    except TypeError as exc:
        raise InvalidDocumentError(
            f"{document.id}: payload is not JSON-able ({exc})"
        ) from exc


def tombstone_source(doc_id: str, version: int, doc_type: str | None = None) -> bytes:
    """The ``_source`` recording that ``doc_id`` (of ``doc_type``, when known)
    was deleted at ``version``."""
    source: dict[str, Any] = {
        "id": doc_id,
        "uid": uid_of(doc_id),
        "deleted": True,
        "version": version,
    }
    if doc_type is not None:
        source["type"] = doc_type
    return orjson.dumps(source)


def load_document(source: object) -> Document | None:
    """The :class:`Document` stored in a hit's ``_source`` (``None``: tombstone).

    Stored documents were validated when indexed, so they are rebuilt without
    checking them again (the checked path is taken for anything unexpected).
    """
    if not isinstance(source, dict):
        return None
    rest = source.get("doc")
    if not isinstance(rest, dict):
        return None
    locale = rest.get("locale")
    data = dict(rest)
    for kind in ("title", "lead", "body"):
        data[kind] = source.get(f"{kind}_{locale}") or ""
    try:
        return Document._from_storage(data)
    except (KeyError, TypeError, ValueError):
        pass  # written by an older version: take the checked path
    try:
        return Document.from_dict(data)
    except InvalidDocumentError as exc:
        raise BackendUnavailableError(
            f"the search index holds a damaged document: {exc}"
        ) from exc


def stored_title(source: object) -> str | None:
    """The title in a hit's ``_source`` (fetched with :data:`SOURCE_FIELDS`)."""
    if not isinstance(source, dict):
        return None
    rest = source.get("doc")
    locale = rest.get("locale") if isinstance(rest, dict) else None
    title = source.get(f"title_{locale}")
    return title if isinstance(title, str) else None
