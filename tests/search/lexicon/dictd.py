"""Small dictionaries in FreeDict's dictd format, written by tests."""

from __future__ import annotations

import gzip
from collections.abc import Mapping, Sequence
from pathlib import Path

_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def _encode(number: int) -> str:
    digits = ""
    while True:
        digits = _B64[number % 64] + digits
        number //= 64
        if number == 0:
            return digits


def write_dictd(folder: Path, name: str, entries: Mapping[str, Sequence[str]]) -> None:
    """Write ``freedict-<name>`` with one entry per headword: ``entries`` maps
    the headword to its body lines (senses and glosses) as FreeDict writes them."""
    body = b""
    index_lines = []
    for headword, lines in entries.items():
        text = f"{headword} /x/ <n>\n" + "".join(line + "\n" for line in lines)
        data = text.encode()
        index_lines.append(f"{headword}\t{_encode(len(body))}\t{_encode(len(data))}\n")
        body += data
    (folder / f"freedict-{name}.dict.dz").write_bytes(gzip.compress(body))
    (folder / f"freedict-{name}.index").write_text("".join(index_lines), "utf-8")
