"""Admin page search: Wagtail's database backend against its OpenSearch backend.

Run:  .venv/bin/python bench/admin_search.py [--pages 50000] [--repeat 30]
      [--workdir DIR (default: <temp>/hub-admin-search)]

Builds a CMS in ``--workdir`` (SQLite unless ``DATABASE_URL`` names another
database): the demo content plus ``--pages`` generated news pages in six
languages (``load_demo_data --scale``: page rows written in bulk with the paths
treebeard would give them, as imported content looks; one by one through
``add_child`` costs tens of milliseconds a page). The build is kept for the
next run of the same size. Both backends then index the same pages with
``update_index`` (timed), and the demo editor searches through the admin, as
the page search does while the editor types: the ``search_results`` view
(permission filter, autocomplete on titles, content-type facets, first 20
rendered) and the admin's query alone (``page_filter_search``: first 20 and
the count). Prints median and p95 per query and backend, the database/engine
ratio of the medians and the build and index times. The engine is a single
OpenSearch node started for the run (``tests/engine``, 512 MB heap) and
stopped at the end.
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "cms")]

#: What editors type: common and rare words, two words, Nordic letters, and a
#: prefix half typed (the admin searches as the editor types).
QUERIES = (
    "nordic",
    "labour market",
    "språkopplæring",
    "flykt",
    "kvinnor",
    "hälsa",
)
INDEX_PREFIX = "bench_admin_"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def setup_django(data: Path) -> None:
    os.environ["HUB_DATA_DIR"] = str(data)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    from cms.admin_search import import_opensearch_client

    import_opensearch_client()
    import django

    django.setup()
    # The engine's client logs every request, and each missing index that
    # update_index deletes before its first build.
    logging.getLogger("opensearch").setLevel(logging.ERROR)


def build(data: Path, pages: int) -> float:
    """The scaled CMS in ``data`` (kept between runs); seconds it took to build."""
    from django.core.management import call_command

    marker = data / "BENCH_BUILT"
    if marker.exists():
        return float(marker.read_text())
    started = time.perf_counter()
    quiet = io.StringIO()
    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_demo_data", scale=pages, stdout=quiet)
    call_command("create_demo_editor", stdout=quiet)
    seconds = time.perf_counter() - started
    marker.write_text(str(seconds))
    return seconds


def index(backends: dict[str, Any]) -> float:
    """Seconds ``update_index`` takes with ``backends`` as Wagtail's backends."""
    from django.core.management import call_command
    from django.test import override_settings

    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        started = time.perf_counter()
        call_command("update_index", stdout=io.StringIO())
        return time.perf_counter() - started


def measure(backends: dict[str, Any], repeat: int) -> dict[str, dict[str, Any]]:
    """Per query: view and query latencies (ms) and the number of pages found."""
    from django.contrib.auth import get_user_model
    from django.test import Client, override_settings
    from django.urls import reverse
    from wagtail.admin.views.pages.search import page_filter_search
    from wagtail.models import Page

    client = Client(HTTP_HOST="127.0.0.1")  # a host the dev settings allow
    client.force_login(get_user_model().objects.get(username="editor"))
    url = reverse("wagtailadmin_pages:search_results")
    figures: dict[str, dict[str, Any]] = {}
    with override_settings(WAGTAILSEARCH_BACKENDS=backends):
        for query in QUERIES:
            view_ms, query_ms = [], []
            found = 0
            for attempt in range(repeat + 2):  # two warm-up rounds
                started = time.perf_counter()
                response = client.get(url, {"q": query})
                view = time.perf_counter() - started
                if response.status_code != 200:
                    status = response.status_code
                    raise RuntimeError(f"admin search {query!r}: HTTP {status}")
                started = time.perf_counter()
                results, _all = page_filter_search(query, Page.objects.all())
                list(results[:20])
                found = results.count()
                bare = time.perf_counter() - started
                if attempt >= 2:
                    view_ms.append(view * 1000)
                    query_ms.append(bare * 1000)
            figures[query] = {"view": view_ms, "query": query_ms, "found": found}
    return figures


def report(figures: dict[str, dict[str, dict[str, Any]]]) -> None:
    database, engine = figures["database"], figures["engine"]
    print(
        f"{'query':<16} {'part':<6} {'found db/engine':>16} "
        f"{'database p50/p95 ms':>20} {'engine p50/p95 ms':>18} {'db/engine':>10}"
    )
    for query in QUERIES:
        for part in ("view", "query"):
            db, en = database[query][part], engine[query][part]
            found = f"{database[query]['found']}/{engine[query]['found']}"
            print(
                f"{query:<16} {part:<6} {found:>16} "
                f"{statistics.median(db):>9.1f} /{percentile(db, 0.95):>8.1f} "
                f"{statistics.median(en):>8.1f} /{percentile(en, 0.95):>7.1f} "
                f"{statistics.median(db) / statistics.median(en):>9.2f}x"
            )
    for part in ("view", "query"):
        db = [ms for q in QUERIES for ms in database[q][part]]
        en = [ms for q in QUERIES for ms in engine[q][part]]
        print(
            f"all queries, {part}: database p50 {statistics.median(db):.1f} ms "
            f"p95 {percentile(db, 0.95):.1f} ms; engine p50 "
            f"{statistics.median(en):.1f} ms p95 {percentile(en, 0.95):.1f} ms; "
            f"database/engine {statistics.median(db) / statistics.median(en):.2f}x"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pages", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=30, help="rounds per query")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=Path(tempfile.gettempdir()) / "hub-bench-admin-search",
    )
    args = parser.parse_args(argv)
    data = args.workdir / f"cms-{args.pages}"
    data.mkdir(parents=True, exist_ok=True)
    setup_django(data)

    from django.db import connection
    from wagtail.models import Page

    from cms.admin_search import DATABASE_BACKEND, wagtailsearch_backends
    from tests.engine.node import OPENSEARCH_VERSION, single_node

    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    kept = (data / "BENCH_BUILT").exists()
    built = build(data, args.pages)
    print(
        f"CMS ({connection.vendor}): demo content + {args.pages:,} generated pages "
        f"built in {built:.0f} s{' (kept from an earlier run)' if kept else ''}; "
        f"{Page.objects.count():,} pages"
    )
    database = {"default": {"BACKEND": DATABASE_BACKEND}}
    print(f"database backend: update_index {index(database):.1f} s")

    # A fresh node: one restarted on old indices (one replica each) stays yellow.
    shutil.rmtree(args.workdir / "engine", ignore_errors=True)
    node = single_node(args.workdir / "engine")
    try:
        engine = wagtailsearch_backends(
            {"SEARCH_URLS": node.url, "SEARCH_INDEX_PREFIX": INDEX_PREFIX}
        )
        print(f"OpenSearch {OPENSEARCH_VERSION}: update_index {index(engine):.1f} s")
        figures = {
            "database": measure(database, args.repeat),
            "engine": measure(engine, args.repeat),
        }
    finally:
        node.stop()
    report(figures)
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
