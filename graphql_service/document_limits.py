"""Limits on the shape of a query document, checked before it is validated.

The parser, the validation rules, the cost walk and the execution all follow
the nesting of a document: the brackets within a definition, and the
fragment spreads across definitions (a 10 KB chain of fragments nests 250
levels deep). Followed recursively, such a document exhausts the
interpreter's stack; followed exhaustively (as strawberry's depth and alias
rules do), a fragment spread twice at each level costs time exponential in
the length of the chain. These checks walk the document without recursion
and measure each fragment once:

* :func:`lexical_nesting_error`, before parsing: the braces, brackets and
  parentheses of the text nest at most :data:`MAX_NESTING` levels
  (``QUERY_TOO_DEEP``).
* :func:`shape_errors`, after parsing: no definition nests more than
  :data:`MAX_NESTING` selection sets, counting those of the fragments it
  spreads (``QUERY_TOO_DEEP``); no operation selects fields more than
  ``max_depth`` levels below its root fields (``QUERY_TOO_DEEP``;
  introspection fields are not counted, as in strawberry's
  ``QueryDepthLimiter``); the operations hold at most ``max_aliases``
  aliases, a fragment's counting each time it is spread
  (``QUERY_TOO_COMPLEX``, as strawberry's ``MaxAliasesLimiter``).
* :func:`nests_deeper_than`: for variables, whose JSON the service encodes
  again (for cache keys) with a recursive encoder.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Final, NamedTuple

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSyntaxError,
    Lexer,
    OperationDefinitionNode,
    SelectionSetNode,
    Source,
    TokenKind,
)

__all__ = [
    "MAX_NESTING",
    "TOO_COMPLEX",
    "TOO_DEEP",
    "lexical_nesting_error",
    "nests_deeper_than",
    "shape_errors",
]

#: Deepest nesting accepted, of brackets and of selection sets through
#: fragments. Far above what a real query needs (ten levels of fields with an
#: inline fragment at each stay under thirty) and far below where
#: graphql-core gives up with a bare "Validation aborted." (200).
MAX_NESTING: Final = 64
#: ``extensions.code`` of a document nested too deep.
TOO_DEEP: Final = "QUERY_TOO_DEEP"
#: ``extensions.code`` of a document that asks for too much work otherwise.
TOO_COMPLEX: Final = "QUERY_TOO_COMPLEX"

_OPENING: Final = frozenset({TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L})
_CLOSING: Final = frozenset({TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R})


def lexical_nesting_error(query: str, *, max_tokens: int) -> GraphQLError | None:
    """The error for a text whose brackets nest too deep, else ``None``.

    Reads at most ``max_tokens`` tokens: the parser refuses longer texts, and
    reports the syntax errors this scan leaves to it.
    """
    lexer = Lexer(Source(query))
    depth = 0
    try:
        for _ in range(max_tokens + 1):
            token = lexer.advance()
            kind = token.kind
            if kind in _OPENING:
                depth += 1
                if depth > MAX_NESTING:
                    return GraphQLError(
                        f"The document nests braces, brackets or parentheses more "
                        f"than {MAX_NESTING} levels deep.",
                        source=lexer.source,
                        positions=[token.start],
                        extensions={"code": TOO_DEEP, "maxNesting": MAX_NESTING},
                    )
            elif kind in _CLOSING:
                depth -= 1
            elif kind is TokenKind.EOF:
                break
    except GraphQLSyntaxError:
        return None
    return None


def nests_deeper_than(value: object, limit: int) -> bool:
    """Whether the JSON ``value`` nests objects and arrays over ``limit`` levels."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Iterable[object] = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


class _Extent(NamedTuple):
    """How far a selection set reaches.

    Attributes:
        depth: Levels of fields with selections below it (strawberry's
            operation depth: a leaf or an introspection field adds none).
        nesting: Selection sets on its deepest path, itself included.
        aliases: Aliased fields in it, with those of the fragments it spreads.
    """

    depth: int
    nesting: int
    aliases: int


_NOTHING: Final = _Extent(0, 0, 0)


def _child_sets(selection_set: SelectionSetNode) -> Iterator[SelectionSetNode]:
    for selection in selection_set.selections:
        if not isinstance(selection, FragmentSpreadNode):
            nested = selection.selection_set  # type: ignore[attr-defined]
            if nested is not None:
                yield nested


def _spread_names(root: SelectionSetNode) -> list[str]:
    """Names of the fragments spread in ``root`` (without following them)."""
    names: list[str] = []
    stack = [root]
    while stack:
        selection_set = stack.pop()
        for selection in selection_set.selections:
            if isinstance(selection, FragmentSpreadNode):
                names.append(selection.name.value)
        stack.extend(_child_sets(selection_set))
    return names


