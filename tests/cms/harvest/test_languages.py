"""Language tags of partners mapped to the hub's locales, and leads from text."""

from __future__ import annotations

import pytest

from harvest.languages import entry_locale, hub_locale
from harvest.normalise import lead_from_text
from search.documents import LOCALES


@pytest.mark.parametrize(
    ("tag", "locale"),
    [
        ("da", "da"),
        ("da-DK", "da"),
        ("nb-NO", "nb"),
        ("no", "nb"),
        ("nn", "nb"),
        ("nn_NO", "nb"),
        ("nob", "nb"),
        ("sv-FI", "sv"),  # Swedish in Finland is Swedish
        ("FI", "fi"),
        ("is-IS", "is"),
        ("en-GB", "en"),
        ("English", "en"),
        (" sv ", "sv"),
        ("de", ""),
        ("fr-CA", ""),
        ("x-default", ""),
        ("da, en", ""),  # a Content-Language listing two languages names neither
        ("", ""),
        (None, ""),
        (42, ""),
    ],
)
def test_hub_locale(tag, locale):
    assert hub_locale(tag) == locale


def test_every_hub_locale_is_its_own_tag():
    assert [hub_locale(locale) for locale in LOCALES] == list(LOCALES)


def test_the_most_specific_stated_language_decides():
    assert entry_locale(None, "", "sv", "nb") == "sv"
    # An entry stated in German is not taken for its feed's Swedish.
    assert entry_locale("de", "sv") == ""
    assert entry_locale(None, "") == ""


def test_lead_is_whole_sentences_of_the_first_paragraph():
    text = (
        "Heading\n\n"
        "First sentence of the text is here. Second one follows it! "
        + "A third sentence would not fit in the lead any more. " * 10
        + "\n\nSecond paragraph."
    )
    assert lead_from_text(text, limit=100) == (
        "First sentence of the text is here. Second one follows it!"
    )


def test_lead_of_one_long_sentence_is_cut_at_a_word():
    lead = lead_from_text("Hi. " + "word " * 200, limit=100)
    assert lead.endswith("…") and len(lead) <= 100
    assert lead.startswith("Hi. word word")
