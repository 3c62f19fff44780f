"""Benchmark of the GraphQL service against a bare starlette ceiling.

Run (from the repository root, with wrk installed: ``apt-get install -y wrk``)::

    .venv/bin/python bench/graphql/run.py            # 5,000 and 50,000 items
    .venv/bin/python bench/graphql/run.py --sizes 5000 --duration 5

For each size it builds an embedded read model (kept in ``--workdir`` and
reused): by default the CMS's demo content scaled by that many generated
news pages in six languages with the demo's images, indexed by the CMS's own
``rebuild_search_index``; with ``--source generated``, generated documents of
every type written straight into the read model (quicker to build). Then, on
loopback only:

1. starts the service (uvicorn, 2 workers, httptools + uvloop) with the
   response cache off and measures (a) the uncached feed "20 newest news
   items in Danish with title, date, lead, URL and a 400-pixel rendition"
   and (b) a two-word search with four facets and highlights;
2. starts it again with the cache on and measures the cached feed;
3. starts a bare starlette endpoint on the same stack returning the same
   response bytes (``bench/graphql/ceiling.py``): the ceiling.

Each workload runs with wrk at 32 connections (throughput) and at 1
connection (latency). It prints requests/s, p50, p99, each workload's ratio
to the ceiling, the resident memory of each service worker, and the goals
(2 cores, 2 workers, 32 connections): cached feed >= 50% of the ceiling,
uncached feed >= 600 req/s, search >= 300 req/s, p99 < 20 ms at one
connection for the uncached feed and search, 50k within 1.5x of 5k, RSS
< 200 MB per worker.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from graphql_service.keys import write_key_file  # noqa: E402
from search.backends.embedded import EmbeddedBackend  # noqa: E402
from search.documents import Document, ImageInfo, Rendition  # noqa: E402
from search.testing import THEME_CONCEPTS, generate_documents  # noqa: E402

BENCH_KEY = "bench-key-000000000000"
FEED = (
    "query Feed($locale: LocaleCode!) { newsArticles(locale: $locale, first: 20) "
    "{ edges { node { id title date lead url "
    "image { alt rendition(width: 400) { url width height } } } } } }"
)
SEARCH = (
    "query Search($text: String!, $locale: LocaleCode!) { "
    "search(text: $text, locale: $locale, first: 10) { totalCount didYouMean "
    "facets { types { value count } themes { theme { slug name } count } "
    "countries { country { slug name } count } years { value count } } "
    "edges { node { id title url } highlights { title lead body } } } }"
)
SEARCH_TEXT = "integration arbejdsmarked"


@dataclass
class Result:
    workload: str
    connections: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int = 0
    cpu_ms_per_request: float = float("nan")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def bench_documents(count: int) -> Iterator[Document]:
    """Generated items; every news item gets an image and a realistic payload."""
    names = {slug: slug.replace("-", " ").capitalize() for slug in THEME_CONCEPTS}
    taxonomy_id = 0
    for slug, name in names.items():
        for locale in ("da", "nb", "sv", "fi", "is", "en"):
            taxonomy_id += 1
            yield Document(
                id=f"theme:{taxonomy_id}",
                type="theme",
                locale=locale,
                translation_key=f"theme-{slug}",
                title=name,
                published_at=datetime(2024, 1, 1, tzinfo=UTC),
                updated_at=datetime(2024, 1, 1, tzinfo=UTC),
                version=1,
                payload={"slug": slug, "name": name, "description": ""},
            )
    for document in generate_documents(count, seed=11):
        if document.type != "news":
            yield document
            continue
        number = document.translation_key.rsplit("-", 1)[-1]
        image = ImageInfo(
            alt=document.title,
            credit="Norden.org",
            width=1600,
            height=900,
            renditions=tuple(
                Rendition(spec, f"/media/images/{number}.{spec}.webp", w, h)
                for spec, w, h in (
                    ("fill-400x225", 400, 225),
                    ("fill-800x450", 800, 450),
                    ("width-1200", 1200, 675),
                )
            ),
        )
        yield replace(
            document,
            image=image,
            payload={
                "url": f"https://integrationnorden.org{document.url_path}",
                "seo_title": "",
                "search_description": document.lead,
                "date": document.sort_date.date().isoformat(),
                "body_html": f"<p>{document.body}</p>",
                "related": [],
            },
        )


def build_cms_index(workdir: Path, count: int) -> Path:
    """The CMS's demo content scaled by ``count`` generated news pages (with the
    demo's images), indexed by the CMS's own rebuild command."""
    data = workdir / f"cms-{count}"
    index = data / "search"
    marker = data / "BENCH_READY"
    if marker.exists():
        return index
    shutil.rmtree(data, ignore_errors=True)
    data.mkdir(parents=True)
    env = {**os.environ, "HUB_DATA_DIR": str(data)}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("SEARCH_PATH", None)
    manage = [sys.executable, str(REPO / "cms" / "manage.py")]
    started = time.perf_counter()
    for command in (
        ["migrate", "--noinput"],
        ["load_glossary"],
        ["load_demo_data", "--scale", str(count)],
        ["rebuild_search_index"],
    ):
        done = subprocess.run(  # noqa: S603 - our own manage.py
            [*manage, *command], env=env, capture_output=True, text=True
        )
        if done.returncode:
            raise RuntimeError(f"{' '.join(command)} failed:\n{done.stderr[-2000:]}")
    marker.write_text(str(count))
    print(
        f"  demo content + {count:,} generated pages indexed by the CMS in "
        f"{time.perf_counter() - started:.0f} s"
    )
    return index


def build_index(workdir: Path, count: int) -> Path:
    path = workdir / f"index-{count}"
    marker = path / "BENCH_READY"
    if marker.exists():
        return path
    shutil.rmtree(path, ignore_errors=True)
    started = time.perf_counter()
    backend = EmbeddedBackend(path)
    try:
        backend.bulk(bench_documents(count))
    finally:
        backend.close()
    marker.write_text(str(count))
    print(f"  built {count:,} items in {time.perf_counter() - started:.1f} s")
    return path


def wait_ready(base: str, workers: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    ready = 0
    while time.monotonic() < deadline and ready < workers * 5:
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=5) as response:  # noqa: S310
                ready += response.status == 200
        except OSError:
            time.sleep(0.2)
    if ready < workers * 5:
        raise RuntimeError(f"{base} did not become ready")


def start(
    app: str, port: int, env: dict[str, str], log: Path
) -> subprocess.Popen[bytes]:
    with open(log, "wb") as output:
        return subprocess.Popen(  # noqa: S603 - our interpreter, our modules
            [
                sys.executable,
                "-m",
                "uvicorn",
                app,
                "--factory",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                "2",
                "--http",
                "httptools",
                "--loop",
                "uvloop",
                "--log-level",
                "warning",
                "--no-access-log",
            ],
            env={**os.environ, "PYTHONPATH": str(REPO), **env},
            cwd=str(REPO),
            stdout=output,
            stderr=subprocess.STDOUT,
        )


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)


def worker_pids(master: int) -> list[int]:
    children: list[int] = []
    for task in Path(f"/proc/{master}/task").iterdir():
        text = (task / "children").read_text().split()
        children.extend(int(pid) for pid in text)
    return children


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of processes (their threads included)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def worker_rss_mb(master: int) -> list[float]:
    children = worker_pids(master)
    sizes = []
    for pid in children:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        if b"multiprocessing" in cmdline and b"resource_tracker" in cmdline:
            continue
        match = re.search(r"VmRSS:\s+(\d+) kB", status)
        if match:
            sizes.append(int(match.group(1)) / 1024)
    return sizes


def wrk(url: str, connections: int, duration: int, headers: dict[str, str]) -> Result:
    threads = min(2, connections)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run(  # noqa: S603
        [*command, url],
        capture_output=True,
        text=True,
        check=True,
        timeout=duration + 60,
    ).stdout

    def latency(label: str) -> float:
        match = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
        if not match:
            return float("nan")
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in", output)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    if socket_errors:
        print(f"    wrk socket errors: {socket_errors.group(1)}")
    return Result(
        workload="",
        connections=connections,
        requests_per_second=float(rps.group(1)) if rps else 0.0,
        p50_ms=latency("50%"),
        p99_ms=latency("99%"),
        errors=int(errors.group(1)) if errors else 0,
        requests=int(total.group(1)) if total else 0,
    )


def url_for(port: int, query: str, variables: dict[str, str]) -> str:
    params = urllib.parse.urlencode(
        {"query": query, "variables": json.dumps(variables)}
    )
    return f"http://127.0.0.1:{port}/graphql?{params}"


def measure(
    name: str, url: str, duration: int, headers: dict[str, str], master: int
) -> list[Result]:
    wrk(url, 8, 2, headers)  # warm-up
    results = []
    pids = worker_pids(master) or [master]
    for connections in (32, 1):
        before = cpu_seconds(pids)
        result = wrk(url, connections, duration, headers)
        used = cpu_seconds(pids) - before
        if result.requests:
            result.cpu_ms_per_request = used * 1000 / result.requests
        result.workload = name
        results.append(result)
        print(
            f"    {name:<16} c={connections:<3} "
            f"{result.requests_per_second:>9.0f} req/s"
            f"  p50 {result.p50_ms:6.2f} ms  p99 {result.p99_ms:6.2f} ms"
            f"  server CPU {result.cpu_ms_per_request:6.3f} ms/req"
            + (f"  ({result.errors} errors)" if result.errors else "")
        )
    return results


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def run_size(
    workdir: Path, count: int, duration: int, source: str = "cms"
) -> tuple[list[Result], list[float]]:
    print(f"\n== {count:,} items ({source}) ==")
    if source == "cms":
        index = build_cms_index(workdir, count)
    else:
        index = build_index(workdir, count)
    keys = workdir / "api_keys.json"
    write_key_file(
        keys, BENCH_KEY, key_id="bench", name="Benchmark", rate_limit_per_minute=10**8
    )
    env = {
        "SEARCH_BACKEND": "search.backends.embedded",
        "SEARCH_PATH": str(index),
        "HUB_API_KEYS_FILE": str(keys),
        "HUB_API_USAGE_DB": str(workdir / "usage.sqlite3"),
        "HUB_SEARCH_ANALYTICS_DB": str(workdir / "search_analytics.sqlite3"),
    }
    headers = {"X-API-Key": BENCH_KEY}
    results: list[Result] = []
    rss: list[float] = []
    feed_vars = {"locale": "da"}
    search_vars = {"text": SEARCH_TEXT, "locale": "da"}

    print(f"  service, response cache off (load average {load()})")
    port = free_port()
    process = start(
        "graphql_service.app:create_app",
        port,
        {**env, "GRAPHQL_RESPONSE_CACHE": "false"},
        workdir / f"uncached-{count}.log",
    )
    try:
        wait_ready(f"http://127.0.0.1:{port}", 2)
        results += measure(
            "feed uncached",
            url_for(port, FEED, feed_vars),
            duration,
            headers,
            process.pid,
        )
        results += measure(
            "search", url_for(port, SEARCH, search_vars), duration, headers, process.pid
        )
        rss += worker_rss_mb(process.pid)
    finally:
        stop(process)

    print(f"  service, response cache on (load average {load()})")
    port = free_port()
    process = start(
        "graphql_service.app:create_app", port, env, workdir / f"cached-{count}.log"
    )
    body_file = workdir / f"feed-{count}.json"
    try:
        wait_ready(f"http://127.0.0.1:{port}", 2)
        request = urllib.request.Request(  # noqa: S310 - http on loopback
            url_for(port, FEED, feed_vars), headers=headers
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            body = response.read()
        if b'"errors"' in body or b'"edges":[{' not in body:
            raise RuntimeError(f"unexpected feed response: {body[:300]!r}")
        body_file.write_bytes(body)
        results += measure(
            "feed cached",
            url_for(port, FEED, feed_vars),
            duration,
            headers,
            process.pid,
        )
        rss += worker_rss_mb(process.pid)
    finally:
        stop(process)

    print(f"  ceiling: bare starlette, same bytes (load average {load()})")
    port = free_port()
    process = start(
        "bench.graphql.ceiling:create_app",
        port,
        {"BENCH_BODY_FILE": str(body_file)},
        workdir / f"ceiling-{count}.log",
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/graphql", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        results += measure(
            "ceiling",
            f"http://127.0.0.1:{port}/graphql",
            duration,
            headers,
            process.pid,
        )
    finally:
        stop(process)
    print(
        f"  feed response: {len(body):,} bytes; worker RSS: "
        + ", ".join(f"{size:.0f} MB" for size in rss)
    )
    return results, rss


def report(all_results: dict[int, tuple[list[Result], list[float]]]) -> None:
    print("\n== summary (req/s at 32 connections; latency at 1 connection) ==")
    print(
        f"{'items':>7} {'workload':<16} {'req/s':>9} {'x ceiling':>10} "
        f"{'p50 ms':>8} {'p99 ms':>8} {'CPU ms/req':>11} {'2 cores':>9}"
    )
    goals: list[tuple[str, bool]] = []
    by_size: dict[int, dict[str, tuple[Result, Result]]] = {}
    for count, (results, rss) in all_results.items():
        table: dict[str, dict[int, Result]] = {}
        for result in results:
            table.setdefault(result.workload, {})[result.connections] = result
        ceiling = table["ceiling"][32].requests_per_second
        by_size[count] = {name: (rows[32], rows[1]) for name, rows in table.items()}
        for name, rows in table.items():
            many, one = rows[32], rows[1]
            capacity = 2000 / many.cpu_ms_per_request if many.cpu_ms_per_request else 0
            print(
                f"{count:>7} {name:<16} {many.requests_per_second:>9.0f} "
                f"{many.requests_per_second / ceiling:>9.0%} "
                f"{one.p50_ms:>8.2f} {one.p99_ms:>8.2f} "
                f"{many.cpu_ms_per_request:>11.3f} {capacity:>9.0f}"
            )
        cached = table["feed cached"][32].requests_per_second
        goals += [
            (f"{count}: cached feed >= 50% of ceiling", cached >= 0.5 * ceiling),
            (
                f"{count}: uncached feed >= 600 req/s",
                table["feed uncached"][32].requests_per_second >= 600,
            ),
            (
                f"{count}: search >= 300 req/s",
                table["search"][32].requests_per_second >= 300,
            ),
            (
                f"{count}: uncached feed p99 < 20 ms (1 conn)",
                table["feed uncached"][1].p99_ms < 20,
            ),
            (f"{count}: search p99 < 20 ms (1 conn)", table["search"][1].p99_ms < 20),
            (f"{count}: RSS < 200 MB per worker", bool(rss) and max(rss) < 200),
        ]
    sizes = sorted(by_size)
    if len(sizes) >= 2:
        small, large = by_size[sizes[0]], by_size[sizes[-1]]
        for name in ("feed uncached", "search", "feed cached"):
            ratio = small[name][0].requests_per_second / max(
                large[name][0].requests_per_second, 1e-9
            )
            goals.append(
                (
                    f"{name}: {sizes[-1]} within 1.5x of {sizes[0]} (x{ratio:.2f})",
                    ratio <= 1.5,
                )
            )
    print(
        "\n'CPU ms/req': CPU time the server processes used per request at 32 "
        "connections;\n'2 cores': 2000 / that, the rate two otherwise idle cores "
        "could serve\n(not counting wrk's own CPU). Compare with req/s when the "
        "machine was busy."
    )
    print("\n== goals ==")
    for label, ok in goals:
        print(f"  [{'ok' if ok else 'MISSED'}] {label}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument(
        "--workdir",
        type=Path,
        default=Path("/tmp/hub-bench-graphql"),  # noqa: S108
        help="where the read models are built (and reused)",
    )
    parser.add_argument(
        "--source",
        choices=("cms", "generated"),
        default="cms",
        help=(
            "cms: the demo content scaled through the CMS and its indexer (minutes "
            "to build at 50,000); generated: documents written straight into the "
            "read model (seconds)"
        ),
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install -y wrk")
        return 2
    args.workdir.mkdir(parents=True, exist_ok=True)
    print(f"cores: {os.cpu_count()}, load average {load()}")
    results = {
        size: run_size(args.workdir, size, args.duration, args.source)
        for size in args.sizes
    }
    report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
