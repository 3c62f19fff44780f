"""Translation groups in the read model, answered by the engine itself.

A list with locale fallback (``nb -> nb, da, sv, en``) shows each translation
group once, in the best language of the chain whose version passes the
list's filters. The engines cannot join documents, so every member of a
group with more than one language version records what the filters see of
its whole group (:class:`GroupFields`):

* ``group_locales``: the languages the group has;
* ``group_tags``: ``<locale>|<field>|<value>`` for the type and the taxonomy
  terms of each language version;
* ``g_<kind>_<locale>``: the date, the event end, and a call's opening and
  closing of each language version, in the index's integer time;
* ``group_pairs``: ``<own locale>><other locale>`` for each other language
  the member's group has, and the same with ``:<type of that version>``
  (:func:`member_pairs`).

A hit is then shadowed exactly when a better-ranked language version exists
*and* passes the same filters, which is one boolean query
(:func:`best_version_filter`) that each backend renders in its own syntax.
A list filtered by type alone, the commonest (feeds), needs only two keyword
sets: the chain's locales, and none of the pairs "a version in a better
locale exists".
Lists, their counts and their cursors come from one engine query whatever the
size of the index.

Writers keep the fields current (:func:`plan_group_writes`): a change to one
version rewrites the other versions of its group only when what the filters
see of the group changed, so a change costs work in proportion to the size of
its group, never of the index. Items without translations record nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Final

from search.documents import LOCALES, Document

if TYPE_CHECKING:
    from search.query import SearchQuery

__all__ = [
    "GROUP_LOCALES",
    "GROUP_PAIRS",
    "GROUP_TAGS",
    "TIME_KINDS",
    "AllOf",
    "AnyOf",
    "Clause",
    "GroupFields",
    "GroupTracker",
    "NoneOf",
    "Range",
    "Terms",
    "best_version_filter",
    "group_fields",
    "member_pairs",
    "plan_group_writes",
    "time_field",
]

GROUP_LOCALES: Final = "group_locales"
GROUP_TAGS: Final = "group_tags"
GROUP_PAIRS: Final = "group_pairs"
#: What the per-language time fields hold: ``Document.date``, the event's end
#: (else start), the opening and the closing of a call.
TIME_KINDS: Final = ("date", "until", "opens", "closes")
_I64_MIN: Final = -(2**63)
_I64_MAX: Final = 2**63 - 1


def time_field(kind: str, locale: str) -> str:
    """Name of the integer field with ``kind`` of a group's ``locale`` version."""
    return f"g_{kind}_{locale}"


def time_fields() -> tuple[str, ...]:
    """Every per-language time field (the backends declare them)."""
    return tuple(time_field(kind, locale) for kind in TIME_KINDS for locale in LOCALES)


def _timestamp(value: datetime) -> int:
    return int(value.timestamp()) * 1_000_000 + value.microsecond


def _tag(locale: str, name: str, value: str) -> str:
    return f"{locale}|{name}|{value}"


@dataclass(frozen=True, slots=True)
class GroupFields:
    """What every member of one translation group records of the group."""

    locales: tuple[str, ...]
    tags: tuple[str, ...]
    #: ``(field name, value)`` in field order.
    times: tuple[tuple[str, int], ...]


def group_fields(members: Iterable[Document]) -> GroupFields | None:
    """The fields of a group with these live members (``None`` for one member)."""
    ordered = sorted(members, key=lambda member: (member.locale, member.id))
    if len(ordered) < 2:
        return None
    locales: dict[str, None] = {}
    tags: dict[str, None] = {}
    times: dict[tuple[str, int], None] = {}
    for member in ordered:
        locale = member.locale
        locales[locale] = None
        tags[_tag(locale, "type", member.type)] = None
        for name in ("themes", "countries", "goals"):
            for value in getattr(member, name):
                tags[_tag(locale, name, value)] = None
        until = member.end if member.end is not None else member.start
        values: list[tuple[str, int]] = []
        if member.date is not None:
            values.append(("date", _timestamp(member.date)))
        if until is not None:
            values.append(("until", _timestamp(until)))
        if member.opens_at is not None or member.closes_at is not None:
            opens, closes = member.opens_at, member.closes_at
            values.append(("opens", _I64_MIN if opens is None else _timestamp(opens)))
            values.append(
                ("closes", _I64_MAX if closes is None else _timestamp(closes))
            )
        for kind, value in values:
            times[(time_field(kind, locale), value)] = None
    return GroupFields(tuple(locales), tuple(sorted(tags)), tuple(times))


def member_pairs(document: Document, fields: GroupFields) -> tuple[str, ...]:
    """The ``group_pairs`` of ``document`` in a group with ``fields``."""
    own = document.locale
    pairs: list[str] = []
    for tag in fields.tags:
        locale, name, value = tag.split("|", 2)
        if name == "type" and locale != own:
            pairs.append(f"{own}>{locale}")
            pairs.append(f"{own}>{locale}:{value}")
    return tuple(dict.fromkeys(pairs))


