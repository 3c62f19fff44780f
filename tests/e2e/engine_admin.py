"""Talking to the engine cluster directly, as its operator would.

The fault tests give the read model's indices a replica with an index
template (what an operator does on a cluster the backend does not tune), find
which node holds a primary, and check the settings that reached the indices.
"""

from __future__ import annotations

import json
import urllib.request
from typing import Any

__all__ = ["engine_call", "primary_holder", "replica_template", "replicas_of"]


def engine_call(base: str, method: str, path: str, body: Any = None) -> Any:
    """One JSON request to the engine; raises on a non-2xx answer."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(  # noqa: S310 (a loopback test node)
        base + path,
        data=data,
        method=method,
        headers={"content-type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        return json.load(response)


def replica_template(base: str, name: str, pattern: str, replicas: int) -> None:
    """Every new index matching ``pattern`` gets ``replicas`` replicas."""
    engine_call(
        base,
        "PUT",
        f"/_index_template/{name}",
        {
            "index_patterns": [pattern],
            "priority": 100,
            "template": {"settings": {"index": {"number_of_replicas": replicas}}},
        },
    )


def replicas_of(base: str, pattern: str) -> dict[str, int]:
    """Index name -> number of replicas, for the indices matching ``pattern``."""
    found = engine_call(
        base, "GET", f"/{pattern}/_settings/index.number_of_replicas?flat_settings=true"
    )
    return {
        name: int(info["settings"]["index.number_of_replicas"])
        for name, info in found.items()
    }


def primary_holder(base: str, index_pattern: str) -> str:
    """Name of the node holding the first started primary of ``index_pattern``."""
    shards = engine_call(
        base,
        "GET",
        f"/_cat/shards/{index_pattern}?format=json&h=index,prirep,state,node",
    )
    for shard in shards:
        if shard["prirep"] == "p" and shard["state"] == "STARTED":
            return str(shard["node"])
    raise AssertionError(f"no started primary of {index_pattern}: {shards}")
