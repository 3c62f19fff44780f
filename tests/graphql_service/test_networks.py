"""Networks with members and meetings."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.anyio

NETWORKS = """
query Networks($locale: LocaleCode) {
  networks(locale: $locale) {
    nodes {
      documentId purpose bodyHtml
      members { organisation url country { name } }
      meetings { date title isVirtual summary minutesUrl }
    }
  }
}
"""


async def test_networks_with_members_and_meetings(execute) -> None:
    result = await execute(NETWORKS, {"locale": "en"})

    assert result.errors is None
    assert result.data == {
        "networks": {
            "nodes": [
                {
                    "documentId": "network:1",
                    "purpose": "Exchange between municipalities.",
                    "bodyHtml": "<p>Open to all municipalities.</p>",
                    "members": [
                        {
                            "organisation": "Aarhus Kommune",
                            "url": "https://aarhus.dk",
                            "country": {"name": "Denmark"},
                        }
                    ],
                    "meetings": [
                        {
                            "date": "2025-06-01",
                            "title": "Spring meeting",
                            "isVirtual": False,
                            "summary": None,
                            "minutesUrl": None,
                        }
                    ],
                }
            ]
        }
    }
