"""Check the relevance-evaluation collection against the rules it is written to.

Usage: ``python bench/relevance/validate.py [FOLDER]`` (default: this folder).
Every part present (``documents.<part>.jsonl`` with ``queries.<part>.jsonl``) is
checked; the script prints a summary per part and every violation found, and
exits with status 1 if there is any.

Word comparisons fold case and accents the way a user's typing varies: å and ä
become a (or aa/ae), æ becomes ae or a, ø and ö become o (or oe), þ becomes th,
ð becomes d, other accents are dropped. Two words count as equal when any of
their foldings agree, so a query word never slips past a title word by spelling.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

LANGUAGES = ("da", "nb", "sv", "fi", "is", "en")
KINDS = ("cross", "same")
DOCUMENT_FIELDS = frozenset({"id", "topic", "lang", "title", "text"})
QUERY_FIELDS = frozenset({"id", "lang", "text", "topic", "kind"})

TEXT_WORDS = (60, 200)
QUERY_WORDS = (2, 4)
MIN_DOCUMENTS = 62
MIN_QUERIES = 42
MIN_CROSS_SHARE = 0.75
MIN_QUERIES_PER_LANGUAGE = 5
MIN_TOPIC_LANGUAGES = 3
# Each topic leaves out at least two languages, so cross-language queries exist.
MAX_TOPIC_LANGUAGES = len(LANGUAGES) - 2
# A `same` query word counts as another form of a document word when the two
# share this many letters in a row (stem plus inflection, or compound part).
SHARED_STEM = 4

# Letters whose folding is a matter of convention get every usual spelling.
_LETTER_FOLDINGS: dict[str, tuple[str, ...]] = {
    "æ": ("ae", "a"),
    "ø": ("o", "oe"),
    "å": ("a", "aa"),
    "ä": ("a", "ae"),
    "ö": ("o", "oe"),
    "ü": ("u", "ue"),
    "þ": ("th",),
    "ð": ("d",),
    "œ": ("oe",),
}
_WORD = re.compile(r"[^\W_]+")
_PART_FILE = re.compile(r"^(documents|queries)\.([a-z0-9]+)\.jsonl$")

# Short function words that occur in one language of the six and in none of the
# others. A text whose words point clearly to another language than its `lang`
# is reported: it is either mislabelled or not written in that language.
LANGUAGE_MARKERS: dict[str, frozenset[str]] = {
    "da": frozenset(
        "meget noget nogle nogen mellem hvad gennem uden op ud bliver giver "
        "blevet endnu igennem imod anden andet ligesom gør fået hjælp".split()
    ),
    "nb": frozenset(
        "etter mye noe noen mellom hva slik gjennom uten opp ble blitt gir gjør "
        "annen annet enn ennå fått seg å hjelp".split()
    ),
    "sv": frozenset(
        "och att är för inte till från också hur vad mycket genom "
        "mellan något några någon även måste finns bara där när ger".split()
    ),
    "fi": frozenset(
        "ja ovat että sekä tai myös joka jotka mutta ei kanssa mukaan "
        "jälkeen aikana tämä nämä hän he heidän olla oli ole kuin vain vielä "
        "jossa joiden niiden siitä".split()
    ),
    "is": frozenset(
        "að það ekki fyrir hjá eru því þess þeirra vera í á um við með sem "
        "hafa hefur einnig þegar eða þau þeir þessi þetta verið sér".split()
    ),
    "en": frozenset(
        "the and of is are with that this from has an their which who were was "
        "its as or not".split()
    ),
}
_MIN_MARKERS = 3


@dataclass(frozen=True)
class Document:
    where: str
    id: str
    topic: str
    lang: str
    title: str
    text: str


@dataclass(frozen=True)
class Query:
    where: str
    id: str
    lang: str
    text: str
    topic: str
    kind: str


@dataclass
class Part:
    name: str
    documents: list[Document] = field(default_factory=list)
    queries: list[Query] = field(default_factory=list)


def foldings(word: str) -> frozenset[str]:
    """Every accent-folded spelling of a lowercased word."""
    choices: list[tuple[str, ...]] = []
    for char in word.casefold():
        if char in _LETTER_FOLDINGS:
            choices.append(_LETTER_FOLDINGS[char])
        else:
            bare = "".join(
                c
                for c in unicodedata.normalize("NFKD", char)
                if not unicodedata.combining(c)
            )
            choices.append((bare,))
    return frozenset("".join(combo) for combo in itertools.product(*choices))


def fold(word: str) -> str:
    """The first (canonical) folding of a word."""
    return "".join(
        _LETTER_FOLDINGS[c][0]
        if c in _LETTER_FOLDINGS
        else "".join(
            d for d in unicodedata.normalize("NFKD", c) if not unicodedata.combining(d)
        )
        for c in word.casefold()
    )


def words(text: str) -> list[str]:
    """Lowercased letter-and-digit runs: hyphens and apostrophes split words."""
    return _WORD.findall(text.casefold())


def word_count(text: str) -> int:
    """Whitespace-separated words that hold at least one letter or digit."""
    return sum(1 for token in text.split() if _WORD.search(token))


def same_word(a: str, b: str) -> bool:
    return not foldings(a).isdisjoint(foldings(b))


def shares_stem(query_word: str, text_words: set[str]) -> bool:
    """Whether a document word holds a run of letters of the query word."""
    folded = fold(query_word)
    size = min(SHARED_STEM, len(folded))
    pieces = {folded[i : i + size] for i in range(len(folded) - size + 1)}
    return any(piece in fold(word) for word in text_words for piece in pieces)


def language_scores(text: str) -> Counter[str]:
    tokens = words(text)
    return Counter(
        {
            lang: sum(t in markers for t in tokens)
            for lang, markers in LANGUAGE_MARKERS.items()
        }
    )


def _read(
    path: Path, fields: frozenset[str], problems: list[str]
) -> list[dict[str, str]]:
    records: list[dict[str, str]] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        problems.append(f"{path.name}: not UTF-8: {exc}")
        return records
    for number, line in enumerate(lines, start=1):
        where = f"{path.name}:{number}"
        if not line.strip():
            problems.append(f"{where}: blank line")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: not JSON: {exc}")
            continue
        if not isinstance(record, dict):
            problems.append(f"{where}: not a JSON object")
            continue
        keys = set(record)
        if keys != fields:
            missing, extra = sorted(fields - keys), sorted(keys - fields)
            problems.append(f"{where}: fields missing {missing}, unexpected {extra}")
            continue
        bad = [k for k, v in record.items() if not isinstance(v, str) or not v.strip()]
        if bad:
            problems.append(f"{where}: {bad} must be non-empty strings")
            continue
        record["where"] = where
        records.append(record)
    return records


def load_parts(folder: Path, problems: list[str]) -> dict[str, Part]:
    parts: dict[str, Part] = {}
    files: dict[str, set[str]] = defaultdict(set)
    for path in sorted(folder.glob("*.jsonl")):
        match = _PART_FILE.match(path.name)
        if not match:
            problems.append(
                f"{path.name}: not named documents.<part>.jsonl or queries.<part>.jsonl"
            )
            continue
        kind, name = match.groups()
        files[name].add(kind)
        part = parts.setdefault(name, Part(name))
        if kind == "documents":
            part.documents += [
                Document(**r) for r in _read(path, DOCUMENT_FIELDS, problems)
            ]
        else:
            part.queries += [Query(**r) for r in _read(path, QUERY_FIELDS, problems)]
    for name, kinds in sorted(files.items()):
        for kind in ("documents", "queries"):
            if kind not in kinds:
                problems.append(f"part {name}: {kind}.{name}.jsonl is missing")
    return parts


def check_document(doc: Document, part: str) -> list[str]:
    problems: list[str] = []
    where = f"{doc.where} ({doc.id})"
    if doc.lang not in LANGUAGES:
        problems.append(f"{where}: unknown language {doc.lang!r}")
    if not re.fullmatch(rf"{re.escape(part)}\d\d", doc.topic):
        problems.append(f"{where}: topic {doc.topic!r} is not {part}<two digits>")
    if doc.id != f"{doc.topic}-{doc.lang}":
        problems.append(f"{where}: id must be {doc.topic}-{doc.lang}")
    if "\n" in doc.title:
        problems.append(f"{where}: title spans lines")
    count = word_count(doc.text)
    if not TEXT_WORDS[0] <= count <= TEXT_WORDS[1]:
        problems.append(
            f"{where}: text has {count} words, needs {TEXT_WORDS[0]}-{TEXT_WORDS[1]}"
        )
    scores = language_scores(f"{doc.title} {doc.text}")
    own = scores[doc.lang]
    for lang, score in scores.most_common():
        if lang != doc.lang and score >= _MIN_MARKERS and score > own:
            problems.append(
                f"{where}: reads as {lang} ({score} marker words) more than as "
                f"{doc.lang} ({own})"
            )
            break
    return problems


def check_query(
    query: Query, part: str, by_topic: dict[str, list[Document]]
) -> list[str]:
    problems: list[str] = []
    where = f"{query.where} ({query.id}: {query.text!r})"
    if not re.fullmatch(rf"{re.escape(part)}-q\d+", query.id):
        problems.append(f"{where}: id is not {part}-q<n>")
    if query.lang not in LANGUAGES:
        problems.append(f"{where}: unknown language {query.lang!r}")
    if query.kind not in KINDS:
        problems.append(f"{where}: kind must be one of {KINDS}")
    count = word_count(query.text)
    if not QUERY_WORDS[0] <= count <= QUERY_WORDS[1]:
        problems.append(
            f"{where}: {count} words, needs {QUERY_WORDS[0]}-{QUERY_WORDS[1]}"
        )
    if query.text != query.text.lower() or query.text != " ".join(query.text.split()):
        problems.append(f"{where}: write queries lowercase, single-spaced, as typed")
    relevant = by_topic.get(query.topic)
    if not relevant:
        problems.append(
            f"{where}: topic {query.topic!r} has no document in part {part}"
        )
        return problems
    query_words = words(query.text)
    for doc in relevant:
        clashes = [
            w for w in query_words if any(same_word(w, t) for t in words(doc.title))
        ]
        if clashes:
            problems.append(f"{where}: {clashes} in the title of {doc.id}")
    own = [doc for doc in relevant if doc.lang == query.lang]
    if query.kind == "cross" and own:
        problems.append(
            f"{where}: cross query, but {own[0].id} is in the query language"
        )
    if query.kind == "same":
        if not own:
            problems.append(
                f"{where}: same query, but topic has no {query.lang} document"
            )
            return problems
        doc_words = set(words(f"{own[0].title} {own[0].text}"))
        verbatim = [w for w in query_words if any(same_word(w, t) for t in doc_words)]
        if verbatim:
            problems.append(
                f"{where}: {verbatim} appear as such in {own[0].id}; use other forms"
            )
        unrelated = [w for w in query_words if not shares_stem(w, doc_words)]
        if unrelated:
            problems.append(
                f"{where}: {unrelated} are no form of any word of {own[0].id}"
            )
    return problems


def check_part(part: Part) -> list[str]:
    problems: list[str] = []
    by_topic: dict[str, list[Document]] = defaultdict(list)
    for doc in part.documents:
        problems += check_document(doc, part.name)
        by_topic[doc.topic].append(doc)
    topic_languages = {t: Counter(d.lang for d in docs) for t, docs in by_topic.items()}
    for topic, langs in sorted(topic_languages.items()):
        if not MIN_TOPIC_LANGUAGES <= len(langs) <= MAX_TOPIC_LANGUAGES:
            problems.append(
                f"part {part.name}: topic {topic} has {len(langs)} languages "
                f"{sorted(langs)}, needs {MIN_TOPIC_LANGUAGES}-{MAX_TOPIC_LANGUAGES}"
            )
    needed = math.ceil(len(by_topic) / 3)
    for lang in LANGUAGES:
        used = sum(lang in langs for langs in topic_languages.values())
        if used < needed:
            problems.append(
                f"part {part.name}: {lang} documents in {used} topics, "
                f"needs at least a third ({needed})"
            )
    seen_texts: dict[tuple[str, str], str] = {}
    for query in part.queries:
        problems += check_query(query, part.name, by_topic)
        key = (query.lang, fold(query.text))
        if key in seen_texts:
            problems.append(f"{query.where}: same text as {seen_texts[key]}")
        seen_texts.setdefault(key, query.id)
    if len(part.documents) < MIN_DOCUMENTS:
        problems.append(
            f"part {part.name}: {len(part.documents)} documents, needs {MIN_DOCUMENTS}"
        )
    total = len(part.queries)
    if total < MIN_QUERIES:
        problems.append(f"part {part.name}: {total} queries, needs {MIN_QUERIES}")
    cross = sum(q.kind == "cross" for q in part.queries)
    if total and cross < MIN_CROSS_SHARE * total:
        problems.append(
            f"part {part.name}: {cross} of {total} queries are cross, "
            f"needs at least {MIN_CROSS_SHARE:.0%}"
        )
    per_language = Counter(q.lang for q in part.queries)
    for lang in LANGUAGES:
        if per_language[lang] < MIN_QUERIES_PER_LANGUAGE:
            problems.append(
                f"part {part.name}: {per_language[lang]} {lang} queries, "
                f"needs {MIN_QUERIES_PER_LANGUAGE}"
            )
    lengths = {word_count(q.text) for q in part.queries}
    for length in range(QUERY_WORDS[0], QUERY_WORDS[1] + 1):
        if length not in lengths:
            problems.append(f"part {part.name}: no query of {length} words")
    return problems


def check_ids(parts: dict[str, Part]) -> list[str]:
    problems: list[str] = []
    for kind, records in (
        ("document", [d for p in parts.values() for d in p.documents]),
        ("query", [q for p in parts.values() for q in p.queries]),
    ):
        first: dict[str, str] = {}
        for record in records:
            if record.id in first:
                problems.append(
                    f"{record.where}: {kind} id {record.id!r} repeats "
                    f"{first[record.id]}"
                )
            first.setdefault(record.id, record.where)
    return problems


def summary(part: Part) -> str:
    docs = Counter(d.lang for d in part.documents)
    queries = Counter((q.lang, q.kind) for q in part.queries)
    lengths = Counter(word_count(q.text) for q in part.queries)
    lines = [
        f"part {part.name}: {len(part.documents)} documents, "
        f"{len({d.topic for d in part.documents})} topics, {len(part.queries)} queries",
        "  documents: " + ", ".join(f"{lang} {docs[lang]}" for lang in LANGUAGES),
        "  queries:   "
        + ", ".join(
            f"{lang} {queries[lang, 'cross']}+{queries[lang, 'same']}"
            for lang in LANGUAGES
        )
        + " (cross+same)",
        "  query words: " + ", ".join(f"{n}: {lengths[n]}" for n in sorted(lengths)),
    ]
    return "\n".join(lines)


def _marker_overlaps() -> list[str]:
    shared = (
        (a, b, LANGUAGE_MARKERS[a] & LANGUAGE_MARKERS[b])
        for a, b in itertools.combinations(LANGUAGES, 2)
    )
    return [f"marker words {sorted(s)} in {a} and {b}" for a, b, s in shared if s]


def validate(folder: Path) -> tuple[dict[str, Part], list[str]]:
    problems = _marker_overlaps()
    parts = load_parts(folder, problems)
    if not parts:
        problems.append(f"{folder}: no documents.*.jsonl or queries.*.jsonl")
    for part in parts.values():
        problems += check_part(part)
    problems += check_ids(parts)
    return parts, problems


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path(__file__).resolve().parent
    parts, problems = validate(folder)
    for part in parts.values():
        print(summary(part))
    if problems:
        print(f"\n{len(problems)} violation(s):")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    print("\nOK: no violations")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
