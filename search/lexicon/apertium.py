"""Bilingual dictionaries of Apertium language pairs (Debian ``apertium-*``).

A pair ships its bilingual dictionary compiled as a letter transducer
(``<src>-<tgt>.autobil.bin``) that maps ``lemma<tags>`` to
``translation<tags>``. ``lt-print`` (lttoolbox) prints it in the AT&T text
format; this module walks every path from the start state to a final state
and keeps the lemma pairs. The dictionaries are acyclic apart from a few
catch-all loops (numbers, punctuation), which the walk cuts.

The transducer lists a word's translations in no meaningful order ("tann":
"kugge", "klo", "tand"). Which one a word means on its own is what
Apertium's full translation (``apertium nob-swe``: tagger, lexical selection,
transfer) makes of it: :func:`default_translations` runs every headword
through it once, and the lexicon ranks that translation first.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Final

__all__ = [
    "APERTIUM_FOLDER",
    "BIDIX",
    "ANALYSERS",
    "CONTENT_TAGS",
    "FUNCTION_TAGS",
    "MODES",
    "analyse",
    "default_translations",
    "read_bidix",
]

APERTIUM_FOLDER: Final = Path("/usr/share/apertium")

#: (source locale, target locale) -> (package folder, transducer file).
BIDIX: Final[dict[tuple[str, str], tuple[str, str]]] = {
    ("da", "nb"): ("apertium-dan-nor", "dan-nob.autobil.bin"),
    ("nb", "da"): ("apertium-dan-nor", "nor-dan.autobil.bin"),
    ("sv", "da"): ("apertium-swe-dan", "swe-dan.autobil.bin"),
    ("da", "sv"): ("apertium-swe-dan", "dan-swe.autobil.bin"),
    ("sv", "nb"): ("apertium-swe-nor", "swe-nob.autobil.bin"),
    ("nb", "sv"): ("apertium-swe-nor", "nor-swe.autobil.bin"),
    ("is", "sv"): ("apertium-isl-swe", "isl-swe.autobil.bin"),
    ("sv", "is"): ("apertium-isl-swe", "swe-isl.autobil.bin"),
    ("is", "en"): ("apertium-isl-eng", "isl-eng.autobil.bin"),
}

#: (source locale, target locale) -> Apertium's translation mode.
MODES: Final[dict[tuple[str, str], str]] = {
    ("da", "nb"): "dan-nob",
    ("nb", "da"): "nob-dan",
    ("sv", "da"): "swe-dan",
    ("da", "sv"): "dan-swe",
    ("sv", "nb"): "swe-nob",
    ("nb", "sv"): "nob-swe",
    ("is", "sv"): "isl-swe",
    ("sv", "is"): "swe-isl",
    ("is", "en"): "isl-eng",
}

_MAX_PATHS: Final = 2_000_000
#: Headwords translated by one run of Apertium, and the seconds it may take.
_BATCH: Final = 1000
_BATCH_TIMEOUT: Final = 30
#: Address space each program of Apertium's pipeline may take: its
#: recursive transfer sometimes grows without bound on a batch (to 20 GB
#: before it crashed) and would take the machine's memory with it.
_MEMORY_LIMIT: Final = 2 * 1024**3
#: Steps a path may take after the first tag on the source side.
_TAG_STEPS: Final = 2
#: Parts of speech worth translating (nouns, adjectives, verbs, adverbs).
CONTENT_TAGS: Final = frozenset({"n", "adj", "vblex", "adv"})
#: Function words: prepositions, conjunctions and pronouns. Search treats
#: them as stop words (the stop lists lack many: Norwegian "hos", "blant").
FUNCTION_TAGS: Final = frozenset({"pr", "cnjcoo", "cnjsub", "prn"})
_TAG: Final = re.compile(r"<([^>]*)>")
_SYMBOLS: Final = {"ε": "", "@0@": "", "@_SPACE_@": " ", "@_TAB_@": " "}


def _transitions(
    text: str,
) -> Iterator[tuple[dict[int, list[tuple[int, str, str]]], set[int]]]:
    arcs: dict[int, list[tuple[int, str, str]]] = {}
    finals: set[int] = set()
    for line in text.splitlines():
        if line.startswith("--"):
            yield arcs, finals
            arcs, finals = {}, set()
            continue
        fields = line.split("\t")
        if len(fields) >= 4 and fields[0].isdigit() and fields[1].isdigit():
            symbol_in = _SYMBOLS.get(fields[2], fields[2])
            symbol_out = _SYMBOLS.get(fields[3], fields[3])
            arcs.setdefault(int(fields[0]), []).append(
                (int(fields[1]), symbol_in, symbol_out)
            )
        elif fields and fields[0].isdigit():
            finals.add(int(fields[0]))
    if arcs:
        yield arcs, finals


def _cyclic_states(arcs: dict[int, list[tuple[int, str, str]]]) -> set[int]:
    """States on a cycle (Tarjan's algorithm, iterative)."""
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[int] = []
    cyclic: set[int] = set()
    counter = 0
    for root in list(arcs):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            state, position = work.pop()
            if position == 0:
                index[state] = low[state] = counter
                counter += 1
                stack.append(state)
                on_stack.add(state)
            targets = arcs.get(state, [])
            if position < len(targets):
                work.append((state, position + 1))
                target = targets[position][0]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[state] = min(low[state], index[target])
                    if target == state:
                        cyclic.add(state)
                continue
            if low[state] == index[state]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == state:
                        break
                if len(component) > 1:
                    cyclic.update(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[state])
    return cyclic


def _paths(
    arcs: dict[int, list[tuple[int, str, str]]],
) -> Iterator[tuple[str, str]]:
    """Lemma pairs with their first tags.

    A path stops once both sides have a tag: what follows adds nothing. Words
    never loop; loops are catch-alls (numerals, URLs) or tag sequences, so
    a path may enter a cyclic state only after its lemma, for a few steps.
    """
    cyclic = _cyclic_states(arcs)
    stack: list[tuple[int, str, str, int]] = [(0, "", "", 0)]
    emitted = 0
    while stack and emitted < _MAX_PATHS:
        state, left, right, after_tag = stack.pop()
        if "<" in left and "<" in right:
            emitted += 1
            yield left, right
            continue
        if after_tag > _TAG_STEPS:
            continue
        for target, symbol_in, symbol_out in arcs.get(state, ()):
            tagged = "<" in left or symbol_in.startswith("<")
            if target in cyclic and not tagged:
                continue
            if not left and symbol_in and not symbol_in.isalpha():
                continue
            stack.append(
                (target, left + symbol_in, right + symbol_out, after_tag + tagged)
            )


def _lemma(side: str) -> tuple[str, str]:
    """``("lemma", "first tag")`` of one side of a dictionary path."""
    tags = _TAG.findall(side)
    lemma = side.split("<", 1)[0].replace("#", " ").replace("+", " ").strip()
    return " ".join(lemma.split()), tags[0] if tags else ""


def read_bidix(
    source: str, target: str, folder: Path = APERTIUM_FOLDER
) -> Iterator[tuple[str, str, str]]:
    """``(source lemma, target lemma, part of speech)`` of one pair direction:
    the content words (:data:`CONTENT_TAGS`) and function words
    (:data:`FUNCTION_TAGS`).

    Raises:
        FileNotFoundError: the pair or ``lt-print`` is not installed.
    """
    package, name = BIDIX[(source, target)]
    path = folder / package / name
    printer = shutil.which("lt-print")
    if printer is None:
        raise FileNotFoundError("lt-print (Debian package lttoolbox-dev) is missing")
    if not path.exists():
        raise FileNotFoundError(str(path))
    printed = subprocess.run(  # noqa: S603 - fixed program, our own path
        [printer, str(path)], capture_output=True, check=True, text=True
    ).stdout
    seen: set[tuple[str, str]] = set()
    for arcs, _finals in _transitions(printed):
        for left, right in _paths(arcs):
            source_lemma, tag = _lemma(left)
            target_lemma, _ = _lemma(right)
            if not source_lemma or not target_lemma:
                continue
            if tag not in CONTENT_TAGS and tag not in FUNCTION_TAGS:
                continue
            if not source_lemma.replace(" ", "").isalpha():
                continue
            pair = (source_lemma.lower(), target_lemma.lower())
            if pair in seen:
                continue
            seen.add(pair)
            yield pair[0], pair[1], tag


def default_translations(
    source: str, target: str, words: Sequence[str]
) -> dict[str, str]:
    """What Apertium translates each of ``words`` to on its own, lowercased;
    words it leaves untranslated are left out. Empty when the pair or
    ``apertium`` is not installed.

    Words go in batches of :data:`_BATCH`, one sentence each (a line break
    is only a blank to Apertium). Now and then its recursive transfer takes
    minutes over a batch that another order would pass in a second: a batch
    that takes longer than :data:`_BATCH_TIMEOUT` seconds, or comes back
    with another number of lines, is left out.
    """
    program = shutil.which("apertium")
    mode = MODES.get((source, target))
    if program is None or mode is None:
        return {}
    found: dict[str, str] = {}
    for start in range(0, len(words), _BATCH):
        batch = words[start : start + _BATCH]
        printed = _run_pipeline(
            [program, "-u", mode], "".join(f"{word}.\n" for word in batch)
        )
        if printed is None:
            continue
        lines = printed.split("\n")
        if len(lines) != len(batch) + 1:
            continue
        for word, line in zip(batch, lines, strict=False):
            translated = " ".join(line.strip().removesuffix(".").split()).lower()
            if translated and not translated.startswith(("*", "#", "@")):
                found[word] = translated
    return found


def _run_pipeline(command: list[str], text: str) -> str | None:
    """What ``command`` (a shell script running a pipeline) prints for
    ``text``; ``None`` when it fails or outlasts :data:`_BATCH_TIMEOUT`.

    The pipeline runs in a process group of its own, each program with at most
    :data:`_MEMORY_LIMIT` of memory, and the whole group is killed on a
    timeout: killing the script alone leaves its programs running, and
    waiting for their output then waits for them.
    """
    # ``ulimit`` in a shell rather than ``preexec_fn``: the build runs
    # threads, and a forked child of a threaded process may only exec.
    limited = [
        "sh",
        "-c",
        f'ulimit -v {_MEMORY_LIMIT // 1024} && exec "$0" "$@"',
        *command,
    ]
    with subprocess.Popen(  # noqa: S603 - fixed programs
        limited,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
    ) as process:
        try:
            printed, _ = process.communicate(text, timeout=_BATCH_TIMEOUT)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            return None
    return printed if process.returncode == 0 else None


#: Locale -> (package folder, morphological analyser) of Apertium pairs.
ANALYSERS: Final[dict[str, tuple[str, str]]] = {
    "da": ("apertium-dan-nor", "dan-nob.automorf.bin"),
    "nb": ("apertium-dan-nor", "nob-dan.automorf.bin"),
    "sv": ("apertium-swe-dan", "swe-dan.automorf.bin"),
    "is": ("apertium-isl-swe", "isl-swe.automorf.bin"),
}
_UNIT: Final = re.compile(r"\^([^/$^]*)((?:/[^/$^]*)*)\$")
#: Parts of speech in the order a search word most likely is one: the
#: topic words of a query are nouns far more often than verbs.
_POS_ORDER: Final = ("n", "np", "adj", "vblex")


def _rank(tags: str) -> int:
    first = tags.split(">", 1)[0].lstrip("<")
    return _POS_ORDER.index(first) if first in _POS_ORDER else len(_POS_ORDER)


def analyse(
    locale: str, words: Sequence[str], folder: Path = APERTIUM_FOLDER
) -> dict[str, tuple[tuple[str, int], ...]]:
    """Every dictionary form Apertium's morphological analyser gives each of
    ``words`` (lowercase), with the rank of its likeliest part of speech
    (:data:`_POS_ORDER`; a lower rank is likelier), nouns first: Norwegian
    "møbler" is the noun "møbel" as well as the verb "møblere", Icelandic
    "hefðir" the noun "hefð" as well as a form of "hafa". Words it does not
    know are left out; empty when the analyser or ``lt-proc`` is not
    installed."""
    program = shutil.which("lt-proc")
    package = ANALYSERS.get(locale)
    if program is None or package is None:
        return {}
    analyser = folder / package[0] / package[1]
    if not analyser.is_file():
        return {}
    done = subprocess.run(  # noqa: S603 - fixed program, our own path
        [program, "-a", str(analyser)],
        input="".join(f"{word}\n" for word in words),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        return {}
    found: dict[str, tuple[tuple[str, int], ...]] = {}
    for surface, readings in _UNIT.findall(done.stdout):
        lemmas: dict[str, int] = {}
        for reading in readings.split("/")[1:]:
            lemma, _, tags = reading.partition("<")
            lemma = lemma.lower()
            if not lemma.isalpha() or "<compound" in reading:
                continue
            rank = _rank("<" + tags)
            lemmas[lemma] = min(rank, lemmas.get(lemma, rank))
        if lemmas:
            ordered = sorted(lemmas.items(), key=lambda item: item[1])
            found[surface.lower()] = tuple(ordered)
    return found
