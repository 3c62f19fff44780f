"""A real partner: an HTTP server on 127.0.0.1 that records requests and fails on
demand (error codes, slow answers), plus endpoints, news pages and the worker."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from news.models import NewsIndexPage, NewsPage
from webhooks.choices import DeliveryStatus
from webhooks.models import WebhookDelivery, WebhookEndpoint
from webhooks.worker import RunResult, deliver_once


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> dict:
        return json.loads(self.body)

    @property
    def delivery_id(self) -> str:
        return self.headers["x-hub-delivery"]


@dataclass
class Answer:
    status: int = 200
    delay: float = 0.0
    body: bytes = b"ok"
    headers: dict[str, str] = field(default_factory=dict)


class Receiver:
    """The partner's server. Answers 200 unless told otherwise."""

    def __init__(self) -> None:
        self.requests: list[Received] = []
        self.script: deque[Answer] = deque()
        self.default = Answer()
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                headers = {k.lower(): v for k, v in self.headers.items()}
                with receiver._lock:
                    receiver.requests.append(Received(self.path, headers, body))
                    answer = (
                        receiver.script.popleft()
                        if receiver.script
                        else receiver.default
                    )
                time.sleep(answer.delay)
                try:
                    self.send_response(answer.status)
                    for name, value in answer.headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(answer.body)))
                    self.end_headers()
                    self.wfile.write(answer.body)
                except OSError:
                    pass  # the hub gave up waiting (timeout test)

            def log_message(self, format, *args):
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                pass

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(
            target=self.server.serve_forever, args=(0.05,), daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/hub"

    def then(self, *answers: Answer | int) -> None:
        """Answer the next requests like this, in order (ints are status codes)."""
        for answer in answers:
            self.script.append(Answer(answer) if isinstance(answer, int) else answer)

    def events(self) -> list[tuple[str, str]]:
        return [(r.json()["event"], r.json()["id"]) for r in self.requests]

    def start(self) -> Receiver:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    server = Receiver().start()
    yield server
    server.stop()


@pytest.fixture
def closed_port_url() -> str:
    """An address where nothing listens: connection refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/hooks"


@pytest.fixture(autouse=True)
def webhook_settings(settings):
    settings.HUB_OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    settings.WEBHOOK_TIMEOUT_SECONDS = 0.5
    settings.WEBHOOK_RETRY_BASE_SECONDS = 30
    settings.WEBHOOK_RETRY_MAX_SECONDS = 3600
    settings.WEBHOOK_MAX_ATTEMPTS = 15
    settings.WEBHOOK_PAUSE_AFTER_FAILURES = 10
    settings.WEBHOOK_PAUSE_AFTER_HOURS = 24
    return settings


@pytest.fixture
def news_index(home):
    index = NewsIndexPage(title="News", slug="news")
    home.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def endpoint(news_index, receiver):
    """A partner that wants everything (created after the site's own pages)."""
    return WebhookEndpoint.objects.create(name="norden.org", url=receiver.url)


@pytest.fixture
def publish(news_index):
    """Publish a news article below the index (or ``parent``); returns it."""

    def make(title: str = "Mentors open doors to work", parent=None, **fields):
        article = NewsPage(
            title=title,
            slug=fields.pop("slug", None) or title.lower().replace(" ", "-")[:50],
            lead=fields.pop("lead", "Mentoring helps newcomers find work."),
            **fields,
        )
        (parent or news_index).add_child(instance=article)
        article.save_revision().publish()
        article.refresh_from_db()
        return article

    return make


@pytest.fixture
def run():
    """The worker, run until nothing more is due (a real HTTP client)."""

    def go() -> RunResult:
        total = RunResult()
        while True:
            result = deliver_once()
            total.delivered += result.delivered
            total.failed += result.failed
            total.skipped += result.skipped
            total.paused += result.paused
            if not result.handled:
                return total

    return go


def make_due() -> None:
    """Let time pass: every waiting delivery is due now."""
    WebhookDelivery.objects.filter(status=DeliveryStatus.PENDING).update(
        next_attempt_at=timezone.now()
    )
