"""The checked address is the one connected to (no DNS rebinding).

A fake resolver answers for made-up host names (``partner.test``) and real
servers listen on two loopback addresses: 127.0.0.2 stands for a public server
(the address rule is told so) and 127.0.0.1 for the internal network.
"""

from __future__ import annotations

import http.server
import ipaddress
import shutil
import socket
import ssl
import subprocess
import threading
from collections import defaultdict
from collections.abc import Iterator

import httpcore
import httpx
import pytest

from core import netsafety
from core.netsafety import PinnedBackend, UnsafeURLError, make_client, safe_request

PUBLIC = "127.0.0.2"  # "public" in these tests
INTERNAL = "127.0.0.1"


class Server:
    """An HTTP server on one address that counts connections and requests."""

    def __init__(self, address: str, port: int = 0, redirect: str = "") -> None:
        self.connections = 0
        self.requests: list[tuple[str, str]] = []  # (path, Host header)
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                owner.requests.append((self.path, self.headers.get("Host", "")))
                if redirect and self.path == "/start":
                    self.send_response(302)
                    self.send_header("Location", redirect)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = address.encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        class Counting(http.server.ThreadingHTTPServer):
            daemon_threads = True

            def process_request(self, request, client_address):
                owner.connections += 1
                super().process_request(request, client_address)

        self.httpd = Counting((address, port), Handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(
            target=self.httpd.serve_forever, args=(0.05,), daemon=True
        ).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def servers() -> Iterator[dict[str, Server]]:
    """A "public" and an internal server on the same port."""
    for _attempt in range(20):
        public = Server(PUBLIC)
        try:
            internal = Server(INTERNAL, public.port)
        except OSError:  # the port is taken on 127.0.0.1: try another
            public.close()
            continue
        yield {PUBLIC: public, INTERNAL: internal}
        public.close()
        internal.close()
        return
    pytest.fail("no free port on both loopback addresses")


class Resolver:
    """Answers ``answers[host][n]`` for the n-th lookup of a made-up host (the
    last answer repeats); other hosts go to the system resolver."""

    def __init__(self, monkeypatch, answers: dict[str, list[list[str]]]) -> None:
        self.answers = answers
        self.lookups: dict[str, int] = defaultdict(int)
        self._real = socket.getaddrinfo
        monkeypatch.setattr(socket, "getaddrinfo", self.getaddrinfo)

    def getaddrinfo(self, host, port, *args, **kwargs):
        if host not in self.answers:
            return self._real(host, port, *args, **kwargs)
        sequence = self.answers[host]
        addresses = sequence[min(self.lookups[host], len(sequence) - 1)]
        self.lookups[host] += 1
        return [
            (socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (a, port))
            for a in addresses
        ]


@pytest.fixture
def public_is_public(monkeypatch, settings):
    """127.0.0.2 counts as public; nothing is allow-listed."""
    settings.HUB_OUTBOUND_ALLOWED_HOSTS = []
    monkeypatch.setattr(
        netsafety,
        "is_public_address",
        lambda address: address == ipaddress.ip_address(PUBLIC),
    )


def get(url: str, **options) -> httpx.Response:
    with make_client(timeout=5, **options) as client:
        response = safe_request(client, "GET", url)
        response.read()
        return response


def test_connection_goes_to_the_checked_address_when_dns_changes(
    servers, monkeypatch, public_is_public
):
    # The attack: public for the check, internal a moment later for the connection.
    resolver = Resolver(monkeypatch, {"partner.test": [[PUBLIC], [INTERNAL]]})
    port = servers[PUBLIC].port

    response = get(f"http://partner.test:{port}/feed")

    assert response.status_code == 200 and response.text == PUBLIC
    assert servers[PUBLIC].requests == [("/feed", f"partner.test:{port}")]
    assert servers[INTERNAL].connections == 0
    assert resolver.lookups["partner.test"] == 1  # resolved once, not again


def test_allow_listed_host_is_pinned_too(servers, monkeypatch, settings):
    settings.HUB_OUTBOUND_ALLOWED_HOSTS = ["partner.test"]
    Resolver(monkeypatch, {"partner.test": [[INTERNAL], [PUBLIC]]})

    response = get(f"http://partner.test:{servers[INTERNAL].port}/feed")

    assert response.text == INTERNAL
    assert servers[PUBLIC].connections == 0


def test_every_redirect_hop_is_checked_and_pinned(monkeypatch, public_is_public):
    final = Server(PUBLIC)
    internal = Server(INTERNAL, final.port)
    start = Server(PUBLIC, redirect=f"http://cdn.test:{final.port}/final")
    try:
        resolver = Resolver(
            monkeypatch,
            {"partner.test": [[PUBLIC]], "cdn.test": [[PUBLIC], [INTERNAL]]},
        )
        response = get(f"http://partner.test:{start.port}/start")
        assert response.text == PUBLIC
        assert final.requests == [("/final", f"cdn.test:{final.port}")]
        assert internal.connections == 0
        assert resolver.lookups == {"partner.test": 1, "cdn.test": 1}
    finally:
        for server in (final, internal, start):
            server.close()


def test_redirect_to_a_host_with_an_internal_address_is_refused(
    servers, monkeypatch, public_is_public
):
    start = Server(PUBLIC, redirect=f"http://cdn.test:{servers[INTERNAL].port}/x")
    try:
        Resolver(monkeypatch, {"partner.test": [[PUBLIC]], "cdn.test": [[INTERNAL]]})
        with pytest.raises(UnsafeURLError, match=r"internal address \(127.0.0.1\)"):
            get(f"http://partner.test:{start.port}/start")
        assert servers[INTERNAL].connections == 0
    finally:
        start.close()


@pytest.mark.parametrize(
    "answer", [[INTERNAL], [PUBLIC, INTERNAL]], ids=["internal", "one-of-two"]
)
def test_internal_address_is_refused_without_connecting(
    servers, monkeypatch, public_is_public, answer
):
    Resolver(monkeypatch, {"partner.test": [answer]})

    with pytest.raises(UnsafeURLError, match="internal address"):
        get(f"http://partner.test:{servers[INTERNAL].port}/feed")

    assert servers[INTERNAL].connections == 0
    assert servers[PUBLIC].connections == 0


def test_private_address_is_refused_by_the_default_rule(servers, monkeypatch, settings):
    settings.HUB_OUTBOUND_ALLOWED_HOSTS = []
    Resolver(monkeypatch, {"partner.test": [[INTERNAL]]})

    with pytest.raises(UnsafeURLError, match="internal address"):
        get(f"http://partner.test:{servers[INTERNAL].port}/feed")

    assert servers[INTERNAL].connections == 0


def test_unknown_host_is_refused(monkeypatch, settings):
    settings.HUB_OUTBOUND_ALLOWED_HOSTS = []
    Resolver(monkeypatch, {"gone.test": [[]]})
    with pytest.raises(UnsafeURLError, match="cannot be found"):
        get("http://gone.test/feed")


def test_backend_refuses_a_connection_nobody_checked(servers):
    with pytest.raises(httpcore.ConnectError, match="not checked"):
        PinnedBackend().connect_tcp(INTERNAL, servers[INTERNAL].port, timeout=2)
    assert servers[INTERNAL].connections == 0


def test_other_schemes_are_refused_by_the_transport(settings):
    settings.HUB_OUTBOUND_ALLOWED_HOSTS = []
    with (
        make_client(timeout=2) as client,
        pytest.raises(UnsafeURLError, match="Only http and https"),
    ):
        client.get("ftp://partner.test/feed")


@pytest.fixture
def certificate(tmp_path) -> tuple[str, str]:
    """A self-signed certificate for partner.test (made with the openssl tool)."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(  # noqa: S603
        [  # noqa: S607
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=partner.test",
            "-addext",
            "subjectAltName=DNS:partner.test",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return str(cert), str(key)


def test_tls_checks_the_host_name_not_the_pinned_address(
    certificate, monkeypatch, settings
):
    cert, key = certificate
    server = Server(INTERNAL)
    names: list[str | None] = []
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    context.sni_callback = lambda sock, name, ctx: names.append(name)
    server.httpd.socket = context.wrap_socket(server.httpd.socket, server_side=True)
    settings.HUB_OUTBOUND_ALLOWED_HOSTS = ["partner.test", "other.test"]
    Resolver(monkeypatch, {"partner.test": [[INTERNAL]], "other.test": [[INTERNAL]]})
    trust = ssl.create_default_context(cafile=cert)
    try:
        response = get(f"https://partner.test:{server.port}/feed", verify=trust)
        assert response.text == INTERNAL
        assert names == ["partner.test"]  # SNI names the host, not the address
        assert server.requests == [("/feed", f"partner.test:{server.port}")]

        # Same address, another name: the certificate does not match it.
        with pytest.raises(httpx.ConnectError, match="certificate"):
            get(f"https://other.test:{server.port}/feed", verify=trust)
        assert len(server.requests) == 1
    finally:
        server.close()
