"""Wagtail's admin search on the real engine (OpenSearch through Wagtail's backend).

The editor searches pages, images, documents and a snippet in the admin and
finds them; drafts are found, a page deleted in the admin is gone from search.
The production settings choose this backend when the environment names an
engine (``cms.admin_search``).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from cms.admin_search import (
    DATABASE_BACKEND,
    FOLDED_STANDARD_ANALYZER,
    OPENSEARCH_BACKEND,
    import_opensearch_client,
    wagtailsearch_backends,
)
from core.models import StandardPage
from events.models import EventPage
from glossary.models import GlossaryConcept
from images.models import CustomImage
from tests.cms.core.test_admin_search import (  # noqa: F401 (fixtures)
    lexicon,
    site,
    splitter,
)
from tests.engine.fixtures import engine_node  # noqa: F401 (a fixture)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from django.test import Client

    from tests.engine.node import EngineNode

REPO = Path(__file__).resolve().parents[3]


class Engine:
    """The admin's search backend on the test node, under a prefix of its own."""

    def __init__(self, url: str, prefix: str) -> None:
        self.url = url
        self.prefix = prefix
        self.backend = get_search_backend()

    def refresh(self) -> None:
        """Make every write so far searchable (the engine does it within 1 s)."""
        self.backend.es.indices.refresh(index=f"{self.prefix}*")

    def indices(self) -> set[str]:
        return set(self.backend.es.indices.get_alias(index=f"{self.prefix}*"))

    def drop(self) -> None:
        for name in self.indices():
            self.backend.es.indices.delete(index=name)


@pytest.fixture
def engine(settings: Any, db: None, engine_node: EngineNode) -> Iterator[Engine]:  # noqa: F811
    """WAGTAILSEARCH_BACKENDS as production builds it, on the test node."""
    import_opensearch_client()
    prefix = f"t{uuid.uuid4().hex[:8]}_"
    settings.WAGTAILSEARCH_BACKENDS = wagtailsearch_backends(
        {"SEARCH_URLS": engine_node.url, "SEARCH_INDEX_PREFIX": prefix}
    )
    engine = Engine(engine_node.url, prefix)
    try:
        # As in production after the switch: the indices exist (an update_index
        # run) before editors save anything, so saves are indexed as they happen.
        call_command("update_index", stdout=io.StringIO())
        yield engine
    finally:
        engine.drop()


def png() -> ContentFile[bytes]:
    buffer = io.BytesIO()
    PILImage.new("RGB", (32, 24), "white").save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="fjord.png")


def standard_page(parent: Page, title: str, slug: str, *, publish: bool) -> Page:
    page = StandardPage(title=title, slug=slug, locale=parent.locale, live=publish)
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def found_pages(client: Client, query: str) -> list[str]:
    """Titles of the pages the admin's page search lists for ``query``."""
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": query})
    assert response.status_code == 200
    return [page.get_admin_display_title() for page in response.context["pages"]]


def listed(client: Client, url_name: str, query: str) -> list[str]:
    """What an admin listing (images, documents, snippets) shows for ``query``."""
    response = client.get(reverse(url_name), {"q": query})
    assert response.status_code == 200
    return [str(item) for item in response.context["object_list"]]


@pytest.fixture
def content(home: Page) -> dict[str, Any]:
    """A published page, a never-published draft, an image, a document, a theme."""
    published = standard_page(
        home, "Labour market mentoring in Tromsø", "mentoring", publish=True
    )
    draft = standard_page(home, "Housing for newcomers", "housing", publish=False)
    image = CustomImage.objects.create(
        title="Fjord at dawn", file=png(), alt_text="A fjord at dawn"
    )
    document = get_document_model().objects.create(
        title="Integration survey 2025",
        file=ContentFile(b"Survey results", name="survey.txt"),
    )
    concept = GlossaryConcept.objects.create(
        key="labour-market",
        terms_da="arbejdsmarked|arbejdsmarkedet",
        terms_en="labour market",
    )
    return {
        "published": published,
        "draft": draft,
        "image": image,
        "document": document,
        "concept": concept,
    }


