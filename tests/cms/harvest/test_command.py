"""``manage.py harvest``: due sources once, chosen sources, and the loop."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from tests.cms.harvest.conftest import rss, rss_item

pytestmark = pytest.mark.django_db


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("harvest", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_once_harvests_due_sources_and_reports_failures(
    feed_server, make_source, closed_port
):
    make_source(feed_server.serve("/good", rss(rss_item("a"))), name="Good")
    make_source(f"http://127.0.0.1:{closed_port}/", name="Down")
    make_source(
        feed_server.serve("/off", rss(rss_item("b"))), name="Off", is_active=False
    )

    out, err = run("--once")

    assert "Good: ok, 1 new" in out
    assert "Down: failed: Cannot connect" in err
    assert "Off" not in out + err
    out, _err = run()  # nothing is due any more
    assert out.strip() == "No source is due."


def test_source_option_harvests_now_even_when_inactive(feed_server, make_source):
    source = make_source(
        feed_server.serve("/feed", rss(rss_item("a"))), name="Demo", is_active=False
    )
    source.last_run_at = timezone.now()
    source.save()

    out, _err = run("--source", "Demo")

    assert "Demo: ok, 1 new" in out
    assert source.items.count() == 1
    out, _err = run("--source", str(source.pk))
    assert "Demo: ok, 0 new, 0 updated, 1 unchanged" in out


def test_unknown_source_is_an_error(db):
    with pytest.raises(CommandError, match="No external source"):
        run("--source", "nope")


def test_loop_harvests_each_pass(feed_server, make_source):
    source = make_source(feed_server.serve("/feed", rss(rss_item("a"))), name="Loop")
    out, _err = run("--loop", "--force", "--sleep", "0", "--max-passes", "2")
    assert out.count("Loop: ok") == 2
    assert len(feed_server.requests_to("/feed")) == 2
    assert source.items.count() == 1
