"""schema.org JSON-LD and Open Graph of the main page types."""

from __future__ import annotations

from tests.cms.theme.helpers import ld_of_type, tags


def test_news_article(client, theme_site):
    news = theme_site.pages["news"]
    data = ld_of_type(client.get(news.url).content.decode(), "NewsArticle")
    assert data["@context"] == "https://schema.org"
    assert data["headline"] == news.title
    assert data["datePublished"] == "2026-03-02"
    assert data["inLanguage"] == "en"
    assert data["url"] == news.full_url
    assert data["image"].startswith("http://testserver/")
    assert data["publisher"]["@type"] == "Organization"


def test_event_with_place_and_virtual_location(client, theme_site):
    event = theme_site.pages["event"]
    data = ld_of_type(client.get(event.url).content.decode(), "Event")
    assert data["startDate"] == event.local_start.isoformat()
    assert data["endDate"] == event.local_end.isoformat()
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, virtual = data["location"]
    assert place["@type"] == "Place"
    assert place["address"]["addressLocality"] == "Oslo"
    assert place["address"]["addressCountry"] == "NO"
    assert virtual == {
        "@type": "VirtualLocation",
        "url": "https://stream.example.org/seminar",
    }
    assert data["performer"] == [
        {
            "@type": "Person",
            "name": "Kari Nilsen",
            "affiliation": {"@type": "Organization", "name": "OsloMet"},
        }
    ]


def test_cancelled_event_says_so(client, theme_site):
    html = client.get(theme_site.pages["cancelled_event"].url).content.decode()
    data = ld_of_type(html, "Event")
    assert data["eventStatus"] == "https://schema.org/EventCancelled"
    assert data["location"]["@type"] == "VirtualLocation"
    assert "This event has been cancelled." in html


def test_home_page_describes_the_organisation(client, theme_site):
    data = ld_of_type(
        client.get(theme_site.pages["home"].url).content.decode(), "Organization"
    )
    assert data["name"]
    assert data["url"] == theme_site.pages["home"].full_url


def test_statistics_page_is_a_dataset(client, theme_site):
    data = ld_of_type(
        client.get(theme_site.pages["statistics"].url).content.decode(), "Dataset"
    )
    assert data["distribution"]["encodingFormat"] == "text/csv"


def test_json_ld_cannot_close_its_script(client, theme_site):
    news = theme_site.pages["news"]
    news.title = "</script><script>alert(1)</script>"
    news.save_revision().publish()
    html = client.get(news.url).content.decode()
    data = ld_of_type(html, "NewsArticle")
    assert data["headline"] == "</script><script>alert(1)</script>"
    assert "<script>alert(1)" not in html


def test_open_graph(client, theme_site):
    news = theme_site.pages["news"]
    html = client.get(news.url).content.decode()
    assert tags(html, "meta", property="og:type")[0]["content"] == "article"
    assert tags(html, "meta", property="og:url")[0]["content"] == news.full_url
    assert tags(html, "meta", property="og:locale")[0]["content"] == "en_GB"
    image = tags(html, "meta", property="og:image")[0]["content"]
    assert image.startswith("http://testserver/") and image.endswith(".jpg")
    assert tags(html, "meta", property="og:image:alt")
