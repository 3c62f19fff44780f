"""Harvested items keep their full text and their own language, and search finds
them by words that occur only in that text, in the right locale."""

from __future__ import annotations

import json
import re

import pytest

from harvest.choices import RunStatus, SourceKind
from harvest.harvester import harvest_source
from harvest.models import ExternalItem, ExternalSource
from harvest.normalise import BODY_MAX
from indexing.worker import drain_once
from search.query import SearchQuery
from tests.cms.harvest.sitemaps import page, url, urlset

pytestmark = pytest.mark.django_db

HTML = "text/html; charset=utf-8"

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>Nordic partners</title>
<link>https://partners.example/</link>
<description>News in several languages</description>
<language>nb-NO</language>
<item>
<title>Språkpraktik på arbetsplatsen</title>
<link>https://partners.example/sv/praktik</link>
<guid>sv-praktik</guid>
<dc:language>sv-SE</dc:language>
<description>Nyanlända lär sig svenska på jobbet.</description>
<content:encoded><![CDATA[
<p>Nyanlända lär sig svenska på jobbet.</p>
<nav><a href="/">Hemsidan</a> menyradsordet</nav>
<p>Handledarna i Borlänge följer varje deltagare under ett halvår, och
<b>yrkessvenska</b> &amp; fackord övas i verkstaden.</p>
<script>var skriptordet = 1;</script>
]]></content:encoded>
</item>
<item>
<title>Kvalifisering for nyankomne</title>
<link>https://partners.example/nb/kvalifisering</link>
<guid>nb-kvalifisering</guid>
<content:encoded><![CDATA[<h2>Bakgrunn</h2>
<p>Introduksjonsprogrammet varer i opptil to år. Deltakerne får
opplæring i norsk og samfunnskunnskap. Kommunene har ansvaret.</p>]]></content:encoded>
</item>
<item>
<title>Sprachkurse für Neuankömmlinge</title>
<link>https://partners.example/de/sprachkurse</link>
<guid>de-sprachkurse</guid>
<dc:language>de</dc:language>
<description>Kurze Zusammenfassung.</description>
<content:encoded><![CDATA[<p>Die Volkshochschule bietet Integrationskurse an.</p>]]>
</content:encoded>
</item>
</channel>
</rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="sv">
<title>Nordregio</title>
<id>urn:uuid:feed</id>
<updated>2024-03-05T10:00:00+01:00</updated>
<entry xml:lang="fi">
<title>Kotoutuminen Pohjolassa</title>
<id>urn:uuid:fi</id>
<link rel="alternate" href="https://nordregio.example/fi/kotoutuminen"/>
<updated>2024-03-05T09:00:00+01:00</updated>
<summary>Tiivistelmä raportista.</summary>
<content type="html">&lt;p&gt;Kotoutumiskoulutus kestää yleensä vuoden.&lt;/p&gt;
</content>
</entry>
<entry>
<title>Bostäder och segregation</title>
<id>urn:uuid:sv</id>
<link rel="alternate" href="https://nordregio.example/sv/bostader"/>
<updated>2024-03-04T09:00:00+01:00</updated>
<content type="html">&lt;p&gt;Trångboddhet är vanligast i förorterna. Hyrorna stiger
snabbare än lönerna, och köerna till hyresrätter växer.&lt;/p&gt;
&lt;p&gt;Andra stycket nämner allmännyttan.&lt;/p&gt;</content>
</entry>
<entry xml:lang="nn-NO">
<title>Busetjing av flyktningar</title>
<id>urn:uuid:nn</id>
<link rel="alternate" href="https://nordregio.example/nn/busetjing"/>
<updated>2024-03-03T09:00:00+01:00</updated>
<summary type="html">&lt;p&gt;Kommunane tek imot flyktningar.&lt;/p&gt;</summary>
<content type="text">Busetjingsavtalen &lt;3 vert forhandla kvart år.</content>
</entry>
</feed>"""


def json_feed() -> bytes:
    return json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "Partner",
            "home_page_url": "https://partner.example/",
            "language": "is",
            "items": [
                {
                    "id": "da",
                    "url": "https://partner.example/da/sprogskole",
                    "title": "Sprogskolerne får nye regler",
                    "language": "da-DK",
                    "summary": "Ny lov for sprogskoler.",
                    "content_html": "<p>Danskuddannelsen bliver <em>gratis</em> "
                    "igen for alle kursister.</p><style>p{}</style>",
                },
                {
                    "id": "is",
                    "url": "https://partner.example/is/islenska",
                    "title": "Íslenska fyrir innflytjendur",
                    "content_text": "Íslenskunámskeið eru í boði um allt land.\n\n"
                    "Vinnumálastofnun greiðir námskeiðsgjöldin.",
                },
                {
                    "id": "fr",
                    "url": "https://partner.example/fr/cours",
                    "title": "Cours de langue",
                    "language": "fr",
                    "content_text": "Les apprenants progressent rapidement.",
                },
            ],
        }
    ).encode()


def reindex(backend) -> None:
    while drain_once(backend).handled:
        pass


def found(backend, word: str, locale: str) -> list[str]:
    """Links of the items a search in ``locale`` (only) finds for ``word``."""
    query = SearchQuery(text=word, locale=locale, cross_language=False)
    return [hit.document.url_path for hit in backend.search(query).hits]


def items_by_link(source: ExternalSource) -> dict[str, ExternalItem]:
    return {item.link: item for item in source.items.all()}


def test_rss_content_encoded_and_dc_language(feed_server, make_source, search_backend):
    source = make_source(feed_server.serve("/rss", RSS.encode()), locale="da")

    result = harvest_source(source)
    reindex(search_backend)

    assert (result.status, result.created) == (RunStatus.OK, 3)
    items = items_by_link(source)
    swedish = items["https://partners.example/sv/praktik"]
    assert swedish.locale == "sv" and swedish.stated_locale == "sv"
    assert swedish.summary == "Nyanlända lär sig svenska på jobbet."
    assert "yrkessvenska & fackord övas i verkstaden." in swedish.body
    assert "menyradsordet" not in swedish.body and "skriptordet" not in swedish.body
    # No dc:language of its own: the channel's <language> (nb-NO) is the hub's nb.
    norwegian = items["https://partners.example/nb/kvalifisering"]
    assert norwegian.locale == "nb"
    # No summary: the lead is the first sentences of the text, not its heading.
    assert norwegian.summary.startswith("Introduksjonsprogrammet varer i opptil to år.")
    assert norwegian.body.startswith("Bakgrunn\n\nIntroduksjonsprogrammet")
    # German is none of the hub's languages: the source's language applies.
    german = items["https://partners.example/de/sprachkurse"]
    assert (german.locale, german.stated_locale) == ("da", "")

    assert found(search_backend, "yrkessvenska", "sv") == [swedish.link]
    assert found(search_backend, "yrkessvenska", "da") == []
    assert found(search_backend, "samfunnskunnskap", "nb") == [norwegian.link]
    assert found(search_backend, "volkshochschule", "da") == [german.link]
    assert found(search_backend, "menyradsordet", "sv") == []
    assert found(search_backend, "skriptordet", "sv") == []
    [hit] = search_backend.search(
        SearchQuery(text="yrkessvenska", locale="sv", cross_language=False)
    ).hits
    assert hit.document.lead == swedish.summary


def test_atom_entries_in_several_languages(feed_server, make_source, search_backend):
    url = feed_server.serve("/atom", ATOM.encode(), content_type="application/atom+xml")
    source = make_source(url, locale="en")

    harvest_source(source)
    reindex(search_backend)

    items = items_by_link(source)
    finnish = items["https://nordregio.example/fi/kotoutuminen"]
    swedish = items["https://nordregio.example/sv/bostader"]
    nynorsk = items["https://nordregio.example/nn/busetjing"]
    assert (finnish.locale, swedish.locale, nynorsk.locale) == ("fi", "sv", "nb")
    assert finnish.summary == "Tiivistelmä raportista."
    assert finnish.body == "Kotoutumiskoulutus kestää yleensä vuoden."
    # Content only: a lead of whole sentences from the first paragraph.
    assert swedish.summary == (
        "Trångboddhet är vanligast i förorterna. Hyrorna stiger snabbare än "
        "lönerna, och köerna till hyresrätter växer."
    )
    assert swedish.body.endswith("\n\nAndra stycket nämner allmännyttan.")
    # type="text" is literal text: a "<" is not the start of a tag.
    assert nynorsk.body == "Busetjingsavtalen <3 vert forhandla kvart år."

    assert found(search_backend, "kotoutumiskoulutus", "fi") == [finnish.link]
    assert found(search_backend, "allmännyttan", "sv") == [swedish.link]
    assert found(search_backend, "busetjingsavtalen", "nb") == [nynorsk.link]
    assert found(search_backend, "allmännyttan", "en") == []


def test_json_feed_content_and_item_language(feed_server, make_source, search_backend):
    url = feed_server.serve(
        "/feed.json", json_feed(), content_type="application/feed+json"
    )
    source = make_source(url, kind=SourceKind.JSON_FEED, locale="sv")

    harvest_source(source)
    reindex(search_backend)

    items = items_by_link(source)
    danish = items["https://partner.example/da/sprogskole"]
    icelandic = items["https://partner.example/is/islenska"]
    french = items["https://partner.example/fr/cours"]
    assert (danish.locale, icelandic.locale, french.locale) == ("da", "is", "sv")
    assert danish.summary == "Ny lov for sprogskoler."
    assert danish.body == "Danskuddannelsen bliver gratis igen for alle kursister."
    assert icelandic.summary == "Íslenskunámskeið eru í boði um allt land."
    assert icelandic.body.endswith("Vinnumálastofnun greiðir námskeiðsgjöldin.")

    assert found(search_backend, "danskuddannelsen", "da") == [danish.link]
    assert found(search_backend, "vinnumálastofnun", "is") == [icelandic.link]
    assert found(search_backend, "apprenants", "sv") == [french.link]
    assert found(search_backend, "danskuddannelsen", "sv") == []


def long_article(words: int) -> str:
    """Paragraphs of distinct words: ``ord0 ord1 …``, one sentence each."""
    sentences = (
        " ".join(f"ord{n}" for n in range(start, min(start + 10, words))) + "."
        for start in range(0, words, 10)
    )
    return "".join(f"<p>{sentence}</p>" for sentence in sentences)


def test_web_page_text_language_and_cap(feed_server, make_source, search_backend):
    furniture = (
        "<header><p>Toppfeltordet</p></header>"
        "<nav><a href='/'>Navigasjonsordet</a></nav>"
        "<aside>Sidefeltordet</aside>"
        "<footer>Bunnfeltordet</footer>"
    )
    article = (
        "<p>Kvalifiseringsstønaden hjelper folk ut i arbeid.</p>"
        + long_article(4000)
        + "<p>Sluttordet står helt til slutt.</p>"
    )
    feed_server.serve(
        "/nn/artikkel",
        page("Kvalifisering", lang="nn-NO", body=furniture + article),
        content_type=HTML,
    )
    # No lang attribute: the Content-Language header says which language it is.
    plain = (
        b"<html><head><title>Arbeidstrening</title></head><body><main>"
        b"<p>Arbeidstreningen skjer i kommunene, tett fulgt opp av Nav.</p>"
        b"</main></body></html>"
    )
    feed_server.serve(
        "/header-nb", plain, content_type=HTML, headers={"Content-Language": "nb"}
    )
    feed_server.serve(
        "/header-sv", plain, content_type=HTML, headers={"Content-Language": "sv"}
    )
    feed_server.serve(
        "/sitemap.xml",
        urlset(
            url(feed_server.url("/nn/artikkel")),
            url(feed_server.url("/header-nb")),
            url(feed_server.url("/header-sv")),
        ),
        content_type="application/xml",
    )
    source = make_source(
        feed_server.url("/sitemap.xml"), kind=SourceKind.SITEMAP, locale="nb"
    )

    result = harvest_source(source)
    reindex(search_backend)

    # The Swedish page is not this Norwegian source's.
    assert (result.created, result.skipped) == (2, 1)
    items = items_by_link(source)
    item = items[feed_server.url("/nn/artikkel")]
    assert item.locale == "nb" and item.stated_locale == "nb"
    assert item.body.startswith("Kvalifiseringsstønaden hjelper folk ut i arbeid.")
    # Capped at a word boundary, with an ellipsis for the rest.
    assert len(item.body) <= BODY_MAX and item.body.endswith("…")
    # Every word kept is whole: ord0, ord1, … in order, none cut short.
    numbers = [int(word) for word in re.findall(r"\bord(\d+)", item.body)]
    assert len(numbers) > 1000 and numbers == list(range(len(numbers)))
    assert re.search(r"\bord\d+\.?…$", item.body)
    assert "Sluttordet" not in item.body
    for word in ("Toppfeltordet", "Navigasjonsordet", "Sidefeltordet"):
        assert word not in item.body
    assert items[feed_server.url("/header-nb")].locale == "nb"

    assert found(search_backend, "kvalifiseringsstønaden", "nb") == [item.link]
    assert found(search_backend, "ord1500", "nb") == [item.link]
    assert found(search_backend, "arbeidstreningen", "nb") == [
        feed_server.url("/header-nb")
    ]
    for word in ("sluttordet", "bunnfeltordet", "navigasjonsordet"):
        assert found(search_backend, word, "nb") == []


def test_stated_language_survives_a_change_of_the_source_language(
    feed_server, make_source
):
    source = make_source(feed_server.serve("/rss", RSS.encode(), etag='"v1"'))
    harvest_source(source)
    source.locale = "fi"
    source.save()

    result = harvest_source(source)

    assert result.status == RunStatus.NOT_MODIFIED
    locales = dict(source.items.values_list("key", "locale"))
    assert locales == {
        "id:sv-praktik": "sv",
        "id:nb-kvalifisering": "nb",
        "id:de-sprachkurse": "fi",  # states no language of the hub's
    }


def test_page_stored_without_its_text_is_read_once_more(feed_server, make_source):
    feed_server.serve(
        "/page",
        page(body="<p>Språkcaféet i biblioteket är öppet varje tisdag.</p>"),
        content_type=HTML,
    )
    feed_server.serve(
        "/sitemap.xml",
        urlset(url(feed_server.url("/page"))),
        content_type="application/xml",
    )
    source = make_source(
        feed_server.url("/sitemap.xml"), kind=SourceKind.SITEMAP, locale="en"
    )
    harvest_source(source)
    # As an item stored before pages kept their text: no text, another hash.
    source.items.update(body="", content_hash="0" * 64)

    harvest_source(source)
    harvest_source(source)

    assert len(feed_server.requests_to("/page")) == 2
    assert source.items.get().body == "Språkcaféet i biblioteket är öppet varje tisdag."
