"""Expert groups (members by country, Person data) and networks in the theme."""

from __future__ import annotations

from tests.cms.theme.helpers import html_lang, json_ld, tags


def test_expert_group_lists_members_by_country_with_person_data(client, expert_group):
    response = client.get(expert_group.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html_lang(html) == "en"
    assert "<h3" in html and "Sweden" in html
    people = [data for data in json_ld(html) if data.get("@type") == "Person"]
    assert people == [
        {
            "@context": "https://schema.org",
            "@type": "Person",
            "name": "Amina Hassan",
            "jobTitle": "Project manager",
            "worksFor": {"@type": "Organization", "name": "New Neighbours Network"},
            "image": people[0]["image"],
        }
    ]
    assert "Zarina Undisclosed" not in html
    photo = tags(html, "img", alt="Two women talking over coffee at a language café")
    assert photo and ".webp" in photo[0]["srcset"]
    assert "Photo: Ane Fotograf / norden.org" in html


def test_network_page_renders(client, network):
    index = network.get_parent()
    for page in (index, network):
        html = client.get(page.url).content.decode()
        assert html_lang(html) == "en"
        assert json_ld(html)
    assert "City of Oslo" in client.get(network.url).content.decode()
