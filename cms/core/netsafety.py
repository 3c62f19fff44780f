"""Outbound requests to addresses that partners or staff type in (webhooks, feeds).

A URL from outside must never make the hub call its own internal network (SSRF):
every host is resolved and each address must be public, unless the host is on the
explicit allow-list (``HUB_OUTBOUND_ALLOWED_HOSTS``). Redirects are followed by
hand so that each hop is checked the same way.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urljoin, urlsplit

import httpx
from django.conf import settings
from django.utils.translation import gettext as _

MAX_REDIRECTS = 5


class UnsafeURLError(ValueError):
    """The URL is not http(s) or points at a non-public address."""


def allowed_hosts() -> set[str]:
    return {h.lower() for h in getattr(settings, "HUB_OUTBOUND_ALLOWED_HOSTS", [])}


def check_url(url: str) -> None:
    """Raise UnsafeURLError unless ``url`` is http(s) to a public (or allowed) host."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise UnsafeURLError(_("Only http and https addresses are allowed."))
    host = (parts.hostname or "").lower()
    if not host:
        raise UnsafeURLError(_("The address has no host name."))
    if host in allowed_hosts():
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as exc:
        raise UnsafeURLError(_("The address has an invalid port.")) from exc
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise UnsafeURLError(
            _("The host %(host)s cannot be found.") % {"host": host}
        ) from exc
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise UnsafeURLError(
                _("%(host)s points to an internal address (%(address)s).")
                % {"host": host, "address": address}
            )


def safe_request(
    client: httpx.Client, method: str, url: str, **kwargs
) -> httpx.Response:
    """Send a request, checking the URL and every redirect target first."""
    for _hop in range(MAX_REDIRECTS + 1):
        check_url(url)
        response = client.request(method, url, follow_redirects=False, **kwargs)
        if not response.has_redirect_location:
            return response
        location = response.headers.get("location", "")
        response.close()
        url = urljoin(url, location)
        if response.status_code == 303:
            method, kwargs = "GET", {k: v for k, v in kwargs.items() if k == "headers"}
    raise UnsafeURLError(_("Too many redirects."))
