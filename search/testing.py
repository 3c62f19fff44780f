"""Realistic multilingual test documents (real Nordic words, not lorem ipsum).

:func:`make_document` builds one document with sensible defaults for tests;
:func:`generate_documents` produces any number of documents for contract tests
and benchmarks. Items are written in one to three languages (translations
share a ``translation_key`` and the same glossary concepts, so cross-language
search behaves as on real content), with themes, countries, Vision 2030
goals, dates, events with start/end and calls with opening/closing dates.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from search.documents import LOCALES, Document, ImageInfo, Rendition
from search.glossary import Glossary

__all__ = ["THEME_CONCEPTS", "generate_documents", "make_document"]

_ids = itertools.count(1)

_DEFAULT_DATE: Final = datetime(2024, 1, 15, 9, 0, tzinfo=UTC)


def make_document(**fields: Any) -> Document:
    """A valid document; any field can be overridden by keyword.

    Defaults: an English news item "Refugees on the Nordic labour market",
    published 2024-01-15, version 1, with a unique ``news:<n>`` id.
    """
    doc_type = fields.get("type", "news")
    published = fields.get("published_at", _DEFAULT_DATE)
    values: dict[str, Any] = {
        "id": f"{doc_type}:{next(_ids)}",
        "type": doc_type,
        "locale": "en",
        "title": "Refugees on the Nordic labour market",
        "lead": "How municipalities help newly arrived refugees find work.",
        "body": (
            "Municipalities across the Nordic countries combine language training "
            "with work practice so that refugees reach the labour market sooner."
        ),
        "url_path": f"/en/{doc_type}/{next(_ids)}/",
        "published_at": published,
        "updated_at": fields.get("updated_at", published),
        "version": 1,
    }
    values.update(fields)
    return Document(**values)


#: Glossary concepts used to write about each theme.
THEME_CONCEPTS: Final[dict[str, tuple[str, ...]]] = {
    "labour-market": (
        "labour_market",
        "employment",
        "unemployment",
        "job_seeker",
        "employer",
        "workplace",
        "work_practice",
        "vocational_training",
        "validation_of_qualifications",
        "skills",
        "entrepreneurship",
        "labour_shortage",
        "public_employment_service",
        "labour_market_integration",
        "mentoring",
    ),
    "education": (
        "education",
        "school",
        "teacher",
        "pupil",
        "adult_education",
        "higher_education",
        "upper_secondary_education",
        "school_dropout",
        "homework_help",
        "literacy",
        "mother_tongue",
        "early_childhood_education",
    ),
    "language-training": (
        "language_training",
        "language_test",
        "language_cafe",
        "multilingualism",
        "mother_tongue",
        "interpreter",
        "literacy",
        "language_requirements",
    ),
    "health-social": (
        "health",
        "mental_health",
        "trauma",
        "psychosocial_support",
        "health_care",
        "social_services",
        "social_worker",
        "welfare",
        "social_benefits",
        "torture_survivors",
        "loneliness",
    ),
    "gender-equality": (
        "gender_equality",
        "women",
        "gender_based_violence",
        "honour_related_violence",
        "parents",
        "equal_opportunities",
    ),
    "democracy-citizenship": (
        "citizenship",
        "naturalisation",
        "participation",
        "democracy",
        "voter_turnout",
        "trust",
        "civic_orientation",
        "human_rights",
    ),
    "segregation-housing": (
        "housing",
        "segregation",
        "neighbourhood",
        "housing_shortage",
        "rural_areas",
        "urban_areas",
        "settlement_in_municipalities",
    ),
    "children-young-people": (
        "children",
        "young_people",
        "unaccompanied_minor",
        "child_welfare",
        "foster_care",
        "youth_unemployment",
        "children_rights",
        "child_poverty",
    ),
    "civil-society": (
        "civil_society",
        "volunteer",
        "voluntary_work",
        "ngo",
        "faith_communities",
        "sport_and_leisure",
        "library",
        "social_cohesion",
    ),
}

_COMMON_CONCEPTS: Final = (
    "refugee",
    "immigrant",
    "integration",
    "inclusion",
    "asylum_seeker",
    "newly_arrived",
    "municipality",
    "residence_permit",
    "family_reunification",
    "introduction_programme",
    "temporary_protection",
    "discrimination",
    "research",
    "good_practice",
    "nordic_cooperation",
)

_COUNTRIES: Final[dict[str, tuple[str, tuple[str, ...]]]] = {
    "denmark": ("denmark", ("København", "Aarhus", "Odense", "Aalborg", "Ishøj")),
    "norway": ("norway", ("Oslo", "Bergen", "Trondheim", "Tromsø", "Drammen")),
    "sweden": ("sweden", ("Stockholm", "Göteborg", "Malmö", "Örebro", "Umeå")),
    "finland": ("finland", ("Helsinki", "Espoo", "Vantaa", "Tampere", "Turku")),
    "iceland": ("iceland", ("Reykjavík", "Akureyri", "Hafnarfjörður", "Ísafjörður")),
    "faroe-islands": ("faroe_islands", ("Tórshavn", "Klaksvík")),
    "greenland": ("greenland", ("Nuuk", "Sisimiut")),
    "aland": ("aland", ("Mariehamn",)),
}
_HOME_COUNTRY: Final = {
    "da": "denmark",
    "nb": "norway",
    "sv": "sweden",
    "fi": "finland",
    "is": "iceland",
    "en": "sweden",
}

_TITLES: Final[dict[str, tuple[str, ...]]] = {
    "da": (
        "Ny rapport om {a} og {b}",
        "{place} styrker indsatsen for {a}",
        "Nordisk konference om {a}",
        "Sådan arbejder {place} med {a}",
        "Erfaringer med {a} blandt {b}",
        "{A} og {b} i Norden",
    ),
    "nb": (
        "Ny rapport om {a} og {b}",
        "{place} styrker innsatsen for {a}",
        "Nordisk konferanse om {a}",
        "Slik jobber {place} med {a}",
        "Erfaringer med {a} blant {b}",
        "{A} og {b} i Norden",
    ),
    "sv": (
        "Ny rapport om {a} och {b}",
        "{place} stärker arbetet med {a}",
        "Nordisk konferens om {a}",
        "Så arbetar {place} med {a}",
        "Erfarenheter av {a} bland {b}",
        "{A} och {b} i Norden",
    ),
    "fi": (
        "Uusi raportti: {a} ja {b}",
        "{place} vahvistaa työtä – {a}",
        "Pohjoismainen konferenssi: {a}",
        "Näin {place} edistää teemaa {a}",
        "Kokemuksia: {a} ja {b}",
        "{A} ja {b} Pohjoismaissa",
    ),
    "is": (
        "Ný skýrsla: {a} og {b}",
        "{place} eflir starfið – {a}",
        "Norræn ráðstefna: {a}",
        "Reynsla frá {place}: {a}",
        "Reynsla og lærdómur – {a} og {b}",
        "{A} og {b} á Norðurlöndum",
    ),
    "en": (
        "New report on {a} and {b}",
        "{place} steps up work on {a}",
        "Nordic conference on {a}",
        "How {place} works with {a}",
        "Lessons on {a} among {b}",
        "{A} and {b} in the Nordic region",
    ),
}

_SENTENCES: Final[dict[str, tuple[str, ...]]] = {
    "da": (
        "Kommunen i {place} har i flere år arbejdet målrettet med {a}.",
        "Rapporten viser, at {a} har stor betydning for {b}.",
        "Projektet samler medarbejdere, frivillige og forskere om {a}.",
        "Erfaringerne fra {country} peger på, at en tidlig indsats for {a} "
        "giver bedre resultater.",
        "Deltagerne fremhævede behovet for mere viden om {a} og {b}.",
        "I {year} blev indsatsen udvidet til også at omfatte {b}.",
        "Nordiske kommuner kan lære meget af hinanden, når det gælder {a}.",
        "Flere af deltagerne har selv erfaring med {b}.",
        "Evalueringen viser gode resultater for både {a} og {b}.",
        "Samarbejdet mellem civilsamfundet og kommunen er afgørende for {a}.",
    ),
    "nb": (
        "Kommunen i {place} har i flere år jobbet målrettet med {a}.",
        "Rapporten viser at {a} har stor betydning for {b}.",
        "Prosjektet samler ansatte, frivillige og forskere rundt {a}.",
        "Erfaringene fra {country} tyder på at tidlig innsats for {a} "
        "gir bedre resultater.",
        "Deltakerne understreket behovet for mer kunnskap om {a} og {b}.",
        "I {year} ble innsatsen utvidet til også å omfatte {b}.",
        "Nordiske kommuner kan lære mye av hverandre når det gjelder {a}.",
        "Flere av deltakerne har selv erfaring med {b}.",
        "Evalueringen viser gode resultater for både {a} og {b}.",
        "Samarbeidet mellom sivilsamfunnet og kommunen er avgjørende for {a}.",
    ),
    "sv": (
        "Kommunen i {place} har under flera år arbetat målmedvetet med {a}.",
        "Rapporten visar att {a} har stor betydelse för {b}.",
        "Projektet samlar anställda, volontärer och forskare kring {a}.",
        "Erfarenheterna från {country} tyder på att tidiga insatser för {a} "
        "ger bättre resultat.",
        "Deltagarna betonade behovet av mer kunskap om {a} och {b}.",
        "År {year} utvidgades arbetet till att även omfatta {b}.",
        "Nordiska kommuner kan lära mycket av varandra när det gäller {a}.",
        "Flera av deltagarna har själva erfarenhet av {b}.",
        "Utvärderingen visar goda resultat för både {a} och {b}.",
        "Samarbetet mellan civilsamhället och kommunen är avgörande för {a}.",
    ),
    "fi": (
        "Kunta on jo vuosia kehittänyt toimintaa, jonka keskiössä on {a}.",
        "Raportin mukaan {a} vaikuttaa merkittävästi siihen, miten {b} toteutuu.",
        "Hanke kokoaa yhteen työntekijöitä, vapaaehtoisia ja tutkijoita. "
        "Teemana on {a}.",
        "Pohjoismaiset kokemukset osoittavat, että {a} hyötyy varhaisesta tuesta.",
        "Osallistujat korostivat, että tarvitaan lisää tietoa: {a} ja {b}.",
        "Vuonna {year} toimintaa laajennettiin, ja mukaan tuli myös {b}.",
        "Pohjoismaiset kunnat voivat oppia paljon toisiltaan, kun kyse on "
        "teemasta {a}.",
        "Arviointi osoittaa hyviä tuloksia: sekä {a} että {b} ovat kehittyneet.",
        "Yhteistyö järjestöjen ja kunnan välillä on ratkaisevaa, kun tavoitteena "
        "on {a}.",
        "{place} on yksi kaupungeista, joissa {a} on noussut keskeiseksi teemaksi.",
    ),
    "is": (
        "Sveitarfélagið hefur í mörg ár unnið markvisst að málaflokknum: {a}.",
        "Skýrslan sýnir að {a} skiptir miklu máli, einnig fyrir {b}.",
        "Verkefnið leiðir saman starfsfólk, sjálfboðaliða og fræðimenn.",
        "Reynslan á Norðurlöndum sýnir að snemmtækur stuðningur skilar betri árangri.",
        "Þátttakendur lögðu áherslu á þörfina fyrir meiri þekkingu, einkum um "
        "{a} og {b}.",
        "Árið {year} var starfið útvíkkað þannig að það nær einnig til {b}.",
        "Norræn sveitarfélög geta lært mikið hvert af öðru þegar kemur að {a}.",
        "Matið sýnir góðan árangur, bæði hvað varðar {a} og {b}.",
        "Samstarf félagasamtaka og sveitarfélaga skiptir sköpum.",
        "Í {place} hefur {a} orðið eitt af helstu viðfangsefnunum.",
    ),
    "en": (
        "The municipality of {place} has worked systematically on {a} for "
        "several years.",
        "The report shows that {a} matters greatly for {b}.",
        "The project brings together staff, volunteers and researchers around {a}.",
        "Experience from {country} suggests that early support for {a} gives "
        "better results.",
        "Participants stressed the need for more knowledge about {a} and {b}.",
        "In {year} the work was extended to include {b}.",
        "Nordic municipalities can learn a lot from each other when it comes to {a}.",
        "Several participants have first-hand experience of {b}.",
        "The evaluation shows good results for both {a} and {b}.",
        "Cooperation between civil society and the municipality is crucial for {a}.",
    ),
}

_TYPES: Final[tuple[tuple[str, int], ...]] = (
    ("news", 34),
    ("event", 15),
    ("publication", 10),
    ("learning_example", 10),
    ("expert_profile", 5),
    ("funding_call", 5),
    ("statistics", 4),
    ("call_for_applications", 3),
    ("network", 3),
    ("standard_page", 3),
    ("external", 3),
    ("expert_group", 3),
    ("country_comparison", 2),
)
_LOCALE_WEIGHTS: Final = {"da": 20, "nb": 20, "sv": 22, "fi": 14, "is": 8, "en": 16}


@dataclass(frozen=True, slots=True)
class _Plan:
    """Random choices of one item, shared by its translations."""

    concepts: tuple[str, ...]
    forms: tuple[float, ...]
    title: int
    lead: int
    paragraphs: tuple[tuple[int, ...], ...]


def _term(glossary: Glossary, concept_id: str, locale: str, form: float) -> str:
    concept = glossary.get(concept_id)
    if concept is None:
        return concept_id.replace("_", " ")
    terms = concept.terms_in(locale) or concept.terms_in("en")
    # The first form is the base form; inflected forms appear less often.
    if len(terms) == 1 or form < 0.6:
        return terms[0]
    return terms[int((form - 0.6) / 0.4 * len(terms)) % len(terms)]


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _render(
    locale: str,
    plan: _Plan,
    place: str,
    country_concept: str,
    year: int,
    glossary: Glossary,
) -> tuple[str, str, str]:
    terms = [
        _term(glossary, concept, locale, form)
        for concept, form in zip(plan.concepts, plan.forms, strict=True)
    ]
    country = _capitalise(_term(glossary, country_concept, locale, 0.0))

    def fill(template: str, first: int, second: int) -> str:
        a, b = terms[first % len(terms)], terms[second % len(terms)]
        text = template.format(
            a=a, A=_capitalise(a), b=b, place=place, country=country, year=year
        )
        return _capitalise(text)

    titles = _TITLES[locale]
    sentences = _SENTENCES[locale]
    title = fill(titles[plan.title % len(titles)], 0, 1)
    lead = fill(sentences[plan.lead % len(sentences)], 0, 1)
    body = "\n\n".join(
        " ".join(
            fill(sentences[pick % len(sentences)], number + pick, number + pick + 1)
            for pick in picks
        )
        for number, picks in enumerate(plan.paragraphs)
    )
    return title, lead, body


def generate_documents(
    n: int,
    seed: int = 0,
    *,
    locales: Sequence[str] = LOCALES,
    start: datetime = datetime(2019, 1, 1, tzinfo=UTC),
    end: datetime = datetime(2026, 6, 30, tzinfo=UTC),
    glossary: Glossary | None = None,
) -> Iterator[Document]:
    """Yield ``n`` realistic documents, the same ones for the same seed.

    Args:
        n: Number of documents.
        seed: Random seed.
        locales: Languages to write in.
        start, end: Range of publication dates.
        glossary: Vocabulary source (default: the starter glossary).
    """
    rng = random.Random(seed)  # noqa: S311 - test data, not cryptography
    glossary = glossary or Glossary.default()
    weights = [_LOCALE_WEIGHTS.get(locale, 10) for locale in locales]
    type_names = [name for name, _ in _TYPES]
    type_weights = [weight for _, weight in _TYPES]
    span = int((end - start).total_seconds())
    produced = 0
    for item in itertools.count(1):
        doc_type = rng.choices(type_names, type_weights)[0]
        themes = tuple(rng.sample(sorted(THEME_CONCEPTS), k=rng.choice((1, 1, 2))))
        pool = [c for theme in themes for c in THEME_CONCEPTS[theme]]
        concepts = rng.sample(pool, k=min(3, len(pool))) + [
            rng.choice(_COMMON_CONCEPTS)
        ]
        rng.shuffle(concepts)
        plan = _Plan(
            concepts=tuple(concepts),
            forms=tuple(rng.random() for _ in concepts),
            title=rng.randrange(6),
            lead=rng.randrange(10),
            paragraphs=tuple(
                tuple(rng.sample(range(10), k=rng.randint(2, 4)))
                for _ in range(rng.randint(2, 4))
            ),
        )
        item_locales = rng.sample(
            list(locales), k=min(len(locales), rng.choice((1, 1, 1, 2, 3)))
        )
        if len(item_locales) > 1 and rng.random() < 0.5:
            first = rng.choices(list(locales), weights)[0]
            item_locales = [first, *[loc for loc in item_locales if loc != first]]
        else:
            item_locales[0] = rng.choices(list(locales), weights)[0]
            item_locales = list(dict.fromkeys(item_locales))
        country_slug = (
            _HOME_COUNTRY[item_locales[0]]
            if rng.random() < 0.7
            else rng.choice(sorted(_COUNTRIES))
        )
        country_concept, places = _COUNTRIES[country_slug]
        place = rng.choice(places)
        published = start + timedelta(seconds=rng.randrange(span))
        published = published.replace(microsecond=0)
        date: datetime | None = published
        event_start = event_end = opens_at = closes_at = None
        if doc_type == "event":
            event_start = (published + timedelta(days=rng.randint(7, 120))).replace(
                hour=rng.choice((9, 10, 13)), minute=0, second=0
            )
            event_end = event_start + timedelta(hours=rng.choice((2, 3, 7, 30)))
            date = event_start
        elif doc_type in ("funding_call", "call_for_applications"):
            opens_at = published
            closes_at = (published + timedelta(days=rng.randint(30, 90))).replace(
                hour=23, minute=59, second=0
            )
            date = closes_at
        elif doc_type in ("expert_profile", "expert_group", "network", "standard_page"):
            date = None
        goals = tuple(
            sorted(rng.sample([f"goal-{i}" for i in range(1, 13)], k=rng.randint(0, 2)))
        )
        countries = tuple(
            dict.fromkeys(
                [country_slug, *rng.sample(sorted(_COUNTRIES), k=rng.randint(0, 1))]
            )
        )
        has_image = rng.random() < 0.5
        for locale in item_locales:
            if produced >= n:
                return
            produced += 1
            title, lead, body = _render(
                locale, plan, place, country_concept, published.year, glossary
            )
            doc_id = (
                f"external:partner-feed:{item:08x}{locale}"
                if doc_type == "external"
                else f"{doc_type}:{item}-{locale}"
            )
            image = (
                ImageInfo(
                    alt=title,
                    credit="Norden.org",
                    width=1600,
                    height=900,
                    renditions=(
                        Rendition(
                            "fill-800x450",
                            f"/media/images/{item}.fill-800x450.jpg",
                            800,
                            450,
                        ),
                        Rendition(
                            "fill-400x225",
                            f"/media/images/{item}.fill-400x225.jpg",
                            400,
                            225,
                        ),
                    ),
                )
                if has_image
                else None
            )
            yield Document(
                id=doc_id,
                type=doc_type,
                locale=locale,
                translation_key=f"item-{seed}-{item}",
                title=title,
                lead=lead,
                body=body,
                url_path=(
                    f"https://partner.example.org/{item}"
                    if doc_type == "external"
                    else f"/{locale}/{doc_type.replace('_', '-')}/{item}/"
                ),
                published_at=published,
                updated_at=published + timedelta(days=rng.randint(0, 30)),
                date=date,
                start=event_start,
                end=event_end,
                opens_at=opens_at,
                closes_at=closes_at,
                themes=themes,
                countries=countries,
                goals=goals,
                image=image,
                payload={"type": doc_type, "place": place, "concepts": concepts},
                version=1,
                source="partner-feed" if doc_type == "external" else None,
                is_external=doc_type == "external",
            )
