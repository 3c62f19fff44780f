"""Language tags of feeds and pages mapped to the hub's content languages.

Partners write ``nb-NO``, ``no``, ``nn``, ``sv_FI``, ``en-GB``, ``dan`` or
``Swedish``; the read model knows six locales. A tag that names none of them
maps to "" so that the caller falls back to the source's configured language.
"""

from __future__ import annotations

import re

#: Primary subtags (ISO 639-1 and -2/3) and English names of the hub's languages.
#: Norwegian has three codes; the hub has one Norwegian locale (``nb``).
_ALIASES: dict[str, str] = {
    "da": "da",
    "dan": "da",
    "danish": "da",
    "nb": "nb",
    "nn": "nb",
    "no": "nb",
    "nob": "nb",
    "nno": "nb",
    "nor": "nb",
    "norwegian": "nb",
    "sv": "sv",
    "swe": "sv",
    "swedish": "sv",
    "fi": "fi",
    "fin": "fi",
    "finnish": "fi",
    "is": "is",
    "isl": "is",
    "ice": "is",
    "icelandic": "is",
    "en": "en",
    "eng": "en",
    "english": "en",
}
_SEPARATOR = re.compile(r"[-_\s.@]")


def hub_locale(tag: object) -> str:
    """The hub locale a language tag names, or "" when it names none of them.

    Only the primary subtag counts (``sv-FI`` is Swedish). A Content-Language
    value listing several languages (``da, en``) is ambiguous and names none.
    """
    if not isinstance(tag, str):
        return ""
    tag = tag.strip().lower()
    if not tag or "," in tag:
        return ""
    primary = _SEPARATOR.split(tag, maxsplit=1)[0]
    return _ALIASES.get(primary, "")


def first_stated(*tags: object) -> str:
    """The first tag that states any language at all, as is ("" for none).

    The most specific statement decides, even when it names a language outside
    the hub's: an English entry in a Swedish feed is English, a German one is
    not Swedish.
    """
    for tag in tags:
        if isinstance(tag, str) and tag.strip():
            return tag.strip()
    return ""


def entry_locale(*tags: object) -> str:
    """The hub locale of the most specific stated tag, "" when it names none
    of the hub's languages (the source's language applies then)."""
    return hub_locale(first_stated(*tags))
