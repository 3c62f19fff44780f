"""Running one GraphQL request: prepare, check, execute, serialise.

Parsing and validation are cached per query text (the schema's
:class:`~graphql_service.extensions.QueryPreparer`). What comes out is an
:class:`Outcome`: data (executed) or a GraphQL *request error* (the document
does not parse or validate, is over the cost budget, the operation cannot be
determined, the variables cannot be coerced); the HTTP status of a request
error depends on the media type (see :mod:`.negotiation`). A mutation over
GET (405), a read model that cannot answer (503, also when a resolver could
not reach it) and a timeout (504) are HTTP conditions, raised as
:class:`~graphql_service.edge.EdgeError`.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final

import orjson
from graphql import GraphQLError, OperationType
from strawberry.types.graphql import OperationType as StrawberryOperation

from graphql_service.cache import EVERYTHING
from graphql_service.common.errors import CLIENT_ERRORS
from graphql_service.context import build_context
from graphql_service.cost import CostError
from graphql_service.edge.errors import EdgeError
from graphql_service.extensions import UNAVAILABLE

if TYPE_CHECKING:
    from collections.abc import Iterable

    from graphql_service.common.terms import TermsCache
    from graphql_service.schema import HubSchema
    from graphql_service.settings import Settings
    from graphql_service.transport.params import GraphQLRequest
    from search.analytics import AnalyticsStore
    from search.backends.base import BaseBackend

__all__ = ["Outcome", "Runner", "request_error"]

logger = logging.getLogger(__name__)

_QUERIES_ONLY: Final = frozenset({StrawberryOperation.QUERY})


@dataclass(frozen=True, slots=True)
class Outcome:
    """A GraphQL response body, and what kind of response it is.

    Attributes:
        body: The serialised GraphQL response.
        executed: ``True`` when it has a ``data`` entry (the operation ran),
            ``False`` for a request error (``errors`` only).
        cacheable: Executed without any error.
        reads: The ``(type, locale)`` pairs it read (the cache keeps them).
    """

    body: bytes
    executed: bool
    cacheable: bool = False
    reads: frozenset[tuple[str, str]] = EVERYTHING


def request_error(errors: Iterable[GraphQLError], code: str) -> Outcome:
    """A request error: ``errors`` only, with ``code`` where they have none."""
    return Outcome(
        orjson.dumps({"errors": [format_error(error, code) for error in errors]}),
        executed=False,
    )


class Runner:
    def __init__(
        self,
        *,
        settings: Settings,
        schema: HubSchema,
        backend: BaseBackend,
        terms: TermsCache,
        analytics: AnalyticsStore | None = None,
    ) -> None:
        self.settings = settings
        self.schema = schema
        self.backend = backend
        self.terms = terms
        self.analytics = analytics

    async def run(
        self, request: GraphQLRequest, *, is_get: bool, locale: str, request_id: str
    ) -> Outcome:
        preparer = self.schema.preparer
        prepared = preparer.prepare(request.query)
        if prepared.document is None:
            return request_error(prepared.errors, "GRAPHQL_PARSE_FAILED")
        operation_type = prepared.operation_type(request.operation_name)
        if operation_type is None:
            message = (
                f"Unknown operation named {request.operation_name!r}."
                if request.operation_name
                else "Must provide operationName: the document has several operations."
                if prepared.operations
                else "The document has no operation."
            )
            return request_error([GraphQLError(message)], "BAD_REQUEST")
        if is_get and operation_type is OperationType.MUTATION:
            raise EdgeError(
                405,
                "Mutations are not allowed over GET: use POST.",
                "METHOD_NOT_ALLOWED",
                headers=[(b"allow", b"POST")],
            )
        if prepared.errors:
            return request_error(prepared.errors, "GRAPHQL_VALIDATION_FAILED")
        if operation_type is not OperationType.QUERY:
            message = f"{operation_type.value} operations are not supported."
            return request_error([GraphQLError(message)], "BAD_REQUEST")
        try:
            preparer.check_cost(
                prepared.document, request.operation_name, request.variables
            )
        except CostError as error:
            return request_error([error], "QUERY_TOO_COSTLY")
        return await self._execute(request, locale, request_id)

    async def _execute(
        self, request: GraphQLRequest, locale: str, request_id: str
    ) -> Outcome:
        try:
            terms = await self.terms.snapshot()
        except Exception as exc:
            logger.exception("request %s: the read model is unavailable", request_id)
            raise EdgeError(
                503,
                f"The read model is unavailable (request id {request_id}).",
                "SERVICE_UNAVAILABLE",
                headers=[(b"retry-after", b"5")],
            ) from exc
        context = build_context(
            request_id=request_id,
            backend=self.backend,
            settings=self.settings,
            terms=terms,
            locale=locale,
            cost_checked=True,
            analytics=self.analytics,
        )
        timeout = self.settings.timeout
        try:
            result = await asyncio.wait_for(
                self.schema.execute(
                    request.query,
                    variable_values=request.variables,
                    context_value=context,
                    operation_name=request.operation_name,
                    allowed_operation_types=_QUERIES_ONLY,
                ),
                timeout,
            )
        except TimeoutError:
            logger.warning("request %s timed out after %s s", request_id, timeout)
            raise EdgeError(
                504,
                f"The query took longer than {timeout:g} s and was stopped: ask for "
                "less data.",
                "TIMEOUT",
            ) from None
        errors = result.errors
        if errors and any(_unavailable(error) for error in errors):
            # A resolver could not reach the read model (an engine cluster
            # down or failing over): retry later, not a fault of the query.
            logger.warning("request %s: the read model is unavailable", request_id)
            raise EdgeError(
                503,
                f"The read model is unavailable (request id {request_id}).",
                "SERVICE_UNAVAILABLE",
                headers=[(b"retry-after", b"5")],
            )
        if result.data is None and errors and all(e.path is None for e in errors):
            # Raised before execution (the variables could not be coerced).
            return request_error(errors, "BAD_USER_INPUT")
        payload: dict[str, Any] = {"data": result.data}
        if errors:
            payload["errors"] = [format_error(error) for error in errors]
        return Outcome(
            orjson.dumps(payload),
            executed=True,
            cacheable=not errors,
            reads=context.reads.frozen(),
        )


def _unavailable(error: GraphQLError) -> bool:
    return (error.extensions or {}).get("code") == UNAVAILABLE


def format_error(
    error: GraphQLError, default_code: str | None = None
) -> dict[str, Any]:
    """The error as JSON, with a code in ``extensions.code``."""
    formatted: dict[str, Any] = dict(error.formatted)
    extensions: dict[str, Any] = dict(formatted.get("extensions") or {})
    if "code" not in extensions:
        original = error.original_error
        if original is None:
            code = default_code or "BAD_REQUEST"
        elif isinstance(original, CLIENT_ERRORS):
            code = getattr(original, "code", "BAD_USER_INPUT")
        elif error.path is None:
            code = "BAD_USER_INPUT"  # a variable value that coercion refused
        else:
            code = "INTERNAL_SERVER_ERROR"
        extensions["code"] = code
    formatted["extensions"] = extensions
    return formatted
