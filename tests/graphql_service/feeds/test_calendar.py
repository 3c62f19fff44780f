"""iCalendar: one event, the calendar of upcoming events, updates and deletions."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from tests.graphql_service.feeds.conftest import SITE, Hub, event

pytestmark = pytest.mark.anyio


async def calendar(hub: Hub, url: str) -> Calendar:
    response = await hub.client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


async def test_one_event_has_uid_zone_location_and_sequence(hub: Hub) -> None:
    parsed = await calendar(hub, "/events/event:40.ics")

    (vevent,) = parsed.events
    assert str(vevent["UID"]) == "event:40@integrationnorden"
    assert vevent["SEQUENCE"] == 7
    assert vevent["STATUS"] == "CONFIRMED"
    assert vevent.start.tzinfo == ZoneInfo("Europe/Copenhagen")
    assert vevent["DTSTART"].params["TZID"] == "Europe/Copenhagen"
    assert [tz.tz_name for tz in parsed.timezones] == ["Europe/Copenhagen"]
    assert str(vevent["LOCATION"]) == (
        "Nordens Hus, Ved Stranden 18, København, Denmark"
    )
    assert str(vevent["URL"]) == f"{SITE}/en/events/e40/"
    assert "DTSTAMP" in vevent
    assert vevent["CATEGORIES"].cats == ["Labour market"]


async def test_quoted_ids_work(hub: Hub) -> None:
    parsed = await calendar(hub, "/events/event%3A40.ics")

    assert str(parsed.events[0]["UID"]) == "event:40@integrationnorden"


async def test_online_events_use_the_link(hub: Hub) -> None:
    (vevent,) = (await calendar(hub, "/events/event:41.ics")).events

    link = "https://meet.example.org/samhallsorientering"
    assert str(vevent["URL"]) == link
    assert str(vevent["LOCATION"]) == link
    assert vevent["DTSTART"].params["TZID"] == "Europe/Stockholm"


async def test_cancelled_event_has_status_cancelled(hub: Hub) -> None:
    (vevent,) = (await calendar(hub, "/events/event:42.ics")).events

    assert vevent["STATUS"] == "CANCELLED"


async def test_calendar_lists_upcoming_events_with_their_zones(hub: Hub) -> None:
    parsed = await calendar(hub, "/calendar.ics")

    uids = [str(vevent["UID"]) for vevent in parsed.events]
    assert uids == [
        "event:41@integrationnorden",
        "event:40@integrationnorden",
        "event:42@integrationnorden",
    ]
    assert {tz.tz_name for tz in parsed.timezones} == {
        "Europe/Copenhagen",
        "Europe/Stockholm",
    }
    assert parsed.get_missing_tzids() == set()
    # Reykjavík keeps UTC all year: written with "Z", no VTIMEZONE needed.
    assert parsed.events[2].start.utcoffset() == timedelta(0)


async def test_same_calendar_gives_the_same_bytes(hub: Hub) -> None:
    first = await hub.client.get("/calendar.ics")
    second = await hub.client.get("/calendar.ics")

    assert first.content == second.content


async def test_calendar_filters_like_the_feeds(hub: Hub) -> None:
    parsed = await calendar(hub, "/calendar.ics?locale=sv&country=sweden")

    assert [str(v["UID"]) for v in parsed.events] == ["event:41@integrationnorden"]


async def test_new_version_keeps_uid_and_raises_sequence(hub: Hub) -> None:
    before = (await calendar(hub, "/events/event:40.ics")).events[0]
    start = before.start + timedelta(hours=2)

    hub.write(
        event(40, version=21, start=start, title="Moved: Nordic conference on jobs")
    )
    after = (await calendar(hub, "/events/event:40.ics")).events[0]

    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] > before["SEQUENCE"]
    assert after.start == start
    assert str(after["SUMMARY"]) == "Moved: Nordic conference on jobs"
    listed = (await calendar(hub, "/calendar.ics")).events
    assert {(str(v["UID"]), v["SEQUENCE"]) for v in listed} >= {
        ("event:40@integrationnorden", 21)
    }


async def test_deleted_event_is_404_and_gone_from_calendar_and_feeds(
    hub: Hub,
) -> None:
    assert (await hub.client.get("/events/event:40.ics")).status_code == 200

    hub.delete("event:40", 30)

    response = await hub.client.get("/events/event:40.ics")
    assert response.status_code == 404
    assert "event:40" in response.json()["error"]["message"]
    uids = [str(v["UID"]) for v in (await calendar(hub, "/calendar.ics")).events]
    assert "event:40@integrationnorden" not in uids
    feed = (await hub.client.get("/feeds/events.json")).json()
    assert all(not item["id"].endswith("event:40") for item in feed["items"])


async def test_deleted_news_is_gone_from_the_feeds(hub: Hub) -> None:
    hub.delete("news:10", 30)

    for form in ("rss", "atom", "json"):
        body = (await hub.client.get(f"/feeds/news.{form}")).text
        assert "Sprogcaféer hjælper flygtninge i job" not in body


@pytest.mark.parametrize(
    "url",
    [
        "/events/event:9999.ics",
        "/events/news:10.ics",
        "/events/event:40 .ics",
        "/events/%00.ics",
    ],
)
async def test_unknown_events_are_404(hub: Hub, url: str) -> None:
    response = await hub.client.get(url)

    assert response.status_code == 404
    assert response.json()["error"]["status"] == 404
