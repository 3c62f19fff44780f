"""Composition rules the expert group editor enforces."""

from __future__ import annotations

import pytest

from experts.choices import MemberRole
from experts.models import ExpertGroupPage
from tests.cms.admin_flow import create_page, form_errors
from tests.cms.experts.builders import chair, group_form, member


@pytest.fixture
def post(editor_client, expert_index):
    def errors(data: dict) -> dict:
        return form_errors(editor_client, expert_index, ExpertGroupPage, data)

    return errors


def test_too_many_members_for_a_country_is_refused(post, countries, profiles):
    dk = countries["denmark"]
    data = group_form(
        [
            member(profiles["amina"], dk),
            member(profiles["omar"], dk),
            member(profiles["jonas"], dk),
        ]
    )
    errors = post(data)
    message = " ".join(errors["members-2"]["country"])
    assert "Denmark" in message and "at most 2" in message
    assert "members-0" not in errors and "members-1" not in errors


def test_members_who_follow_each_other_share_a_seat(
    editor_client, expert_index, countries, profiles
):
    dk = countries["denmark"]
    data = group_form(
        [
            member(profiles["amina"], dk),
            member(profiles["omar"], dk, end="2022-12-31"),
            member(profiles["jonas"], dk, start="2023-01-01"),
        ]
    )
    page = create_page(editor_client, expert_index, ExpertGroupPage, data)
    assert page.members.count() == 3


def test_secretariat_does_not_take_a_seat(
    editor_client, expert_index, countries, profiles
):
    dk = countries["denmark"]
    data = group_form(
        [
            member(profiles["amina"], dk),
            member(profiles["omar"], dk),
            member(profiles["jonas"], dk, role=MemberRole.SECRETARIAT),
        ]
    )
    page = create_page(editor_client, expert_index, ExpertGroupPage, data)
    assert [m.profile.name for m in page.public_secretariat()] == ["Jonas Berg"]


def test_duplicate_member_is_refused(post, countries, profiles):
    data = group_form(
        [
            member(profiles["amina"], countries["denmark"]),
            member(profiles["amina"], countries["norway"]),
        ]
    )
    errors = post(data)
    assert "Amina Yusuf is already listed" in " ".join(errors["members-1"]["profile"])


def test_two_chairs_in_the_same_year_are_refused(post, countries, profiles):
    data = group_form(
        [
            member(profiles["amina"], countries["denmark"], role=MemberRole.CHAIR),
            member(
                profiles["lina"],
                countries["norway"],
                role=MemberRole.CHAIR,
                start="2022-01-01",
                end="2022-12-31",
            ),
        ]
    )
    errors = post(data)
    message = " ".join(errors["members-1"]["role"])
    assert "Amina Yusuf is already chair in 2022" in message


def test_chairs_in_different_years_are_accepted(
    editor_client, expert_index, countries, profiles
):
    data = group_form(
        [
            member(
                profiles["amina"],
                countries["denmark"],
                role=MemberRole.CHAIR,
                end="2021-12-31",
            ),
            member(
                profiles["lina"],
                countries["norway"],
                role=MemberRole.CHAIR,
                start="2022-01-01",
            ),
        ]
    )
    create_page(editor_client, expert_index, ExpertGroupPage, data)


def test_chair_from_the_wrong_country_is_refused(post, countries, profiles):
    data = group_form(
        [member(profiles["amina"], countries["denmark"])],
        [chair(2022, countries["norway"], profiles["amina"])],
    )
    message = " ".join(post(data)["chairs-0"]["chair"])
    assert "must come from Norway" in message
    assert "Amina Yusuf represents Denmark" in message


def test_chair_must_be_a_member(post, countries, profiles):
    data = group_form(
        [member(profiles["amina"], countries["denmark"])],
        [chair(2022, countries["norway"], profiles["lina"])],
    )
    message = " ".join(post(data)["chairs-0"]["chair"])
    assert "Lina Petrova is not a member of this group" in message


def test_one_chair_row_per_year(post, countries, profiles):
    no = countries["norway"]
    data = group_form(
        [member(profiles["lina"], no), member(profiles["ahmed"], no)],
        [chair(2022, no, profiles["lina"]), chair(2022, no, profiles["ahmed"])],
    )
    assert "2022 already has a chair" in " ".join(post(data)["chairs-1"]["year"])


def test_chair_year_outside_the_term_is_refused(post, countries, profiles):
    no = countries["norway"]
    data = group_form(
        [member(profiles["lina"], no)], [chair(2026, no, profiles["lina"])]
    )
    message = " ".join(post(data)["chairs-0"]["year"])
    assert "outside the group's term (2021–2024)" in message


def test_term_ending_before_it_starts_is_refused(post, countries, profiles):
    data = group_form(
        [member(profiles["amina"], countries["denmark"])],
        term_start="2024-09-30",
        term_end="2021-10-01",
    )
    assert "must end after it starts" in " ".join(post(data)["term_end"])


def test_maximum_below_minimum_is_refused(post, countries, profiles):
    data = group_form(
        [member(profiles["amina"], countries["denmark"])],
        members_per_country_min="3",
        members_per_country_max="2",
    )
    errors = post(data)
    assert "cannot be lower than the minimum" in " ".join(
        errors["members_per_country_max"]
    )


def test_membership_ending_before_it_starts_is_refused(post, countries, profiles):
    data = group_form(
        [
            member(
                profiles["amina"],
                countries["denmark"],
                start="2023-01-01",
                end="2022-01-01",
            )
        ]
    )
    assert "cannot end before it starts" in " ".join(
        post(data)["members-0"]["end_date"]
    )
