"""Compile the interface catalogues in cms/locale to .mo files with Babel.

`make locale` runs this, so machines without GNU gettext serve translated pages.
It skips `pybabel compile`'s format check on purpose: that check refuses a count in
the first plural form, which Icelandic needs (its first form also covers 21, 31, ...).
tests/cms/core/test_ui_translations.py checks placeholders instead.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).resolve().parent.parent / "cms" / "locale"


def compile_catalogues(
    locale_dir: Path = LOCALE_DIR, *, force: bool = False
) -> list[str]:
    """Write each .mo older than its .po (every one with force); name the languages."""
    compiled = []
    for po in sorted(locale_dir.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if not force and mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        language = po.parent.parent.name
        with po.open("rb") as f:
            catalog = read_po(f, locale=language, abort_invalid=True)
        # Write beside and rename, so a running server never reads half a file.
        fd, tmp = tempfile.mkstemp(dir=mo.parent, suffix=".mo.tmp")
        with os.fdopen(fd, "wb") as f:
            write_mo(f, catalog)  # fuzzy entries are left out
        os.chmod(tmp, 0o644)
        os.replace(tmp, mo)
        compiled.append(language)
    return compiled


if __name__ == "__main__":
    compile_catalogues(force="--force" in sys.argv[1:])
