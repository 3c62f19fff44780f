"""Expert group pages and their index through the real Wagtail editor."""

from __future__ import annotations

from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from experts.choices import MemberRole
from experts.models import ExpertGroupIndexPage, ExpertGroupPage
from tests.cms.admin_flow import assert_full_lifecycle, page_form
from tests.cms.experts.builders import chair, group_form, member

HIDDEN = ("Zarina Undisclosed", "Secret Consent Institute", "@private.example")


def _meetings(minutes) -> list[dict]:
    return [
        {
            "date": "2022-05-10",
            "title": "Spring meeting on the labour market",
            "is_virtual": "on",
            "summary": "Members compared recognition of foreign qualifications.",
            "minutes": minutes.pk,
        },
        {"date": "2099-03-01", "title": "Meeting with the reference group"},
    ]


def test_editor_form_renders_with_inline_panels(editor_client, expert_index):
    add = reverse(
        "wagtailadmin_pages:add", args=["experts", "expertgrouppage", expert_index.pk]
    )
    response = editor_client.get(add)
    assert response.status_code == 200
    html = response.content.decode()
    for name in ("members", "chairs", "meetings"):
        assert f'name="{name}-TOTAL_FORMS"' in html


def test_expert_group_index_lifecycle(editor_client, home, profiles):
    data = page_form(
        "Expert groups",
        "expert-groups",
        {"lead": "Groups that advise the programme.", "body": streamfield([])},
    )
    page = assert_full_lifecycle(
        editor_client,
        home,
        ExpertGroupIndexPage,
        data,
        edited={"lead": "Expert groups and forums"},
        expect_in_preview="Amina Yusuf",
        expect_after_edit="Expert groups and forums",
    )
    html = editor_client.get(page.url).content.decode()
    assert "Lina Petrova" in html
    for text in HIDDEN:
        assert text not in html


def test_expert_group_lifecycle(
    editor_client, expert_index, countries, profiles, minutes
):
    dk, no, gl = countries["denmark"], countries["norway"], countries["greenland"]
    rows = [
        member(profiles["amina"], dk),
        member(profiles["omar"], dk),
        member(profiles["lina"], no),
        member(profiles["hidden"], no),
        member(profiles["nivi"], gl, role=MemberRole.VICE_CHAIR),
    ]
    chairs = [chair(2022, no, profiles["lina"])]
    data = group_form(rows, chairs, _meetings(minutes))

    def edited(page: ExpertGroupPage) -> dict:
        ids = {
            name: list(getattr(page, name).values_list("pk", flat=True))
            for name in ("members", "chairs", "meetings")
        }
        meetings = _meetings(minutes)
        meetings[0]["title"] = "Spring meeting on recognition of qualifications"
        return {
            "lead": "The forum brings experience of migration into Nordic work.",
            **nested_form_data(
                {
                    name: inline_formset(
                        [
                            {**row, "id": pk}
                            for row, pk in zip(items, ids[name], strict=True)
                        ],
                        initial=len(items),
                    )
                    for name, items in (
                        ("members", rows),
                        ("chairs", chairs),
                        ("meetings", meetings),
                    )
                }
            ),
        }

    page = assert_full_lifecycle(
        editor_client,
        expert_index,
        ExpertGroupPage,
        data,
        edited=edited,
        expect_in_preview="Amina Yusuf",
        expect_after_edit="Spring meeting on recognition of qualifications",
    )
    assert page.members.count() == 5
    assert [(c.year, c.chair_id) for c in page.chairs.all()] == [
        (2022, profiles["lina"].pk)
    ]
    assert page.meetings.count() == 2
    assert str(page.term_end) == "2024-09-30"

    html = editor_client.get(page.url).content.decode()
    assert "Amina Yusuf" in html
    assert "Nivi Olsen" in html and "Vice chair" in html
    assert "2022</strong> – Norway: Lina Petrova" in html
    assert "Minutes of the first meeting" in html
    assert "The forum brings experience of migration into Nordic work." in html
    for text in HIDDEN:
        assert text not in html
