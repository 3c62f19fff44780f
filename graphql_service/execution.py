"""A faster path through graphql-core for plain scalar fields.

Most fields of a typical partner query (``title``, ``url``, ``width``,
``count`` …) are attributes of an already resolved object that end in a
scalar. graphql-core builds a resolve-info object, calls strawberry's default
resolver and dispatches the completion for each of them: most of a request's
CPU time. For a field with strawberry's default resolver, no arguments and a
scalar or enum type, :class:`HubExecutionContext` reads the attribute and
coerces it directly. Anything unusual (a null, a value the scalar refuses,
a missing attribute) takes graphql-core's normal path, so errors, paths and
nullability stay exactly as the specification says.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final, NamedTuple
from weakref import WeakKeyDictionary

from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
)
from graphql.pyutils import Undefined
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.types.field import StrawberryField

if TYPE_CHECKING:
    from collections.abc import Callable

    from graphql.execution.collect_fields import FieldDetailsList
    from graphql.pyutils import Path

__all__ = ["HubExecutionContext"]

_BACKREF: Final = "strawberry-definition"
_MISSING: Final = object()


class _Leaf(NamedTuple):
    attribute: str
    coerce: Callable[[Any], Any]


def _leaf_plan(field_def: GraphQLField) -> _Leaf | None:
    """How to read ``field_def`` directly, or ``None`` for the normal path."""
    definition = (field_def.extensions or {}).get(_BACKREF)
    resolve = field_def.resolve
    if (
        not isinstance(definition, StrawberryField)
        or field_def.args
        or resolve is None
        or not getattr(resolve, "_is_default", False)
        or definition.base_resolver is not None
        or definition.extensions
        or definition.default_resolver is not getattr
    ):
        return None
    graphql_type = field_def.type
    if isinstance(graphql_type, GraphQLNonNull):
        graphql_type = graphql_type.of_type
    if not isinstance(graphql_type, GraphQLScalarType | GraphQLEnumType):
        return None
    return _Leaf(definition.python_name, graphql_type.coerce_output_value)


#: Plans per schema, by (type name, field name).
_PLANS: WeakKeyDictionary[GraphQLSchema, dict[tuple[str, str], _Leaf | None]] = (
    WeakKeyDictionary()
)


class HubExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """graphql-core's execution with the scalar-field shortcut (see above)."""

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: FieldDetailsList,
        path: Path,
        position_context: Any = None,
    ) -> Any:
        node = field_details_list[0].node
        middleware = self.middleware_manager
        if not node.arguments and (middleware is None or not middleware.middlewares):
            plans = _PLANS.get(self.schema)
            if plans is None:
                plans = _PLANS[self.schema] = {}
            key = (parent_type.name, node.name.value)
            plan = plans.get(key, _MISSING)
            if plan is _MISSING:
                field_def = self.schema.get_field(parent_type, node.name.value)
                plan = plans[key] = _leaf_plan(field_def) if field_def else None
            if plan is not None:
                value = _read(source, plan)  # type: ignore[arg-type]
                if value is not Undefined:
                    return value
        return super().execute_field(
            parent_type, source, field_details_list, path, position_context
        )


def _read(source: Any, plan: _Leaf) -> Any:
    """The serialised value, or ``Undefined`` when the normal path must decide."""
    value = getattr(source, plan.attribute, _MISSING)
    if value is _MISSING or value is None:
        return Undefined
    try:
        serialized = plan.coerce(value)
    except Exception:  # noqa: BLE001 - the normal path reports it properly
        return Undefined
    return Undefined if serialized is None else serialized
