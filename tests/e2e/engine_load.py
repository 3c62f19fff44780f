"""Search load and bookkeeping for the engine fault tests.

:class:`Ledger` is what the editors wrote: every title each document ever had,
its latest one, and which documents the indexer has acknowledged (all their
outbox rows done). :class:`SearchLoad` is a thread that sends searches to a
GraphQL service and judges every answer against the ledger: a 200 must be a
well-formed result whose hits are real documents with titles they really had,
and should count at least every document acknowledged before it was sent
(answers that do not are counted as ``short``).
Anything else is counted by status and error code; nothing is retried.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import httpx

__all__ = ["SEARCH", "Ledger", "SearchLoad", "summary"]

#: The production search path, narrowed to the articles the tests write.
#: ``dateFrom`` changes with every request so that none is answered from the
#: service's response cache: each one reaches the engine.
SEARCH = """
query Load($text: String!, $since: Date!) {
  search(text: $text, types: ["news"], locale: "en", crossLanguage: false,
         dateFrom: $since, first: 20) {
    totalCount
    edges { node { documentId title } }
  }
}
"""


@dataclass
class Ledger:
    """What was written, shared between the writing thread and the load."""

    titles: dict[str, set[str]] = field(default_factory=dict)
    latest: dict[str, str] = field(default_factory=dict)
    acknowledged: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def wrote(self, doc_id: str, title: str) -> None:
        """Record a title before it is published (so a hit can never be
        ahead of the ledger)."""
        with self.lock:
            self.titles.setdefault(doc_id, set()).add(title)
            self.latest[doc_id] = title

    def acknowledge(self, count: int) -> None:
        self.acknowledged = count

    def judge(self, hit: dict[str, Any]) -> str | None:
        """Why ``hit`` is not a real document (``None`` when it is)."""
        with self.lock:
            known = self.titles.get(hit.get("documentId", ""))
        if known is None:
            return f"unknown document {hit.get('documentId')!r}"
        if hit.get("title") not in known:
            return f"{hit['documentId']} never had the title {hit.get('title')!r}"
        return None


def _error_codes(body: Any) -> list[str]:
    errors = body.get("errors") if isinstance(body, dict) else None
    if not isinstance(errors, list):
        return []
    return [
        str((error.get("extensions") or {}).get("code", "?"))
        for error in errors
        if isinstance(error, dict)
    ]


class SearchLoad(threading.Thread):
    """Searches ``base``/graphql until stopped (see the module docstring).

    Attributes:
        statuses: Responses by ``"<status>"`` or ``"<status> <CODE>"``, and
            ``"transport"`` for requests that got no HTTP answer.
        wrong: Descriptions of 200 answers that were wrong (at most 20 kept).
        wrong_count: How many 200 answers were wrong.
        short: Right 200 answers that counted fewer results than documents
            acknowledged before they were sent (a change that is indexed but
            not found).
        good: 200 answers that were right (``short`` ones included).
        hits_checked: Hits compared with the ledger.
    """

    def __init__(self, base: str, ledger: Ledger, texts: tuple[str, ...]) -> None:
        super().__init__(name="search-load", daemon=True)
        self.base = base
        self.ledger = ledger
        self.texts = texts
        self.statuses: Counter[str] = Counter()
        self.wrong: list[str] = []
        self.wrong_count = 0
        self.good = 0
        self.hits_checked = 0
        self.short = 0
        self.slowest = 0.0
        self._halt = threading.Event()

    def stop(self) -> SearchLoad:
        self._halt.set()
        self.join(timeout=30)
        return self

    @property
    def total(self) -> int:
        return sum(self.statuses.values())

    def failed(self) -> int:
        """Requests that did not get a right 200."""
        return self.total - self.good

    def run(self) -> None:
        number = 0
        with httpx.Client(timeout=30) as client:
            while not self._halt.is_set():
                number += 1
                since = date(1990, 1, 1) + timedelta(days=number % 9000)
                variables = {
                    "text": self.texts[number % len(self.texts)],
                    "since": since.isoformat(),
                }
                floor = self.ledger.acknowledged
                started = time.monotonic()
                try:
                    response = client.post(
                        f"{self.base}/graphql",
                        json={"query": SEARCH, "variables": variables},
                    )
                except httpx.HTTPError as exc:
                    self.statuses["transport"] += 1
                    self._wrong(f"no answer: {type(exc).__name__}")
                    continue
                self.slowest = max(self.slowest, time.monotonic() - started)
                self._judge(response, floor)
                if response.status_code != 200:
                    # A client backs off a little after a refusal; without
                    # it an outage turns the load into a busy loop.
                    self._halt.wait(0.05)

    def _judge(self, response: httpx.Response, floor: int) -> None:
        try:
            body = response.json()
        except ValueError:
            self.statuses[f"{response.status_code} not-json"] += 1
            self._wrong(f"{response.status_code}: not JSON: {response.text[:200]}")
            return
        codes = _error_codes(body)
        label = str(response.status_code)
        if codes:
            label += " " + ",".join(sorted(set(codes)))
        self.statuses[label] += 1
        if response.status_code != 200:
            return
        problem = self._problem(body, floor)
        if problem is None:
            self.good += 1
        else:
            self._wrong(problem)

    def _problem(self, body: Any, floor: int) -> str | None:
        if body.get("errors"):
            return f"200 with errors: {str(body['errors'])[:300]}"
        try:
            found = body["data"]["search"]
            total = int(found["totalCount"])
            hits = [edge["node"] for edge in found["edges"]]
        except (KeyError, TypeError, ValueError):
            return f"malformed 200: {str(body)[:300]}"
        if total < floor:
            self.short += 1
            return None
        for hit in hits:
            self.hits_checked += 1
            problem = self.ledger.judge(hit)
            if problem is not None:
                return problem
        return None

    def _wrong(self, message: str) -> None:
        self.wrong_count += 1
        if len(self.wrong) < 20:
            self.wrong.append(message)


def summary(load: SearchLoad) -> str:
    """``requests 1234 (200: 1200, 503 SERVICE_UNAVAILABLE: 34), wrong 0``."""
    counts = ", ".join(f"{status}: {n}" for status, n in sorted(load.statuses.items()))
    return (
        f"requests {load.total} ({counts}), right {load.good}, "
        f"wrong {load.wrong_count}, short {load.short}, "
        f"hits checked {load.hits_checked}, "
        f"slowest {load.slowest:.2f} s"
    )
