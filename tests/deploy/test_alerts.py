"""The alerting rules name series the code exports, and each one is explained.

An alert on a series nobody exports never fires; one without a runbook entry
wakes someone who does not know what to do.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
ALERTS = REPO / "deploy" / "prometheus" / "alerts.yaml"
RUNBOOK = REPO / "deploy" / "README.md"
METRIC_TYPES = {
    "Counter",
    "Gauge",
    "Histogram",
    "Summary",
    "CounterMetricFamily",
    "GaugeMetricFamily",
    "HistogramMetricFamily",
}
#: What prometheus-client adds to a metric's name in the series it exposes.
SUFFIXES = ("", "_total", "_bucket", "_sum", "_count", "_created")
SEVERITIES = {"critical", "warning", "info"}


def exported_metrics() -> set[str]:
    """Names given to prometheus-client's metric types in the product's code."""
    names: set[str] = set()
    for folder in ("cms", "graphql_service", "search"):
        for path in (REPO / folder).rglob("*.py"):
            text = path.read_text("utf-8")
            if "prometheus_client" not in text:
                continue
            for node in ast.walk(ast.parse(text)):
                if not (isinstance(node, ast.Call) and node.args):
                    continue
                func = node.func
                name = func.id if isinstance(func, ast.Name) else None
                if isinstance(func, ast.Attribute):
                    name = func.attr
                first = node.args[0]
                if name in METRIC_TYPES and isinstance(first, ast.Constant):
                    names.add(str(first.value))
    return names


@pytest.fixture(scope="module")
def rules() -> list[dict]:
    groups = yaml.safe_load(ALERTS.read_text("utf-8"))["groups"]
    return [rule for group in groups for rule in group["rules"]]


def test_every_rule_is_complete_and_named_once(rules) -> None:
    names = [rule["alert"] for rule in rules]
    assert len(names) == len(set(names)) >= 10
    for rule in rules:
        assert set(rule) <= {"alert", "expr", "for", "labels", "annotations"}, rule
        assert rule["labels"]["severity"] in SEVERITIES, rule["alert"]
        assert rule["annotations"]["summary"].strip(), rule["alert"]
        assert re.fullmatch(r"\d+[smh]", rule.get("for", "0s")), rule["alert"]


def test_every_alert_uses_series_the_code_exports(rules) -> None:
    metrics = exported_metrics()
    assert {"hub_graphql_requests", "hub_outbox_lag_seconds"} <= metrics
    series = {metric + suffix for metric in metrics for suffix in SUFFIXES}
    unknown = {
        f"{rule['alert']}: {name}"
        for rule in rules
        for name in re.findall(r"\bhub_[a-z_]+\b", rule["expr"])
        if name not in series
    }
    assert sorted(unknown) == []


def test_every_alert_is_explained_in_the_runbook(rules) -> None:
    explained = set(re.findall(r"^#### `(\w+)`$", RUNBOOK.read_text("utf-8"), re.M))
    assert explained == {rule["alert"] for rule in rules}
