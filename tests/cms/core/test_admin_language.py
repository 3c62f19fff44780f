"""The admin speaks the editor's language along the whole editing journey.

Wagtail's own catalogues for Danish, Norwegian, Swedish, Finnish and Icelandic
have large gaps; the project's catalogues supply the missing strings. Each test
renders the pages an editor meets in one language and looks for interface text
still in English: any visible text (text nodes, titles, labels, the sidebar's and
the StreamField's JSON) that is the English of a Wagtail, Django or project
message.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import django
import pytest
import wagtail
from babel.messages.pofile import read_po
from django.conf import settings
from django.urls import reverse
from PIL import Image as PILImage

from tests.cms.core.test_ui_translations import compiled_catalogues  # noqa: F401

LANGUAGES = ["da", "nb", "sv", "fi", "is"]

# Visible text that equals an English message but is right as it is.
SAME_EVERYWHERE = {
    "English": "the language menu names each language in itself",
    "UTC": "the name of a time zone",
    "None": "Wagtail prints Python's None for a missing value (not a message)",
    "Moderators": "the name of one of Wagtail's default groups: data",
    "Editors": "the name of one of Wagtail's default groups: data",
}
SAME_IN_LANGUAGE: dict[str, dict[str, str]] = {
    "da": {
        "Status": "Danish word",
        "Status:": "Danish word",
        "Type": "Danish word",
        "Link": "Danish word",
        "Organisation": "Danish word",
        "E-mail": "Danish spelling of e-mail",
        "system": "Danish word",
        "Minimum": "Danish word",
        "Tag": "Danish word for a keyword tag",
        "Tags": "Danish word for keyword tags",
        "Upload": "Danish verb (uploade)",
        "Administrator": "Danish word",
        "Webhooks": "the technical term in Danish",
    },
    "nb": {
        "Status": "Norwegian word",
        "Status:": "Norwegian word",
        "Type": "Norwegian word",
        "system": "Norwegian word",
        "Admin": "Norwegian short form, as in Wagtail's catalogue",
        "Administrator": "Norwegian word",
    },
    "sv": {
        "Status": "Swedish word",
        "Status:": "Swedish word",
        "Organisation": "Swedish word",
        "Text": "Swedish word",
        "system": "Swedish word",
        "Minimum": "Swedish word",
        "Maximum": "Swedish word",
        "Layout": "Swedish word",
        "Index": "Swedish word",
        "Webhooks": "the technical term in Swedish",
    },
    "fi": {},
    "is": {},
}

# English that Wagtail writes into its templates without a message to translate.
HARD_CODED = [
    # The hidden submit button of the header search (shared/header.html, home.html).
    re.compile(r'<input type="submit" value="Search" class="button" />'),
    # The label of the header's action buttons (shared/headers/_actions.html).
    re.compile(r'aria-label="Actions"'),
    # The unsaved-changes warning's template (shared/unsaved_changes_warning.html).
    re.compile(r"Autosave is <span>paused</span>"),
    # Choosers' search tab: translated once, at startup (admin/viewsets/chooser.py).
    re.compile(r'(id="tab-label-search"[^>]*>)\s*Search\b'),
    # Snippet views' breadcrumbs translate "Home" once, at startup (snippets.py).
    re.compile(r'href="/admin/">\s*Home\s*</a>'),
]

# Attributes whose values people see (as tooltips, labels or read by screen readers).
VISIBLE_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "aria-description"}
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdif]|\{[^}]*\}")
WORD = re.compile(r"[A-Za-z]{3,}")
IDENTIFIER = re.compile(r"[a-z0-9_-]+")
LETTER = re.compile(r"[^\W\d_]")


def _english_catalogues() -> Iterator[Path]:
    wagtail_dir = Path(wagtail.__file__).parent
    yield from wagtail_dir.glob("**/locale/en/LC_MESSAGES/django.po")
    django_dir = Path(django.__file__).parent
    yield django_dir / "conf" / "locale" / "en" / "LC_MESSAGES" / "django.po"
    yield (
        django_dir / "contrib" / "auth" / "locale" / "en" / "LC_MESSAGES" / "django.po"
    )
    yield Path(settings.LOCALE_PATHS[0]) / "da" / "LC_MESSAGES" / "django.po"


@cache
def _messages() -> tuple[frozenset[str], tuple[tuple[str, re.Pattern[str]], ...]]:
    """English msgids: the plain ones, and patterns for those with placeholders."""
    plain: set[str] = set()
    patterns: dict[str, re.Pattern[str]] = {}
    for po in _english_catalogues():
        with po.open("rb") as f:
            catalog = read_po(f)
        for message in catalog:
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            for text in ids:
                text = " ".join(text.split())
                if not text or "<" in text:
                    continue
                if not PLACEHOLDER.search(text):
                    plain.add(text)
                    continue
                literal = PLACEHOLDER.split(text)
                # Too little English around the placeholders ("%(a)s for %(b)s")
                # would match other languages' text.
                if len("".join(WORD.findall(" ".join(literal)))) < 6:
                    continue
                regex = ".+?".join(re.escape(part) for part in literal)
                patterns[text] = re.compile(regex)
    return frozenset(plain), tuple(patterns.items())


def english_messages_in(text: str) -> list[str]:
    """The English msgids that this piece of visible text is."""
    plain, patterns = _messages()
    if text in plain:
        return [text]
    return [msgid for msgid, regex in patterns if regex.fullmatch(text)]


class VisibleText(HTMLParser):
    """Collects the text a person meets on an admin page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._skip = 0  # inside <style> or a <script> that is not JSON data
        self._json: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script":
            if values.get("type") == "application/json":
                self._json = []
            else:
                self._skip += 1
            return
        if tag == "style":
            self._skip += 1
            return
        for name, value in attrs:
            if value is None:
                continue
            if name in VISIBLE_ATTRIBUTES:
                self._add(value)
            elif name.startswith("data-") and name.endswith("-value"):
                self._add_data(value)
        if tag == "input" and values.get("type") in {"submit", "button"}:
            self._add(values.get("value") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            if self._json is not None:
                self._add_data("".join(self._json))
                self._json = None
            else:
                self._skip = max(0, self._skip - 1)
        elif tag == "style":
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data: str) -> None:
        if self._json is not None:
            self._json.append(data)
        elif not self._skip:
            self._add(data)

    def _add(self, text: str) -> None:
        text = " ".join(text.split())
        if text:
            self.texts.append(text)

    def _add_data(self, raw: str) -> None:
        """Strings inside JSON data (sidebar menu, block definitions, JS strings)."""
        try:
            data = json.loads(raw)
        except ValueError:
            if not IDENTIFIER.fullmatch(raw):
                self._add(raw)
            return
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                if IDENTIFIER.fullmatch(item):
                    continue  # names of blocks, menu items and fields
                if "<" in item and ">" in item:
                    # Rendered HTML inside JSON (help text, forms).
                    self.texts.extend(visible_texts(item))
                else:
                    self._add(item)
            elif isinstance(item, dict):
                stack.extend(item.values())
            elif isinstance(item, list):
                stack.extend(item)


