"""Reading a Prometheus exposition in tests: ``(name, labels) -> value``."""

from __future__ import annotations

from collections.abc import Callable

from prometheus_client.parser import text_string_to_metric_families

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def samples(text: str) -> Samples:
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def value(scraped: Samples, name: str, **labels: str) -> float:
    """A sample's value (0 when absent, as a counter not yet counted)."""
    return scraped.get((name, tuple(sorted(labels.items()))), 0.0)


def cms_scraper(client, settings) -> Callable[[], Samples]:
    """Scrapes the CMS's ``/metrics`` (switched on, no token) with ``client``."""
    settings.HUB_METRICS = True
    settings.HUB_METRICS_TOKEN = ""

    def get() -> Samples:
        response = client.get("/metrics")
        assert response.status_code == 200
        return samples(response.content.decode())

    return get
