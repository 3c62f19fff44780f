"""Glossary suggestions: mined from linked translations, decided by staff."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from glossary.mining import Candidate, mine
from glossary.models import (
    SEPARATOR,
    GlossaryConcept,
    GlossarySuggestion,
    field_name,
)
from search.analysis import analyze, fold
from search.crosslingual import Translator, shared_translator

Status = GlossarySuggestion.Status


class DecisionError(Exception):
    """A decision that cannot be taken (already decided by someone else)."""


@dataclass(frozen=True)
class MiningSummary:
    groups: int
    created: int
    updated: int
    withdrawn: int
    skipped: int  # pairs staff have already decided

    def line(self) -> str:
        return (
            f"Glossary suggestions: {self.created} new, {self.updated} updated, "
            f"{self.withdrawn} withdrawn, {self.skipped} already decided "
            f"({self.groups} linked translation groups)."
        )


def _key(term: str, locale: str) -> str | None:
    """The index term of a one-word glossary term (None for phrases)."""
    keys = analyze(term, locale)
    return keys[0] if len(keys) == 1 else None


class KnownPairs:
    """Pairs the glossary or the dictionaries already link."""

    def __init__(
        self, concepts: Iterable[GlossaryConcept], translator: Translator | None
    ) -> None:
        self.translator = translator
        self._concepts: list[dict[str, set[str]]] = []
        for concept in concepts:
            keys: dict[str, set[str]] = {}
            for locale, terms in concept.terms().items():
                keys[locale] = {k for t in terms if (k := _key(t, locale))}
            self._concepts.append(keys)

    def __call__(
        self, source: str, source_key: str, word: str, target: str, target_key: str
    ) -> bool:
        for keys in self._concepts:
            if source_key in keys.get(source, ()) and target_key in keys.get(
                target, ()
            ):
                return True
        if self.translator is None:
            return False
        for translation in self.translator.translate(word, source, (target,)):
            if len(translation.words) == 1 and target_key in analyze(
                translation.words[0], target
            ):
                return True
        return False


def _evidence(candidate: Candidate) -> list[dict[str, object]]:
    return [
        {"group": e.group, "source": asdict(e.source), "target": asdict(e.target)}
        for e in candidate.evidence
    ]


@transaction.atomic
def store(candidates: Iterable[Candidate], groups: int) -> MiningSummary:
    """Save the candidates as suggestions; idempotent.

    Decided pairs are left as they are (a rejected pair is never offered
    again); open suggestions no longer mined are withdrawn.
    """
    existing = {
        (s.source_locale, s.source_key, s.target_locale, s.target_key): s
        for s in GlossarySuggestion.objects.select_for_update()
    }
    created = updated = skipped = 0
    mined: set[tuple[str, str, str, str]] = set()
    for c in candidates:
        key = (c.source_locale, c.source_key, c.target_locale, c.target_key)
        mined.add(key)
        values = {
            "source_term": c.source_term[:100],
            "target_term": c.target_term[:100],
            "score": c.score,
            "groups": c.groups,
            "evidence": _evidence(c),
        }
        suggestion = existing.get(key)
        if suggestion is None:
            GlossarySuggestion.objects.create(
                source_locale=c.source_locale,
                source_key=c.source_key[:100],
                target_locale=c.target_locale,
                target_key=c.target_key[:100],
                **values,
            )
            created += 1
        elif suggestion.status != Status.NEW:
            skipped += 1
        elif any(getattr(suggestion, k) != v for k, v in values.items()):
            for name, value in values.items():
                setattr(suggestion, name, value)
            suggestion.save()
            updated += 1
    stale = [
        s.pk for k, s in existing.items() if k not in mined and s.status == Status.NEW
    ]
    GlossarySuggestion.objects.filter(pk__in=stale).delete()
    return MiningSummary(groups, created, updated, len(stale), skipped)


def suggest(translator: Translator | None = None) -> MiningSummary:
    """Mine every linked translation group and store the suggestions."""
    from glossary.corpus import linked_groups

    groups = list(linked_groups())
    known = KnownPairs(
        GlossaryConcept.objects.all(),
        translator if translator is not None else shared_translator(),
    )
    return store(mine(groups, known), len(groups))


def _concept_with(term_key: str, locale: str) -> GlossaryConcept | None:
    for concept in GlossaryConcept.objects.order_by("key"):
        if any(_key(t, locale) == term_key for t in concept.terms()[locale]):
            return concept
    return None


def _new_concept_key(suggestion: GlossarySuggestion) -> str:
    english = (
        suggestion.source_term
        if suggestion.source_locale == "en"
        else suggestion.target_term
        if suggestion.target_locale == "en"
        else suggestion.source_term
    )
    # Fold Nordic letters first (æ -> ae, þ -> th): slugify drops them.
    base = slugify(fold(english))[:70] or f"concept-{suggestion.pk}"
    key, n = base, 2
    while GlossaryConcept.objects.filter(key=key).exists():
        key, n = f"{base}-{n}", n + 1
    return key


def _add_term(concept: GlossaryConcept, locale: str, term: str) -> None:
    terms = concept.terms()[locale]
    if term.lower() not in terms:
        setattr(concept, field_name(locale), SEPARATOR.join([*terms, term.lower()]))


def _open(suggestion: GlossarySuggestion) -> GlossarySuggestion:
    locked = GlossarySuggestion.objects.select_for_update().get(pk=suggestion.pk)
    if locked.status != Status.NEW:
        raise DecisionError(_("This suggestion has already been decided."))
    return locked


@transaction.atomic
def accept(suggestion: GlossarySuggestion, user) -> GlossaryConcept:
    """Add both terms to the concept that holds the source (or target) term,
    or to a new concept. Saving the concept queues it for the read model."""
    suggestion = _open(suggestion)
    concept = _concept_with(
        suggestion.source_key, suggestion.source_locale
    ) or _concept_with(suggestion.target_key, suggestion.target_locale)
    if concept is None:
        concept = GlossaryConcept(key=_new_concept_key(suggestion))
    _add_term(concept, suggestion.source_locale, suggestion.source_term)
    _add_term(concept, suggestion.target_locale, suggestion.target_term)
    concept.full_clean()
    concept.save()
    _decide(suggestion, Status.ACCEPTED, user, concept)
    return concept


@transaction.atomic
def reject(suggestion: GlossarySuggestion, user) -> None:
    """Remembered: the pair is never suggested again."""
    _decide(_open(suggestion), Status.REJECTED, user, None)


def _decide(
    suggestion: GlossarySuggestion,
    status: str,
    user,
    concept: GlossaryConcept | None,
) -> None:
    suggestion.status = status
    suggestion.decided_by = user
    suggestion.decided_at = timezone.now()
    suggestion.concept = concept
    suggestion.save()
