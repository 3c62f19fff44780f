"""Outbound URLs typed in by staff or partners never reach internal addresses."""

from __future__ import annotations

import http.server
import threading

import pytest

from core.netsafety import UnsafeURLError, check_url, make_client, safe_request


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.org/feed",
        "file:///etc/passwd",
        "http://127.0.0.1/",
        "http://localhost:8000/",
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://169.254.169.254/latest/meta-data",
        "http://[::1]/",
        "http:///nohost",
    ],
)
def test_internal_and_odd_urls_are_refused(url, settings):
    settings.HUB_OUTBOUND_ALLOWED_HOSTS = []
    with pytest.raises(UnsafeURLError):
        check_url(url)


def test_public_address_is_allowed(settings):
    settings.HUB_OUTBOUND_ALLOWED_HOSTS = []
    check_url("http://93.184.215.14/feed.xml")  # a literal public address, no lookup


def test_allow_list_admits_a_host(settings):
    settings.HUB_OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    check_url("http://127.0.0.1:9/")


def test_redirect_to_internal_address_is_refused(settings):
    class Redirect(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(302)
            self.send_header("Location", "http://169.254.169.254/latest/meta-data")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Redirect)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.HUB_OUTBOUND_ALLOWED_HOSTS = ["127.0.0.1"]
    try:
        with (
            make_client(timeout=5) as client,
            pytest.raises(UnsafeURLError, match="internal address"),
        ):
            safe_request(client, "GET", f"http://127.0.0.1:{server.server_port}/feed")
    finally:
        server.shutdown()
        server.server_close()