def visible_texts(html: str) -> list[str]:
    for fragment in HARD_CODED:
        html = fragment.sub("", html)
    parser = VisibleText()
    parser.feed(html)
    parser.close()
    return parser.texts


def english_left(html: str, code: str) -> set[str]:
    """Visible texts that are still the English of a known message."""
    allowed = SAME_IN_LANGUAGE[code].keys() | SAME_EVERYWHERE.keys()
    return {
        text
        for text in visible_texts(html)
        if text not in allowed and LETTER.search(text) and english_messages_in(text)
    }


def png_file(name: str) -> io.BytesIO:
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (20, 90, 160)).save(buffer, "PNG")
    buffer.seek(0)
    buffer.name = name
    return buffer


@pytest.fixture
def journey(home, django_user_model):
    """A superuser's admin: a page in the demo workflow, an image and a document."""
    from django.core.files.images import ImageFile
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents.models import Document
    from wagtail.rich_text import RichText

    from core.demo import workflow as demo_workflow
    from core.demo.helpers import DemoContext
    from core.models import StandardPage
    from images.models import CustomImage

    demo_workflow.load(DemoContext(homes={"en": home}))
    admin = django_user_model.objects.create_superuser(
        "chief", "chief@example.org", "pw-chief-1", first_name="Kari", last_name="Lund"
    )
    image = CustomImage.objects.create(
        title="Harbour at dawn",
        alt_text="Boats in a harbour",
        file=ImageFile(png_file("harbour.png"), name="harbour.png"),
    )
    Document.objects.create(
        title="Annual report 2025",
        file=SimpleUploadedFile("report.txt", b"Figures"),
    )
    page = StandardPage(title="Integration in Nordic towns", slug="towns")
    home.add_child(instance=page)
    page.body = [
        ("heading", {"text": "Housing first", "level": "h2"}),
        ("paragraph", RichText("<p>Towns share what works.</p>")),
        ("figure", {"image": image, "caption": "Morning"}),
    ]
    page.save_revision().publish()
    # A second page waits in the first task of the workflow: the editor meets
    # the moderation actions (approve, request changes) on it.
    pending = StandardPage(title="Welcome courses", slug="courses", live=False)
    home.add_child(instance=pending)
    pending.save_revision(user=admin)
    pending.get_workflow().start(pending, admin)
    return {"admin": admin, "home": home, "page": page, "pending": pending}


