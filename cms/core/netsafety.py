"""Outbound requests to addresses that partners or staff type in (webhooks, feeds).

A URL from outside must never make the hub call its own internal network (SSRF):
every host is resolved and each address must be public, unless the host is on the
explicit allow-list (``HUB_OUTBOUND_ALLOWED_HOSTS``). Redirects are followed by
hand so that each hop is checked the same way.

Checking and connecting use the same lookup. :class:`PinnedTransport` resolves the
host of every request once, checks the addresses and then connects to exactly
those addresses, so a DNS server that answers a public address for the check and
an internal one a moment later (DNS rebinding) gains nothing. The URL keeps its
host name: the ``Host`` header, TLS SNI and certificate checks use it as usual.
"""

from __future__ import annotations

import contextvars
import ipaddress
import socket
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, cast
from urllib.parse import urljoin

import httpcore
import httpx
from django.conf import settings
from django.utils.translation import gettext as _

MAX_REDIRECTS = 5
DEFAULT_PORTS = {"http": 80, "https": 443}


class UnsafeURLError(ValueError):
    """The URL is not http(s) or points at a non-public address."""


@dataclass(frozen=True)
class Pin:
    """A host and port with the addresses it was checked to have."""

    host: str
    port: int
    addresses: tuple[str, ...]


def allowed_hosts() -> set[str]:
    return {h.lower() for h in getattr(settings, "HUB_OUTBOUND_ALLOWED_HOSTS", [])}


