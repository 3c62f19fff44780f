"""Expert profiles and expert groups with members, chairs and meetings."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.anyio

GROUP = """
query Group($id: ID!, $locale: LocaleCode) {
  expertGroup(id: $id, locale: $locale) {
    title mandateHtml termStart termEnd chairRotation meetingsPerYear
    members { name role country { name } profile { documentId locale name } }
    chairs { year name country { slug name } profile { documentId } }
    meetings { date title isVirtual summary minutesUrl }
    bodyHtml
  }
}
"""

PROFILES = """
query Profiles($locale: LocaleCode) {
  expertProfiles(locale: $locale) {
    totalCount
    nodes {
      documentId locale name organisation position languages bioHtml
      image { alt }
      themes { name }
      countries { name }
    }
  }
}
"""


async def test_expert_group_with_members_chairs_and_meetings(execute) -> None:
    result = await execute(GROUP, {"id": "expert_group:1", "locale": "da"})

    assert result.errors is None
    assert result.data == {
        "expertGroup": {
            "title": "Expert group on labour market integration",
            "mandateHtml": "<p>Share knowledge on labour market integration.</p>",
            "termStart": "2025-01-01",
            "termEnd": "2027-12-31",
            "chairRotation": "Follows the Presidency of the Council",
            "meetingsPerYear": 4,
            "members": [
                {
                    "name": "Anna Berg",
                    "role": "chair",
                    "country": {"name": "Sverige"},
                    "profile": {
                        "documentId": "expert_profile:2",
                        "locale": "da",
                        "name": "Anna Berg",
                    },
                },
                {
                    "name": "Ola Nordmann",
                    "role": "member",
                    "country": {"name": "Norge"},
                    "profile": None,
                },
            ],
            "chairs": [
                {
                    "year": 2025,
                    "name": "Anna Berg",
                    "country": {"slug": "sweden", "name": "Sverige"},
                    "profile": {"documentId": "expert_profile:2"},
                }
            ],
            "meetings": [
                {
                    "date": "2025-03-12",
                    "title": "Kick-off",
                    "isVirtual": True,
                    "summary": "Work plan agreed.",
                    "minutesUrl": "https://x.org/m1.pdf",
                }
            ],
            "bodyHtml": "<p>The group meets four times a year.</p>",
        }
    }


async def test_profiles_list_one_version_per_person(execute) -> None:
    result = await execute(PROFILES, {"locale": "sv"})

    assert result.errors is None
    assert result.data == {
        "expertProfiles": {
            "totalCount": 1,
            "nodes": [
                {
                    "documentId": "expert_profile:2",
                    "locale": "da",
                    "name": "Anna Berg",
                    "organisation": "Nordregio",
                    "position": "Forsker",
                    "languages": ["sv", "en"],
                    "bioHtml": "<p>Anna forsker.</p>",
                    "image": None,
                    "themes": [{"name": "Arbetsmarknad"}],
                    "countries": [{"name": "Sverige"}],
                }
            ],
        }
    }