def admin_pages(journey) -> list[str]:
    home, page = journey["home"], journey["page"]
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[home.pk]),
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        reverse("wagtailadmin_pages:edit", args=[journey["pending"].pk]),
        reverse("wagtailadmin_pages:history", args=[page.pk]),
        reverse("wagtailadmin_pages:add_subpage", args=[home.pk]),
        reverse("wagtailadmin_pages:add", args=["core", "standardpage", home.pk]),
        reverse("wagtailimages:index"),
        reverse("wagtailimages_chooser:choose"),
        reverse("wagtaildocs:index"),
        reverse("wagtailsnippets_core_theme:list"),
        reverse("wagtailadmin_reports:locked_pages"),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:aging_pages"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_workflows:index"),
        reverse("wagtailadmin_workflows:task_index"),
        reverse("wagtailusers_users:index"),
        reverse("wagtailadmin_account"),
    ]


def render_journey(client, journey, code: str) -> dict[str, set[str]]:
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(journey["admin"])
    profile.preferred_language = code
    profile.save()
    client.force_login(journey["admin"])
    found: dict[str, set[str]] = {}
    for url in admin_pages(journey):
        response = client.get(url)
        assert response.status_code == 200, url
        if response["Content-Type"] == "application/json":
            html = response.json()["html"]  # a chooser modal's body
        else:
            html = response.content.decode()
            assert f'lang="{code}"' in html, url
        left = english_left(html, code)
        if left:
            found[url] = left
    return found


@pytest.mark.usefixtures("compiled_catalogues")
@pytest.mark.parametrize("code", LANGUAGES)
def test_admin_journey_is_in_the_editors_language(client, journey, code):
    assert render_journey(client, journey, code) == {}


def test_english_text_is_found_and_translated_text_is_not():
    html = (
        '<button title="Save draft">Gem kladde</button>'
        '<script type="application/json">{"label": "Images"}</script>'
        "<p>Submit to Review and publish</p><script>var x = 'Images';</script>"
    )
    assert english_left(html, "da") == {
        "Save draft",
        "Images",
        "Submit to Review and publish",
    }
