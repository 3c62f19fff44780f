"""Funding calls and calls for applications, open now or all."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.anyio

CALLS = """
query Calls($open: Boolean! = false) {
  fundingCalls(locale: "en", openOnly: $open) {
    totalCount
    nodes { documentId isOpen amountMin amountMax currency }
  }
  callsForApplications(locale: "en", openOnly: $open) {
    nodes { documentId isOpen selectionBy criteriaHtml applyUrl }
  }
}
"""

CALL = """
{
  fundingCall(id: "funding_call:1") {
    opensAt closesAt whoMayApplyHtml criteriaHtml howToApplyHtml
    applicationUrl contactEmail
  }
}
"""


async def test_all_calls_closing_soonest_first(execute) -> None:
    result = await execute(CALLS)

    assert result.errors is None
    assert result.data == {
        "fundingCalls": {
            "totalCount": 2,
            "nodes": [
                {
                    "documentId": "funding_call:2",
                    "isOpen": False,
                    "amountMin": None,
                    "amountMax": None,
                    "currency": "EUR",
                },
                {
                    "documentId": "funding_call:1",
                    "isOpen": True,
                    "amountMin": "50000.00",
                    "amountMax": "500000.00",
                    "currency": "DKK",
                },
            ],
        },
        "callsForApplications": {
            "nodes": [
                {
                    "documentId": "call_for_applications:1",
                    "isOpen": True,
                    "selectionBy": "2099-10-01",
                    "criteriaHtml": "<p>Experience.</p>",
                    "applyUrl": "https://integrationnorden.org/apply/",
                }
            ]
        },
    }


async def test_open_calls_only(execute) -> None:
    result = await execute(CALLS, {"open": True})

    assert [n["documentId"] for n in result.data["fundingCalls"]["nodes"]] == [
        "funding_call:1"
    ]
    assert result.data["fundingCalls"]["totalCount"] == 1


async def test_funding_call_details(execute) -> None:
    result = await execute(CALL)

    assert result.errors is None
    assert result.data == {
        "fundingCall": {
            "opensAt": "2000-01-01T00:00:00+00:00",
            "closesAt": "2099-09-14T09:00:00+00:00",
            "whoMayApplyHtml": "<p>Municipalities.</p>",
            "criteriaHtml": None,
            "howToApplyHtml": None,
            "applicationUrl": "https://apply.example.org",
            "contactEmail": "funding@example.org",
        }
    }
