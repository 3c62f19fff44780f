"""The admin's JavaScript strings (sidebar, comments, StreamField) are translated.

Wagtail serves them at /admin/jsi18n/ from its djangojs catalogues, which have
gaps in every one of these languages (for 'is' gettext loads Wagtail's is_IS).
cms/locale/<lang>/LC_MESSAGES/djangojs.po fills them. The messages are read from
the installed Wagtail's English catalogue, so an upgrade that adds strings shows
up here as gaps.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
import wagtail.admin
from babel.messages.catalog import Message
from babel.messages.pofile import read_po
from django.test import override_settings
from django.urls import reverse

from tests.cms.core.test_ui_translations import compiled_catalogues  # noqa: F401

LANGUAGES = ["da", "nb", "sv", "fi", "is"]
ENGLISH_JS = (
    Path(wagtail.admin.__file__).parent
    / "locale"
    / "en"
    / "LC_MESSAGES"
    / "djangojs.po"
)
# Translations that are right in the English spelling (keyed by the singular msgid).
SAME_IN_LANGUAGE: dict[str, dict[str, str]] = {
    "da": {
        "Dashboard": "Wagtail's Danish term, used across its admin",
        "%(num)s pixel": "Danish: 1 pixel, 2 pixels",
    },
    "nb": {},
    "sv": {},
    "fi": {"%(num)s min": "the Finnish abbreviation of minuutti"},
    "is": {},
}
PLACEHOLDER = re.compile(r"%(?:\([^)]+\))?[-#0 +]*\d*(?:\.\d+)?[sdifgeExXrc%]")
LETTER = re.compile(r"[^\W\d_]")
CATALOG = re.compile(r"const newcatalog = (\{.*?\});\n\s*for \(const key", re.S)
PLURAL = re.compile(r"const v = (.+?);\n")


@cache
def english_messages() -> tuple[Message, ...]:
    with ENGLISH_JS.open("rb") as f:
        return tuple(m for m in read_po(f) if m.id)


def _key(message: Message) -> str:
    msgid = message.id if isinstance(message.id, str) else message.id[0]
    # Django keys a message with a context as "context\x04msgid".
    return f"{message.context}\x04{msgid}" if message.context else msgid


def _english_forms(message: Message) -> tuple[str, ...]:
    return (message.id,) if isinstance(message.id, str) else tuple(message.id)


def _placeholders(text: str) -> Counter[str]:
    return Counter(PLACEHOLDER.findall(text))


def _placeholders_kept(forms: list[str], english: tuple[str, ...]) -> bool:
    """The last form keeps the English (plural) placeholders; none adds another.

    A first plural form may leave the count out ("one error") or name it (Icelandic
    uses that form for 21, 31, ...).
    """
    allowed = set(_placeholders("".join(english)))
    return _placeholders(forms[-1]) == _placeholders(english[-1]) and all(
        set(_placeholders(form)) <= allowed for form in forms
    )


def gaps(catalog: dict[str, str | list[str]], code: str) -> dict[str, str]:
    """The English messages the served catalogue leaves out or in English, and why."""
    same = SAME_IN_LANGUAGE[code]
    found: dict[str, str] = {}
    for message in english_messages():
        key = _key(message)
        english = _english_forms(message)
        value = catalog.get(key)
        if value is None:
            found[key] = "missing"
            continue
        forms = [value] if isinstance(value, str) else value
        if len(english) == 1 and not isinstance(value, str):
            found[key] = "plural forms for a singular message"
        elif len(english) == 2 and isinstance(value, str):
            found[key] = "a single form for a plural message"
        elif not all(forms):
            found[key] = "empty"
        elif not _placeholders_kept(forms, english):
            found[key] = "placeholders changed"
        elif (
            all(form in english for form in forms)
            and LETTER.search(PLACEHOLDER.sub("", "".join(english)))
            and key not in same
        ):
            found[key] = "still English"
    return found


def served_catalog(client, user, code: str) -> tuple[dict[str, str | list[str]], str]:
    """The catalog and plural rule /admin/jsi18n/ sends a user of this language."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = code
    profile.save()
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_javascript_catalog"))
    assert response.status_code == 200
    text = response.content.decode()
    catalog = CATALOG.search(text)
    plural = PLURAL.search(text)
    assert catalog and plural, text[:500]
    return json.loads(catalog[1]), plural[1]


@pytest.fixture
def chief(django_user_model):
    return django_user_model.objects.create_superuser(
        "chief", "chief@example.org", "pw-chief-1"
    )


def test_wagtail_has_javascript_strings_to_check():
    messages = english_messages()
    assert len(messages) > 50
    assert "Toggle sidebar" in {_key(m) for m in messages}


@pytest.mark.usefixtures("compiled_catalogues")
@pytest.mark.parametrize("code", LANGUAGES)
def test_every_admin_javascript_string_is_translated(client, chief, code):
    catalog, _plural = served_catalog(client, chief, code)
    assert gaps(catalog, code) == {}


@pytest.mark.usefixtures("compiled_catalogues")
def test_icelandic_counts_use_the_icelandic_plural_rule(client, chief):
    catalog, plural = served_catalog(client, chief, "is")
    # 21 villa, 11 villur: the first form also covers 21, 31, ...
    assert plural.replace(" ", "") == "(n%10!=1||n%100==11)"
    assert catalog["%(num)s error"] == ["%(num)s villa", "%(num)s villur"]


@pytest.mark.usefixtures("compiled_catalogues")
@pytest.mark.parametrize("code", LANGUAGES)
def test_gaps_show_without_the_project_catalogues(client, chief, code, tmp_path):
    """Wagtail's catalogues alone leave gaps: the check above depends on ours."""
    with override_settings(LOCALE_PATHS=[tmp_path]):
        catalog, _plural = served_catalog(client, chief, code)
    found = gaps(catalog, code)
    assert found["A network error occurred."] == "missing"
    assert set(found) < {_key(m) for m in english_messages()}


def test_gap_check_catches_english_empty_and_broken_placeholders():
    catalog: dict[str, str | list[str]] = {
        _key(m): (
            "x " + m.id if isinstance(m.id, str) else ["x " + m.id[0], "x " + m.id[1]]
        )
        for m in english_messages()
    }
    assert gaps(catalog, "nb") == {}
    catalog["Yes"] = "Yes"
    catalog["No"] = ""
    catalog["Edit '%(title)s'"] = "Rediger '%(tittel)s'"
    catalog["%(num)s error"] = ["%(num)s feil", "feil"]
    del catalog["Cancel"]
    assert gaps(catalog, "nb") == {
        "Yes": "still English",
        "No": "empty",
        "Edit '%(title)s'": "placeholders changed",
        "%(num)s error": "placeholders changed",
        "Cancel": "missing",
    }
    catalog["%(num)s min"] = ["%(num)s min", "%(num)s min"]
    assert "%(num)s min" not in gaps(catalog, "fi")
    assert gaps(catalog, "nb")["%(num)s min"] == "still English"
