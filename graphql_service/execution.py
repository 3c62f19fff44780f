"""A faster path through graphql-core for plain fields.

Most fields of a typical partner query (``title``, ``url``, ``width``,
``count`` …) are attributes of an already resolved object that end in a
scalar. graphql-core builds a resolve-info object, calls strawberry's default
resolver and dispatches the completion for each of them: most of a request's
CPU time. :class:`HubExecutionContext` takes three kinds of field directly:

* a field with strawberry's default resolver, no arguments and a scalar or
  enum type: the attribute is read and coerced;
* the same with an object type (``node``, ``image``): the attribute is read
  and its selection executed;
* a plain method resolver (no ``info``, not async, no extensions) whose
  arguments are all scalars and whose type is a scalar, enum or object
  (``rendition(width: 400)``): the method is called with the coerced
  arguments.

An object whose whole selection is made of such fields (nested objects
included, and ``__typename``) skips graphql-core's walk altogether: its
selection is compiled into steps that :mod:`graphql_service.selection` runs
in one loop per object, once per document and set of scalar variables (later
requests with the same ones reuse them).

Nobody reads a resolve-info object on these paths (strawberry builds one only
for resolvers that ask for it, and its type checks ignore it), so none is
built. Anything unusual (a null, a value the scalar refuses, a missing
attribute) takes graphql-core's normal path or its error handling, so
errors, paths and nullability stay exactly as the specification says.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, Final
from weakref import WeakKeyDictionary

from graphql import (
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
)
from graphql.execution.values import get_argument_values
from graphql.pyutils import Undefined
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from graphql_service import field_plans, selection
from graphql_service.field_plans import (
    PLANS,
    Leaf,
    Listed,
    Method,
    ObjectField,
    Plan,
    is_leaf,
    is_plain_object,
    unwrapped,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from graphql.execution.collect_fields import FieldDetailsList, GroupedFieldSet
    from graphql.pyutils import Path

__all__ = ["HubExecutionContext"]

_MISSING: Final = object()

#: Compiled selections shared between executions, per schema, by (object
#: type, field nodes' ids, variables). An entry keeps its nodes alive, so
#: their ids are not reused while it lives; the memo starts afresh when full.
_SHARED: WeakKeyDictionary[
    GraphQLSchema,
    dict[tuple[Any, ...], tuple[tuple[Any, ...], tuple[selection.Step, ...] | None]],
] = WeakKeyDictionary()
SHARED_SELECTIONS: Final = 1024
_SCALARS: Final = frozenset({str, int, float, bool, type(None)})


class HubExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """graphql-core's execution with the plain-field shortcuts (see above)."""

    def collect_and_execute_subfields(
        self,
        return_type: GraphQLObjectType,
        field_details_list: FieldDetailsList,
        path: Path,
        result: Any,
        position_context: Any = None,
    ) -> Any:
        """An object whose whole selection is plain is answered in one loop
        (:mod:`graphql_service.selection`); anything else, or anything unusual
        on the way, takes graphql-core's path."""
        middleware = self.middleware_manager
        if middleware is None or not middleware.middlewares:
            steps = self._selection(return_type, field_details_list)
            if steps is not None:
                answer = selection.run(steps, result)
                if answer is not selection.BAIL:
                    return answer
        return super().collect_and_execute_subfields(
            return_type, field_details_list, path, result, position_context
        )

    #: Compiled selections by (object type, field details list), with the list
    #: kept alive so that its id is not reused (as graphql-core's memo does).
    _hub_selections: (
        dict[
            tuple[GraphQLObjectType, int],
            tuple[FieldDetailsList, tuple[selection.Step, ...] | None],
        ]
        | None
    ) = None

    def _selection(
        self, object_type: GraphQLObjectType, field_details_list: FieldDetailsList
    ) -> tuple[selection.Step, ...] | None:
        memo = self._hub_selections
        if memo is None:
            memo = self._hub_selections = {}
        key = (object_type, id(field_details_list))
        cached = memo.get(key)
        if cached is None:
            cached = memo[key] = (
                field_details_list,
                self._shared_selection(object_type, field_details_list),
            )
        return cached[1]

    def _shared_selection(
        self, object_type: GraphQLObjectType, field_details_list: FieldDetailsList
    ) -> tuple[selection.Step, ...] | None:
        """The steps another execution of the same document with the same
        variables compiled, or new ones (then kept for the next)."""
        variables = self._variables_key()
        if variables is None:
            return self._compile(object_type, field_details_list)
        nodes = tuple(details.node for details in field_details_list)
        key = (object_type, tuple(map(id, nodes)), variables)
        shared = _SHARED.get(self.schema)
        if shared is None:
            shared = _SHARED[self.schema] = {}
        entry = shared.get(key)
        if entry is not None:
            return entry[1]
        steps = self._compile(object_type, field_details_list)
        if len(shared) >= SHARED_SELECTIONS:
            shared.clear()
        shared[key] = (nodes, steps)
        return steps

    _hub_variables: tuple[tuple[str, type, Any], ...] | None | object = _MISSING

    def _variables_key(self) -> tuple[tuple[str, type, Any], ...] | None:
        """The variables as part of a key, or ``None`` when one is not a
        plain scalar (an input object, a list)."""
        known = self._hub_variables
        if known is _MISSING:
            values = self.variable_values.coerced
            known = self._hub_variables = (
                tuple(
                    (name, type(value), value) for name, value in sorted(values.items())
                )
                if all(type(value) in _SCALARS for value in values.values())
                else None
            )
        return known  # type: ignore[return-value]

    def _compile(
        self, object_type: GraphQLObjectType, field_details_list: FieldDetailsList
    ) -> tuple[selection.Step, ...] | None:
        """The selection's steps, or ``None`` when a field is not plain."""
        grouped, deferred, forbidden = self.collect_subfields(
            object_type, field_details_list
        )
        if deferred or forbidden:
            return None
        steps: list[selection.Step] = []
        for key, details in grouped.items():
            step = self._step(object_type, key, details)
            if step is None:
                return None
            steps.append(step)
        return tuple(steps)

    def _step(
        self, object_type: GraphQLObjectType, key: str, details: FieldDetailsList
    ) -> selection.Step | None:
        node = details[0].node
        name = node.name.value
        if name == "__typename":
            return selection.Step(key, selection.TYPENAME, object_type.name, None)
        plan = self._plan_of(object_type, name)
        reader: Any
        if isinstance(plan, Method):
            try:
                keywords = self._keywords(plan, details)
            except Exception:  # noqa: BLE001 - the normal path reports it
                return None
            if keywords is None:
                return None
            reads, reader = selection.CALL, functools.partial(plan.call, **keywords)
            graphql_type = plan.field.type
        elif isinstance(plan, Leaf | ObjectField | Listed) and not node.arguments:
            field_def = self.schema.get_field(object_type, name)
            if field_def is None:
                return None
            reads, reader = selection.ATTRIBUTE, plan.attribute
            graphql_type = field_def.type
        else:
            return None
        item = self._item(graphql_type, details)
        return None if item is None else selection.Step(key, reads, reader, item)

    def _item(
        self, graphql_type: GraphQLOutputType, details: FieldDetailsList
    ) -> selection.Item | None:
        nullable = not isinstance(graphql_type, GraphQLNonNull)
        named = unwrapped(graphql_type)
        if isinstance(named, GraphQLList):
            inner = self._item(named.of_type, details)
            return (
                None
                if inner is None
                else selection.Item(selection.LIST, inner, nullable)
            )
        if is_leaf(named):
            return selection.Item(selection.LEAF, named.coerce_output_value, nullable)
        if not is_plain_object(named):
            return None
        steps = self._selection(named, details)
        if steps is None:
            return None
        return selection.Item(selection.OBJECT, steps, nullable, named.is_type_of)

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: GroupedFieldSet,
        position_context: Any = None,
    ) -> Any:
        """The object's plain scalar fields are read in one pass (no response
        path, no awaitable check per field); graphql-core executes the rest,
        and the answer keeps the selection's order."""
        middleware = self.middleware_manager
        if middleware is not None and middleware.middlewares:
            return super().execute_fields(
                parent_type, source_value, path, grouped_field_set, position_context
            )
        leaves: dict[str, Any] = {}
        others: GroupedFieldSet | None = None
        for response_name, field_details_list in grouped_field_set.items():
            node = field_details_list[0].node
            plan = self._plan_of(parent_type, node.name.value)
            if type(plan) is Leaf and not node.arguments:
                value = _read(source_value, plan)
                if value is not Undefined:
                    leaves[response_name] = value
                    continue
            if others is None:
                others = {}
            others[response_name] = field_details_list
        if others is None:
            return leaves
        rest = super().execute_fields(
            parent_type, source_value, path, others, position_context
        )
        if not leaves:
            return rest
        if isinstance(rest, dict):
            return _in_order(grouped_field_set, leaves, rest)
        pending = rest

        async def merged() -> dict[str, Any]:
            return _in_order(grouped_field_set, leaves, await pending)

        return merged()

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: FieldDetailsList,
        path: Path,
        position_context: Any = None,
    ) -> Any:
        middleware = self.middleware_manager
        if middleware is None or not middleware.middlewares:
            plan = self._plan_of(parent_type, field_details_list[0].node.name.value)
            if isinstance(plan, Leaf):
                if not field_details_list[0].node.arguments:
                    value = _read(source, plan)
                    if value is not Undefined:
                        return value
            elif isinstance(plan, ObjectField):
                if not field_details_list[0].node.arguments:
                    value = getattr(source, plan.attribute, _MISSING)
                    if value is not _MISSING and value is not None:
                        return self._complete(
                            plan.return_type,
                            field_details_list,
                            path,
                            position_context,
                            lambda: value,
                        )
            elif isinstance(plan, Method):
                method = plan
                return self._complete(
                    method.field.type,
                    field_details_list,
                    path,
                    position_context,
                    lambda: self._call(method, source, field_details_list),
                )
        return super().execute_field(
            parent_type, source, field_details_list, path, position_context
        )

    #: This execution's plans (those of its schema) and the arguments of
    #: method fields by field node: the variables do not change meanwhile.
    _hub_plans: dict[tuple[str, str], Plan | None] | None = None
    _hub_arguments: dict[int, dict[str, Any]] | None = None

    def _plan_of(self, parent_type: GraphQLObjectType, name: str) -> Plan | None:
        plans = self._hub_plans
        if plans is None:
            plans = PLANS.get(self.schema)
            if plans is None:
                plans = PLANS[self.schema] = {}
            self._hub_plans = plans
        key = (parent_type.name, name)
        plan = plans.get(key, _MISSING)
        if plan is _MISSING:
            field_def = self.schema.get_field(parent_type, name)
            plan = plans[key] = field_plans.plan(field_def) if field_def else None
        return plan  # type: ignore[return-value]

    def _call(
        self, method: Method, source: Any, field_details_list: FieldDetailsList
    ) -> Any:
        keywords = self._keywords(method, field_details_list)
        if keywords is None:  # fragment arguments: computed for this use only
            keywords = self._arguments(method, field_details_list[0])
        return method.call(source, **keywords)

    def _keywords(
        self, method: Method, field_details_list: FieldDetailsList
    ) -> dict[str, Any] | None:
        """The method's keyword arguments for this field node (memoised), or
        ``None`` where fragment arguments may differ between uses of one node."""
        details = field_details_list[0]
        if details.fragment_variable_values is not None:
            return None
        memo = self._hub_arguments
        if memo is None:
            memo = self._hub_arguments = {}
        key = id(details.node)
        keywords = memo.get(key)
        if keywords is None:
            keywords = memo[key] = self._arguments(method, details)
        return keywords

    def _arguments(self, method: Method, details: Any) -> dict[str, Any]:
        arguments = (
            get_argument_values(
                method.field,
                details.node,
                self.variable_values,
                details.fragment_variable_values,
                self.hide_suggestions,
            )
            if method.field.args or details.node.arguments
            else {}
        )
        return {method.names[name]: value for name, value in arguments.items()}

    def _complete(
        self,
        return_type: GraphQLOutputType,
        field_details_list: FieldDetailsList,
        path: Path,
        position_context: Any,
        resolve: Callable[[], Any],
    ) -> Any:
        """graphql-core's resolution and completion of a field, without the
        resolve-info that nothing on these paths reads."""
        try:
            completed = self.complete_value(
                return_type,
                field_details_list,
                None,  # type: ignore[arg-type]
                path,
                resolve(),
                position_context,
            )
        except Exception as raw_error:  # noqa: BLE001 - reported as the spec says
            self.handle_field_error(raw_error, return_type, field_details_list, path)
            return None
        if not self.is_awaitable(completed):
            return completed

        async def await_completed() -> Any:
            try:
                return await completed
            except Exception as raw_error:  # noqa: BLE001 - as above
                self.handle_field_error(
                    raw_error, return_type, field_details_list, path
                )
                return None

        return await_completed()


def _in_order(
    grouped_field_set: GroupedFieldSet, leaves: dict[str, Any], rest: dict[str, Any]
) -> dict[str, Any]:
    """The fields of both parts in the selection's order (a field the normal
    path left out stays out)."""
    merged: dict[str, Any] = {}
    for name in grouped_field_set:
        if name in leaves:
            merged[name] = leaves[name]
        elif name in rest:
            merged[name] = rest[name]
    return merged


def _read(source: Any, plan: Leaf) -> Any:
    """The serialised value, or ``Undefined`` when the normal path must decide."""
    value = getattr(source, plan.attribute, _MISSING)
    if value is _MISSING or value is None:
        return Undefined
    try:
        serialized = plan.coerce(value)
    except Exception:  # noqa: BLE001 - the normal path reports it properly
        return Undefined
    return Undefined if serialized is None else serialized
