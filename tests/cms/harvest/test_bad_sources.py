"""Bad sources are recorded on the source and never stop the harvester."""

from __future__ import annotations

import gzip

import pytest

from harvest.choices import RunStatus
from harvest.harvester import harvest_due, harvest_source
from tests.cms.harvest.conftest import rss, rss_item

pytestmark = pytest.mark.django_db

HTML_PAGE = (
    b"<!DOCTYPE html><html><head><title>Welcome</title></head><body></body></html>"
)


def assert_failed(source, result, fragment: str) -> None:
    assert result.failed, result
    assert fragment in result.error
    source.refresh_from_db()
    assert source.last_status == RunStatus.FAILED
    assert fragment in source.last_error and source.consecutive_failures == 1
    assert source.last_error_at is not None and source.error_summary()
    assert source.items.count() == 0


@pytest.mark.parametrize(
    ("route", "fragment"),
    [
        ({"body": b"<rss><channel><title>x</ti\x00tle>"}, "not a valid RSS"),
        ({"body": HTML_PAGE, "content_type": "text/html"}, "web page (HTML)"),
        ({"body": b"", "status": 404}, "HTTP 404"),
        ({"body": b"boom", "status": 500}, "HTTP 500"),
        ({"body": b"", "status": 200}, "empty response"),
        ({"body": rss(rss_item("x")), "delay": 1.5}, "did not answer within"),
        ({"endless": True}, "larger than 5 MB"),
        (
            {"body": b"tiny", "headers": {"Content-Length": str(50 * 1024 * 1024)}},
            "larger than 5 MB",
        ),
        (
            {
                "body": gzip.compress(b" " * (20 * 1024 * 1024)),
                "headers": {"Content-Encoding": "gzip"},
            },
            "larger than 5 MB",
        ),
        (
            {"body": b"x", "headers": {"Content-Encoding": "br"}},
            "unsupported encoding",
        ),
    ],
    ids=[
        "invalid-xml",
        "html-page",
        "404",
        "500",
        "empty",
        "timeout",
        "endless-stream",
        "declared-huge",
        "gzip-bomb",
        "unknown-encoding",
    ],
)
def test_bad_response_is_recorded(feed_server, make_source, route, fragment):
    source = make_source(feed_server.serve("/feed", **route))
    result = harvest_source(source)
    assert_failed(source, result, fragment)


def test_endless_response_is_not_read_to_the_end(feed_server, make_source):
    source = make_source(feed_server.serve("/feed", endless=True))
    harvest_source(source)
    # The server stops when the harvester hangs up, long before its own 64 MB cap.
    assert feed_server.endless_sent < 32 * 1024 * 1024


def test_slow_drip_is_cut_off_at_the_deadline(feed_server, make_source, settings):
    settings.HARVEST_DEADLINE = 1.0
    source = make_source(feed_server.serve("/feed", drip=0.1))
    assert_failed(source, harvest_source(source), "took longer than 1 seconds")


def test_connection_refused_is_recorded(make_source, closed_port):
    source = make_source(f"http://127.0.0.1:{closed_port}/feed")
    assert_failed(source, harvest_source(source), "Cannot connect")


def test_redirect_to_an_internal_address_is_refused(feed_server, make_source):
    internal = f"http://localhost:{feed_server.port}/secret"
    feed_server.serve("/secret", rss(rss_item("secret")))
    source = make_source(feed_server.serve("/feed", redirect=internal))
    assert_failed(source, harvest_source(source), "internal address")
    assert feed_server.requests_to("/secret") == []


def test_redirect_loop_is_refused(feed_server, make_source):
    source = make_source(feed_server.serve("/feed", redirect="/feed"))
    assert_failed(source, harvest_source(source), "Too many redirects")


def test_internal_address_is_refused_without_a_request(make_source, settings):
    settings.HUB_OUTBOUND_ALLOWED_HOSTS = []
    source = make_source("http://127.0.0.1:9/feed")
    assert_failed(source, harvest_source(source), "internal address")


def test_wrong_json_is_recorded_for_a_json_feed(feed_server, make_source):
    url = feed_server.serve("/feed.json", b"[1, 2", content_type="application/json")
    source = make_source(url, kind="json_feed")
    assert_failed(source, harvest_source(source), "not valid JSON")


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        # Declared utf-8, written in latin-1.
        (rss(rss_item("m", title="Malmö – Århus"), encoding="cp1252"), "text/xml"),
        # No declaration at all, latin-1 bytes, no charset in the header.
        (
            rss(rss_item("m", title="Malmö – Århus"))
            .replace(b' encoding="utf-8"', b"")
            .decode()
            .encode("cp1252"),
            "application/xml",
        ),
    ],
    ids=["wrong-declaration", "undeclared"],
)
def test_wrong_or_missing_encoding_is_read_with_a_warning(
    feed_server, make_source, body, content_type
):
    source = make_source(feed_server.serve("/feed", body, content_type=content_type))
    result = harvest_source(source)
    assert result.status == RunStatus.WARNING and result.created == 1
    assert source.items.get().title == "Malmö – Århus"
    source.refresh_from_db()
    assert "encoding" in source.last_warning and source.last_error == ""


def test_gzip_compressed_feed_is_read(feed_server, make_source):
    body = gzip.compress(rss(rss_item("zipped")))
    url = feed_server.serve("/feed", body, headers={"Content-Encoding": "gzip"})
    source = make_source(url)
    assert harvest_source(source).created == 1


def test_one_bad_source_does_not_block_a_good_one(
    feed_server, make_source, closed_port, monkeypatch
):
    slow = make_source(feed_server.serve("/slow", rss(), delay=1.5), name="slow")
    refused = make_source(f"http://127.0.0.1:{closed_port}/feed", name="refused")
    broken = make_source(feed_server.serve("/broken", HTML_PAGE), name="broken")
    good = make_source(feed_server.serve("/good", rss(rss_item("ok"))), name="good")

    results = harvest_due()

    assert {r.source: r.failed for r in results} == {
        "slow": True,
        "refused": True,
        "broken": True,
        "good": False,
    }
    assert good.items.count() == 1
    for source in (slow, refused, broken):
        source.refresh_from_db()
        assert source.last_status == RunStatus.FAILED and source.last_error


def test_unexpected_error_is_recorded_and_the_run_goes_on(
    feed_server, make_source, monkeypatch
):
    import harvest.harvester

    first = make_source(feed_server.serve("/a", rss(rss_item("a"))), name="first")
    second = make_source(feed_server.serve("/b", rss(rss_item("b"))), name="second")
    real_store = harvest.harvester.store

    def store(source, parsed, now):
        if source.pk == first.pk:
            raise RuntimeError("a bug")
        return real_store(source, parsed, now)

    monkeypatch.setattr(harvest.harvester, "store", store)
    results = harvest_due()
    assert [r.failed for r in results] == [True, False]
    first.refresh_from_db()
    assert "Unexpected error: RuntimeError: a bug" in first.last_error
    assert second.items.count() == 1
