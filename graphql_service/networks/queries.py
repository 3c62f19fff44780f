"""Queries of networks."""

from __future__ import annotations

import strawberry

from graphql_service.common.fields import by_id_field, list_field
from graphql_service.networks.types import Network

__all__ = ["NetworksQuery"]


@strawberry.type
class NetworksQuery:
    network = by_id_field(Network, "A network by id; with `locale`, its best version.")
    networks = list_field(
        Network, ("network",), "Networks with their members and meetings."
    )
