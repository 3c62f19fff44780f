"""A request id for every CMS request, in its log records and its answer.

The id is the client's (or proxy's) ``X-Request-Id`` when it is sane, else a
fresh one; it is kept in :data:`graphql_service.logs.REQUEST_ID` for the
request's log records (``HUB_LOG_FORMAT=json`` prints it) and sent back as
``X-Request-Id``.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from graphql_service.logs import REQUEST_ID

_SANE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


def request_id_of(request: HttpRequest) -> str:
    given = request.headers.get("X-Request-Id", "")
    return given if _SANE.match(given) else uuid.uuid4().hex


class RequestIdMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_of(request)
        token = REQUEST_ID.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            # gunicorn's sync workers reuse the thread: the next request must
            # not inherit this id.
            REQUEST_ID.reset(token)
        response["X-Request-Id"] = request_id
        return response