def is_public_address(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """The address rule for hosts that are not on the allow-list."""
    return address.is_global


def _target(url: str | httpx.URL) -> tuple[str, int]:
    """The host (ASCII, lower case) and port a request to ``url`` connects to."""
    try:
        parsed = url if isinstance(url, httpx.URL) else httpx.URL(url)
    except (httpx.InvalidURL, ValueError, TypeError) as exc:
        raise UnsafeURLError(_("The address is not valid.")) from exc
    if parsed.scheme not in DEFAULT_PORTS:
        raise UnsafeURLError(_("Only http and https addresses are allowed."))
    host = parsed.raw_host.decode("ascii").lower()
    if not host:
        raise UnsafeURLError(_("The address has no host name."))
    port = parsed.port or DEFAULT_PORTS[parsed.scheme]
    if not 0 < port < 65536:
        raise UnsafeURLError(_("The address has an invalid port."))
    return host, port


def _resolve(host: str, port: int, *, public_only: bool) -> tuple[str, ...]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise UnsafeURLError(
            _("The host %(host)s cannot be found.") % {"host": host}
        ) from exc
    addresses: list[str] = []
    for info in infos:
        text = str(info[4][0])
        address = ipaddress.ip_address(text)
        if public_only and not is_public_address(address):
            raise UnsafeURLError(
                _("%(host)s points to an internal address (%(address)s).")
                % {"host": host, "address": address}
            )
        if text not in addresses:
            addresses.append(text)
    if not addresses:
        raise UnsafeURLError(_("The host %(host)s cannot be found.") % {"host": host})
    return tuple(addresses)


def pin_url(url: str | httpx.URL) -> Pin:
    """Resolve the host of ``url`` once and check it; the addresses to connect to.

    Every address must be public unless the host is on the allow-list.
    """
    host, port = _target(url)
    public_only = host not in allowed_hosts()
    return Pin(host, port, _resolve(host, port, public_only=public_only))


def check_url(url: str) -> None:
    """Raise UnsafeURLError unless ``url`` is http(s) to a public (or allowed) host.

    For validating addresses staff type in; sending goes through
    :class:`PinnedTransport`, which checks again when it connects.
    """
    host, port = _target(url)
    if host in allowed_hosts():
        return
    _resolve(host, port, public_only=True)


#: The pin of the request that the current thread is sending right now.
_current_pin: contextvars.ContextVar[Pin | None] = contextvars.ContextVar(
    "netsafety_pin", default=None
)


class PinnedBackend(httpcore.NetworkBackend):
    """Opens TCP connections only to the checked addresses of the current request.

    httpcore asks for ``connect_tcp(host, port)`` with the URL's host; instead of
    resolving it again, the connection goes to the pinned addresses (tried in
    order). Anything without a matching pin is refused.
    """

    def __init__(self) -> None:
        self._backend = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        pin = _current_pin.get()
        if pin is None or (pin.host, pin.port) != (host.lower(), port):
            raise httpcore.ConnectError(f"{host}:{port} was not checked before use")
        error: Exception = httpcore.ConnectError(f"{host} has no address")
        for address in pin.addresses:
            try:
                return self._backend.connect_tcp(
                    address,
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        raise error

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("Unix sockets are not used for outbound requests")

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


#: httpcore's errors as httpx's, most specific first (as httpx's own transport).
_ERRORS: tuple[tuple[type[Exception], type[httpx.TransportError]], ...] = (
    (httpcore.ConnectTimeout, httpx.ConnectTimeout),
    (httpcore.ReadTimeout, httpx.ReadTimeout),
    (httpcore.WriteTimeout, httpx.WriteTimeout),
    (httpcore.PoolTimeout, httpx.PoolTimeout),
    (httpcore.TimeoutException, httpx.TimeoutException),
    (httpcore.ConnectError, httpx.ConnectError),
    (httpcore.ReadError, httpx.ReadError),
    (httpcore.WriteError, httpx.WriteError),
    (httpcore.NetworkError, httpx.NetworkError),
    (httpcore.UnsupportedProtocol, httpx.UnsupportedProtocol),
    (httpcore.LocalProtocolError, httpx.LocalProtocolError),
    (httpcore.RemoteProtocolError, httpx.RemoteProtocolError),
    (httpcore.ProtocolError, httpx.ProtocolError),
)


@contextmanager
def _httpx_errors() -> Iterator[None]:
    try:
        yield
    except Exception as exc:
        for core_error, httpx_error in _ERRORS:
            if isinstance(exc, core_error):
                raise httpx_error(str(exc)) from exc
        raise


class _ResponseStream(httpx.SyncByteStream):
    def __init__(self, stream: Iterable[bytes]) -> None:
        self._stream = stream

    def __iter__(self) -> Iterator[bytes]:
        with _httpx_errors():
            yield from self._stream

    def close(self) -> None:
        close = getattr(self._stream, "close", None)
        if close is not None:
            close()


class PinnedTransport(httpx.BaseTransport):
    """An HTTP transport that checks every request's host and connects only to
    the addresses it checked (see the module docstring).

    Raises UnsafeURLError for a refused address, before any connection is made.
    No proxies: a proxy would resolve the name itself.
    """

    def __init__(
        self,
        *,
        verify: Any = True,
        limits: httpx.Limits | None = None,
    ) -> None:
        limits = limits or httpx.Limits(max_connections=20, max_keepalive_connections=5)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(verify=verify, trust_env=False),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            retries=0,
            network_backend=PinnedBackend(),
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        pin = pin_url(request.url)
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=request.url.raw_scheme,
                host=request.url.raw_host,
                port=request.url.port,
                target=request.url.raw_path,
            ),
            headers=request.headers.raw,
            content=cast(Iterable[bytes], request.stream),
            extensions=request.extensions,
        )
        token = _current_pin.set(pin)
        try:
            with _httpx_errors():
                response = self._pool.handle_request(core_request)
        finally:
            _current_pin.reset(token)
        return httpx.Response(
            status_code=response.status,
            headers=response.headers,
            stream=_ResponseStream(cast(Iterable[bytes], response.stream)),
            extensions=response.extensions,
        )

    def close(self) -> None:
        with _httpx_errors():
            self._pool.close()


def make_client(
    *,
    wrap: Callable[[httpx.BaseTransport], httpx.BaseTransport] | None = None,
    verify: Any = True,
    **options: Any,
) -> httpx.Client:
    """An httpx client whose every request is checked and pinned.

    ``wrap`` may put another transport around the pinned one (size limits).
    Environment proxies are ignored and redirects are not followed: use
    :func:`safe_request` to follow them.
    """
    transport: httpx.BaseTransport = PinnedTransport(verify=verify)
    if wrap is not None:
        transport = wrap(transport)
    return httpx.Client(
        transport=transport, trust_env=False, follow_redirects=False, **options
    )


def safe_request(
    client: httpx.Client, method: str, url: str, **kwargs: Any
) -> httpx.Response:
    """Send a request with a client from :func:`make_client`, following redirects
    by hand so that each hop is checked and pinned like the first."""
    for _hop in range(MAX_REDIRECTS + 1):
        _target(url)  # refuse other schemes before anything is sent
        response = client.request(method, url, follow_redirects=False, **kwargs)
        if not response.has_redirect_location:
            return response
        location = response.headers.get("location", "")
        response.close()
        url = urljoin(url, location)
        if response.status_code == 303:
            method, kwargs = "GET", {k: v for k, v in kwargs.items() if k == "headers"}
    raise UnsafeURLError(_("Too many redirects."))
