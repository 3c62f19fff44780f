"""Feed servers on 127.0.0.1 that serve good and broken feeds, and source helpers."""

from __future__ import annotations

import http.server
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
<title>Nordic Welfare news</title>
<link>https://nordicwelfare.example/news/</link>
<description>News</description>
{items}
</channel>
</rss>"""

RSS_ITEM = """<item>
<title>{title}</title>
<link>{link}</link>
{guid}
<pubDate>{date}</pubDate>
<description>{description}</description>
<category>Labour market</category>
<category>Integration</category>
<enclosure url="https://nordicwelfare.example/img/{slug}.jpg" type="image/jpeg"
 length="1234"/>
</item>"""


def rss_item(
    slug: str,
    title: str | None = None,
    *,
    description: str = "&lt;p&gt;Mentors help &lt;b&gt;newcomers&lt;/b&gt;.&lt;/p&gt;",
    link: str | None = None,
    guid: str | None = "default",
    date: str = "Tue, 05 Mar 2024 10:00:00 +0100",
) -> str:
    return RSS_ITEM.format(
        title=title or f"Story {slug}",
        link=f"https://nordicwelfare.example/news/{slug}" if link is None else link,
        guid=""
        if guid is None
        else f"<guid isPermaLink='false'>{slug if guid == 'default' else guid}</guid>",
        date=date,
        description=description,
        slug=slug,
    )


def rss(*items: str, encoding: str = "utf-8") -> bytes:
    return RSS.format(items="\n".join(items)).encode(encoding)


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv">
<title>Nordregio</title>
<id>urn:uuid:feed</id>
<link rel="alternate" href="https://nordregio.example/"/>
<updated>2024-03-05T10:00:00+01:00</updated>
<entry>
<title type="html">Bostäder och &lt;em&gt;segregation&lt;/em&gt;</title>
<id>urn:uuid:entry-1</id>
<link rel="alternate" href="/publications/housing?utm_source=feed"/>
<link rel="enclosure" type="image/png" href="https://nordregio.example/cover.png"/>
<published>2024-03-04T08:30:00+01:00</published>
<updated>2024-03-05T09:15:00-05:00</updated>
<summary type="html">&lt;p&gt;A report on &lt;a href="#"&gt;housing&lt;/a&gt;.&lt;/p&gt;
&lt;script&gt;alert("x")&lt;/script&gt;</summary>
<category term="housing" label="Housing"/>
<author><name>Nordregio</name></author>
</entry>
</feed>"""


@dataclass
class Route:
    """What the test server answers on one path."""

    body: bytes | Callable[[], bytes] = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    delay: float = 0.0
    endless: bool = False
    drip: float = 0.0
    redirect: str | None = None


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a client that timed out and hung up is expected here


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.endless_sent = 0
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                server.requests.append((self.path, dict(self.headers)))
                route = server.routes.get(self.path)
                if route is None:
                    return self._send(404, b"not found", "text/plain")
                if route.delay:
                    time.sleep(route.delay)
                if route.redirect:
                    self.send_response(302)
                    self.send_header("Location", route.redirect)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return None
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self.send_response(304)
                    self.send_header("ETag", route.etag)
                    self.end_headers()
                    return None
                if route.endless:
                    return self._send_endless(route)
                if route.drip:
                    return self._send_drip(route)
                body = route.body() if callable(route.body) else route.body
                extra = dict(route.headers)
                if route.etag:
                    extra["ETag"] = route.etag
                return self._send(route.status, body, route.content_type, extra)

            def _send(self, status, body, content_type, extra=None):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                for name, value in (extra or {}).items():
                    self.send_header(name, value)
                if "Content-Length" not in (extra or {}):
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def _send_endless(self, route):
                # Bounded: stops when the client hangs up, or after 64 MB / 10 s.
                self.send_response(200)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Connection", "close")
                self.end_headers()
                chunk = b"<item><title>x</title></item>" * 2000
                started = time.monotonic()
                try:
                    while (
                        server.endless_sent < 64 * 1024 * 1024
                        and time.monotonic() - started < 10
                    ):
                        self.wfile.write(chunk)
                        server.endless_sent += len(chunk)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True

            def _send_drip(self, route):
                # A slow server: a few bytes every ``drip`` seconds, 40 times at most.
                self.send_response(200)
                self.send_header("Content-Type", route.content_type)
                self.send_header("Connection", "close")
                self.end_headers()
                try:
                    for _ in range(40):
                        self.wfile.write(b"<!-- still here -->\n")
                        self.wfile.flush()
                        time.sleep(route.drip)
                except (BrokenPipeError, ConnectionResetError):
                    pass
                self.close_connection = True

            def log_message(self, *args):
                pass

        self.httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, args=(0.05,), daemon=True
        )
        self.thread.start()

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def serve(self, path: str, body: bytes = b"", **options) -> str:
        self.routes[path] = Route(body=body, **options)
        return self.url(path)

    def requests_to(self, path: str) -> list[dict[str, str]]:
        return [headers for p, headers in self.requests if p == path]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def feed_server():
    server = FeedServer()
    yield server
    server.close()


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 where nothing listens (connection refused)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(autouse=True)
def harvest_settings(settings):
    settings.HUB_OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    settings.HARVEST_TIMEOUT = 0.5
    settings.HARVEST_DEADLINE = 5.0
    import indexing.documents.harvest  # noqa: F401  (registers ExternalItem)

    return settings


@pytest.fixture
def make_source(db):
    from harvest.models import ExternalSource

    def make(url: str, name: str | None = None, **fields) -> ExternalSource:
        themes = fields.pop("themes", [])
        countries = fields.pop("countries", [])
        source = ExternalSource.objects.create(
            name=name or f"Source {ExternalSource.objects.count() + 1}",
            url=url,
            **fields,
        )
        source.themes.set(themes)
        source.countries.set(countries)
        return source

    return make


@pytest.fixture
def search_backend(tmp_path):
    from search.backends import get_backend

    backend = get_backend(
        {"BACKEND": "search.backends.embedded", "PATH": str(tmp_path / "index")}
    )
    yield backend
    backend.close()
