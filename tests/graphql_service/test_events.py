"""Events: upcoming and past lists, programme, speakers linked to profiles."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.anyio

EVENTS = """
query Events($locale: LocaleCode, $timeframe: EventTimeframe! = UPCOMING,
             $sort: EventSort! = DEFAULT) {
  events(locale: $locale, timeframe: $timeframe, sort: $sort) {
    totalCount
    edges { node { documentId locale isUpcoming } }
  }
}
"""

EVENT = """
query Event($id: ID!, $locale: LocaleCode) {
  event(id: $id, locale: $locale) {
    documentId locale kind start end timeZone
    venue { name streetAddress city country { slug name locale } }
    onlineUrl
    programme {
      date startTime endTime title descriptionHtml
      speakers { name organisation profile { documentId locale position } }
      moderators { name }
    }
    organisers { name url }
    documents { title url fileType }
    recordingUrl isCancelled isUpcoming
    registration { enabled opensAt closesAt capacity waitingList isOpen }
    bodyHtml
  }
}
"""


def ids(data: dict) -> list[tuple[str, str, bool]]:
    return [
        (e["node"]["documentId"], e["node"]["locale"], e["node"]["isUpcoming"])
        for e in data["events"]["edges"]
    ]


async def test_upcoming_events_soonest_first_with_fallback(execute) -> None:
    result = await execute(EVENTS, {"locale": "da"})

    assert result.errors is None
    assert ids(result.data) == [("event:2", "da", True), ("event:4", "en", True)]
    assert result.data["events"]["totalCount"] == 2


async def test_past_and_all_events(execute) -> None:
    past = await execute(EVENTS, {"locale": "en", "timeframe": "PAST"})
    every = await execute(EVENTS, {"locale": "en", "timeframe": "ALL"})
    oldest = await execute(
        EVENTS, {"locale": "en", "timeframe": "ALL", "sort": "OLDEST"}
    )

    assert ids(past.data) == [("event:3", "en", False)]
    assert ids(every.data) == [
        ("event:4", "en", True),
        ("event:1", "en", True),
        ("event:3", "en", False),
    ]
    assert ids(oldest.data) == list(reversed(ids(every.data)))


async def test_event_with_programme_venue_and_registration(execute) -> None:
    result = await execute(EVENT, {"id": "event:1"})

    assert result.errors is None
    assert result.data == {
        "event": {
            "documentId": "event:1",
            "locale": "en",
            "kind": "conference",
            "start": "2099-09-14T09:00:00+00:00",
            "end": "2099-09-15T17:00:00+00:00",
            "timeZone": "Europe/Oslo",
            "venue": {
                "name": "Oslo Congress Centre",
                "streetAddress": "Youngs gate 21",
                "city": "Oslo",
                "country": {"slug": "norway", "name": "Norway", "locale": "en"},
            },
            "onlineUrl": "https://stream.example.org/",
            "programme": [
                {
                    "date": "2099-09-14",
                    "startTime": "09:00:00",
                    "endTime": "10:30:00",
                    "title": "Opening",
                    "descriptionHtml": "<p>Welcome.</p>",
                    "speakers": [
                        {
                            "name": "Anna Berg",
                            "organisation": "Nordregio",
                            "profile": {
                                "documentId": "expert_profile:1",
                                "locale": "en",
                                "position": "Researcher",
                            },
                        },
                        {
                            "name": "Kari Nordmann",
                            "organisation": "IMDi",
                            "profile": None,
                        },
                    ],
                    "moderators": [],
                }
            ],
            "organisers": [
                {"name": "Nordic Welfare Centre", "url": "https://nordicwelfare.org"}
            ],
            "documents": [
                {
                    "title": "Programme",
                    "url": "/documents/1/programme.pdf",
                    "fileType": "pdf",
                }
            ],
            "recordingUrl": None,
            "isCancelled": False,
            "isUpcoming": True,
            "registration": {
                "enabled": True,
                "opensAt": "2000-01-01T00:00:00+00:00",
                "closesAt": "2099-09-01T00:00:00+00:00",
                "capacity": 200,
                "waitingList": True,
                "isOpen": True,
            },
            "bodyHtml": "<p>Join us in Oslo.</p>",
        }
    }


async def test_speaker_profiles_come_in_the_requested_language(execute) -> None:
    result = await execute(EVENT, {"id": "event:1", "locale": "da"})

    event = result.data["event"]
    assert (event["documentId"], event["locale"]) == ("event:2", "da")
    assert event["programme"][0]["title"] == "Åbning"
    assert event["programme"][0]["speakers"] == [
        {
            "name": "Anna Berg",
            "organisation": "Nordregio",
            "profile": {
                "documentId": "expert_profile:2",
                "locale": "da",
                "position": "Forsker",
            },
        }
    ]
    assert event["registration"]["isOpen"] is False
