"""What the scenarios do as partners and editors, over real HTTP only.

:class:`GraphQL` is a partner's client of one service instance;
:class:`WebhookReceiver` is a partner's HTTP server that records every
request the hub's webhook sender makes to it; :func:`publish_news`,
:func:`create_api_key` and :func:`create_webhook` are an editor's work in the
admin (:class:`tests.production.admin.AdminSession`).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html import unescape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypeVar

import httpx

from tests.production.admin import AdminError, AdminSession

__all__ = [
    "NEWS",
    "GraphQL",
    "WebhookReceiver",
    "create_api_key",
    "create_webhook",
    "eventually",
    "publish_news",
    "revoke_api_key",
]

NEWS = """
query Feed($locale: LocaleCode!) {
  newsArticles(locale: $locale, first: 50) {
    edges { node { documentId title } }
  }
}
"""

T = TypeVar("T")


def eventually(
    probe: Callable[[], T | None], seconds: float, what: str, pause: float = 0.1
) -> tuple[T, float]:
    """Call ``probe`` until it returns something; that and the seconds taken."""
    started = time.monotonic()
    last: T | None = None
    while True:
        last = probe()
        if last is not None:
            return last, time.monotonic() - started
        if time.monotonic() - started > seconds:
            raise AssertionError(f"{what}: not within {seconds:.0f} s")
        time.sleep(pause)


@dataclass
class GraphQL:
    """A partner's client of one GraphQL instance (optionally with a key)."""

    base: str
    client: httpx.Client = field(default_factory=lambda: httpx.Client(timeout=10))

    def post(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        key: str | None = None,
    ) -> httpx.Response:
        headers = {"X-API-Key": key} if key else {}
        return self.client.post(
            f"{self.base}/graphql",
            json={"query": query, "variables": variables or {}},
            headers=headers,
        )

    def news(self) -> dict[str, str]:
        """Document id -> title of the English news articles it serves."""
        answer = self.post(NEWS, {"locale": "en"})
        assert answer.status_code == 200, answer.text[:500]
        body = answer.json()
        assert "errors" not in body, body
        return {
            edge["node"]["documentId"]: edge["node"]["title"]
            for edge in body["data"]["newsArticles"]["edges"]
        }

    def close(self) -> None:
        self.client.close()


@dataclass
class Delivery:
    """One request the receiver got."""

    headers: dict[str, str]
    body: bytes
    received_at: float


class WebhookReceiver:
    """A partner's endpoint on loopback: answers 204 and keeps every request."""

    def __init__(self) -> None:
        self.deliveries: list[Delivery] = []
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                with receiver.lock:
                    receiver.deliveries.append(
                        Delivery(dict(self.headers.items()), body, time.time())
                    )
                self.send_response(204)
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hub-changes"

    def __enter__(self) -> WebhookReceiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)

    def received(self) -> list[Delivery]:
        with self.lock:
            return list(self.deliveries)


def slug_of(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def publish_news(admin: AdminSession, news_index: int, title: str) -> None:
    """Write and publish an article under the news index, as an editor does."""
    admin.fill(
        f"/admin/pages/add/news/newspage/{news_index}/",
        has="title",
        values={
            "title": title,
            "slug": slug_of(title),
            "lead": f"{title}: what partners need to know.",
        },
        # The body's stream is built by the page's scripts: an empty one.
        extra={"action-publish": "action-publish", "body-count": "0"},
    )


def _pk_on_listing(admin: AdminSession, listing: str, edit: str, name: str) -> int:
    """The id of the object called ``name`` on an admin listing."""
    page = admin.get(listing, q=name).text
    for pk, label in re.findall(
        rf'href="(?:/[a-z]{{2}})?{re.escape(edit)}(\d+)/"[^>]*>\s*(.*?)\s*<',
        page,
        flags=re.S,
    ):
        if unescape(label).strip() == name:
            return int(pk)
    raise AdminError(f"{name!r} is not listed on {listing}")


def create_api_key(admin: AdminSession, name: str, per_minute: int) -> tuple[int, str]:
    """A new key for partner ``name``: its id and the raw key the admin shows once."""
    answer = admin.fill(
        "/admin/api_keys/new/",
        has="rate_limit_per_minute",
        values={"name": name, "rate_limit_per_minute": str(per_minute)},
    )
    listing = admin.get(answer.headers["location"]).text
    shown = re.search(r"<code>(inh_[A-Za-z0-9_\-]+)</code>", listing)
    if shown is None:
        raise AdminError(f"the admin did not show the new key: {listing[:800]}")
    return _pk_on_listing(admin, "/admin/api_keys/", "/admin/api_keys/edit/", name), (
        shown.group(1)
    )


def revoke_api_key(admin: AdminSession, pk: int) -> None:
    admin.fill(
        f"/admin/api_keys/edit/{pk}/",
        has="rate_limit_per_minute",
        values={"revoke": "on"},
    )


def create_webhook(admin: AdminSession, name: str, url: str) -> str:
    """A partner endpoint for every change; returns its signing secret."""
    admin.fill(
        "/admin/webhook_endpoints/new/",
        has="url",
        values={"name": name, "url": url, "is_active": "on"},
    )
    pk = _pk_on_listing(
        admin, "/admin/webhook_endpoints/", "/admin/webhook_endpoints/edit/", name
    )
    page = admin.get(f"/admin/webhook_endpoints/edit/{pk}/").text
    secret = re.search(
        r'<input[^>]*name="secret"[^>]*value="([^"]+)"', page
    ) or re.search(r'<input[^>]*value="([^"]+)"[^>]*name="secret"', page)
    if secret is None:
        raise AdminError(f"no signing secret on the endpoint's page: {page[:800]}")
    return unescape(secret.group(1))
