"""Query cost: a budget per request on how much work a query may ask for.

Every field costs 1. Under a field with a ``first`` or ``limit`` argument
(a page), its ``edges``/``nodes`` lists multiply the cost of what they
select by that number (the value of the variable or its default, else the
maximum page size); the page's other fields (``totalCount``, ``facets`` …)
count once. A list field with ``limit`` multiplies by it. Other lists of
objects (``themes``, ``translations``, ``programme`` …) multiply by
:data:`LIST_FACTOR`. Fragments count where they are spread (each is walked
once per page size, however often it is spread); the branches of inline
fragments are added up (an upper bound).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    VariableNode,
)
from graphql.type import GraphQLOutputType

__all__ = ["LIST_FACTOR", "CostError", "operation_cost"]

#: Assumed length of lists that have no ``first``/``limit`` argument.
LIST_FACTOR: Final = 10
_PAGED_ARGUMENTS: Final = ("first", "limit")
_PAGE_LISTS: Final = ("edges", "nodes")


class CostError(GraphQLError):
    """The query asks for more work than the budget allows."""


def _unwrap(type_: Any) -> tuple[Any, bool]:
    is_list = False
    while isinstance(type_, GraphQLNonNull | GraphQLList):
        if isinstance(type_, GraphQLList):
            is_list = True
        type_ = type_.of_type
    return type_, is_list


def _argument_value(
    node: FieldNode,
    variables: Mapping[str, Any],
    maximum: int,
) -> int | None:
    for argument in node.arguments or ():
        if argument.name.value not in _PAGED_ARGUMENTS:
            continue
        value = argument.value
        if isinstance(value, IntValueNode):
            try:
                return max(0, int(value.value))
            except ValueError:
                return maximum
        if isinstance(value, VariableNode):
            raw = variables.get(value.name.value)
            if isinstance(raw, int) and not isinstance(raw, bool):
                return max(0, raw)
        return maximum
    return None


class _Walker:
    def __init__(
        self,
        schema: GraphQLSchema,
        fragments: Mapping[str, FragmentDefinitionNode],
        variables: Mapping[str, Any],
        maximum: int,
    ) -> None:
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        self.maximum = maximum
        self.fragment_costs: dict[tuple[str, int | None], int] = {}
        self.walking: set[str] = set()

    def selection_cost(
        self,
        selection_set: SelectionSetNode | None,
        parent: Any,
        page: int | None,
    ) -> int:
        """Cost of a selection; ``page`` is the page size of the parent field."""
        if selection_set is None:
            return 0
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field_cost(selection, parent, page)
            elif isinstance(selection, InlineFragmentNode):
                target = parent
                if selection.type_condition is not None:
                    target = self.schema.get_type(selection.type_condition.name.value)
                total += self.selection_cost(selection.selection_set, target, page)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.fragment_cost(selection.name.value, page)
        return total

    def fragment_cost(self, name: str, page: int | None) -> int:
        """Cost of the fragment ``name``, remembered (0 when unknown or cyclic)."""
        key = (name, page)
        cost = self.fragment_costs.get(key)
        if cost is None:
            fragment = self.fragments.get(name)
            if fragment is None or name in self.walking:
                return 0
            self.walking.add(name)
            target = self.schema.get_type(fragment.type_condition.name.value)
            cost = self.selection_cost(fragment.selection_set, target, page)
            self.walking.discard(name)
            self.fragment_costs[key] = cost
        return cost

    def field_cost(self, node: FieldNode, parent: Any, page: int | None) -> int:
        name = node.name.value
        if name == "__typename":
            return 0
        field_type: GraphQLOutputType | None = None
        if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            definition = parent.fields.get(name)
            if definition is not None:
                field_type = definition.type
        named, is_list = _unwrap(field_type)
        if node.selection_set is None:
            return 1
        own_page = _argument_value(node, self.variables, self.maximum)
        if isinstance(named, GraphQLUnionType):
            named = None
        children = self.selection_cost(node.selection_set, named, own_page)
        if page is not None and name in _PAGE_LISTS:
            multiplier = page
        elif own_page is not None and is_list:
            multiplier = own_page
        elif is_list:
            multiplier = LIST_FACTOR
        else:
            multiplier = 1
        return 1 + multiplier * children


def operation_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: Mapping[str, Any] | None,
    *,
    max_page_size: int,
) -> int:
    """The cost of the operation that would run (0 when none is selected)."""
    fragments: dict[str, FragmentDefinitionNode] = {}
    operations: list[OperationDefinitionNode] = []
    for definition in document.definitions:
        if isinstance(definition, FragmentDefinitionNode):
            fragments[definition.name.value] = definition
        elif isinstance(definition, OperationDefinitionNode):
            operations.append(definition)
    selected = [
        operation
        for operation in operations
        if operation_name is None
        or (operation.name is not None and operation.name.value == operation_name)
    ]
    if len(selected) != 1:
        return 0
    operation = selected[0]
    values: dict[str, Any] = {}
    for variable in operation.variable_definitions or ():
        default = variable.default_value
        if isinstance(default, IntValueNode):
            values[variable.variable.name.value] = int(default.value)
    values.update(variables or {})
    root = schema.get_root_type(operation.operation)
    walker = _Walker(schema, fragments, values, max_page_size)
    return walker.selection_cost(operation.selection_set, root, None)
