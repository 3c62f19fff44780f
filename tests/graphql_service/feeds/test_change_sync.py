"""Change sync: the ``changes`` query and ``GET /changes`` mirror the read model."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from search.testing import make_document
from tests.graphql_service.feeds.conftest import Hub, corpus

pytestmark = pytest.mark.anyio

QUERY = """
query Sync($after: String, $first: Int!) {
  changes(after: $after, first: $first) {
    cursor hasMore watermark
    nodes {
      cursor version documentId id contentType deleted locale
      item { __typename title locale ... on NewsArticle { lead } }
    }
  }
}
"""


async def graphql(hub: Hub, after: str | None, first: int) -> dict[str, Any]:
    response = await hub.client.post(
        "/graphql",
        json={"query": QUERY, "variables": {"after": after, "first": first}},
    )
    body = response.json()
    assert response.status_code == 200, body
    assert "errors" not in body, body
    return body["data"]["changes"]


async def sync(hub: Hub, after: str | None = None) -> tuple[list[dict], str]:
    """Every change after ``after``, two at a time, like a partner would."""
    nodes: list[dict] = []
    for _ in range(100):
        page = await graphql(hub, after, 2)
        nodes.extend(page["nodes"])
        after = page["cursor"]
        if not page["hasMore"]:
            return nodes, after
    raise AssertionError("change sync did not end")


async def test_a_partner_mirrors_everything_then_only_what_changed(hub: Hub) -> None:
    nodes, cursor = await sync(hub)
    assert sorted(node["documentId"] for node in nodes) == sorted(
        document.id for document in corpus()
    )
    versions = [node["version"] for node in nodes]
    assert versions == sorted(versions)
    news = next(node for node in nodes if node["documentId"] == "news:10")
    assert news["item"]["__typename"] == "NewsArticle"
    assert news["item"]["title"] == "Sprogcaféer hjælper flygtninge i job"
    assert [news["locale"], news["contentType"], news["deleted"]] == [
        "da",
        "news",
        False,
    ]

    hub.write(
        make_document(
            id="news:10",
            type="news",
            locale="da",
            title="Sprogcaféer hjælper flere i job",
            version=50,
        )
    )
    hub.delete("news:11", 51)
    nodes, later = await sync(hub, cursor)
    assert [(n["documentId"], n["deleted"]) for n in nodes] == [
        ("news:10", False),
        ("news:11", True),
    ]
    assert nodes[0]["item"]["title"] == "Sprogcaféer hjælper flere i job"
    gone = nodes[1]
    assert gone["item"] is None and gone["locale"] is None
    assert base64.b64decode(gone["id"]).decode() == "NewsArticle:news:11"

    # Nothing new: same cursor, nothing listed.
    idle = await graphql(hub, later, 10)
    assert idle == {"cursor": later, "hasMore": False, "watermark": None, "nodes": []}


async def test_changes_beyond_the_watermark_wait(hub: Hub) -> None:
    hub.backend.set_watermark(5)
    page = await graphql(hub, None, 100)
    assert page["watermark"] == 5
    assert page["nodes"] and all(node["version"] <= 5 for node in page["nodes"])
    hub.backend.set_watermark(100)
    rest = await graphql(hub, page["cursor"], 100)
    assert rest["nodes"] and all(node["version"] > 5 for node in rest["nodes"])


async def test_bad_cursors_and_sizes_are_client_errors(hub: Hub) -> None:
    for variables, message in (
        ({"after": "not-a-cursor", "first": 10}, "after"),
        ({"after": None, "first": 0}, "first"),
        ({"after": None, "first": 10_000}, "first"),
    ):
        response = await hub.client.post(
            "/graphql", json={"query": QUERY, "variables": variables}
        )
        body = response.json()
        assert body.get("data") is None
        assert message in body["errors"][0]["message"]


async def test_http_endpoint_lists_the_same_changes(hub: Hub) -> None:
    response = await hub.client.get("/changes", params={"first": 500})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert body["hasMore"] is False
    listed = [(entry["documentId"], entry["version"]) for entry in body["changes"]]
    page = await graphql(hub, None, 100)
    assert listed == [(node["documentId"], node["version"]) for node in page["nodes"]]
    news = next(e for e in body["changes"] if e["documentId"] == "news:11")
    assert news["item"]["title"] == "Faster validation of foreign qualifications"

    # Paging by cursor, then a deletion.
    first = (await hub.client.get("/changes", params={"first": 3})).json()
    assert len(first["changes"]) == 3 and first["hasMore"] is True
    hub.delete("event:40", 60)
    after = (await hub.client.get("/changes", params={"after": first["cursor"]})).json()
    assert after["changes"][-1] == {
        "cursor": after["cursor"],
        "version": 60,
        "documentId": "event:40",
        "contentType": "event",
        "deleted": True,
        "locale": None,
        "item": None,
    }
    seen = [e["documentId"] for e in first["changes"] + after["changes"]]
    assert len(seen) == len(set(seen)) == len(corpus())


async def test_http_endpoint_answers_304_when_nothing_changed(hub: Hub) -> None:
    response = await hub.client.get("/changes")
    etag = response.headers["etag"]
    again = await hub.client.get("/changes", headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b""
    hub.delete("news:10", 70)
    changed = await hub.client.get("/changes", headers={"if-none-match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"after": "garbage"}, "after"),
        ({"first": "0"}, "first"),
        ({"first": "many"}, "first"),
        ({"first": "501"}, "first"),
        ({"since": "1"}, "Unknown parameter 'since'"),
    ],
)
async def test_http_endpoint_rejects_bad_parameters(
    hub: Hub, params: dict[str, str], message: str
) -> None:
    response = await hub.client.get("/changes", params=params)
    assert response.status_code == 400
    assert message in response.json()["error"]["message"]


async def test_http_endpoint_says_503_when_the_read_model_is_gone(hub: Hub) -> None:
    hub.backend.close()
    response = await hub.client.get("/changes")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "30"
    assert "not available" in response.json()["error"]["message"]
    post = await hub.client.post("/changes")
    assert post.status_code == 405