def test_editor_finds_pages_images_documents_and_snippets_on_the_engine(
    engine: Engine, content: dict[str, Any], editor_client: Client, admin_user: Any
) -> None:
    pages = f"{engine.prefix}wagtail_wagtailcore_page"
    before = set(engine.backend.es.indices.get_alias(name=pages))
    call_command("update_index", stdout=io.StringIO())
    # ATOMIC_REBUILD: the alias moved to a new index and the old one is gone.
    after = set(engine.backend.es.indices.get_alias(name=pages))
    assert len(after) == 1
    assert after.isdisjoint(before)
    assert not before & engine.indices()

    assert found_pages(editor_client, "mentoring") == [
        "Labour market mentoring in Tromsø"
    ]
    # Autocomplete as the editor types: a prefix; Nordic letters typed or not.
    for typed in ("troms", "tromsø", "Tromsø", "tromso"):
        assert found_pages(editor_client, typed) == [
            "Labour market mentoring in Tromsø"
        ], typed
    assert listed(editor_client, "wagtailimages:index", "fjord") == ["Fjord at dawn"]
    assert listed(editor_client, "wagtaildocs:index", "survey") == [
        "Integration survey 2025"
    ]
    # Snippets are listed for staff who may manage them.
    editor_client.force_login(admin_user)
    glossary = "wagtailsnippets_glossary_glossaryconcept:list"
    assert listed(editor_client, glossary, "labour") == ["labour-market"]
    assert listed(editor_client, glossary, "arbejdsmarked") == ["labour-market"]

    # The admin reads the engine: a page removed from the index alone (its row
    # stays) is no longer found.
    engine.backend.es.delete(index=pages, id=str(content["published"].pk))
    engine.refresh()
    assert found_pages(editor_client, "mentoring") == []
    assert Page.objects.filter(pk=content["published"].pk).exists()


def test_drafts_are_found_and_labelled_as_drafts(
    engine: Engine, content: dict[str, Any], editor_client: Client
) -> None:
    engine.refresh()  # saved after the indices were built: indexed on save
    response = editor_client.get(reverse("wagtailadmin_pages:search"), {"q": "housing"})
    [page] = response.context["pages"]
    assert page.pk == content["draft"].pk
    assert page.status_string == "draft"  # the status the listing shows

    # A live page's unpublished title change: the index holds the live page, so
    # the admin finds it by its live title and lists it under the draft title.
    published = content["published"].specific
    published.title = "Mentoring for newcomers in Bodø"
    published.save_revision()
    engine.refresh()
    response = editor_client.get(reverse("wagtailadmin_pages:search"), {"q": "labour"})
    [page] = response.context["pages"]
    assert page.get_admin_display_title() == "Mentoring for newcomers in Bodø"
    assert page.status_string == "live + draft"
    assert found_pages(editor_client, "bodø") == []


def test_new_and_deleted_pages_reach_admin_search_without_a_rebuild(
    engine: Engine, home: Page, editor_client: Client
) -> None:
    page = standard_page(home, "Sprogcafé for nyankomne", "sprogcafe", publish=True)
    engine.refresh()  # AUTO_UPDATE has sent it; make it searchable now
    assert found_pages(editor_client, "sprogcafé") == ["Sprogcafé for nyankomne"]

    response = editor_client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    assert response.status_code == 302
    assert not Page.objects.filter(pk=page.pk).exists()
    engine.refresh()
    assert found_pages(editor_client, "sprogcafé") == []


