"""Glossary suggestions mined from linked translations, decided by staff."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.contrib.auth.models import Group as UserGroup
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.urls import reverse

from glossary.mining import Group, SourceRef, Version, mine
from glossary.models import GlossaryConcept, GlossarySuggestion
from glossary.suggestions import _new_concept_key, suggest
from news.models import NewsIndexPage, NewsPage
from search.crosslingual import Translator, shared_translator

pytestmark = pytest.mark.django_db

# "Host family" as three hubs word it: no dictionary translates one into another.
STORIES = [
    {
        "da": (
            "Værtsfamilie hjælper flygtninge i Odense",
            "En værtsfamilie giver nye borgere et netværk.",
        ),
        "nb": (
            "Vennefamilie hjelper flyktninger i Bergen",
            "En vennefamilie gir nye innbyggere et nettverk.",
        ),
        "sv": (
            "Fadderfamilj hjälper flyktingar i Malmö",
            "En fadderfamilj ger nya invånare ett nätverk.",
        ),
    },
    {
        "da": (
            "Kommunen søger en værtsfamilie",
            "Unge flygtninge får en værtsfamilie i byen.",
        ),
        "nb": (
            "Kommunen søker en vennefamilie",
            "Unge flyktninger får en vennefamilie i byen.",
        ),
        "sv": (
            "Kommunen söker en fadderfamilj",
            "Unga flyktingar får en fadderfamilj i staden.",
        ),
    },
    {
        "da": (
            "Sproget vokser hos en værtsfamilie",
            "Hver værtsfamilie mødes hver uge.",
        ),
        "nb": (
            "Språket vokser hos en vennefamilie",
            "Hver vennefamilie møtes hver uke.",
        ),
        "sv": (
            "Språket växer hos en fadderfamilj",
            "Varje fadderfamilj träffas varje vecka.",
        ),
    },
]


@pytest.fixture
def stories(home, locales):
    """Three news stories, each in Danish, Norwegian and Swedish, linked."""
    index = NewsIndexPage(title="News", slug="news")
    home.add_child(instance=index)
    indexes = {"en": index}
    for code in ("da", "nb", "sv"):
        indexes[code] = index.copy_for_translation(locales[code], copy_parents=True)
    groups = []
    for n, story in enumerate(STORIES):
        key = uuid.uuid4()
        pages = {}
        for code, (title, lead) in story.items():
            page = NewsPage(
                title=title,
                slug=f"story-{n}-{code}",
                lead=lead,
                date=dt.date(2026, 5, 1 + n),
                locale=locales[code],
                translation_key=key,
            )
            indexes[code].add_child(instance=page)
            pages[code] = page
        groups.append(pages)
    return groups


def _staff(codenames: list[str]) -> User:
    user = User.objects.create_user("glossary-editor", "g@example.org", "pw-glossary-1")
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", *codenames],
        )
    )
    return user


@pytest.fixture
def staff_client(client):
    client.force_login(_staff(["change_glossaryconcept", "add_glossaryconcept"]))
    return client


FAMILY = {"da": "værtsfamilie", "nb": "vennefamilie", "sv": "fadderfamilj"}


def _pair(source: str, target: str) -> GlossarySuggestion:
    return GlossarySuggestion.objects.get(
        source_locale=source, target_locale=target, source_term=FAMILY[source]
    )


def test_mining_finds_the_pair_with_its_pages_as_evidence(stories):
    summary = suggest(Translator(None))
    assert summary.groups >= 3 and summary.created >= 3
    found = _pair("da", "nb")
    assert (found.source_term, found.target_term) == ("værtsfamilie", "vennefamilie")
    assert found.groups == 3 and found.status == "new"
    evidence = {(e["source"]["pk"], e["target"]["pk"]) for e in found.evidence}
    assert evidence == {(s["da"].pk, s["nb"].pk) for s in stories}
    assert {e["source"]["title"] for e in found.evidence} == {
        s["da"].title for s in stories
    }
    assert _pair("da", "sv").target_term == "fadderfamilj"
    # Each word is paired with its best partner only, not with its neighbours.
    assert not GlossarySuggestion.objects.filter(
        source_term="flygtninge", target_term="vennefamilie"
    ).exists()
    assert _pair("nb", "sv").source_term == "vennefamilie"
    # Idempotent: a second run changes nothing.
    again = suggest(Translator(None))
    assert (again.created, again.updated, again.withdrawn) == (0, 0, 0)
    assert GlossarySuggestion.objects.count() == summary.created


def test_pairs_in_the_glossary_are_not_suggested(stories):
    GlossaryConcept.objects.create(
        key="host-family", terms_da="værtsfamilie", terms_nb="vennefamilie"
    )
    suggest(Translator(None))
    pairs = set(GlossarySuggestion.objects.values_list("source_term", "target_term"))
    assert ("værtsfamilie", "vennefamilie") not in pairs
    assert ("flygtninge", "flyktninger") in pairs  # not in this glossary
    assert ("værtsfamilie", "fadderfamilj") in pairs


def test_pairs_the_dictionaries_know_are_not_suggested(stories):
    translator = shared_translator()
    if not translator.available:
        pytest.skip("no lexicon (make lexicon)")
    # Without dictionaries, the refugee words of two stories are a candidate.
    words = {
        c.source_term for c in mine(_groups_of(stories)) if c.source_locale == "da"
    }
    assert "flygtninge" in words
    suggest(translator)
    assert not GlossarySuggestion.objects.filter(source_key="flygtning").exists()
    assert _pair("da", "nb").target_term == "vennefamilie"


def _groups_of(stories) -> list[Group]:
    return [
        Group(
            key=str(n),
            versions=tuple(
                Version(
                    SourceRef("news.newspage", p.pk, code, p.title),
                    fields={"title": p.title, "lead": p.lead},
                )
                for code, p in story.items()
            ),
        )
        for n, story in enumerate(stories)
    ]


def test_one_group_is_not_enough_evidence(stories):
    assert not [c for c in mine(_groups_of(stories[:1])) if c.source_key]
    assert mine(_groups_of(stories[:2]))


def test_accept_adds_the_terms_and_reaches_the_read_model(
    stories, staff_client, tmp_path, settings
):
    from indexing.worker import drain_once
    from search.backends import get_backend

    call_command("suggest_glossary_terms", verbosity=0)
    suggestion = _pair("da", "nb")
    response = staff_client.post(
        reverse("glossary_suggestion_decide", args=[suggestion.pk, "accept"])
    )
    assert response.status_code == 302
    concept = GlossaryConcept.objects.get()
    assert concept.terms()["da"] == ["værtsfamilie"]
    assert concept.terms()["nb"] == ["vennefamilie"]
    suggestion.refresh_from_db()
    assert suggestion.status == "accepted" and suggestion.concept == concept
    assert suggestion.decided_by.username == "glossary-editor"
    assert suggestion.decided_at is not None

    # The Swedish pair joins the same concept, found by its Danish term.
    staff_client.post(
        reverse("glossary_suggestion_decide", args=[_pair("da", "sv").pk, "accept"])
    )
    concept.refresh_from_db()
    assert GlossaryConcept.objects.count() == 1
    assert concept.terms()["sv"] == ["fadderfamilj"]

    backend = get_backend(
        {"BACKEND": "search.backends.embedded", "PATH": str(tmp_path / "index")}
    )
    try:
        while drain_once(backend).handled:
            pass
        (document,) = backend.get_many([f"glossary:{concept.pk}"])
    finally:
        backend.close()
    assert document is not None
    assert document.payload["row"]["sv"] == "fadderfamilj"
    assert document.payload["row"]["nb"] == "vennefamilie"

    # Deciding twice is refused without a change.
    staff_client.post(
        reverse("glossary_suggestion_decide", args=[suggestion.pk, "reject"])
    )
    suggestion.refresh_from_db()
    assert suggestion.status == "accepted"


def test_rejected_pairs_are_never_suggested_again(stories, staff_client):
    suggest(Translator(None))
    suggestion = _pair("da", "nb")
    staff_client.post(
        reverse("glossary_suggestion_decide", args=[suggestion.pk, "reject"])
    )
    summary = suggest(Translator(None))
    suggestion.refresh_from_db()
    assert suggestion.status == "rejected"
    assert summary.skipped >= 1 and summary.created == 0
    assert not GlossaryConcept.objects.exists()
    listing = staff_client.get(reverse("glossary_suggestions"), {"pair": "da-nb"})
    assert "<strong>vennefamilie</strong>" not in listing.content.decode()
    decided = staff_client.get(reverse("glossary_suggestions"), {"status": "rejected"})
    assert "<strong>vennefamilie</strong>" in decided.content.decode()


def test_listing_filters_by_language_pair_and_status(stories, staff_client):
    # An editor of pages too: evidence links to the pages they may edit.
    User.objects.get(username="glossary-editor").groups.add(
        UserGroup.objects.get(name="Editors")
    )
    suggest(Translator(None))
    url = reverse("glossary_suggestions")
    html = staff_client.get(url, {"pair": "da-sv"}).content.decode()
    assert "fadderfamilj" in html and "vennefamilie" not in html
    assert "Danish – Swedish" in html  # language names, not codes
    edit = reverse("wagtailadmin_pages:edit", args=[stories[0]["da"].pk])
    assert f'href="{edit}"' in html  # the evidence links to the pages
    rejected = staff_client.get(url, {"status": "rejected"}).content.decode()
    assert "fadderfamilj" not in rejected
    assert staff_client.get(url, {"pair": "xx-yy", "p": "junk"}).status_code == 200


def test_only_glossary_editors_see_and_decide(stories, client):
    suggest(Translator(None))
    suggestion = _pair("da", "nb")
    client.force_login(_staff([]))
    assert client.get(reverse("glossary_suggestions")).status_code in (302, 403)
    client.post(reverse("glossary_suggestion_decide", args=[suggestion.pk, "accept"]))
    suggestion.refresh_from_db()
    assert suggestion.status == "new" and not GlossaryConcept.objects.exists()


def test_a_new_concept_key_spells_nordic_letters_out() -> None:
    suggestion = GlossarySuggestion(
        source_locale="da",
        source_term="værtsfamilie",
        target_locale="nb",
        target_term="vennefamilie",
    )
    assert _new_concept_key(suggestion) == "vaertsfamilie"
    GlossaryConcept.objects.create(key="vaertsfamilie", terms_da="værtsfamilie")
    assert _new_concept_key(suggestion) == "vaertsfamilie-2"