def _measure(root: SelectionSetNode, fragments: Mapping[str, _Extent]) -> _Extent:
    """The extent of ``root``, with the extents of the fragments it spreads.

    A post-order walk with an explicit stack; a fragment not in
    ``fragments`` (unknown, or closing a cycle) adds nothing: validation
    reports both.
    """
    measured: dict[int, _Extent] = {}
    stack: list[tuple[SelectionSetNode, bool]] = [(root, False)]
    while stack:
        selection_set, children_measured = stack.pop()
        if not children_measured:
            stack.append((selection_set, True))
            stack.extend((child, False) for child in _child_sets(selection_set))
            continue
        depth = nesting = aliases = 0
        for selection in selection_set.selections:
            if isinstance(selection, FragmentSpreadNode):
                inner = fragments.get(selection.name.value, _NOTHING)
                depth = max(depth, inner.depth)
            else:
                nested = selection.selection_set  # type: ignore[attr-defined]
                inner = _NOTHING if nested is None else measured[id(nested)]
                if not isinstance(selection, FieldNode):
                    depth = max(depth, inner.depth)
                else:
                    if nested is not None and not selection.name.value.startswith("__"):
                        depth = max(depth, 1 + inner.depth)
                    if selection.alias is not None:
                        aliases += 1
            nesting = max(nesting, inner.nesting)
            aliases += inner.aliases
        measured[id(selection_set)] = _Extent(depth, nesting + 1, aliases)
    return measured[id(root)]


def _fragment_extents(
    fragments: Mapping[str, FragmentDefinitionNode],
) -> dict[str, _Extent]:
    """The extent of every fragment, each measured once after those it spreads."""
    spreads = {
        name: _spread_names(fragment.selection_set)
        for name, fragment in fragments.items()
    }
    extents: dict[str, _Extent] = {}
    for root in fragments:
        if root in extents:
            continue
        path = [(root, iter(spreads[root]))]
        on_path = {root}
        while path:
            name, pending = path[-1]
            for spread in pending:
                if (
                    spread in fragments
                    and spread not in extents
                    and spread not in on_path
                ):
                    path.append((spread, iter(spreads[spread])))
                    on_path.add(spread)
                    break
            else:
                path.pop()
                on_path.discard(name)
                extents[name] = _measure(fragments[name].selection_set, extents)
    return extents


def shape_errors(
    document: DocumentNode, *, max_depth: int, max_aliases: int
) -> list[GraphQLError]:
    """Errors for nesting, depth and aliases over the limits (see above).

    When some definition nests too deep, that is the only error: the others
    would follow from it.
    """
    fragments = {
        definition.name.value: definition
        for definition in document.definitions
        if isinstance(definition, FragmentDefinitionNode)
    }
    extents = _fragment_extents(fragments)
    deepest: tuple[int, FragmentDefinitionNode | OperationDefinitionNode] | None = None
    errors: list[GraphQLError] = []
    aliases = 0
    for definition in document.definitions:
        if isinstance(definition, FragmentDefinitionNode):
            extent = extents.get(definition.name.value, _NOTHING)
        elif isinstance(definition, OperationDefinitionNode):
            extent = _measure(definition.selection_set, extents)
            aliases += extent.aliases
            if extent.depth > max_depth:
                name = definition.name.value if definition.name else "anonymous"
                errors.append(
                    GraphQLError(
                        f"'{name}' exceeds maximum operation depth of {max_depth}",
                        definition,
                        extensions={
                            "code": TOO_DEEP,
                            "depth": extent.depth,
                            "maxDepth": max_depth,
                        },
                    )
                )
        else:
            continue
        if deepest is None or extent.nesting > deepest[0]:
            deepest = (extent.nesting, definition)
    if deepest is not None and deepest[0] > MAX_NESTING:
        nesting, definition = deepest
        return [
            GraphQLError(
                f"The document nests selections {nesting} levels deep, counting "
                f"those of the fragments it spreads: at most {MAX_NESTING} are "
                "allowed.",
                definition,
                extensions={
                    "code": TOO_DEEP,
                    "nesting": nesting,
                    "maxNesting": MAX_NESTING,
                },
            )
        ]
    if aliases > max_aliases:
        errors.append(
            GraphQLError(
                f"{aliases} aliases found. Allowed: {max_aliases}",
                extensions={"code": TOO_COMPLEX, "maxAliases": max_aliases},
            )
        )
    return errors
