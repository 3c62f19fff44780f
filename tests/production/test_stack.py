"""The production stack end to end: an editor, partners and two GraphQL hosts.

One stack (:mod:`.stack`) serves every scenario, in this order; everything
goes through real HTTP (the admin as an editor's browser would use it without
scripts, the GraphQL service as partners do):

a. an editor publishes a news article and both instances serve it;
e. a partner's webhook gets the publish exactly once, correctly signed;
b. a key created in the admin works on both instances and, once revoked in
   the admin, is refused by both within five seconds;
c. a key's rate limit holds across both instances together;
f. the admin's report of searches without results shows the searches of both
   instances, and the admin's API keys list counts the requests a key made
   on both;
j. a query persisted (APQ) on one instance is answered by hash on the other;
g. each instance's Prometheus metrics count the requests it answered;
h. the admin's page search runs on the engine (its indices built by
   ``update_index`` beside the starting site, before editors publish);
d. one instance is killed (SIGKILL) under constant load and the other keeps
   answering every request right; the killed one is started again;
i. no process of the stack logged an error all along.

Figures (delays, request counts) are printed at the end of the run.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import random
import re
import string
import time
from collections.abc import Iterator

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.e2e.engine_admin import engine_call
from tests.e2e.engine_load import Ledger, SearchLoad, summary
from tests.production.admin import AdminSession
from tests.production.partners import (
    GraphQL,
    WebhookReceiver,
    create_api_key,
    create_webhook,
    eventually,
    publish_news,
    revoke_api_key,
)
from tests.production.stack import EDITOR, METRICS_TOKEN, Stack, record

HOSTS = ("a", "b")
#: How long a publish may take to reach partners (indexer poll, engine refresh).
PUBLISH_SECONDS = 30.0
#: The issue's promise: a revoked key stops working on every host this fast.
REVOKE_SECONDS = 5.0
PING = "{ __typename }"


@pytest.fixture(scope="module")
def admin(stack: Stack) -> Iterator[AdminSession]:
    with AdminSession(stack.cms) as session:
        yield session.login(*EDITOR)


@pytest.fixture(scope="module")
def hosts(stack: Stack) -> Iterator[dict[str, GraphQL]]:
    clients = {host: GraphQL(stack.graphql(host)) for host in HOSTS}
    yield clients
    for client in clients.values():
        client.close()


def publish_and_wait(
    stack: Stack, admin: AdminSession, hosts: dict[str, GraphQL], title: str
) -> tuple[str, dict[str, float]]:
    """Publish ``title``; its document id and the seconds until each host served it."""
    publish_news(admin, stack.news_index, title)
    delays: dict[str, float] = {}
    doc_id = ""
    for host, client in hosts.items():

        def served(client: GraphQL = client) -> str | None:
            found = [doc for doc, seen in client.news().items() if seen == title]
            return found[0] if found else None

        doc_id, delays[host] = eventually(
            served, PUBLISH_SECONDS, f"{title!r} on GraphQL instance {host}"
        )
    stack.published[doc_id] = title
    return doc_id, delays


def test_a_published_article_is_served_by_both_instances(stack, admin, hosts):
    doc_id, delays = publish_and_wait(
        stack, admin, hosts, "Mentors for newcomers in Tampere"
    )
    assert doc_id.startswith("news:")
    for client in hosts.values():
        assert client.news()[doc_id] == "Mentors for newcomers in Tampere"
    record(
        "a) publish -> served: "
        + ", ".join(f"instance {host} {s:.2f} s" for host, s in delays.items())
    )


def valid_signature(secret: str, timestamp: str, body: bytes, signature: str) -> bool:
    """The partner's check, as the webhook documentation describes it."""
    expected = hmac.new(
        secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest("sha256=" + expected, signature) and (
        abs(time.time() - int(timestamp)) <= 300
    )


def test_e_a_webhook_is_delivered_once_with_a_valid_signature(stack, admin, hosts):
    with WebhookReceiver() as receiver:
        secret = create_webhook(admin, "Nordregio changes", receiver.url)
        title = "Language cafes open in Reykjavik"
        doc_id, _ = publish_and_wait(stack, admin, hosts, title)

        def delivered() -> list[dict] | None:
            bodies = [json.loads(d.body) for d in receiver.received()]
            mine = [body for body in bodies if body.get("id") == doc_id]
            return mine or None

        _, seconds = eventually(delivered, 30, f"the webhook for {doc_id}")
        # The sender polls every second: a second delivery would come by now.
        time.sleep(4)
        deliveries = [
            d for d in receiver.received() if json.loads(d.body).get("id") == doc_id
        ]
    assert len(deliveries) == 1, [d.headers for d in deliveries]
    delivery = deliveries[0]
    headers = {name.lower(): value for name, value in delivery.headers.items()}
    assert headers["x-hub-event"] == "published"
    assert valid_signature(
        secret, headers["x-hub-timestamp"], delivery.body, headers["x-hub-signature"]
    )
    assert not valid_signature(
        secret + "x",
        headers["x-hub-timestamp"],
        delivery.body,
        headers["x-hub-signature"],
    )
    body = json.loads(delivery.body)
    assert (body["event"], body["title"]) == ("published", title)
    record(
        f"e) webhook: {len(receiver.received())} request(s) in all, 1 for {doc_id}, "
        f"{seconds:.2f} s after the article was served; signature valid"
    )


def status(client: GraphQL, key: str) -> int:
    return client.post(PING, key=key).status_code


def test_b_a_key_works_on_both_instances_and_its_revocation_reaches_both(admin, hosts):
    pk, key = create_api_key(admin, "norden.org", per_minute=600)
    for host, client in hosts.items():
        eventually(
            lambda client=client: True if status(client, key) == 200 else None,
            REVOKE_SECONDS,
            f"the new key on instance {host}",
        )
    revoke_api_key(admin, pk)
    revoked = time.monotonic()
    refused: dict[str, float] = {}
    for host, client in hosts.items():
        eventually(
            lambda client=client: True if status(client, key) == 401 else None,
            REVOKE_SECONDS - (time.monotonic() - revoked),
            f"instance {host} refusing the revoked key",
            pause=0.05,
        )
        refused[host] = time.monotonic() - revoked
    # Refused for good, on both.
    assert {status(client, key) for client in hosts.values()} == {401}
    record(
        "b) revoked key refused after: "
        + ", ".join(f"instance {host} {s:.2f} s" for host, s in refused.items())
    )


def test_c_the_rate_limit_holds_across_both_instances(admin, hosts):
    limit = 12
    _, key = create_api_key(admin, "nordicwelfare.org", per_minute=limit)
    answers: dict[str, list[int]] = {host: [] for host in HOSTS}
    # Until both know the key (answers before that are refusals, not counted).
    for client in hosts.values():
        eventually(
            lambda client=client: True if status(client, key) != 401 else None,
            REVOKE_SECONDS,
            "the new key on both instances",
        )
    used = 2
    for number in range(2 * limit):
        host = HOSTS[number % 2]
        answers[host].append(status(hosts[host], key))
    ok = sum(codes.count(200) for codes in answers.values())
    limited = sum(codes.count(429) for codes in answers.values())
    assert ok + used == limit, answers
    assert limited == 2 * limit - ok, answers
    # Both instances refuse once the shared limit is spent.
    assert all(codes[-1] == 429 for codes in answers.values()), answers
    record(
        f"c) key limited to {limit}/min: {ok + used} answered, {limited} refused (429) "
        f"across both instances ({answers})"
    )


def test_f_search_analytics_in_the_admin_cover_both_instances(admin, hosts):
    # Letters only: analytics drop queries with long digit runs (ID numbers).
    words = {host: "zqxw" + "".join(random.choices(string.ascii_lowercase, k=10))
             for host in HOSTS}  # fmt: skip
    for host, client in hosts.items():
        answer = client.post(
            'query($t: String!) { search(text: $t, locale: "en") { totalCount } }',
            {"t": words[host]},
        )
        assert answer.status_code == 200, answer.text
        assert answer.json()["data"]["search"]["totalCount"] == 0

    def reported() -> str | None:
        page = admin.get("/admin/reports/zero-results/").text
        return page if all(word in page for word in words.values()) else None

    _, seconds = eventually(reported, 20, "both instances' searches in the report")
    record(f"f) searches of both instances in the admin report after {seconds:.1f} s")


def test_f_api_usage_counts_the_requests_of_both_instances(stack, admin, hosts):
    pk, key = create_api_key(admin, "nordregio.org", per_minute=600)
    sent = {"a": 3, "b": 4}
    for host, client in hosts.items():
        eventually(
            lambda client=client: True if status(client, key) == 200 else None,
            REVOKE_SECONDS,
            f"the new key on instance {host}",
        )
        for _ in range(sent[host] - 1):
            assert status(client, key) == 200

    def counted() -> int | None:
        # The API keys list, as the partner manager sees it.
        total = requests_listed(admin.get("/admin/api_keys/").text, "nordregio.org")
        return total if total >= sum(sent.values()) else None

    total, seconds = eventually(counted, 20, "the key's usage from both instances")
    assert total == sum(sent.values())
    record(
        f"f) usage of one key: {total} requests from both instances, "
        f"counted after {seconds:.1f} s"
    )


def requests_listed(page: str, name: str) -> int:
    """The "Requests in the last 30 days" cell of key ``name`` in the keys list."""

    def cells(row: str, tag: str) -> list[str]:
        return [
            " ".join(re.sub(r"<[^>]+>", " ", "<" + cell).split())
            for cell in row.split("<" + tag)[1:]
        ]

    listing = page.split('<table class="listing')[1].split("</table>")[0]
    rows = listing.split("<tr")[1:]
    header = next(cells(row, "th") for row in rows if "<th" in row)
    column = header.index("Requests in the last 30 days")
    [row] = [row for row in rows if name in row and "<td" in row]
    # The first cell of a Wagtail listing row is a <td> too (the title).
    return int(cells(row, "td")[column].split()[0].replace(",", ""))


def test_j_a_query_persisted_on_one_instance_is_known_to_the_other(hosts):
    # Unique text: never registered before, on either instance.
    query = f"query Persisted{random.randint(0, 10**9)} {{ __typename }}"
    digest = hashlib.sha256(query.encode()).hexdigest()
    extensions = {"persistedQuery": {"version": 1, "sha256Hash": digest}}

    def by_hash(host: str) -> httpx.Response:
        return hosts[host].client.post(
            f"{hosts[host].base}/graphql", json={"extensions": extensions}
        )

    unknown = by_hash("b").json()
    assert unknown["errors"][0]["extensions"]["code"] == "PERSISTED_QUERY_NOT_FOUND"
    registered = hosts["a"].client.post(
        f"{hosts['a'].base}/graphql", json={"query": query, "extensions": extensions}
    )
    assert registered.json() == {"data": {"__typename": "Query"}}
    # Instance b never saw the query text: it finds it through Redis.
    assert by_hash("b").json() == {"data": {"__typename": "Query"}}
    record("j) a query persisted on instance a answered by hash on instance b")


def scrape(url: str) -> dict[str, float]:
    """``/metrics`` at ``url`` as Prometheus reads it: series -> value."""
    answer = httpx.get(
        url, headers={"Authorization": f"Bearer {METRICS_TOKEN}"}, timeout=10
    )
    assert answer.status_code == 200, answer.text[:300]
    series: dict[str, float] = {}
    for family in text_string_to_metric_families(answer.text):
        for sample in family.samples:
            labels = ",".join(f'{k}="{v}"' for k, v in sorted(sample.labels.items()))
            key = f"{sample.name}{{{labels}}}"
            series[key] = series.get(key, 0.0) + sample.value
    return series


def probes_counted(stack: Stack, host: str) -> float:
    """``StackProbe`` requests answered 200, as instance ``host``'s /metrics says."""
    return sum(
        value
        for name, value in scrape(stack.graphql(host) + "/metrics").items()
        if name.startswith("hub_graphql_requests_total{")
        and 'operation="StackProbe"' in name
        and 'status="200"' in name
    )


def test_g_each_instance_counts_its_requests_for_prometheus(stack, hosts):
    sent = {"a": 3, "b": 5}
    before = {host: probes_counted(stack, host) for host in HOSTS}
    for host, count in sent.items():
        for _ in range(count):
            answer = hosts[host].post("query StackProbe { __typename }")
            assert answer.status_code == 200, answer.text
    after = {host: probes_counted(stack, host) for host in HOSTS}
    assert {host: after[host] - before[host] for host in HOSTS} == sent
    # Operations are not for the public: no token, no metrics.
    for host in HOSTS:
        assert httpx.get(stack.graphql(host) + "/metrics").status_code in {401, 403}
    # The CMS adds up its workers' numbers (one folder on its host): the
    # webhook sender's delivery of e and the indexer's rows.
    cms = scrape(stack.cms + "/metrics")
    delivered = cms['hub_webhook_deliveries_total{outcome="delivered"}']
    indexed = cms['hub_indexer_rows_total{result="indexed"}']
    assert delivered >= 1
    assert indexed >= len(stack.published)
    assert cms["hub_outbox_pending_rows{}"] >= 0
    assert httpx.get(stack.cms + "/metrics").status_code in {401, 403, 404}
    record(
        f"g) /metrics of each instance counted its own requests: {after}; the "
        f"CMS's shows the sender's deliveries ({delivered:.0f}) and the indexer's "
        f"rows ({indexed:.0f})"
    )


def test_h_the_admin_searches_pages_on_the_engine(stack, admin, hosts):
    started = time.monotonic()
    stack.processes["update-index"].wait_exit(180)
    waited = time.monotonic() - started
    title = "Winter school for interpreters in Umea"
    publish_and_wait(stack, admin, hosts, title)
    results = admin.get("/admin/pages/search/", q="interpreters Umea").text
    assert title in results
    assert stack.engine is not None
    indices = engine_call(
        stack.engine.live_url(), "GET", "/_cat/indices/prod-wagtail*?format=json"
    )
    assert sum(int(index["docs.count"]) for index in indices) > 0, indices
    record(
        f"h) admin search on the engine ({len(indices)} indices); its build ended "
        f"{waited:.1f} s into this scenario"
    )


def test_d_killing_one_instance_under_load_leaves_the_other_serving(stack, hosts):
    assert stack.published, "the articles of the earlier scenarios are the corpus"
    ledger = Ledger()
    for doc_id, title in stack.published.items():
        ledger.wrote(doc_id, title)
    ledger.acknowledge(len(stack.published))
    loads = {host: SearchLoad(stack.graphql(host), ledger, ("",)) for host in HOSTS}
    for load in loads.values():
        load.start()
    time.sleep(2)
    stack.processes["graphql-a"].kill()
    killed_at = loads["b"].total
    # The dead instance's client gives up (a balancer takes it out of rotation).
    time.sleep(0.5)
    loads["a"].stop()
    time.sleep(4)
    survivor = loads["b"].stop()
    after_kill = survivor.total - killed_at
    record(f"d) instance b under load: {summary(survivor)}")
    record(f"d) instance a (killed): {summary(loads['a'])}")
    assert survivor.failed() == 0, survivor.wrong
    assert survivor.short == 0, summary(survivor)
    assert after_kill >= 20, summary(survivor)
    assert loads["a"].good > 0, summary(loads["a"])

    # The orchestrator starts it again: it serves the same content.
    started = time.monotonic()
    stack.start_graphql("a")
    stack.wait_graphql("a")
    with httpx.Client(timeout=10) as client:
        revived = GraphQL(stack.graphql("a"), client)
        assert set(revived.news()) >= set(stack.published)
    record(f"d) instance a ready again {time.monotonic() - started:.1f} s after start")


def test_i_no_process_of_the_stack_logged_an_error(stack):
    errors = stack.logged_errors()
    record(f"i) error lines in the stack's logs: {len(errors)}")
    assert errors == [], "\n".join(errors[:10])
