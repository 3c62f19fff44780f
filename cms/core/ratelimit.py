"""A per-client-IP limit on public form submissions, kept in Django's cache.

Public forms (event sign-up, applications) accept a handful of POSTs per
minute from one address; more get a friendly 429 page. The count lives in the
default cache: with a shared cache (Redis, Memcached, database) the limit holds
across processes; with the local-memory cache it holds per process.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Callable
from typing import Any, Final, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

DEFAULT_RATE: Final = 10
DEFAULT_PERIOD: Final = 60

F = TypeVar("F", bound=Callable[..., HttpResponse])


def client_ip(request: HttpRequest) -> str:
    """The client's address; X-Forwarded-For only when the proxy is trusted.

    Set ``HUB_TRUSTED_PROXY_COUNT`` to the number of reverse proxies in front of
    the site to read the client from ``X-Forwarded-For`` (never trusted by default,
    since any client can send that header).
    """
    proxies = int(getattr(settings, "HUB_TRUSTED_PROXY_COUNT", 0) or 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(scope: str, ip: str) -> str:
    digest = hashlib.sha256(f"{scope}|{ip}".encode()).hexdigest()[:24]
    return f"hub-ratelimit:{scope}:{digest}"


def hit(
    request: HttpRequest,
    scope: str,
    rate: int | None = None,
    period: int | None = None,
) -> bool:
    """Count one submission; False when the client is over the limit.

    Args:
        request: the incoming request (its client IP is counted).
        scope: which form (one limit per form and client).
        rate: submissions allowed per period (``HUB_FORM_RATE_LIMIT``, default 10).
        period: the window in seconds (``HUB_FORM_RATE_PERIOD``, default 60).
    """
    rate = rate or int(getattr(settings, "HUB_FORM_RATE_LIMIT", DEFAULT_RATE))
    period = period or int(getattr(settings, "HUB_FORM_RATE_PERIOD", DEFAULT_PERIOD))
    if rate <= 0:
        return True
    key = _key(scope, client_ip(request))
    # The window starts with a client's first submission and lasts ``period``
    # seconds. add() is atomic: only that first request creates the counter.
    if cache.add(key, 1, timeout=period):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add() and incr()
        cache.add(key, 1, timeout=period)
        return True
    return count <= rate


def too_many_requests(request: HttpRequest, period: int | None = None) -> HttpResponse:
    """The friendly 429 page, with Retry-After."""
    period = period or int(getattr(settings, "HUB_FORM_RATE_PERIOD", DEFAULT_PERIOD))
    html = render_to_string(
        "429.html", {"retry_after": period, "back_url": request.path}, request=request
    )
    response = HttpResponse(html, status=429)
    response["Retry-After"] = str(period)
    return response


def ratelimit_post(scope: str) -> Callable[[F], F]:
    """Limit POSTs to a view (function or page method) per client IP.

    Works on plain views ``view(request, ...)`` and on methods such as
    routable-page routes ``route(self, request, ...)``: the request is the first
    argument that is an HttpRequest. GET and other safe methods are not counted.
    """

    def decorate(view: F) -> F:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> HttpResponse:
            request = next(
                (arg for arg in args if isinstance(arg, HttpRequest)),
                kwargs.get("request"),
            )
            if request is not None and request.method == "POST":
                if not hit(request, scope):
                    logger.info("rate limit reached on %s", scope)
                    return too_many_requests(request)
            return view(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate
