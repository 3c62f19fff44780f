"""The schema: every domain's Query type merged into one, built once per app.

``build_schema(settings)`` makes the schema the service runs (its limits
come from the settings). ``graphql_service.schema:schema`` is the schema with
default settings, for ``strawberry export-schema`` and the tests.
"""

from __future__ import annotations

import logging
from functools import cache
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from graphql_service.common.errors import is_client_error
from graphql_service.common.scalars import SCALAR_MAP
from graphql_service.common.types import all_content_types
from graphql_service.content import types as content_types
from graphql_service.content.queries import ContentQuery
from graphql_service.events.queries import EventsQuery
from graphql_service.execution import HubExecutionContext
from graphql_service.experts.queries import ExpertsQuery
from graphql_service.extensions import (
    MaskInternalErrors,
    PreparedQueries,
    QueryPreparer,
)
from graphql_service.funding.queries import FundingQuery
from graphql_service.knowledge.queries import KnowledgeQuery
from graphql_service.networks.queries import NetworksQuery
from graphql_service.news.queries import NewsQuery
from graphql_service.settings import Settings
from graphql_service.site_search.queries import SearchQueries
from graphql_service.sync.queries import SyncQuery
from graphql_service.taxonomy.queries import TaxonomyQuery

__all__ = ["HubSchema", "build_schema", "get_schema"]

logger = logging.getLogger("graphql_service.errors")

# Types reached through no field (only through the Content interface) are
# registered by importing them; all_content_types() hands them to the schema.
_REGISTERED = (content_types.HomePage, content_types.ExternalItem)

Query = merge_types(
    "Query",
    (
        ContentQuery,
        NewsQuery,
        EventsQuery,
        ExpertsQuery,
        KnowledgeQuery,
        FundingQuery,
        NetworksQuery,
        SearchQueries,
        SyncQuery,
        TaxonomyQuery,
    ),
)
Query.__strawberry_definition__.description = (  # type: ignore[attr-defined]
    "Read access to everything the hub publishes: content by id, path or type, "
    "search, and the taxonomy."
)


class HubSchema(strawberry.Schema):
    """``strawberry.Schema`` with its :class:`QueryPreparer` and error logging."""

    preparer: QueryPreparer

    def process_errors(
        self,
        errors: list[GraphQLError],
        execution_context: ExecutionContext | None = None,
    ) -> None:
        context = execution_context.context if execution_context else None
        request_id = getattr(context, "request_id", "-")
        for error in errors:
            if is_client_error(error):
                logger.debug("request %s: client error: %s", request_id, error.message)
            else:
                logger.error(
                    "request %s: internal error in %s: %s",
                    request_id,
                    ".".join(str(part) for part in error.path or ()),
                    error.message,
                    exc_info=error.original_error,
                )


def build_schema(settings: Settings | None = None) -> HubSchema:
    """Build the schema with the limits of ``settings`` (default settings)."""
    settings = settings or Settings()
    holder: dict[str, QueryPreparer] = {}

    def prepared_queries() -> PreparedQueries:
        return PreparedQueries(holder["preparer"])

    schema = HubSchema(
        query=Query,
        types=all_content_types(),
        extensions=[prepared_queries, MaskInternalErrors],
        config=StrawberryConfig(scalar_map=SCALAR_MAP),
        execution_context_class=HubExecutionContext,
    )
    schema.preparer = QueryPreparer(schema._schema, settings)
    holder["preparer"] = schema.preparer
    return schema


@cache
def get_schema() -> HubSchema:
    """The schema with default settings (built on first use)."""
    return build_schema()


def __getattr__(name: str) -> Any:
    if name == "schema":
        return get_schema()
    raise AttributeError(name)
