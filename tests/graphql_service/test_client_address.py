"""The client address behind anonymous rate limits: the connection's, unless the
operator names trusted proxies (``GRAPHQL_TRUSTED_PROXIES``).

Through the production command (``python -m graphql_service``): uvicorn's
proxy handling is part of what is tested.
"""

from __future__ import annotations

import logging
from pathlib import Path

import httpx
import pytest

from graphql_service.settings import SettingsError, load_settings

QUERY = {"query": "{ __typename }"}


def test_forwarded_for_does_not_escape_the_anonymous_limit(
    index_path: Path, backend, start_server, client: httpx.Client
) -> None:
    running = start_server(index_path, as_module=True, GRAPHQL_ANONYMOUS_RATE_LIMIT="3")

    direct = [client.post(running.url, json=QUERY).status_code for _ in range(4)]
    forwarded = [
        client.post(
            running.url, json=QUERY, headers={"X-Forwarded-For": f"203.0.113.{n}"}
        ).status_code
        for n in range(10)
    ]

    assert direct == [200, 200, 200, 429]
    assert forwarded == [429] * 10


def test_a_trusted_proxy_passes_on_the_client_address(
    index_path: Path, backend, start_server, client: httpx.Client
) -> None:
    running = start_server(
        index_path,
        as_module=True,
        GRAPHQL_ANONYMOUS_RATE_LIMIT="2",
        GRAPHQL_TRUSTED_PROXIES="127.0.0.1, ::1",
    )

    def status(forwarded_for: str | None) -> int:
        headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
        return client.post(running.url, json=QUERY, headers=headers).status_code

    first_client = [status("198.51.100.7") for _ in range(3)]
    # The proxy appends the address it saw; the spoofed entry before it is ignored.
    spoofed = status("198.51.100.99, 198.51.100.7")
    second_client = status("198.51.100.8")
    the_proxy_itself = status(None)

    assert first_client == [200, 200, 429]
    assert spoofed == 429
    assert second_client == 200
    assert the_proxy_itself == 200


def test_trusted_proxies_are_addresses_or_networks() -> None:
    settings = load_settings({"GRAPHQL_TRUSTED_PROXIES": " 10.0.0.0/8, ::1 ,"})

    assert settings.trusted_proxies == ("10.0.0.0/8", "::1")
    assert load_settings({}).trusted_proxies == ()
    with pytest.raises(SettingsError, match="GRAPHQL_TRUSTED_PROXIES.*'proxy.local'"):
        load_settings({"GRAPHQL_TRUSTED_PROXIES": "proxy.local"})
    with pytest.raises(SettingsError, match="GRAPHQL_TRUSTED_PROXIES"):
        load_settings({"GRAPHQL_TRUSTED_PROXIES": "*"})


def test_the_old_switch_maps_to_a_local_proxy_with_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="graphql_service.settings"):
        legacy = load_settings({"GRAPHQL_TRUST_FORWARDED_FOR": "true"})
        both = load_settings(
            {
                "GRAPHQL_TRUST_FORWARDED_FOR": "true",
                "GRAPHQL_TRUSTED_PROXIES": "10.1.2.3",
            }
        )
        off = load_settings({"GRAPHQL_TRUST_FORWARDED_FOR": "false"})

    assert legacy.trusted_proxies == ("127.0.0.1", "::1")
    assert both.trusted_proxies == ("10.1.2.3",)
    assert off.trusted_proxies == ()
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == 3
    assert all("GRAPHQL_TRUSTED_PROXIES" in message for message in warnings)
