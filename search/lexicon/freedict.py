"""Reader of FreeDict dictionaries in the dictd format (Debian ``dict-freedict-*``).

A dictd dictionary is an index (``headword<TAB>offset<TAB>length``, numbers in
base 64) and a gzip-compatible body. Each entry starts with the headword line
(headword, pronunciation, ``<part of speech>``), followed by the senses: a
line of comma-separated translations, optionally numbered (``2. kieli,
puhe``), then an optional gloss line in the source language, which is not a
translation and is skipped.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

__all__ = ["DICTD_FOLDER", "Entry", "read_dictionary"]

DICTD_FOLDER: Final = Path("/usr/share/dictd")

_B64: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_NUMBERED: Final = re.compile(r"^(\d+)\.\s+(.*)$")
_TRAILING_NUMBER: Final = re.compile(r"\s+\d+\.$")
_BRACKETS: Final = re.compile(r"\([^)]*\)|\[[^\]]*\]|\{[^}]*\}")
_MAX_WORDS: Final = 3


@dataclass(frozen=True, slots=True)
class Entry:
    """One headword with its translations, best sense first."""

    headword: str
    part_of_speech: str
    senses: tuple[tuple[str, ...], ...]


def _decode(number: str) -> int:
    value = 0
    for char in number:
        value = value * 64 + _B64.index(char)
    return value


def _translations(line: str) -> tuple[str, ...]:
    line = _TRAILING_NUMBER.sub("", _BRACKETS.sub("", line))
    found: list[str] = []
    for item in re.split(r"[,;]", line):
        term = " ".join(item.split())
        if term and len(term.split()) <= _MAX_WORDS and term not in found:
            found.append(term)
    return tuple(found)


def parse_entry(text: str) -> Entry | None:
    """Parse the body of one entry (``None`` for an entry with no translation)."""
    lines = text.splitlines()
    if not lines:
        return None
    head = lines[0]
    pos_match = re.search(r"<([^>]*)>", head)
    part_of_speech = pos_match.group(1).split(",")[0].strip() if pos_match else ""
    headword = re.split(r"\s+/", head, maxsplit=1)[0]
    headword = re.sub(r"<[^>]*>", "", headword).strip()
    senses: list[tuple[str, ...]] = []
    for index, line in enumerate(lines[1:]):
        if not line or line[0].isspace():
            continue
        numbered = _NUMBERED.match(line)
        if numbered is not None:
            senses.append(_translations(numbered.group(2)))
        elif index == 0:
            senses.append(_translations(line))
    senses = [sense for sense in senses if sense]
    if not headword or not senses:
        return None
    return Entry(headword, part_of_speech, tuple(senses))


def read_dictionary(name: str, folder: Path = DICTD_FOLDER) -> Iterator[Entry]:
    """Entries of ``freedict-<name>`` (for example ``"swe-eng"``).

    Raises:
        FileNotFoundError: the dictionary is not installed.
    """
    index_path = folder / f"freedict-{name}.index"
    body = gzip.decompress((folder / f"freedict-{name}.dict.dz").read_bytes())
    with index_path.open(encoding="utf-8") as index:
        for line in index:
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 3 or fields[0].startswith("00-database"):
                continue
            offset, length = _decode(fields[1]), _decode(fields[2])
            entry = parse_entry(
                body[offset : offset + length].decode("utf-8", "replace")
            )
            if entry is not None:
                yield entry
