"""The admin's search on Wagtail's database backend, through the real admin.

Editors find pages by a part of a compound ("konference" in
"integrationskonference"), by a year or month of an event's dates, by a
Nordic name typed without its letters ("tromso"), by the language's name;
drafts are found; the dashboard's search box searches the whole site and the
result header names pages; the results list language, type, status and date
and filter by type, language and status. Runs on SQLite and, in the second
test run, on PostgreSQL (``scripts/with-postgres.sh``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from wagtail.models import Page
from wagtail.users.models import UserProfile

from core import search_text
from core.models import StandardPage
from core.search_text import CompoundSplitter, date_words, extra_search_text
from events.models import EventIndexPage, EventPage
from experts.models import ExpertProfile
from search.compounds import CompoundSplitter as DocumentSplitter
from search.lexicon import Lexicon
from search.lexicon.build import build_lexicon
from tests.search.lexicon.dictd import write_dictd

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from django.test import Client

CPH = ZoneInfo("Europe/Copenhagen")
SEARCH = "wagtailadmin_pages:search"


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lexicon]:
    """A small Danish-English lexicon: the compound splitter knows the parts."""
    folder: Path = tmp_path_factory.mktemp("dictd")
    write_dictd(
        folder,
        "dan-eng",
        {
            "integration": ["integration"],
            "konference": ["conference"],
            "sprog": ["language"],
            "undervisning": ["teaching"],
        },
    )
    path = folder / "lexicon.sqlite"
    build_lexicon(path, dictd_folder=folder, apertium_folder=folder, lemma_locales=())
    opened = Lexicon.open(path)
    assert opened is not None
    yield opened
    opened.close()


@pytest.fixture
def splitter(monkeypatch: pytest.MonkeyPatch, lexicon: Lexicon) -> CompoundSplitter:
    splitter = CompoundSplitter(DocumentSplitter(lexicon, None))
    monkeypatch.setattr(search_text, "_splitter", splitter)
    return splitter


def add_page(parent: Page, page: Page, *, publish: bool = True) -> Page:
    page.live = publish
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


@pytest.fixture
def site(
    home: Page, locales: dict[str, Any], splitter: CompoundSplitter
) -> dict[str, Page]:
    """Pages in two branches and two languages, one of them a draft."""
    events = add_page(home, EventIndexPage(title="Events", slug="events"))
    conference = add_page(
        events,
        EventPage(
            title="What can we learn from each other?",
            slug="conference-2018",
            lead="The Nordic conference on integration.",
            start=dt.datetime(2018, 11, 20, 8, 30, tzinfo=CPH),
            end=dt.datetime(2018, 11, 20, 15, 15, tzinfo=CPH),
            venue_name="Eigtveds Pakhus",
            city="Copenhagen",
        ),
    )
    seminar = add_page(
        events,
        EventPage(
            title="Seminar on language training",
            slug="seminar-2027",
            start=dt.datetime(2027, 3, 16, 8, 30, tzinfo=CPH),
            end=dt.datetime(2027, 3, 16, 11, 30, tzinfo=CPH),
            venue_name="Nordens Hus",
        ),
    )
    danish = add_page(
        home,
        StandardPage(
            title="Nordisk integrationskonference i København",
            slug="integrationskonference",
            lead="Hvad kan vi lære af hinanden?",
            locale=locales["da"],
        ),
    )
    tromso = add_page(home, StandardPage(title="Mentoring in Tromsø", slug="mentoring"))
    draft = add_page(
        home,
        StandardPage(
            title="Sprogundervisning for nyankomne",
            slug="sprogundervisning",
            locale=locales["da"],
        ),
        publish=False,
    )
    return {
        "conference": conference,
        "seminar": seminar,
        "danish": danish,
        "tromso": tromso,
        "draft": draft,
    }


def found(client: Client, query: str, **params: str) -> list[str]:
    response = client.get(reverse(SEARCH), {"q": query, **params})
    assert response.status_code == 200
    return sorted(page.title for page in response.context["pages"])


def text(html: bytes) -> str:
    """Visible text of ``html``, spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html.decode()))


def test_a_part_of_a_compound_finds_the_page(
    site: dict[str, Page], editor_client: Client
) -> None:
    assert found(editor_client, "konference") == [
        "Nordisk integrationskonference i København"
    ]
    # The whole word and its beginning as before; "undervisning" in a draft.
    assert found(editor_client, "integrationskonf") == [
        "Nordisk integrationskonference i København"
    ]
    assert found(editor_client, "undervisning") == ["Sprogundervisning for nyankomne"]
    # The language's name, in the editor's words, narrows to Danish pages.
    assert found(editor_client, "konference dansk") == [
        "Nordisk integrationskonference i København"
    ]
    assert found(editor_client, "konference svenska") == []


def test_a_year_or_month_finds_an_event_by_its_dates(
    site: dict[str, Page], editor_client: Client
) -> None:
    conference = "What can we learn from each other?"
    assert found(editor_client, "2018") == [conference]
    assert found(editor_client, "november 2018") == [conference]
    assert found(editor_client, "20.11.2018") == [conference]
    assert found(editor_client, "march 2027") == ["Seminar on language training"]
    assert found(editor_client, "march 2018") == []


def test_nordic_letters_typed_without_them(
    site: dict[str, Page], editor_client: Client
) -> None:
    for typed in ("tromso", "Tromsø", "troms"):
        assert found(editor_client, typed) == ["Mentoring in Tromsø"], typed
    assert found(editor_client, "kobenhavn") == [
        "Nordisk integrationskonference i København"
    ]
    # Words of the lead are found as the editor types, not only the title's.
    assert found(editor_client, "laere hinanden") == [
        "Nordisk integrationskonference i København"
    ]


