"""Translation groups on the embedded index (see :mod:`search.grouping`).

Reads what a batch needs to keep its groups' fields current, renders the
shared best-version filter as a tantivy query, and completes the groups of a
rebuild in a last pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Final

import orjson
import tantivy
from tantivy import FieldType, Occur, Query

from search.backends._tantivy_schema import (
    LIVE,
    TOMBSTONE,
    to_index_document,
    uid_of,
)
from search.documents import LOCALES, Document
from search.grouping import (
    AllOf,
    AnyOf,
    Clause,
    GroupTracker,
    Range,
    Terms,
    group_fields,
)

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "clauses_of",
    "complete_groups",
    "excluded",
    "live_by",
    "render",
    "required",
    "terms_filter",
    "tombstone_types",
]

_I64_MIN = -(2**63)
_I64_MAX = 2**63 - 1

#: Up to this many values, a filter is a union of term queries, which a search
#: skips through from match to match; a term set reads every posting of its
#: terms first, which costs in proportion to the index for common values.
_UNION_TERMS: Final = 32
#: Fields that every live document holds exactly one of these values in.
_DOMAINS: Final = {"locale": LOCALES}


def terms_filter(schema: tantivy.Schema, name: str, values: Sequence[str]) -> Query:
    """Documents whose ``name`` is one of ``values``."""
    if len(values) == 1:
        return Query.term_query(schema, name, values[0])
    if len(values) <= _UNION_TERMS:
        return Query.boolean_query(
            [(Occur.Should, Query.term_query(schema, name, value)) for value in values]
        )
    return Query.term_set_query(schema, name, list(values))


def excluded(
    schema: tantivy.Schema, name: str, values: Sequence[str]
) -> list[tuple[Occur, Query]]:
    """Clauses leaving out documents whose ``name`` is one of ``values``.

    One exclusion per term: an exclusion is asked, match by match, whether
    it holds the match, which a term's postings answer by skipping ahead; a
    union answers it by reading a block of every term's postings each time
    (which costs less where matches are dense: a search with text joins its
    exclusions, see ``filter_clauses``).
    """
    if len(values) > _UNION_TERMS:
        return [(Occur.MustNot, Query.term_set_query(schema, name, list(values)))]
    return [(Occur.MustNot, Query.term_query(schema, name, value)) for value in values]


def required(
    schema: tantivy.Schema, name: str, values: Sequence[str]
) -> list[tuple[Occur, Query]]:
    """Clauses keeping only documents whose ``name`` is one of ``values``: a
    field with one value of a known few (the locale) excludes the others when
    they are fewer (see :func:`excluded`)."""
    domain = _DOMAINS.get(name)
    if domain is not None and len(values) > 1:
        others = [value for value in domain if value not in values]
        if len(others) < len(values):
            return excluded(schema, name, others)
    return [(Occur.Must, terms_filter(schema, name, values))]


def live_by(
    searcher: tantivy.Searcher,
    schema: tantivy.Schema,
    field: str,
    values: Iterable[str],
    load: Callable[[tantivy.DocAddress], Document],
) -> list[Document]:
    """Live documents whose ``field`` (``id`` or ``translation_key``) is one of
    ``values``."""
    wanted = sorted(set(values))
    if not wanted:
        return []
    query = Query.boolean_query(
        [
            (Occur.Must, Query.term_set_query(schema, field, wanted)),
            (Occur.Must, Query.term_query(schema, "state", LIVE)),
        ]
    )
    # A group has a handful of members; ids are unique.
    limit = max(1, searcher.num_docs)
    hits = searcher.search(query, limit=min(limit, 100 * len(wanted)), count=False)
    return [load(address) for _, address in hits.hits]


def tombstone_types(
    searcher: tantivy.Searcher, schema: tantivy.Schema, ids: Sequence[str]
) -> dict[str, str]:
    """Types the tombstones of ``ids`` recorded (a repeated delete keeps it)."""
    if not ids:
        return {}
    query = Query.boolean_query(
        [
            (Occur.Must, Query.term_set_query(schema, "id", sorted(set(ids)))),
            (Occur.Must, Query.term_query(schema, "state", TOMBSTONE)),
        ]
    )
    found: dict[str, str] = {}
    for _, address in searcher.search(query, limit=len(ids), count=False).hits:
        raw = searcher.doc(address).get_first("doc")
        if isinstance(raw, bytes):
            data = orjson.loads(raw)
            if isinstance(data.get("type"), str):
                found[str(data["id"])] = data["type"]
    return found


def render(schema: tantivy.Schema, clause: Clause) -> Query:
    """The tantivy query of a clause of :mod:`search.grouping`."""
    parts = clauses_of(schema, clause)
    if len(parts) == 1 and parts[0][0] == Occur.Must:
        return parts[0][1]
    if all(occur == Occur.MustNot for occur, _ in parts):
        parts.insert(0, (Occur.Must, Query.all_query()))
    return Query.boolean_query(parts)


def clauses_of(schema: tantivy.Schema, clause: Clause) -> list[tuple[Occur, Query]]:
    """A clause of :mod:`search.grouping` as required and excluded parts, all
    of which a match satisfies."""
    if isinstance(clause, Terms):
        return required(schema, clause.field, clause.values)
    if isinstance(clause, Range):
        lower, include_lower = _I64_MIN, True
        if clause.gte is not None:
            lower = clause.gte
        if clause.gt is not None:
            lower, include_lower = clause.gt, False
        return [
            (
                Occur.Must,
                Query.range_query(
                    schema,
                    clause.field,
                    FieldType.Integer,
                    lower_bound=lower,
                    upper_bound=_I64_MAX if clause.lte is None else clause.lte,
                    include_lower=include_lower,
                    include_upper=True,
                ),
            )
        ]
    if isinstance(clause, AllOf):
        return [part for item in clause.clauses for part in clauses_of(schema, item)]
    if isinstance(clause, AnyOf):
        union = [(Occur.Should, render(schema, item)) for item in clause.clauses]
        return [(Occur.Must, Query.boolean_query(union))]
    parts: list[tuple[Occur, Query]] = []
    for item in clause.clauses:
        if isinstance(item, Terms):
            parts.extend(excluded(schema, item.field, item.values))
        else:
            parts.append((Occur.MustNot, render(schema, item)))
    return parts


def complete_groups(
    writer: tantivy.IndexWriter,
    index: tantivy.Index,
    tracker: GroupTracker,
    load: Callable[[tantivy.Searcher, tantivy.DocAddress], Document],
) -> int:
    """Write the fields of every group a rebuild tracked (after its commit).

    Returns how many documents were written again.
    """
    index.reload()
    searcher = index.searcher()
    schema = index.schema
    rewritten = 0
    batch: list[list[str]] = []
    for members in [*tracker.groups(), []]:
        if members:
            batch.append(members)
        if sum(map(len, batch)) < 500 and members:
            continue
        ids = [doc_id for group in batch for doc_id in group]
        documents = live_by(
            searcher, schema, "id", ids, lambda address: load(searcher, address)
        )
        rewritten += _rewrite(writer, documents)
        batch = []
    return rewritten


def _rewrite(writer: tantivy.IndexWriter, documents: Sequence[Document]) -> int:
    by_key: dict[str, list[Document]] = {}
    for document in documents:
        by_key.setdefault(document.translation_key, []).append(document)
    written = 0
    for members in by_key.values():
        fields = group_fields(members)
        if fields is None:
            continue
        for member in members:
            writer.delete_documents_by_term("id", member.id)
            writer.add_document(to_index_document(member, uid_of(member.id), fields))
            written += 1
    return written
