"""Network pages and their index through the real Wagtail editor."""

from __future__ import annotations

import datetime

from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from networks.models import NetworkIndexPage, NetworkMember, NetworkPage
from tests.cms.admin_flow import assert_full_lifecycle, form_errors, page_form

SECRET_EMAIL = "kari.bakke@private.example"


def _network_form(countries, meetings: list[dict], **fields) -> dict:
    data = {
        "lead": "Capital cities compare local integration work.",
        "purpose": rich_text("<p>Share what works in local integration.</p>"),
        "body": streamfield([]),
        "members": inline_formset(
            [
                {
                    "organisation": "Københavns Kommune",
                    "country": countries["denmark"].pk,
                    "url": "https://www.kk.dk/",
                    "contact_name": "Kari Bakke",
                    "contact_email": SECRET_EMAIL,
                },
                {
                    "organisation": "Stockholms stad",
                    "country": countries["sweden"].pk,
                },
            ]
        ),
        "meetings": inline_formset(meetings),
        **fields,
    }
    return page_form("Nordic capital cities network", "capital-cities", data)


def _minutes():
    document = get_document_model()(title="Minutes from Oslo")
    document.file.save("minutes.txt", ContentFile(b"Minutes"), save=False)
    document.save()
    return document


def test_network_index_lifecycle(editor_client, home):
    data = page_form(
        "Networks",
        "networks",
        {"lead": "Nordic networks on integration.", "body": streamfield([])},
    )
    assert_full_lifecycle(
        editor_client,
        home,
        NetworkIndexPage,
        data,
        edited={"lead": "Networks of authorities and cities"},
        expect_in_preview="Nordic networks on integration.",
        expect_after_edit="Networks of authorities and cities",
    )


def test_network_lifecycle(editor_client, network_index, countries):
    minutes = _minutes()
    meetings = [
        {
            "date": "2022-05-11",
            "title": "Reaching women outside the labour market",
            "location": "Oslo City Hall",
            "summary": "Outreach teams presented their work.",
            "minutes": minutes.pk,
        },
        {"date": "2022-11-24", "title": "Housing", "is_online": "on"},
    ]
    data = _network_form(countries, meetings)

    def edited(page: NetworkPage) -> dict:
        members = list(page.members.values_list("pk", flat=True))
        changed = [{**meetings[0], "title": "Women and work"}, meetings[1]]
        meeting_ids = list(page.meetings.values_list("pk", flat=True))
        return nested_form_data(
            {
                "members": inline_formset(
                    [
                        {
                            "id": members[0],
                            "organisation": "Københavns Kommune",
                            "country": countries["denmark"].pk,
                            "contact_email": SECRET_EMAIL,
                        },
                        {
                            "id": members[1],
                            "organisation": "Mariehamns stad",
                            "country": countries["aland"].pk,
                        },
                    ],
                    initial=2,
                ),
                "meetings": inline_formset(
                    [
                        {**row, "id": pk}
                        for row, pk in zip(changed, meeting_ids, strict=True)
                    ],
                    initial=2,
                ),
            }
        )

    page = assert_full_lifecycle(
        editor_client,
        network_index,
        NetworkPage,
        data,
        edited=edited,
        expect_in_preview="Københavns Kommune",
        expect_after_edit="Women and work",
    )
    assert [m.organisation for m in page.members.all()] == [
        "Københavns Kommune",
        "Mariehamns stad",
    ]
    assert page.meetings.get(title="Women and work").minutes == minutes
    html = editor_client.get(page.url).content.decode()
    assert "Mariehamns stad" in html and "Åland" in html
    assert "Minutes from Oslo" in html
    assert SECRET_EMAIL not in html
    assert "Kari Bakke" not in html
    index_html = editor_client.get(network_index.url).content.decode()
    assert "Nordic capital cities network" in index_html


def test_editor_forms_render(editor_client, network_index):
    add = reverse(
        "wagtailadmin_pages:add", args=["networks", "networkpage", network_index.pk]
    )
    response = editor_client.get(add)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="members-TOTAL_FORMS"' in html
    assert 'name="meetings-TOTAL_FORMS"' in html


def test_meeting_needs_a_location_or_online(editor_client, network_index, countries):
    data = _network_form(
        countries, [{"date": "2022-05-11", "title": "Somewhere", "location": ""}]
    )
    errors = form_errors(editor_client, network_index, NetworkPage, data)
    assert "or tick 'online'" in " ".join(errors["meetings-0"]["location"])


def test_members_by_country_puts_territories_last(network_index, countries):
    page = NetworkPage(
        title="Network",
        slug="network",
        members=[
            NetworkMember(organisation="Mariehamns stad", country=countries["aland"]),
            NetworkMember(organisation="Stockholms stad", country=countries["sweden"]),
            NetworkMember(organisation="Aarhus", country=countries["denmark"]),
            NetworkMember(organisation="Aalborg", country=countries["denmark"]),
        ],
    )
    network_index.add_child(instance=page)
    grouped = page.members_by_country()
    assert [c.name for c in grouped] == ["Denmark", "Sweden", "Åland"]
    assert [m.organisation for m in grouped[countries["denmark"]]] == [
        "Aalborg",
        "Aarhus",
    ]


def test_upcoming_and_past_meetings_are_split_by_today(network_index):
    from networks.models import NetworkMeeting

    today = datetime.date.today()
    page = NetworkPage(
        title="Network",
        slug="network",
        meetings=[
            NetworkMeeting(date=today.replace(year=today.year - 1), title="Old"),
            NetworkMeeting(date=today.replace(year=today.year + 1), title="Next"),
        ],
    )
    assert [m.title for m in page.upcoming_meetings()] == ["Next"]
    assert [m.title for m in page.past_meetings()] == ["Old"]
