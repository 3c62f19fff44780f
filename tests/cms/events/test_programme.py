"""The public programme: times, speakers, and profiles shown only when public."""

from __future__ import annotations

import datetime

import pytest

from events.blocks import visible_participants


@pytest.fixture
def profiles(locales):
    from experts.models import ExpertProfile

    public = ExpertProfile.objects.create(
        name="Dr Ingrid Lund",
        organisation="Nordregio",
        is_public=True,
        consent_date=datetime.date(2026, 1, 5),
        locale=locales["en"],
    )
    hidden = ExpertProfile.objects.create(
        name="Secret Person", organisation="Hidden Institute", locale=locales["en"]
    )
    return public, hidden


def programme(public, hidden):
    return [
        (
            "session",
            {
                "date": None,
                "start_time": datetime.time(9, 30),
                "end_time": datetime.time(10, 15),
                "title": "Jobs and education: what works",
                "description": "<p>Research findings.</p>",
                "speakers": [
                    ("expert", public),
                    ("expert", hidden),
                    ("person", {"name": "Maja Berg", "organisation": "Oslo kommune"}),
                ],
                "moderators": [("expert", hidden)],
            },
        )
    ]


def test_programme_shows_times_and_public_speakers_only(client, make_event, profiles):
    public, hidden = profiles
    event = make_event(programme=programme(public, hidden))
    html = client.get(event.url).content.decode()
    assert "Jobs and education: what works" in html
    assert '<time datetime="09:30">09:30</time>' in html
    assert '<time datetime="10:15">10:15</time>' in html
    assert "Dr Ingrid Lund" in html and "(Nordregio)" in html
    assert "Maja Berg" in html and "(Oslo kommune)" in html
    assert "Secret Person" not in html
    assert "Hidden Institute" not in html
    # The moderators list held only the hidden profile: no heading for nobody.
    assert "Moderators:" not in html


def test_profile_links_only_when_the_profile_has_a_public_address(
    profiles, monkeypatch
):
    from experts.models import ExpertProfile

    public, hidden = profiles
    monkeypatch.setattr(
        ExpertProfile, "get_url", lambda self: f"/experts/{self.pk}/", raising=False
    )
    stream = programme(public, hidden)[0][1]["speakers"]

    class Child:
        def __init__(self, block_type, value):
            self.block_type, self.value = block_type, value

    people = visible_participants([Child(*item) for item in stream])
    assert [(p.name, p.url) for p in people] == [
        ("Dr Ingrid Lund", f"/experts/{public.pk}/"),
        ("Maja Berg", ""),
    ]


def test_profile_made_private_later_disappears(client, make_event, profiles):
    public, hidden = profiles
    event = make_event(programme=programme(public, hidden))
    public.is_public = False
    public.save()
    html = client.get(event.url).content.decode()
    assert "Dr Ingrid Lund" not in html
    assert "Maja Berg" in html


def test_translated_page_shows_the_profile_translation(
    client, make_event, profiles, locales
):
    public, hidden = profiles
    event = make_event(programme=programme(public, hidden))
    swedish_profile = public.copy_for_translation(locales["sv"])
    swedish_profile.organisation = "Nordregio (Stockholm)"
    swedish_profile.save()
    swedish = event.copy_for_translation(locales["sv"], copy_parents=True)
    swedish.save_revision().publish()
    html = client.get(swedish.url).content.decode()
    assert "(Nordregio (Stockholm))" in html
    assert "Secret Person" not in html
