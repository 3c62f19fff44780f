"""How each field of the schema can be taken without graphql-core's walk.

A :data:`Plan` is worked out once per (type, field) of a schema (see
:mod:`graphql_service.execution`): a plain attribute ending in a scalar
(:class:`Leaf`), a plain object (:class:`ObjectField`) or a list
(:class:`Listed`), or a plain method with scalar arguments
(:class:`Method`). ``None`` means the field takes graphql-core's path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final, NamedTuple
from weakref import WeakKeyDictionary

from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLScalarType,
    GraphQLSchema,
)
from strawberry.types.field import StrawberryField
from strawberry.utils.str_converters import to_camel_case

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "PLANS",
    "Leaf",
    "Listed",
    "Method",
    "ObjectField",
    "Plan",
    "is_leaf",
    "is_plain_object",
    "plan",
    "unwrapped",
]

_BACKREF: Final = "strawberry-definition"

#: Where strawberry's own ``is_type_of`` checks are defined.
_STRAWBERRY_CONVERTER: Final = "strawberry.schema.schema_converter"


class Leaf(NamedTuple):
    attribute: str
    coerce: Callable[[Any], Any]


class ObjectField(NamedTuple):
    attribute: str
    return_type: GraphQLOutputType


class Listed(NamedTuple):
    """A list read from an attribute: only whole selections take it."""

    attribute: str


class Method(NamedTuple):
    field: GraphQLField
    call: Callable[..., Any]
    #: GraphQL argument name -> Python parameter name.
    names: dict[str, str]


Plan = Leaf | ObjectField | Listed | Method


def unwrapped(graphql_type: Any) -> Any:
    """The type without its non-null wrapper."""
    return (
        graphql_type.of_type
        if isinstance(graphql_type, GraphQLNonNull)
        else graphql_type
    )


def is_leaf(graphql_type: GraphQLOutputType) -> bool:
    return isinstance(graphql_type, GraphQLScalarType | GraphQLEnumType)


def is_plain_object(graphql_type: GraphQLOutputType) -> bool:
    """An object type whose completion reads no resolve-info: it has no type
    check, or strawberry's, which ignores it."""
    if not isinstance(graphql_type, GraphQLObjectType):
        return False
    check = graphql_type.is_type_of
    return check is None or check.__module__ == _STRAWBERRY_CONVERTER


def plan(field_def: GraphQLField) -> Plan | None:
    """How to take ``field_def`` directly, or ``None`` for the normal path."""
    definition = (field_def.extensions or {}).get(_BACKREF)
    resolve = field_def.resolve
    if (
        not isinstance(definition, StrawberryField)
        or resolve is None
        or definition.extensions
        or definition.default_resolver is not getattr
    ):
        return None
    graphql_type = unwrapped(field_def.type)
    if definition.base_resolver is not None:
        return _method_plan(field_def, definition)
    if field_def.args or not getattr(resolve, "_is_default", False):
        return None
    if isinstance(graphql_type, GraphQLScalarType | GraphQLEnumType):
        return Leaf(definition.python_name, graphql_type.coerce_output_value)
    if is_plain_object(graphql_type):
        return ObjectField(definition.python_name, field_def.type)
    if isinstance(graphql_type, GraphQLList):
        return Listed(definition.python_name)
    return None


def _method_plan(field_def: GraphQLField, definition: StrawberryField) -> Method | None:
    """A plain method with scalar arguments, or ``None``."""
    resolver = definition.base_resolver
    graphql_type = unwrapped(field_def.type)
    if (
        resolver is None
        or resolver.is_async
        or resolver.self_parameter is None
        or resolver.info_parameter is not None
        or resolver.root_parameter is not None
        or resolver.parent_parameter is not None
        or not (is_leaf(graphql_type) or is_plain_object(graphql_type))
    ):
        return None
    names: dict[str, str] = {}
    for argument in definition.arguments:
        name = argument.graphql_name or to_camel_case(argument.python_name)
        declared = field_def.args.get(name)
        if declared is None or not isinstance(
            unwrapped(declared.type), GraphQLScalarType
        ):
            return None
        names[name] = argument.python_name
    if len(names) != len(field_def.args):
        return None
    return Method(field_def, resolver, names)


#: Plans per schema, by (type name, field name).
PLANS: WeakKeyDictionary[GraphQLSchema, dict[tuple[str, str], Plan | None]] = (
    WeakKeyDictionary()
)
