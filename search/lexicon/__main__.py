"""``python -m search.lexicon build [--out PATH] [--if-missing]`` and ``show WORD``."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from search.lexicon import Lexicon, lexicon_path


def _say(line: str, *, error: bool = False) -> None:
    (sys.stderr if error else sys.stdout).write(line + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m search.lexicon")
    commands = parser.add_subparsers(dest="command", required=True)
    build = commands.add_parser("build", help="build the lexicon from the packages")
    build.add_argument("--out", type=Path, default=None, help="the SQLite file")
    build.add_argument(
        "--if-missing", action="store_true", help="do nothing when the file exists"
    )
    show = commands.add_parser("show", help="translations of a word")
    show.add_argument("locale")
    show.add_argument("word")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    path = args.out if getattr(args, "out", None) else lexicon_path()
    if args.command == "build":
        if args.if_missing and path.is_file():
            _say(f"lexicon: {path} is there (make lexicon-clean to rebuild)")
            return 0
        from search.lexicon.build import build_lexicon

        report = build_lexicon(path)
        for source in report.sources:
            _say(f"  used: {source}")
        for missing in report.missing:
            _say(f"  missing: {missing}")
        _say(
            f"lexicon: {report.translations} translations, {report.lemmas} "
            f"word forms, {report.function_words} function words "
            f"in {report.seconds:.0f} s -> {path}"
        )
        if not report.sources:
            _say(
                "lexicon: no linguistic package is installed; cross-language "
                "search uses the glossary only (see README)",
                error=True,
            )
        return 0
    lexicon = Lexicon.open(path)
    if lexicon is None:
        _say(f"no lexicon at {path}: run make lexicon", error=True)
        return 1
    from search.crosslingual import Translator

    translator = Translator.default(lexicon)
    for item in translator.translate(args.word, args.locale):
        _say(f"{item.locale}\t{' '.join(item.words)}\t{item.weight:.2f}\t{item.via}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
