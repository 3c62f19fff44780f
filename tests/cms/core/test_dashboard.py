"""The hub's dashboard panels, rendered by the real admin for each kind of user."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.users.models import UserProfile

from core.demo import workflow as demo_workflow
from core.demo.helpers import DemoContext
from core.models import StandardPage
from events.models import EventIndexPage, EventPage
from harvest.models import ExternalSource
from indexing.models import OutboxEntry
from search.analytics import AnalyticsStore
from tests.cms.core.test_ui_translations import compiled_catalogues  # noqa: F401


@pytest.fixture
def hub(home, locales, settings, tmp_path):
    """A site with something for every panel, and the demo accounts."""
    settings.HUB_SEARCH_ANALYTICS_DB = tmp_path / "analytics.sqlite3"
    homes = {"en": home}
    for code in ("da", "sv"):
        copy = home.copy_for_translation(locales[code])
        copy.save_revision().publish()
        homes[code] = copy
    demo_workflow.load(DemoContext(homes=homes))
    call_command("create_demo_editor", stdout=StringIO())

    # Two translations older than their English source, one up to date.
    for slug, outdated in (("housing", True), ("jobs", True), ("schools", False)):
        source = StandardPage(title=slug.title(), slug=slug)
        home.add_child(instance=source)
        source.save_revision().publish()
        for code in ("da", "sv"):
            copy = source.copy_for_translation(locales[code])
            copy.title = f"{slug.title()} ({code})"
            copy.save_revision().publish()
        if outdated and slug == "housing":
            source.save_revision().publish()  # both translations fall behind
        elif outdated:
            page = StandardPage.objects.get(pk=source.pk)
            page.save_revision().publish()
            sv = page.get_translation(locales["sv"]).specific
            sv.save_revision().publish()  # only Danish falls behind

    # An item that failed to reach search, and a partner feed that failed.
    OutboxEntry.objects.create(
        action=OutboxEntry.Action.UPSERT,
        doc_id=f"page:{home.pk}",
        model_label="core.homepage",
        object_pk=str(home.pk),
        state=OutboxEntry.State.FAILED,
        attempts=8,
        last_error="ValueError: bad body",
    )
    ExternalSource.objects.create(
        name="Nordregio news",
        url="https://nordregio.example/feed.xml",
        last_status="failed",
        last_error="timed out",
        consecutive_failures=3,
    )

    # An upcoming seminar with two seats: two confirmed, one on the waiting list.
    events = EventIndexPage(title="Events", slug="events")
    home.add_child(instance=events)
    events.save_revision().publish()
    start = timezone.now() + dt.timedelta(days=10)
    seminar = EventPage(
        title="Welcome seminar",
        slug="welcome-seminar",
        start=start,
        end=start + dt.timedelta(hours=6),
        registration_enabled=True,
        registration_opens=timezone.now() - dt.timedelta(days=1),
        capacity=2,
        venue_name="Nordens Hus",
        city="Copenhagen",
    )
    events.add_child(instance=seminar)
    seminar.save_revision().publish()
    for number in range(3):
        seminar.register(
            name=f"Person {number}", email=f"p{number}@example.org", consent=True
        )

    # Searches that found nothing: this week's count, last month's do not.
    store = AnalyticsStore(settings.HUB_SEARCH_ANALYTICS_DB)
    today = timezone.localdate()
    for _ in range(3):
        store.record("konference 2018", "da", 0, when=today)
    store.record("bostad", "sv", 0, when=today - dt.timedelta(days=2))
    store.record("housing", "en", 4, when=today)
    store.record("gammel", "da", 0, when=today - dt.timedelta(days=30))
    store.flush()

    users = get_user_model().objects
    return {
        "editor": users.get(username="editor"),
        "reviewer": users.get(username="reviewer"),
        "admin": users.get(username="admin"),
    }


def dashboard_text(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return response.content.decode()


def panel(html: str, panel_id: str) -> str | None:
    """The text of one panel (tags dropped, spaces collapsed), or None if absent."""
    match = re.search(
        rf'<section[^>]*id="{panel_id}-section".*?</section>', html, re.DOTALL
    )
    if match is None:
        return None
    text = re.sub(r"<[^>]+>", " ", match.group(0))
    return re.sub(r"\s+", " ", unescape(text)).strip()


def test_the_editor_sees_counts_for_translations_search_events_and_searches(
    client, hub
):
    html = dashboard_text(client, hub["editor"])

    translations = panel(html, "hub-outdated-translations")
    assert "3 translations are older than their source." in translations
    assert "Danish 2" in translations and "Swedish 1" in translations
    # Each names the source and the language left behind.
    assert "Housing Danish" in translations and "Jobs Danish" in translations
    assert "Housing Swedish" in translations
    assert "Schools" not in translations
    assert f"{reverse('translation_report')}?locale=da" in html

    problems = panel(html, "hub-search-problems")
    assert "1 item could not be updated in search." in problems
    assert "Integration Norden" in problems
    # Partner feeds are for partner managers.
    assert "Nordregio news" not in problems
    assert "Partner feeds that failed" not in problems

    events = panel(html, "hub-upcoming-events")
    assert "Welcome seminar" in events
    assert "2 of 2 seats" in events
    assert "1 waiting" in events

    searches = panel(html, "hub-zero-result-searches")
    assert "4 searches found nothing in the last 7 days." in searches
    assert "konference 2018" in searches and "Danish 3" in searches
    assert "bostad" in searches
    assert "gammel" not in searches and "housing" not in searches


def test_a_partner_manager_sees_failed_feeds_but_not_editorial_panels(client, hub):
    manager = get_user_model().objects.create_user("partners", "p@example.org", "pw")
    manager.groups.add(Group.objects.get(name="Partner managers"))
    html = dashboard_text(client, manager)

    problems = panel(html, "hub-search-problems")
    assert "1 source failed at its last run." in problems
    assert "Nordregio news" in problems and "Failed (3 times in a row)" in problems
    assert f"{reverse('harvest_sources:index')}?last_status=failed" in html
    assert panel(html, "hub-outdated-translations") is None
    assert panel(html, "hub-upcoming-events") is None


def test_panels_follow_permissions_of_the_linked_screens(client, hub):
    bare = get_user_model().objects.create_user("visitor", "v@example.org", "pw")
    bare.user_permissions.add(Permission.objects.get(codename="access_admin"))
    html = dashboard_text(client, bare)
    assert panel(html, "hub-outdated-translations") is None
    assert panel(html, "hub-upcoming-events") is None
    # Search problems and searches without results are open to every admin user.
    assert panel(html, "hub-search-problems") is not None
    assert panel(html, "hub-zero-result-searches") is not None

    everything = dashboard_text(client, hub["admin"])
    for panel_id in (
        "hub-outdated-translations",
        "hub-search-problems",
        "hub-upcoming-events",
        "hub-zero-result-searches",
    ):
        assert panel(everything, panel_id) is not None, panel_id
    assert "Nordregio news" in panel(everything, "hub-search-problems")


def test_the_panels_are_accessible_tables_with_headers(client, hub):
    html = dashboard_text(client, hub["editor"])
    for panel_id in (
        "hub-outdated-translations",
        "hub-search-problems",
        "hub-upcoming-events",
        "hub-zero-result-searches",
    ):
        section = re.search(
            rf'<section[^>]*id="{panel_id}-section".*?</section>', html, re.DOTALL
        ).group(0)
        assert re.search(r"<h2\b", section), panel_id
        assert "<caption" in section, panel_id
        assert '<th scope="col">' in section and '<th scope="row">' in section


@pytest.mark.usefixtures("compiled_catalogues")
def test_the_danish_admin_shows_the_panels_in_danish(client, hub):
    profile = UserProfile.get_for_user(hub["editor"])
    profile.preferred_language = "da"
    profile.save()
    html = dashboard_text(client, hub["editor"])

    translations = panel(html, "hub-outdated-translations")
    assert translations.startswith("Forældede oversættelser")
    assert "3 oversættelser er ældre end deres kilde." in translations
    assert "Dansk 2" in translations
    events = panel(html, "hub-upcoming-events")
    assert "Kommende arrangementer" in events and "2 af 2 pladser" in events
    assert "1 venter" in events
    searches = panel(html, "hub-zero-result-searches")
    assert "Søgninger uden resultater denne uge" in searches
    assert "4 søgninger fandt intet de seneste 7 dage." in searches
    problems = panel(html, "hub-search-problems")
    assert "1 indhold kunne ikke opdateres i søgningen." in problems


def test_the_outdated_count_agrees_with_the_translations_report(hub):
    from collections import Counter

    from wagtail.models import Locale

    from core.dashboard import outdated_translations
    from core.translation_report import translation_report

    counted = Counter(page.locale_id for page in outdated_translations())
    for locale in Locale.objects.all():
        rows = [r for r in translation_report(locale) if r.status == "outdated"]
        assert counted.get(locale.pk, 0) == len(rows), locale.language_code
        assert {page.pk for page in outdated_translations().filter(locale=locale)} == {
            row.translation_pk for row in rows
        }
