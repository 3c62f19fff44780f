"""The ceiling of the benchmark: a bare starlette endpoint on the same stack.

It answers ``GET /graphql`` with the bytes in the file ``BENCH_BODY_FILE``
(the service's cached feed response), so the difference to the service is
the service's own work.
"""

from __future__ import annotations

import os
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route


def create_app() -> Starlette:
    body = Path(os.environ["BENCH_BODY_FILE"]).read_bytes()

    async def endpoint(request: Request) -> Response:
        return Response(body, media_type="application/json")

    return Starlette(routes=[Route("/graphql", endpoint)])