def test_drafts_are_found_and_shown_as_drafts(
    site: dict[str, Page], editor_client: Client
) -> None:
    response = editor_client.get(reverse(SEARCH), {"q": "nyankomne"})
    [page] = response.context["pages"]
    assert page.pk == site["draft"].pk
    assert page.status_string == "draft"


def test_the_dashboard_search_searches_the_whole_site(
    site: dict[str, Page], editor_client: Client
) -> None:
    dashboard = editor_client.get(reverse("wagtailadmin_home"))
    action = re.search(
        r'<form[^>]*action="([^"]+)"[^>]*role="search"', dashboard.content.decode()
    )
    assert action is not None
    response = editor_client.get(action.group(1), {"q": "integration"})
    # Sent from the editor's root page ("Root") to the search of the site.
    assert response.status_code == 302
    assert response["Location"] == f"{reverse(SEARCH)}?q=integration"
    results = editor_client.get(response["Location"])
    titles = sorted(page.title for page in results.context["pages"])
    # Pages from every level (home, under it, under the events index).
    assert titles == [
        "Integration Norden",
        "Nordisk integrationskonference i København",
        "What can we learn from each other?",
    ]
    shown = text(results.content)
    assert "1-3 of 3 pages" in shown
    assert "None" not in shown
    assert "No results in" not in shown

    # The explorer of a page below the root still searches inside it.
    inside = editor_client.get(
        reverse("wagtailadmin_explore", args=[site["conference"].get_parent().pk]),
        {"q": "integration"},
    )
    assert inside.status_code == 200
    assert [page.title for page in inside.context["pages"]] == [
        "What can we learn from each other?"
    ]


def test_results_list_language_type_status_and_date(
    site: dict[str, Page], editor_client: Client, editor: Any
) -> None:
    response = editor_client.get(reverse(SEARCH), {"q": "2018"})
    columns = [column.name for column in response.context["table"].columns.values()]
    for name in ("title", "language", "type", "status", "own_date"):
        assert name in columns, columns
    shown = text(response.content)
    assert "What can we learn from each other?" in shown
    assert "English" in shown
    assert "Event" in shown
    assert "English Events Just now 20 November 2018 Event" in shown

    # Columns, filters and dates in the editor's language.
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "da"
    profile.save()
    danish = text(editor_client.get(reverse(SEARCH), {"q": "2018"}).content)
    assert "Sprog" in danish
    assert "Dato" in danish
    assert "Udgivet, med ikke-udgivne ændringer" in danish
    assert "engelsk" in danish.lower()
    assert "20. november 2018" in danish


def test_filters_by_type_language_and_status(
    site: dict[str, Page], editor_client: Client
) -> None:
    response = editor_client.get(reverse(SEARCH), {"q": ""})
    filters = response.context["filters"].form.fields
    for name in ("page_type", "locale", "status"):
        assert name in filters, list(filters)

    everything = found(editor_client, "")
    assert len(everything) >= 6
    assert found(editor_client, "", locale="da") == [
        "Nordisk integrationskonference i København",
        "Sprogundervisning for nyankomne",
    ]
    assert found(editor_client, "", status="draft") == [
        "Sprogundervisning for nyankomne"
    ]
    event = ContentType.objects.get_for_model(EventPage)
    assert found(editor_client, "", page_type=str(event.pk)) == [
        "Seminar on language training",
        "What can we learn from each other?",
    ]
    # A filter and a query together; the count follows the filter.
    response = editor_client.get(reverse(SEARCH), {"q": "integration", "locale": "da"})
    assert [page.title for page in response.context["pages"]] == [
        "Nordisk integrationskonference i København"
    ]
    assert response.context["all_pages"].count() == 1

    # A live page with a newer draft: "published, with unpublished changes".
    tromso = site["tromso"].specific
    tromso.title = "Mentoring in Tromsø and Bodø"
    tromso.save_revision()
    assert found(editor_client, "", status="changed") == ["Mentoring in Tromsø"]
    assert "Mentoring in Tromsø" in found(editor_client, "", status="live")
    # A value that is no choice is ignored with the filter form's error, not a 500.
    response = editor_client.get(reverse(SEARCH), {"q": "", "status": "deleted"})
    assert response.status_code == 200


def test_snippets_by_folded_names(
    site: dict[str, Page], client: Client, admin_user: Any
) -> None:
    ExpertProfile.objects.create(
        name="Søren Østergaard", organisation="Aarhus Kommune", is_public=True
    )
    client.force_login(admin_user)
    url = reverse("wagtailsnippets_experts_expertprofile:list")
    for typed in ("soren", "østergaard", "ostergaard", "aarhus"):
        response = client.get(url, {"q": typed})
        assert response.status_code == 200
        assert [str(item) for item in response.context["object_list"]] == [
            "Søren Østergaard"
        ], typed


def test_extra_text_without_a_lexicon_has_no_parts() -> None:
    extra = extra_search_text(
        ["Integrationskonference i Tórshavn"],
        "da",
        [dt.date(2018, 11, 20)],
        splitter=CompoundSplitter(None),
    )
    words = extra.split()
    assert "konference" not in words
    assert "torshavn" in words  # folded all the same
    assert {"2018", "november", "dansk", "danish", "tanska"} <= set(words)


def test_dates_in_the_items_language() -> None:
    finnish = date_words([dt.date(2018, 11, 20)], "fi")
    assert "marraskuu 2018" in finnish
    assert "november 2018" in finnish
    assert "2018-11-20" in finnish
    icelandic = date_words([dt.datetime(2018, 11, 30, 23, 30, tzinfo=dt.UTC)], "is")
    # Read in Copenhagen time: 1 December.
    assert "desember 2018" in icelandic
    assert "1 desember 2018" in icelandic