def production_search_settings(**environ: str) -> dict[str, Any]:
    """Import the production settings in a fresh process under ``environ``; what
    Wagtail's search resolves to there, and whether the events app still imports."""
    script = (
        "import json, django, sys\n"
        "django.setup()\n"
        "from django.conf import settings\n"
        "from wagtail.search.backends import get_search_backend\n"
        "import events.models\n"
        "configured = json.dumps(settings.WAGTAILSEARCH_BACKENDS['default'])\n"
        "backend = get_search_backend()\n"
        "print(json.dumps({'settings': json.loads(configured),"
        " 'class': type(backend).__module__,"
        " 'events_app': sys.modules['events'].__file__}))\n"
    )
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": os.pathsep.join([str(REPO / "cms"), str(REPO)]),
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "DJANGO_SECRET_KEY": "production-settings-test",
        "DJANGO_ALLOWED_HOSTS": "hub.example.org",
        "DATABASE_URL": "postgres://hub:pw@db.invalid:5432/hub",
        **environ,
    }
    done = subprocess.run(  # noqa: S603 (this interpreter, a fixed script)
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.splitlines()[-1])


def test_production_settings_use_the_engine_named_by_the_read_model() -> None:
    found = production_search_settings(
        SEARCH_URLS="https://search-1.internal:9200, https://search-2.internal:9200",
        SEARCH_INDEX_PREFIX="hub_",
    )
    assert found["settings"] == {
        "BACKEND": OPENSEARCH_BACKEND,
        "URLS": ["https://search-1.internal:9200", "https://search-2.internal:9200"],
        "INDEX_PREFIX": "hub_wagtail_",
        "TIMEOUT": 10.0,
        "AUTO_UPDATE": True,
        "ATOMIC_REBUILD": True,
        "INDEX_SETTINGS": FOLDED_STANDARD_ANALYZER,
        "OPTIONS": {"max_retries": 2, "retry_on_timeout": False},
    }
    assert found["class"] == "modelsearch.backends.opensearch3"
    # opensearch-py imported beside the CMS's own ``events`` app.
    assert Path(found["events_app"]) == REPO / "cms" / "events" / "__init__.py"


def test_production_settings_keep_the_database_without_an_engine() -> None:
    assert production_search_settings()["settings"] == {"BACKEND": DATABASE_BACKEND}
    # WAGTAILSEARCH_URLS, set (even empty), wins over the read model's engine.
    kept = production_search_settings(
        SEARCH_URLS="http://search.internal:9200", WAGTAILSEARCH_URLS=""
    )
    assert kept["settings"] == {"BACKEND": DATABASE_BACKEND}
    own = wagtailsearch_backends(
        {
            "SEARCH_URLS": "http://search.internal:9200",
            "WAGTAILSEARCH_URLS": "http://admin-search.internal:9200",
            "WAGTAILSEARCH_INDEX_PREFIX": "cms_",
            "WAGTAILSEARCH_TIMEOUT": "3",
        }
    )["default"]
    assert own["URLS"] == ["http://admin-search.internal:9200"]
    assert (own["INDEX_PREFIX"], own["TIMEOUT"]) == ("cms_", 3.0)


def test_compounds_dates_folded_names_and_filters_on_the_engine(
    engine: Engine,
    site: dict[str, Page],  # noqa: F811 (the fixture)
    editor_client: Client,
) -> None:
    """The page search's extra text, columns and filters on the engine too."""
    engine.refresh()
    assert found_pages(editor_client, "konference") == [
        "Nordisk integrationskonference i København"
    ]
    assert found_pages(editor_client, "2018") == ["What can we learn from each other?"]
    assert found_pages(editor_client, "november 2018") == [
        "What can we learn from each other?"
    ]
    assert found_pages(editor_client, "tromso") == ["Mentoring in Tromsø"]
    search = reverse("wagtailadmin_pages:search")
    response = editor_client.get(search, {"q": "", "locale": "da", "status": "draft"})
    assert [page.title for page in response.context["pages"]] == [
        "Sprogundervisning for nyankomne"
    ]
    event = ContentType.objects.get_for_model(EventPage)
    response = editor_client.get(search, {"q": "2018", "page_type": event.pk})
    assert [page.title for page in response.context["pages"]] == [
        "What can we learn from each other?"
    ]
    assert "1-1 of 1 page" in " ".join(response.content.decode().split())