def plan_group_writes(
    written: Sequence[Document],
    removed: Iterable[str],
    current: Mapping[str, Sequence[Document]],
) -> tuple[dict[str, GroupFields | None], list[Document]]:
    """What a batch must write so that every group records its members.

    Args:
        written: Documents the batch writes (versions already checked).
        removed: Ids the batch deletes.
        current: ``translation_key -> live members in the index`` for every
            group the batch touches (the keys of ``written`` and of the
            documents ``removed`` held).

    Returns:
        The group fields by id of every document to write, and the other
        members that must be written again (with their stored version:
        replays of an equal version are allowed) because what the filters
        see of their group changed. Their fields are in the first value too.
    """
    gone = set(removed)
    incoming = {document.id: document for document in written}
    by_key: dict[str, list[Document]] = {}
    for document in incoming.values():
        by_key.setdefault(document.translation_key, []).append(document)
    keys = set(by_key) | set(current)
    fields: dict[str, GroupFields | None] = {}
    rewrites: list[Document] = []
    for key in keys:
        before = list(current.get(key, ()))
        after = {member.id: member for member in before if member.id not in gone}
        after.update((document.id, document) for document in by_key.get(key, ()))
        # A member the batch moves to another group leaves this one.
        after = {
            doc_id: member
            for doc_id, member in after.items()
            if incoming.get(doc_id, member).translation_key == key
        }
        new = group_fields(after.values())
        changed = new != group_fields(before)
        for doc_id, member in after.items():
            if doc_id in incoming:
                fields[doc_id] = new
            elif changed:
                fields[doc_id] = new
                rewrites.append(member)
    return fields, rewrites


class GroupTracker:
    """Which ids a rebuild wrote under which translation key.

    A rebuild writes documents in whatever order its source gives them; the
    groups with more than one member are completed in a last pass
    (:meth:`groups`). Holds one id per key until a second member arrives.
    """

    def __init__(self) -> None:
        self._first: dict[str, str] = {}
        self._groups: dict[str, list[str]] = {}

    def add(self, document: Document) -> None:
        key = document.translation_key
        first = self._first.get(key)
        if first is None:
            self._first[key] = document.id
        elif first != document.id:
            members = self._groups.setdefault(key, [first])
            if document.id not in members:
                members.append(document.id)

    def discard(self, key: str, doc_id: str) -> None:
        """Forget ``doc_id`` (a member the rebuild replaced by a tombstone)."""
        members = self._groups.get(key)
        if members is not None and doc_id in members:
            members.remove(doc_id)
        if self._first.get(key) == doc_id:
            if members:
                self._first[key] = members[0]
            else:
                del self._first[key]

    def groups(self) -> list[list[str]]:
        """Ids of every group with more than one member."""
        return [members for members in self._groups.values() if len(members) > 1]


# -- the query side -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Terms:
    """The keyword ``field`` holds one of ``values``."""

    field: str
    values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Range:
    """The integer ``field`` holds a value within the bounds (``None``: open)."""

    field: str
    gte: int | None = None
    lte: int | None = None
    gt: int | None = None


@dataclass(frozen=True, slots=True)
class AllOf:
    clauses: tuple[Clause, ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    clauses: tuple[Clause, ...]


@dataclass(frozen=True, slots=True)
class NoneOf:
    clauses: tuple[Clause, ...]


Clause = Terms | Range | AllOf | AnyOf | NoneOf


def _version_passes(query: SearchQuery, locale: str) -> Clause:
    """The group's ``locale`` version exists and passes the filters of ``query``."""
    clauses: list[Clause] = [Terms(GROUP_LOCALES, (locale,))]
    for name, values in (
        ("type", query.types),
        ("themes", query.themes),
        ("countries", query.countries),
        ("goals", query.goals),
    ):
        if values:
            clauses.append(
                Terms(GROUP_TAGS, tuple(_tag(locale, name, v) for v in values))
            )
    if query.date_from is not None or query.date_to is not None:
        clauses.append(
            Range(
                time_field("date", locale),
                gte=None if query.date_from is None else _timestamp(query.date_from),
                lte=None if query.date_to is None else _timestamp(query.date_to),
            )
        )
    if query.upcoming or query.open_calls:
        now = _timestamp(query.effective_now())
        if query.upcoming:
            clauses.append(Range(time_field("until", locale), gt=now))
        if query.open_calls:
            clauses.append(Range(time_field("opens", locale), lte=now))
            clauses.append(Range(time_field("closes", locale), gt=now))
    return AllOf(tuple(clauses))


def _by_type_only(query: SearchQuery) -> bool:
    return not (
        query.themes
        or query.countries
        or query.goals
        or query.date_from
        or query.date_to
        or query.upcoming
        or query.open_calls
    )


def best_version_filter(query: SearchQuery) -> Clause:
    """Keep a hit only when no version in a better locale of ``query.locales``
    also passes the filters (see the module docstring)."""
    chain = query.locales
    if _by_type_only(query):
        suffixes = [f":{doc_type}" for doc_type in query.types] or [""]
        shadowed = tuple(
            f"{chain[position]}>{better}{suffix}"
            for position in range(1, len(chain))
            for better in chain[:position]
            for suffix in suffixes
        )
        own = Terms("locale", query.locale_filter)
        if not shadowed:
            return own
        none_better = NoneOf((Terms(GROUP_PAIRS, shadowed),))
        return AllOf((own, none_better)) if own.values else none_better
    options: list[Clause] = [Terms("locale", (chain[0],))]
    for position in range(1, len(chain)):
        better = tuple(_version_passes(query, locale) for locale in chain[:position])
        options.append(AllOf((Terms("locale", (chain[position],)), NoneOf(better))))
    return options[0] if len(options) == 1 else AnyOf(tuple(options))
