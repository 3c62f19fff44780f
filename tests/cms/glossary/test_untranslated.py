"""The report of searches without results names the words nothing translates
and links each to a new glossary concept prefilled with it."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import TYPE_CHECKING

import pytest
from django.urls import reverse

from glossary.models import GlossaryConcept
from search.analytics import AnalyticsStore
from search.crosslingual import shared_translator
from search.lexicon.build import build_lexicon
from tests.search.lexicon.dictd import write_dictd

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/snippets/glossary/glossaryconcept/add/"


@pytest.fixture
def analytics(settings, tmp_path: Path) -> AnalyticsStore:
    settings.HUB_SEARCH_ANALYTICS_DB = tmp_path / "analytics.sqlite3"
    return AnalyticsStore(settings.HUB_SEARCH_ANALYTICS_DB)


@pytest.fixture
def lexicon(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A tiny Danish-English lexicon as the configured one."""
    folder = tmp_path / "dictd"
    folder.mkdir()
    write_dictd(folder, "dan-eng", {"indsats": ["effort, action"]})
    path = tmp_path / "lexicon.sqlite"
    build_lexicon(path, dictd_folder=folder, apertium_folder=folder, lemma_locales=())
    monkeypatch.setenv("SEARCH_LEXICON", str(path))
    shared_translator.cache_clear()
    yield path
    shared_translator.cache_clear()


def report(admin_client, analytics: AnalyticsStore, query: str, locale: str) -> str:
    analytics.record(query, locale, 0, when=dt.date.today())
    analytics.flush()
    response = admin_client.get(reverse("zero_result_report"), {"locale": locale})
    assert response.status_code == 200
    return html.unescape(response.content.decode())


@pytest.mark.usefixtures("lexicon")
def test_words_without_translation_get_an_add_to_glossary_link(
    admin_client, analytics: AnalyticsStore
) -> None:
    GlossaryConcept.objects.create(
        key="refugee", terms_da="flygtninge", terms_en="refugees"
    )
    page = report(admin_client, analytics, "flygtninge og boligsocial indsats", "da")

    # "flygtninge" is in the glossary, "indsats" in the lexicon, "og" is a
    # function word: only "boligsocial" has no translation.
    assert "Words without translation" in page
    assert f'href="{ADD_URL}?terms_da=boligsocial"' in page
    assert "terms_da=indsats" not in page
    assert "terms_da=flygtninge" not in page
    assert "terms_da=og" not in page
    assert "only the glossary translates" not in page


@pytest.mark.usefixtures("lexicon")
def test_a_fully_translated_query_offers_a_plain_new_concept(
    admin_client, analytics: AnalyticsStore
) -> None:
    page = report(admin_client, analytics, "indsats", "da")
    assert "Every word has a translation." in page
    assert "terms_da=" not in page


def test_without_a_lexicon_the_report_says_only_the_glossary_translates(
    admin_client,
    analytics: AnalyticsStore,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("SEARCH_LEXICON", str(tmp_path / "missing.sqlite"))
    shared_translator.cache_clear()
    try:
        page = report(admin_client, analytics, "indsats", "sv")
    finally:
        shared_translator.cache_clear()
    assert "only the glossary translates" in page
    assert f'href="{ADD_URL}?terms_sv=indsats"' in page


def test_the_create_view_is_prefilled_from_the_link(admin_client) -> None:
    response = admin_client.get(
        ADD_URL,
        {"terms_da": "  boligsocial  ", "terms_sv": "x" * 500, "key": "ignored"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    form = response.context["form"]
    assert form.initial["terms_da"] == "boligsocial"
    assert form.initial["terms_sv"] == "x" * 200
    assert "key" not in form.initial
    assert re.search(r'id="id_terms_da">\s*boligsocial</textarea>', page)


def test_prefilled_markup_is_escaped(admin_client) -> None:
    response = admin_client.get(ADD_URL, {"terms_en": "<script>alert(1)</script>"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
