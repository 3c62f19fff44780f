"""The CMS pods' nginx configuration, run by a real nginx (Debian's).

The file the Kubernetes ConfigMap and compose's ``web`` service mount is
started with its paths moved into a temporary folder and its ports onto free
loopback ports, in front of a small HTTP server standing in for gunicorn.
"""

from __future__ import annotations

import http.server
import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
CONFIG = REPO / "deploy" / "kubernetes" / "base" / "nginx.conf"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _Gunicorn(http.server.BaseHTTPRequestHandler):
    """Answers every request with the headers it was sent."""

    seen: list[dict[str, str]] = []

    def do_GET(self) -> None:
        type(self).seen.append({**dict(self.headers), "path": self.path})
        body = b"from the CMS"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def nginx(tmp_path_factory) -> Iterator[str]:
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        message = "Debian's nginx runs the CMS pods' nginx configuration"
        if os.environ.get("CI"):
            pytest.fail(message + ": apt-get install nginx-light")
        pytest.skip(message + ": not installed")
    root = tmp_path_factory.mktemp("nginx")
    (root / "data" / "static" / "css").mkdir(parents=True)
    (root / "data" / "static" / "css" / "site.css").write_text("body{}")
    (root / "data" / "media" / "images").mkdir(parents=True)
    (root / "data" / "media" / "images" / "a.jpg").write_bytes(b"\xff\xd8jpeg")
    (root / "data" / "media" / "documents").mkdir(parents=True)
    (root / "data" / "media" / "documents" / "private.pdf").write_bytes(b"%PDF")
    (root / "data" / "secret.txt").write_text("outside")

    backend = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Gunicorn)
    threading.Thread(target=backend.serve_forever, daemon=True).start()
    port = _free_port()
    server = (
        CONFIG.read_text("utf-8")
        .replace("listen 8080;", f"listen 127.0.0.1:{port};")
        .replace("/data/", f"{root}/data/")
        .replace("127.0.0.1:8000", f"127.0.0.1:{backend.server_address[1]}")
    )
    assert str(root) in server and str(port) in server
    (root / "server.conf").write_text(server)
    (root / "nginx.conf").write_text(
        # As root, workers would run as nobody, who cannot read the test folder.
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"pid {root}/nginx.pid;\nerror_log {root / 'error.log'};\n"
        + "daemon off;\nevents {}\nhttp {\n"
        + f"  access_log off;\n  include {root}/server.conf;\n"
        + "".join(
            f"  {name}_temp_path {root}/{name};\n"
            for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        + "}\n"
    )
    command = [binary, "-p", str(root), "-c", str(root / "nginx.conf")]
    checked = subprocess.run(  # noqa: S603 (fixed arguments)
        [*command, "-t"], capture_output=True, text=True, timeout=30, check=False
    )
    assert checked.returncode == 0, checked.stderr
    log = root / "error.log"
    process = subprocess.Popen(command)  # noqa: S603 (fixed arguments)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                httpx.get(base + "/static/css/site.css", timeout=1)
                break
            except httpx.TransportError:
                assert process.poll() is None, log.read_text()
                assert time.monotonic() < deadline, "nginx did not start"
                time.sleep(0.05)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
        backend.shutdown()
        backend.server_close()


def test_static_files_come_from_the_volume_and_may_be_cached(nginx) -> None:
    response = httpx.get(nginx + "/static/css/site.css")
    assert response.status_code == 200 and response.text == "body{}"
    assert "public" in response.headers["cache-control"]
    assert "max-age=604800" in response.headers["cache-control"]
    # The alias pitfall (a location without its slash) would read outside.
    for path in ("/static../secret.txt", "/media../secret.txt"):
        assert httpx.get(nginx + path).text != "outside", path


def test_media_is_served_but_documents_only_through_the_cms(nginx) -> None:
    image = httpx.get(nginx + "/media/images/a.jpg")
    assert image.status_code == 200 and image.content == b"\xff\xd8jpeg"
    assert image.headers["x-content-type-options"] == "nosniff"
    # Privacy of a document's collection is checked by the CMS's /documents/.
    assert httpx.get(nginx + "/media/documents/private.pdf").status_code == 404


def test_everything_else_goes_to_gunicorn_with_the_proxy_headers(nginx) -> None:
    _Gunicorn.seen.clear()
    response = httpx.get(
        nginx + "/en/news/?page=2",
        headers={
            "Host": "hub.example.org",
            "X-Forwarded-For": "203.0.113.7",
            "X-Forwarded-Proto": "https",
        },
    )
    assert response.status_code == 200 and response.text == "from the CMS"
    seen = _Gunicorn.seen[-1]
    assert seen["path"] == "/en/news/?page=2"
    assert seen["Host"] == "hub.example.org"
    # Unchanged: HUB_TRUSTED_PROXY_COUNT counts the proxies in front of the pod.
    assert seen["X-Forwarded-For"] == "203.0.113.7"
    assert seen["X-Forwarded-Proto"] == "https"
