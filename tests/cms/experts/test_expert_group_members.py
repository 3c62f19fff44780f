"""Who an expert group page shows, and which seats are still empty."""

from __future__ import annotations

import datetime

import pytest

from experts.choices import MemberRole
from experts.models import ExpertGroupChair, ExpertGroupMember, ExpertGroupPage


@pytest.fixture
def forum(expert_index, countries, profiles):
    dk, no, gl = countries["denmark"], countries["norway"], countries["greenland"]

    def seat(key, country, role=MemberRole.MEMBER, **dates):
        return ExpertGroupMember(
            profile=profiles[key], country=country, role=role, **dates
        )

    page = ExpertGroupPage(
        title="Nordic migrant expert forum",
        slug="forum",
        term_start=datetime.date(2021, 10, 1),
        term_end=datetime.date(2024, 9, 30),
        members_per_country_min=2,
        members_per_country_max=2,
        members=[
            seat("nivi", gl),
            seat("omar", dk, start_date=datetime.date(2022, 6, 1)),
            seat("hidden", no),
            seat("lina", no, role=MemberRole.CHAIR),
            seat("amina", dk, role=MemberRole.VICE_CHAIR),
            seat("jonas", dk, role=MemberRole.SECRETARIAT),
            seat("ahmed", no, end_date=datetime.date(2021, 12, 31)),
        ],
        chairs=[
            ExpertGroupChair(year=2022, presidency_country=no, chair=profiles["lina"]),
            ExpertGroupChair(
                year=2023, presidency_country=no, chair=profiles["hidden"]
            ),
        ],
    )
    expert_index.add_child(instance=page)
    page.save_revision().publish()
    return page


def _names(members) -> list[str]:
    return [m.shown_profile.name for m in members]


def test_public_members_leave_out_profiles_without_consent(forum):
    names = _names(forum.public_members())
    assert "Zarina Undisclosed" not in names
    assert len(names) == 6


def test_members_by_country_orders_countries_then_territories(forum):
    grouped = forum.members_by_country()
    assert [country.name for country in grouped] == ["Denmark", "Norway", "Greenland"]
    assert _names(grouped[next(iter(grouped))]) == ["Amina Yusuf", "Omar Haddad"]
    norway = [c for c in grouped if c.name == "Norway"][0]
    assert _names(grouped[norway]) == ["Lina Petrova", "Ahmed Karimi"]


def test_members_by_country_leaves_out_the_secretariat(forum):
    everyone = [n for members in forum.members_by_country().values() for n in members]
    assert "Jonas Berg" not in _names(everyone)
    assert _names(forum.public_secretariat()) == ["Jonas Berg"]


def test_missing_seats_counts_hidden_members_but_not_the_secretariat(forum, countries):
    missing = forum.missing_seats()
    assert missing == {
        countries["finland"]: 2,
        countries["sweden"]: 2,
        countries["greenland"]: 1,
    }


def test_missing_seats_on_a_day_counts_only_serving_members(forum, countries):
    missing = forum.missing_seats(on=datetime.date(2022, 1, 1))
    assert missing[countries["denmark"]] == 1
    assert countries["norway"] not in missing
    assert countries["denmark"] not in forum.missing_seats(on=datetime.date(2023, 1, 1))


def test_missing_seats_considers_only_the_page_countries(forum, countries):
    forum.countries.set([countries["denmark"], countries["greenland"]])
    assert forum.missing_seats() == {countries["greenland"]: 1}


def test_rendered_page_never_shows_a_profile_without_consent(client, forum):
    html = client.get(forum.url).content.decode()
    assert "Lina Petrova" in html
    assert "2023</strong> – Norway<" in html
    for text in ("Zarina Undisclosed", "Secret Consent Institute", "private.example"):
        assert text not in html


def test_profile_withdrawn_after_publishing_disappears(client, forum, profiles):
    lina = profiles["lina"]
    lina.is_public = False
    lina.save()
    html = client.get(forum.url).content.decode()
    assert "Lina Petrova" not in html
    assert "Oslo Language Centre" not in html


def test_withdrawing_consent_in_one_language_hides_the_expert_everywhere(
    client, forum, profiles, locales, expert_index
):
    danish = profiles["lina"].copy_for_translation(locales["da"])
    danish.is_public = False
    danish.save()
    for url in (forum.url, expert_index.url):
        html = client.get(url).content.decode()
        assert "Lina Petrova" not in html
        assert "Oslo Language Centre" not in html
