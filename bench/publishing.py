"""Publish-to-searchable through the CMS, shared by the benchmarks.

A throwaway CMS (SQLite in a folder of its own) publishes news pages; each
publish writes an outbox row, an indexer thread drains the outbox into the
backend the ``SEARCH_*`` variables name (what ``run_indexer`` does, polling
every 0.25 s), and the caller's probe says when the page's unique word can be
found. Django is set up once per process, so the folder is fixed by the first
call of :func:`news_index`.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def news_index(data: Path) -> Any:
    """Set Django up on a new database in ``data``; return a live news index page."""
    sys.path[:0] = [str(ROOT), str(ROOT / "cms")]
    from search.lexicon import lexicon_path

    # Search keeps the hub's lexicon, not the (empty) one of the new data folder.
    os.environ.setdefault("SEARCH_LEXICON", str(lexicon_path()))
    os.environ["HUB_DATA_DIR"] = str(data)
    os.environ.pop("SEARCH_PATH", None)  # the index lives under the data folder
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    os.environ.setdefault("HUB_LOG_LEVEL", "WARNING")  # the figures, not the CMS's log
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from wagtail.models import Page, Site

    from core.models import HomePage
    from news.models import NewsIndexPage

    home = HomePage(title="Bench", slug="bench-home")
    Page.get_first_root_node().add_child(instance=home)
    index = NewsIndexPage(title="News", slug="news")
    home.add_child(instance=index)
    index.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )
    return index


@contextmanager
def indexer(writer: Any) -> Iterator[None]:
    """Drain the outbox into ``writer`` in a thread while the block runs."""
    from django.db import connection

    from indexing.worker import drain_once

    stop = threading.Event()

    def drain() -> None:
        while not stop.is_set():
            if not drain_once(writer).handled:
                time.sleep(0.25)
        connection.close()

    thread = threading.Thread(target=drain)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


def publish_latencies(
    index: Any,
    visible: Callable[[str], bool],
    samples: int,
    label: str = "bench",
    timeout: float = 10.0,
) -> list[float]:
    """Seconds from each publish until ``visible(word)`` holds for its word.

    Run inside :func:`indexer`. ``label`` (letters only) keeps words and slugs
    apart between runs on the same database.
    """
    from news.models import NewsPage

    latencies = []
    for n in range(samples):
        word = f"{label}word{n}x"
        article = NewsPage(title=f"Latency {word}", slug=f"{label}-latency-{n}")
        index.add_child(instance=article)
        started = time.perf_counter()
        article.save_revision().publish()
        while not visible(word):
            if time.perf_counter() - started > timeout:
                raise RuntimeError(f"not searchable within {timeout:.0f} s")
            time.sleep(0.01)
        latencies.append(time.perf_counter() - started)
    return latencies
