"""Interface translations: complete catalogues, kept placeholders, translated pages."""

from __future__ import annotations

import gettext as gettext_module
import re
from collections import Counter
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po
from django.conf import settings
from django.test.signals import setting_changed

from scripts.compile_messages import compile_catalogues

LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
# Every interface language besides English; each must be complete.
LANGUAGES = ["da", "nb", "sv", "fi", "is"]

PERCENT = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifgeExXrc%]")
BRACES = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
MARKUP = re.compile(r"</?(?:a|abbr|b|br|code|em|i|mark|p|span|strong|time)\b[^>]*>")


def _po(code: str) -> Path:
    return LOCALE_DIR / code / "LC_MESSAGES" / "django.po"


def _catalog(code: str) -> Catalog:
    with _po(code).open("rb") as f:
        return read_po(f, locale=code)


def _entries(code: str) -> list[Message]:
    return [m for m in _catalog(code) if m.id]


def _placeholders(text: str) -> Counter[str]:
    found = PERCENT.findall(text) + BRACES.findall(text) + MARKUP.findall(text)
    return Counter(found)


@pytest.fixture(scope="session")
def compiled_catalogues() -> None:
    """A fresh clone has no .mo files (they are build output): make them here."""
    if compile_catalogues(LOCALE_DIR):
        # Forget catalogues this process read before (Django's and gettext's
        # caches), so that the new .mo files are used from here on.
        cache = gettext_module._translations
        for key in [k for k in cache if str(k[1]).startswith(str(LOCALE_DIR))]:
            del cache[key]
        setting_changed.send(
            sender=None,
            setting="LOCALE_PATHS",
            value=settings.LOCALE_PATHS,
            enter=False,
        )


@pytest.mark.parametrize("code", LANGUAGES)
def test_catalogue_is_complete(code):
    catalog = _catalog(code)
    assert catalog.locale_identifier == code
    assert catalog.num_plurals == 2
    assert not catalog.fuzzy
    gaps = []
    for message in _entries(code):
        if message.pluralizable:
            forms = message.string
            complete = len(forms) == catalog.num_plurals and all(forms)
        else:
            complete = bool(message.string)
        if message.fuzzy or not complete:
            gaps.append(message.id)
    assert gaps == []


@pytest.mark.parametrize("code", LANGUAGES[1:])
def test_catalogues_hold_the_same_messages(code):
    """One extraction for all languages: no catalogue lags behind the others."""
    assert {m.id for m in _entries(code)} == {m.id for m in _entries(LANGUAGES[0])}


@pytest.mark.parametrize("code", LANGUAGES)
def test_placeholders_and_markup_are_kept(code):
    wrong = []
    for message in _entries(code):
        if message.pluralizable:
            singular, plural = message.id
            allowed = set(_placeholders(singular) | _placeholders(plural))
            forms = message.string
            # The singular form may name the count (Icelandic uses it for 21,
            # 31, ...); every form only uses what the English offers, and the
            # last (general plural) form keeps all of the English plural's.
            if any(set(_placeholders(form)) - allowed for form in forms):
                wrong.append(message.id)
            elif _placeholders(forms[-1]) != _placeholders(plural):
                wrong.append(message.id)
        elif _placeholders(message.string) != _placeholders(message.id):
            wrong.append(message.id)
    assert wrong == []


def test_placeholder_check_catches_a_broken_translation():
    assert _placeholders("Side %(n)s af %(total)s") == _placeholders(
        "Page %(n)s of %(total)s"
    )
    assert _placeholders("Side %(n)s af %(totalt)s") != _placeholders(
        "Page %(n)s of %(total)s"
    )
    assert _placeholders("Nøgle til {navn}") != _placeholders("Key for {name}")
    assert _placeholders('<a href="x">Læs</a>') != _placeholders("Read")


def test_stale_catalogue_is_compiled(tmp_path):
    po = tmp_path / "da" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Search"\nmsgstr "Søg"\n',
        encoding="utf-8",
    )
    assert compile_catalogues(tmp_path) == ["da"]
    with po.with_suffix(".mo").open("rb") as f:
        assert gettext_module.GNUTranslations(f).gettext("Search") == "Søg"
    assert compile_catalogues(tmp_path) == []  # up to date now
    assert compile_catalogues(tmp_path, force=True) == ["da"]


def test_every_catalogue_compiles():
    """The Icelandic count in the first plural form is accepted (pybabel refuses it)."""
    compile_catalogues(LOCALE_DIR)
    for code in LANGUAGES:
        mo = LOCALE_DIR / code / "LC_MESSAGES" / "django.mo"
        with mo.open("rb") as f:
            catalogue = gettext_module.GNUTranslations(f)
        assert catalogue.info()["language"] == code
        assert catalogue.gettext("Search") != "Search"


# (English, Danish, Norwegian) interface strings of the page frame.
FRAME = [
    ("Skip to main content", "Gå til hovedindhold", "Gå til hovedinnhold"),
    ("Search the hub", "Søg i Integration Norden", "Søk i Integration Norden"),
    ('placeholder="Search"', 'placeholder="Søg"', 'placeholder="Søk"'),
    ("Language versions", "Sprogversioner", "Språkversjoner"),
    ("Nordic Council of Ministers", "Nordisk Ministerråd", "Nordisk ministerråd"),
    (">Sitemap<", ">Indholdsoversigt<", ">Nettstedskart<"),
    ("Contact:", "Kontakt:", "Kontakt:"),
]


def _visible_body(html: str) -> str:
    """What readers get: the body without scripts (structured data is metadata)."""
    body = html.split("<body", 1)[1]
    return re.sub(r"<script\b.*?</script>", "", body, flags=re.S)


@pytest.fixture
def homes(home, locales):
    """The home page in English, Danish and Norwegian, with a contact address."""
    from core.models import SiteSettings

    settings_ = SiteSettings.for_site(home.get_site())
    settings_.contact_email = "integration@norden.example"
    settings_.save()
    pages = {"en": home}
    for code in ("da", "nb"):
        copy = home.copy_for_translation(locales[code])
        copy.save_revision().publish()
        pages[code] = copy
    return pages


@pytest.mark.usefixtures("compiled_catalogues")
@pytest.mark.parametrize(("code", "column"), [("da", 1), ("nb", 2)])
def test_public_page_frame_is_in_the_page_language(client, homes, code, column):
    response = client.get(homes[code].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{code}"' in html
    body = _visible_body(html)
    for strings in FRAME:
        assert strings[column] in body
        if strings[0] != strings[column]:
            assert strings[0] not in body


@pytest.mark.usefixtures("compiled_catalogues")
def test_english_page_keeps_the_english_frame(client, homes):
    html = client.get(homes["en"].url).content.decode()
    assert '<html lang="en"' in html
    for english, *_ in FRAME:
        assert english in _visible_body(html)


@pytest.mark.usefixtures("compiled_catalogues")
@pytest.mark.parametrize(
    ("code", "heading"), [("da", "Siden blev ikke fundet"), ("nb", "Fant ikke siden")]
)
def test_not_found_page_is_in_the_requested_language(client, homes, code, heading):
    response = client.get(f"/{code}/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{code}"' in html
    assert heading in html
    assert "Page not found" not in _visible_body(html)
