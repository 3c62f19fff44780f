"""Schema extensions: cached parsing and validation with limits, cost, masking.

* :class:`PreparedQueries` parses each distinct query text once (with a token
  limit) and validates it once: first nesting, depth and aliases
  (:mod:`graphql_service.document_limits`), then the standard rules and,
  when configured, no introspection; before execution it checks the cost
  budget (:mod:`graphql_service.cost`).
  A document too complex for graphql-core to validate gets an error with the
  code ``QUERY_TOO_COMPLEX``, never an internal error.
* :class:`MaskInternalErrors` (strawberry's ``MaskErrors``) replaces internal
  errors with a message that only carries the request id; client errors
  (see :func:`~graphql_service.common.errors.is_client_error`) pass through.
  A read model that cannot be reached (:class:`BackendUnavailableError`) gets
  the code ``SERVICE_UNAVAILABLE`` instead, which the runner turns into 503.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    parse,
    specified_rules,
    validate,
)
from graphql.validation import ASTValidationRule, NoSchemaIntrospectionCustomRule
from graphql.validation.validate import ValidationAbortedError
from strawberry.extensions import MaskErrors, SchemaExtension

from graphql_service.common.errors import is_client_error
from graphql_service.cost import CostError, operation_cost
from graphql_service.document_limits import (
    TOO_COMPLEX,
    lexical_nesting_error,
    shape_errors,
)
from search.errors import BackendUnavailableError

if TYPE_CHECKING:
    from graphql_service.settings import Settings

__all__ = [
    "UNAVAILABLE",
    "MaskInternalErrors",
    "Prepared",
    "PreparedQueries",
    "QueryPreparer",
]

logger = logging.getLogger(__name__)

_MAX_ENTRIES: Final = 2000
#: Code of a field error caused by a read model that cannot be reached.
UNAVAILABLE: Final = "SERVICE_UNAVAILABLE"


@dataclass(frozen=True, slots=True)
class Prepared:
    """A parsed and validated query text.

    Attributes:
        document: The AST (``None`` after a syntax error).
        errors: The syntax error, or the validation errors.
        operations: Operation name (``None`` for an anonymous one) -> type.
    """

    document: DocumentNode | None
    errors: tuple[GraphQLError, ...]
    operations: dict[str | None, OperationType]

    @property
    def syntax_error(self) -> bool:
        return self.document is None

    def operation_type(self, name: str | None) -> OperationType | None:
        """Type of the operation ``name`` selects, ``None`` when it selects none."""
        if name is None:
            if len(self.operations) == 1:
                return next(iter(self.operations.values()))
            return None
        return self.operations.get(name)


class QueryPreparer:
    """Parses and validates query texts, remembering the last few thousand."""

    def __init__(self, schema: GraphQLSchema, settings: Settings) -> None:
        self.schema = schema
        self.settings = settings
        rules: list[type[ASTValidationRule]] = list(specified_rules)
        if not settings.introspection:
            rules.append(NoSchemaIntrospectionCustomRule)
        self.rules: Sequence[type[ASTValidationRule]] = tuple(rules)
        self._cache: OrderedDict[str, Prepared] = OrderedDict()
        self._lock = threading.Lock()

    def prepare(self, query: str) -> Prepared:
        """The prepared form of ``query`` (cached by query text)."""
        cached = self._cache.get(query)
        if cached is not None:
            return cached
        prepared = self._prepare(query)
        with self._lock:
            self._cache[query] = prepared
            if len(self._cache) > _MAX_ENTRIES:
                self._cache.popitem(last=False)
        return prepared

    def _prepare(self, query: str) -> Prepared:
        try:
            return self._parse_and_validate(query)
        except RecursionError:
            # The limits of document_limits should make this unreachable; if
            # a shape slips past them, the client still gets a clear answer.
            logger.warning("a query was too deeply nested to validate")
        return Prepared(None, (_too_complex(),), {})

    def _parse_and_validate(self, query: str) -> Prepared:
        max_tokens = self.settings.max_tokens
        too_deep = lexical_nesting_error(query, max_tokens=max_tokens)
        if too_deep is not None:
            return Prepared(None, (too_deep,), {})
        try:
            document = parse(query, max_tokens=max_tokens)
        except GraphQLError as error:
            return Prepared(None, (error,), {})
        operations: dict[str | None, OperationType] = {}
        for definition in document.definitions:
            if isinstance(definition, OperationDefinitionNode):
                name = definition.name.value if definition.name else None
                operations[name] = definition.operation
        errors = shape_errors(
            document,
            max_depth=self.settings.max_depth,
            max_aliases=self.settings.max_aliases,
        )
        if not errors:
            errors = validate(self.schema, document, self.rules)
        return Prepared(
            document,
            tuple(
                _too_complex() if isinstance(error, ValidationAbortedError) else error
                for error in errors
            ),
            operations,
        )

    def cost(
        self,
        document: DocumentNode,
        operation_name: str | None,
        variables: dict[str, Any] | None,
    ) -> int:
        return operation_cost(
            self.schema,
            document,
            operation_name,
            variables,
            max_page_size=self.settings.max_page_size,
        )

    def check_cost(
        self,
        document: DocumentNode,
        operation_name: str | None,
        variables: dict[str, Any] | None,
    ) -> None:
        """Raise :class:`CostError` when the query is over budget."""
        cost = self.cost(document, operation_name, variables)
        budget = self.settings.max_cost
        if cost > budget:
            raise CostError(
                f"Query cost {cost} exceeds the budget of {budget}: ask for fewer "
                "items per page (first/limit) or fewer nested lists.",
                extensions={
                    "code": "QUERY_TOO_COSTLY",
                    "cost": cost,
                    "maxCost": budget,
                },
            )


def _too_complex() -> GraphQLError:
    return GraphQLError(
        "Validation aborted: the document is too complex to validate (too many "
        "errors, repeated fields or fragment spreads).",
        extensions={"code": TOO_COMPLEX},
    )


class PreparedQueries(SchemaExtension):
    """Use :class:`QueryPreparer` for parsing, validation and the cost check."""

    def __init__(self, preparer: QueryPreparer) -> None:
        self.preparer = preparer
        self.prepared: Prepared | None = None

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.query is not None and context.graphql_document is None:
            prepared = self.preparer.prepare(context.query)
            self.prepared = prepared
            if prepared.document is not None:
                context.graphql_document = prepared.document
            else:
                raise prepared.errors[0]
        yield

    def on_validate(self) -> Iterator[None]:
        prepared = self.prepared
        if prepared is not None and prepared.document is not None:
            self.execution_context.pre_execution_errors = list(prepared.errors)
        yield

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        if not getattr(context.context, "cost_checked", False):
            document = context.graphql_document
            if document is not None:
                self.preparer.check_cost(
                    document, context.operation_name, context.variables
                )
        yield


def _request_id(extension: SchemaExtension) -> str:
    return str(getattr(extension.execution_context.context, "request_id", "-"))


class MaskInternalErrors(MaskErrors):
    """``MaskErrors`` whose message carries the request id of the log entry."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=lambda error: not is_client_error(error))

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        request_id = _request_id(self)
        if isinstance(error.original_error, BackendUnavailableError):
            # Not a fault of the service: the runner answers 503 for it.
            return GraphQLError(
                message=f"The read model is unavailable (request id {request_id}).",
                nodes=error.nodes,
                path=error.path,
                original_error=None,
                extensions={"code": UNAVAILABLE, "requestId": request_id},
            )
        return GraphQLError(
            message=f"Internal server error (request id {request_id}).",
            nodes=error.nodes,
            path=error.path,
            original_error=None,
            extensions={"code": "INTERNAL_SERVER_ERROR", "requestId": request_id},
        )
