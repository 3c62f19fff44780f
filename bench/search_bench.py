"""Search read-model benchmark: indexing rate and latency at 5,000 and 50,000 docs.

Run:  .venv/bin/python bench/search_bench.py [--sizes 5000 50000] [--queries 500]

Prints documents/s for a full reindex, p50/p99 for a two-word query with four facets
and highlights, p50/p99 for a filtered date-sorted feed of 20, the ratio of the
50,000 figures to the 5,000 ones, and the publish-to-searchable latency through the
CMS outbox and indexer. Goals (embedded backend, 2 cores): reindex of 50,000 docs
under 60 s, search p99 under 20 ms, 50,000 no more than 2x 5,000.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "cms")]

from bench.publishing import indexer, news_index, publish_latencies  # noqa: E402
from search.backends.embedded import EmbeddedBackend  # noqa: E402
from search.query import Facet, SearchQuery  # noqa: E402
from search.testing import generate_documents  # noqa: E402

TWO_WORD = [
    ("flygtninge arbejdsmarked", "da"),
    ("flyktninger arbeidsmarked", "nb"),
    ("flyktingar arbetsmarknad", "sv"),
    ("refugees employment", "en"),
    ("kotoutuminen työmarkkinat", "fi"),
    ("språkopplæring kommune", "nb"),
    ("integration bolig", "da"),
    ("utbildning kvinnor", "sv"),
]
FACETS: tuple[Facet, ...] = ("type", "locale", "themes", "countries")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def measure(backend: EmbeddedBackend, queries: int, seed: int) -> dict[str, float]:
    rng = random.Random(seed)
    search_ms, feed_ms = [], []
    for _ in range(50):  # warm caches
        backend.search(SearchQuery(text="integration", locale="en"))
    for _ in range(queries):
        text, locale = rng.choice(TWO_WORD)
        started = time.perf_counter()
        backend.search(
            SearchQuery(
                text=text, locale=locale, facets=FACETS, highlight=True, first=20
            )
        )
        search_ms.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        backend.search(
            SearchQuery(
                locale="da",
                cross_language=False,
                types=("news",),
                sort="date_desc",
                first=20,
            )
        )
        feed_ms.append((time.perf_counter() - started) * 1000)
    return {
        "search_p50": statistics.median(search_ms),
        "search_p99": percentile(search_ms, 0.99),
        "feed_p50": statistics.median(feed_ms),
        "feed_p99": percentile(feed_ms, 0.99),
    }


def run_size(size: int, queries: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="hub-bench-") as folder:
        backend = EmbeddedBackend(Path(folder) / "index")
        documents = list(generate_documents(size, seed=size))
        started = time.perf_counter()
        backend.reindex(documents)
        seconds = time.perf_counter() - started
        figures = {"docs": size, "reindex_s": seconds, "docs_per_s": size / seconds}
        figures.update(measure(backend, queries, seed=size))
        backend.close()
        return figures


def publish_to_searchable(samples: int = 5) -> list[float]:
    """Publish news in the CMS and time until a second backend instance finds it."""
    index = news_index(Path(tempfile.mkdtemp(prefix="hub-bench-cms-")))
    from django.conf import settings

    from indexing.backend import get_search_backend

    writer = get_search_backend()
    reader = EmbeddedBackend(settings.SEARCH_PATH)
    try:
        with indexer(writer):
            return publish_latencies(
                index,
                lambda word: (
                    reader.search(SearchQuery(text=word, locale="en")).total > 0
                ),
                samples,
            )
    finally:
        reader.close()
        writer.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5000, 50000])
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--skip-publish", action="store_true")
    args = parser.parse_args()
    results = [run_size(size, args.queries) for size in args.sizes]
    print(
        f"{'docs':>7} {'reindex s':>9} {'docs/s':>8} {'search p50':>10} "
        f"{'search p99':>10} {'feed p50':>8} {'feed p99':>8}  (ms)"
    )
    for r in results:
        print(
            f"{r['docs']:>7} {r['reindex_s']:>9.1f} {r['docs_per_s']:>8.0f} "
            f"{r['search_p50']:>10.2f} {r['search_p99']:>10.2f} "
            f"{r['feed_p50']:>8.2f} {r['feed_p99']:>8.2f}"
        )
    if len(results) >= 2:
        small, large = results[0], results[-1]
        print(
            f"ratio {large['docs']}/{small['docs']}: search p50 "
            f"{large['search_p50'] / small['search_p50']:.2f}x, p99 "
            f"{large['search_p99'] / small['search_p99']:.2f}x; feed p50 "
            f"{large['feed_p50'] / small['feed_p50']:.2f}x"
        )
    if not args.skip_publish:
        latencies = publish_to_searchable()
        print(
            f"publish-to-searchable: median {statistics.median(latencies):.2f} s, "
            f"max {max(latencies):.2f} s over {len(latencies)} publishes"
        )


if __name__ == "__main__":
    main()
