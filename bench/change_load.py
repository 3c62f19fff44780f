"""Change under load: the GraphQL service's throughput, latency, CPU and memory
while the indexer keeps writing, and the time from publish to searchable.

Run (from the repository root, with wrk installed)::

    .venv/bin/python bench/change_load.py                      # 5,000 and 50,000
    .venv/bin/python bench/change_load.py --sizes 5000 50000 500000
    .venv/bin/python bench/change_load.py --sizes 300 --duration 2 --rates 1
    .venv/bin/python bench/change_load.py --backend engine     # a tests/engine node
    .venv/bin/python bench/change_load.py --backend engine --search-url http://...
    .venv/bin/python bench/change_load.py --sizes 500000 --rates 0 10 --reindex

For each size it builds a read model of that many generated items (the
documents and build of ``bench/graphql/run.py --source generated``; embedded
read models are kept in ``--workdir`` and reused, ``--fresh`` rebuilds them),
starts the service as that benchmark does (uvicorn, ``--workers`` workers,
response cache off) and drives, one at a time, the uncached 20-item Danish
feed, a two-word search with four facets and highlights, and the same search
with another two-word text in each request ("search new text": the service
keeps a search's built query, facet counts and ranking while the read model
stays the same, which the one text always meets) with wrk at ``--connections``
connections. Each workload runs once per rate of
``--rates`` (changes per second, default 0 1 10 50), in that order:

* a writer process applies the changes through the backend's write path as
  the CMS indexer does (``bulk``, ``refresh``, ``set_watermark``: one batch
  of whatever is due, a 0.25 s sleep whenever nothing was; versions above
  the read model's watermark), alternately an edit of an existing item and
  a new news item published now; the new items are deleted again after the
  run, so the read model keeps its size (a 1 s warm-up before each run lets
  the workers catch up with that);
* while the load runs, a marker document with a word of its own is handed
  to the writer about every second and searched for through the service
  until found: publish-to-searchable. At rate 0 the markers are written
  after the load, on the idle service, so that rate stays free of writes.

It prints per size, workload and rate: the changes applied per second,
req/s, p50/p99, the service's CPU per request (the engine node's too, where
this run started it), the largest worker's RSS after the run and its own
memory (without the pages of the read model's mapped files, which all readers
share), publish-to-searchable (median, max), and the ratios to the same workload
without writes and at the smallest size; then build time and index size.
With ``--reindex``, each size ends with a full rebuild of its read model
(``reindex`` of every item, as ``rebuild_search_index`` does) while the
uncached feed is under load: the rebuild's duration, and the feed's
throughput and failed requests meanwhile.
``--json FILE`` writes the same figures as JSON.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import multiprocessing
import os
import random
import shutil
import statistics
import string
import sys
import threading
import time
import urllib.parse
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.graphql.run import (  # noqa: E402
    APP,
    FEED,
    HEADERS,
    PROBE,
    SEARCH,
    SEARCH_TEXT,
    Target,
    bench_documents,
    build_engine_index,
    build_index,
    cpu_seconds,
    get,
    load,
    service_env,
    serving,
    share_translation_cache,
    start_engine,
    url_for,
    worker_pids,
    worker_rss_mb,
    wrk,
)
from search.backends import get_backend  # noqa: E402
from search.backends.base import REFRESH_INTERVAL  # noqa: E402
from search.documents import Document  # noqa: E402
from search.glossary import Glossary  # noqa: E402
from tests.engine.node import EngineNode, EngineUnavailableError  # noqa: E402

#: The search again with another text in each request: two words of the
#: generated items' Danish vocabulary, in an order each wrk thread starts at
#: random. The service keeps a search's built query, facet counts and
#: ranking while the read model stays the same, which "search" (one text)
#: always meets and this workload seldom does.
NEW_TEXTS = "search new text"
WORKLOADS = {
    "feed uncached": (FEED, {"locale": "da"}),
    "search": (SEARCH, {"text": SEARCH_TEXT, "locale": "da"}),
    NEW_TEXTS: (SEARCH, {"text": SEARCH_TEXT, "locale": "da"}),
}
#: Texts of the "search new text" workload.
NEW_TEXT_COUNT = 20_000
#: Existing items the writer edits (the first generated ones: random dates).
POOL = 1000
#: How often the indexer looks for new outbox rows when it found none.
POLL_SECONDS = 0.25
MARKER_TIMEOUT = 10.0
IDLE_MARKERS = 5


# -- the writer process ---------------------------------------------------------


def write_changes(
    conn: Connection, env: dict[str, str], count: int, rate: float, tag: str
) -> None:
    """Apply ``rate`` changes a second to the read model ``env`` names until
    told to stop, as the indexer drains its outbox: a batch of whatever is
    due (the parent's markers included), written at once, then the rest of
    the refresh interval (``run_indexer --refresh-interval``), and a 0.25 s
    sleep whenever nothing was due.

    Messages in: ``("go",)``, ``("marker", word)``, ``("stop",)``; out:
    ``"ready"``, then the statistics.
    """
    os.environ.update(env)
    backend = get_backend()
    generated = (d for d in bench_documents(count) if d.type != "theme")
    pool = list(itertools.islice(generated, min(POOL, count)))
    news = [d for d in pool if d.type == "news"] or pool
    rng = random.Random(f"{tag}-{rate}")
    version = max(backend.watermark() or 0, 1)
    backend.bulk([])  # opens the writer (a running indexer's is open already)
    added: list[str] = []
    scheduled = applied = batches = 0
    write_seconds: list[float] = []
    conn.send("ready")
    conn.recv()  # go
    started = time.monotonic()
    running = True
    while running:
        # The indexer's loop: take what is due, write it, let the next changes
        # gather for the rest of the refresh interval; sleep when nothing was.
        began = time.monotonic()
        markers: list[str] = []
        while conn.poll():
            message = conn.recv()
            if message[0] == "stop":
                running = False
                break
            markers.append(message[1])
        elapsed = time.monotonic() - started
        due = int(elapsed * rate) + 1 - scheduled if running and rate else 0
        batch: list[Document] = []
        for _ in range(due):
            scheduled += 1
            version += 1
            if scheduled % 2:
                batch.append(edited(rng.choice(pool), version))
            else:
                batch.append(new_item(rng.choice(news), f"{tag}{scheduled}", version))
                added.append(batch[-1].id)
        for word in markers:
            version += 1
            marker = new_item(rng.choice(news), f"{tag}{word}", version, word, "en")
            batch.append(marker)
            added.append(marker.id)
        if batch:
            began = time.perf_counter()
            backend.bulk(batch)
            backend.refresh()
            backend.set_watermark(version)
            write_seconds.append(time.perf_counter() - began)
            applied += len(batch) - len(markers)
            batches += 1
            if running:
                time.sleep(max(0.0, REFRESH_INTERVAL - (time.monotonic() - began)))
        elif running:
            time.sleep(POLL_SECONDS)
    elapsed = time.monotonic() - started
    if added:  # unpublish what was added: the read model keeps its size
        version += 1
        backend.delete([(doc_id, version) for doc_id in added])
        backend.refresh()
        backend.set_watermark(version)
    backend.close()
    conn.send(
        {
            "changes_per_second": applied / elapsed if elapsed else 0.0,
            "batches": batches,
            "write_ms_median": 1000 * statistics.median(write_seconds)
            if write_seconds
            else 0.0,
        }
    )


def edited(document: Document, version: int) -> Document:
    now = datetime.now(UTC)
    return replace(
        document,
        title=f"{document.title} ({version})",
        lead=f"{document.lead} Updated.",
        updated_at=now,
        version=version,
    )


def new_item(
    model: Document, name: str, version: int, word: str = "", locale: str = ""
) -> Document:
    """A news item published now, shaped like ``model``."""
    now = datetime.now(UTC).replace(microsecond=0)
    locale = locale or model.locale
    path = f"/{locale}/news/{name}/"
    return replace(
        model,
        id=f"news:{name}-{locale}",
        translation_key=f"news-{name}",
        locale=locale,
        title=f"Latency {word}" if word else f"{model.title} {name}",
        url_path=path,
        published_at=now,
        updated_at=now,
        date=now,
        version=version,
        payload={
            **model.payload,
            "url": f"https://integrationnorden.org{path}",
            "date": now.date().isoformat(),
        },
    )


# -- one phase: a workload at one rate --------------------------------------------


def new_texts_script(folder: Path, port: int) -> Path:
    """A wrk script sending the search with :data:`NEW_TEXT_COUNT` texts."""
    words = sorted(
        {
            word
            for concept in Glossary.default()
            for term in concept.terms_in("da")
            for word in term.split()
            if len(word) >= 4 and word.isalpha()
        }
    )
    rng = random.Random(0)
    prefix, _ = url_for(port, SEARCH, {}).split("&variables=")
    path = prefix.split(f":{port}", 1)[1] + "&variables="
    texts = [" ".join(rng.sample(words, 2)) for _ in range(NEW_TEXT_COUNT)]
    encoded = [
        urllib.parse.quote(json.dumps({"text": text, "locale": "da"})) for text in texts
    ]
    script = folder / "new-texts.lua"
    script.write_text(
        "local path = " + json.dumps(path) + "\n"
        "local variables = {" + ",".join(json.dumps(item) for item in encoded) + "}\n"
        "local made = 0\n"
        "function setup(thread)\n"
        "  made = made + 1\n"
        '  thread:set("tid", made)\n'
        "end\n"
        "function init(args)\n"
        "  math.randomseed(os.time() * 1000 + tid)\n"
        "  position = math.random(#variables)\n"
        "end\n"
        "function request()\n"
        "  position = position % #variables + 1\n"
        '  return wrk.format("GET", path .. variables[position])\n'
        "end\n"
    )
    return script


@dataclass
class Row:
    items: int
    workload: str
    rate: float
    changes_per_second: float
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    cpu_ms_per_request: float
    rss_mb: float
    searchable_s: list[float] = field(default_factory=list)
    errors: int = 0
    write_ms_median: float = 0.0
    #: The largest worker's own memory (``RssAnon``), without mapped files.
    private_mb: float = math.nan

    @property
    def searchable_median(self) -> float:
        return statistics.median(self.searchable_s) if self.searchable_s else math.nan


class Writer:
    """The writer process of one phase, and the markers sent through it."""

    def __init__(self, env: dict[str, str], count: int, rate: float) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        tag = f"load{time.time_ns() % 10**10}r{int(rate)}"
        self.process = context.Process(
            target=write_changes, args=(child, env, count, rate, tag), daemon=True
        )
        self.process.start()
        child.close()
        if not self.conn.poll(120) or self.conn.recv() != "ready":
            raise RuntimeError("the writer did not start")
        self.lock = threading.Lock()
        self.random = random.Random()
        self.markers = 0
        self.probes = 0

    def go(self) -> None:
        self.conn.send(("go",))

    def searchable(self, port: int) -> float:
        """Seconds from handing a marker to the writer until a search finds it."""
        with self.lock:
            self.markers += 1
            # Letters only, far apart: a search corrects typos, so words one
            # edit apart would find each other.
            word = "".join(self.random.choices(string.ascii_lowercase, k=14))
            started = time.perf_counter()
            self.conn.send(("marker", word))
        url = url_for(port, PROBE, {"text": word, "locale": "en"})
        while time.perf_counter() - started < MARKER_TIMEOUT:
            self.probes += 1
            if json.loads(get(url))["data"]["search"]["totalCount"] > 0:
                return time.perf_counter() - started
            time.sleep(0.02)
        raise RuntimeError(f"marker not searchable within {MARKER_TIMEOUT:.0f} s")

    def stop(self) -> dict[str, float]:
        self.conn.send(("stop",))
        if not self.conn.poll(300):
            raise RuntimeError("the writer did not finish")
        stats: dict[str, float] = self.conn.recv()
        self.process.join(30)
        return stats


def phase(
    port: int,
    master: int,
    engine_pids: list[int],
    env: dict[str, str],
    count: int,
    workload: str,
    rate: float,
    args: argparse.Namespace,
) -> Row:
    query, variables = WORKLOADS[workload]
    url = url_for(port, query, variables)
    script = new_texts_script(args.workdir, port) if workload == NEW_TEXTS else None
    wrk(url, 8, 1, HEADERS)  # the workers catch up with the last run's writes
    writer = Writer(env, count, rate)
    latencies: list[float] = []
    failures: list[Exception] = []
    done = threading.Event()

    def markers() -> None:
        try:
            while not done.wait(1.0):
                latencies.append(writer.searchable(port))
        except (RuntimeError, OSError, ValueError, KeyError) as exc:  # raised below
            failures.append(exc)

    pids = worker_pids(master) + engine_pids
    before = cpu_seconds(pids)
    writer.go()
    thread = threading.Thread(target=markers)
    if rate:
        thread.start()
    result = wrk(url, args.connections, args.duration, HEADERS, script)
    done.set()
    if rate:
        thread.join()
    if failures:
        raise failures[0]
    used = cpu_seconds(pids) - before
    requests = result.requests + writer.probes
    if not rate:
        latencies = [writer.searchable(port) for _ in range(IDLE_MARKERS)]
    stats = writer.stop()
    rss = worker_rss_mb(master)
    private = worker_rss_mb(master, "RssAnon")
    row = Row(
        items=count,
        workload=workload,
        rate=rate,
        changes_per_second=stats["changes_per_second"],
        requests_per_second=result.requests_per_second,
        p50_ms=result.p50_ms,
        p99_ms=result.p99_ms,
        cpu_ms_per_request=used * 1000 / requests if requests else math.nan,
        rss_mb=max(rss, default=math.nan),
        private_mb=max(private, default=math.nan),
        searchable_s=latencies,
        errors=result.errors,
        write_ms_median=stats["write_ms_median"],
    )
    print(
        f"    {workload:<15} {rate:>4g}/s (applied {row.changes_per_second:5.1f}/s)"
        f" {row.requests_per_second:>7.0f} req/s  p50 {row.p50_ms:6.2f}"
        f"  p99 {row.p99_ms:6.2f} ms  CPU {row.cpu_ms_per_request:6.3f} ms/req"
        f"  RSS {row.rss_mb:4.0f} MB (own {row.private_mb:3.0f})"
        f"  searchable {row.searchable_median:5.2f} s"
        + (f"  ({row.errors} errors)" if row.errors else "")
    )
    return row


def run_size(
    args: argparse.Namespace,
    target: Target,
    count: int,
    engine_pids: list[int],
    rebuilds: list[Rebuild],
) -> list[Row]:
    env = {**service_env(args.workdir, target.env), "GRAPHQL_RESPONSE_CACHE": "false"}
    log = args.workdir / f"service-{target.backend}-{count}.log"
    rows = []
    print(f"  service, {args.workers} workers (load average {load()})")
    with serving(APP, env, log, workers=args.workers) as (port, master):
        for workload, (query, variables) in WORKLOADS.items():
            body = get(url_for(port, query, variables))
            if b'"errors"' in body or b'"edges":[{' not in body:
                raise RuntimeError(f"unexpected {workload} response: {body[:300]!r}")
            wrk(url_for(port, query, variables), 8, 2, HEADERS)  # warm-up
            for rate in args.rates:
                rows.append(
                    phase(
                        port,
                        master,
                        engine_pids,
                        target.env,
                        count,
                        workload,
                        rate,
                        args,
                    )
                )
        if args.reindex:
            rebuilds.append(rebuild_under_load(port, target.env, count, args))
    return rows


# -- a full rebuild under load ---------------------------------------------------------


@dataclass
class Rebuild:
    items: int
    seconds: float
    requests_per_second: float
    p99_ms: float
    errors: int
    runs: int


def rebuild(conn: Connection, env: dict[str, str], count: int) -> None:
    """Rebuild the read model ``env`` names from every item (a child process)."""
    os.environ.update(env)
    backend = get_backend()
    conn.recv()  # go
    started = time.perf_counter()
    backend.reindex(bench_documents(count))
    seconds = time.perf_counter() - started
    backend.close()
    conn.send(seconds)


def rebuild_under_load(
    port: int, env: dict[str, str], count: int, args: argparse.Namespace
) -> Rebuild:
    """Rebuild while wrk keeps the uncached feed busy in short runs."""
    query, variables = WORKLOADS["feed uncached"]
    url = url_for(port, query, variables)
    context = multiprocessing.get_context("spawn")
    conn, child = context.Pipe()
    process = context.Process(target=rebuild, args=(child, env, count), daemon=True)
    process.start()
    child.close()
    conn.send(("go",))
    requests = seconds = 0.0
    errors = runs = 0
    worst = 0.0
    while not conn.poll():
        result = wrk(url, args.connections, 5, HEADERS)
        requests += result.requests
        seconds += 5
        errors += result.errors
        worst = max(worst, result.p99_ms)
        runs += 1
    took: float = conn.recv()
    process.join(60)
    body = get(url)  # the rebuilt read model serves
    if b'"edges":[{' not in body:
        raise RuntimeError(f"no feed after the rebuild: {body[:300]!r}")
    row = Rebuild(
        count, took, requests / seconds if seconds else 0.0, worst, errors, runs
    )
    print(
        f"    rebuild of {count:,} items under load: {took:.0f} s; feed "
        f"{row.requests_per_second:.0f} req/s meanwhile, worst p99 {worst:.0f} ms, "
        f"{errors} failed requests"
    )
    return row


# -- report -------------------------------------------------------------------------


def ratio(value: float, base: float) -> str:
    if not base or math.isnan(base) or math.isnan(value):
        return "n/a"
    return f"{value / base:.2f}x"


def report(
    rows: list[Row], targets: dict[int, Target], backend: str, reused: set[int]
) -> None:
    print(f"\n== change under load ({backend}; req/s and latency under wrk) ==")
    print(
        f"{'items':>7} {'workload':<15} {'rate':>5} {'applied':>7} {'req/s':>7} "
        f"{'p50 ms':>7} {'p99 ms':>7} {'CPU ms':>7} {'RSS MB':>7} {'own MB':>7} "
        f"{'pub->search s':>13} {'req/s/0':>7} {'p99/0':>6} {'CPU/0':>6} "
        f"{'req/s/N0':>8}"
    )
    key = {(r.items, r.workload, r.rate): r for r in rows}
    smallest = min(r.items for r in rows)
    for row in rows:
        calm = key.get((row.items, row.workload, 0.0))
        small = key.get((smallest, row.workload, row.rate))
        rps = row.requests_per_second
        calm_cpu = calm.cpu_ms_per_request if calm else math.nan
        searchable = (
            f"{row.searchable_median:.2f}/{max(row.searchable_s):.2f}"
            if row.searchable_s
            else "n/a"
        )
        print(
            f"{row.items:>7} {row.workload:<15} {row.rate:>5g} "
            f"{row.changes_per_second:>7.1f} {row.requests_per_second:>7.0f} "
            f"{row.p50_ms:>7.2f} {row.p99_ms:>7.2f} {row.cpu_ms_per_request:>7.3f} "
            f"{row.rss_mb:>7.0f} {row.private_mb:>7.0f} {searchable:>13} "
            f"{ratio(rps, calm.requests_per_second if calm else math.nan):>7} "
            f"{ratio(row.p99_ms, calm.p99_ms if calm else math.nan):>6} "
            f"{ratio(row.cpu_ms_per_request, calm_cpu):>6} "
            f"{ratio(rps, small.requests_per_second if small else math.nan):>8}"
        )
    print(
        "\n'rate': changes/s asked, 'applied': written (edits and new items, markers "
        "not counted);\n'CPU ms': the service's CPU per request (and the engine "
        "node's where this run started it);\n'RSS MB': the largest worker after the "
        "run, with the pages of the read model's files it mapped (shared, dropped "
        "first\nwhen memory is short); 'own MB': its own memory (RssAnon); "
        "'pub->search s': publish-to-searchable median/max\n(at rate 0 measured "
        "after the load); '/0': over the same workload without writes;\n'req/s/N0': "
        "over the smallest size at the same rate."
    )
    print("\n== read models ==")
    print(f"{'items':>7} {'build s':>8} {'index MB':>9}")
    for count, target in targets.items():
        print(
            f"{count:>7} {target.build_seconds:>8.1f} {target.size_mb:>9.1f}"
            + ("  (built by an earlier run)" if count in reused else "")
        )


# -- main -----------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument(
        "--rates",
        type=float,
        nargs="+",
        default=[0, 1, 10, 50],
        help="changes per second (0: no writes)",
    )
    parser.add_argument("--backend", choices=("embedded", "engine"), default="embedded")
    parser.add_argument(
        "--search-url",
        default=None,
        help="an engine already running (default: start a tests/engine node)",
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per run")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--workdir",
        type=Path,
        default=Path("/tmp/hub-bench-change-load"),  # noqa: S108
        help="where the read models are built (embedded ones are reused)",
    )
    parser.add_argument("--fresh", action="store_true", help="rebuild read models")
    parser.add_argument(
        "--reindex", action="store_true", help="end each size with a rebuild under load"
    )
    parser.add_argument("--json", type=Path, default=None, help="write figures here")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install -y wrk")
        return 2
    if any(rate < 0 for rate in args.rates) or min(args.sizes) < 1:
        parser.error("sizes must be positive and rates not negative")
    args.workdir.mkdir(parents=True, exist_ok=True)
    share_translation_cache(args.workdir)
    print(f"cores: {os.cpu_count()}, load average {load()}")
    node: EngineNode | None = None
    url = args.search_url
    if args.backend == "engine" and url is None:
        try:
            node = start_engine(args.workdir / "engine")
        except EngineUnavailableError as exc:
            print(f"engine backend unavailable: {exc}")
            return 2
        url = node.url
    rows: list[Row] = []
    rebuilds: list[Rebuild] = []
    targets: dict[int, Target] = {}
    reused: set[int] = set()
    try:
        for count in args.sizes:
            print(f"\n== {count:,} items ({args.backend}) ==")
            if args.backend == "engine":
                assert url is not None
                target = build_engine_index(
                    args.workdir, url, node.pid if node else None, count, "generated"
                )
            else:
                folder = args.workdir / f"index-{count}"
                if args.fresh:
                    shutil.rmtree(folder, ignore_errors=True)
                if (folder / "BENCH_BUILT").exists():
                    reused.add(count)
                target = build_index(args.workdir, count)
            targets[count] = target
            rows += run_size(args, target, count, target.engine_pids, rebuilds)
    finally:
        if node is not None:
            node.stop()
    report(rows, targets, args.backend, reused)
    if rebuilds:
        print("\n== full rebuild under load (uncached feed) ==")
        print(
            f"{'items':>7} {'rebuild s':>9} {'req/s':>7} {'worst p99':>9} {'failed':>6}"
        )
        for item in rebuilds:
            print(
                f"{item.items:>7} {item.seconds:>9.0f} "
                f"{item.requests_per_second:>7.0f} {item.p99_ms:>9.0f} "
                f"{item.errors:>6}"
            )
    if args.json:
        figures = {
            "backend": args.backend,
            "workers": args.workers,
            "connections": args.connections,
            "duration": args.duration,
            "rows": [asdict(row) for row in rows],
            "rebuilds": [asdict(item) for item in rebuilds],
            "read_models": {
                str(count): {
                    "build_s": t.build_seconds,
                    "index_mb": t.size_mb,
                    "reused": count in reused,
                }
                for count, t in targets.items()
            },
        }
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
