"""Demo expert groups: the Nordic migrant expert forum and the labour market group.

Every person here is fictional. Profiles are English snippets; the group pages exist
in English, Danish, Norwegian and Swedish, each pointing at the profiles and at the
countries of its own language.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.rich_text import RichText

from core.demo.helpers import DemoContext, demo_image, upsert_page, upsert_translation
from experts.choices import MemberRole
from experts.models import (
    ExpertGroupChair,
    ExpertGroupIndexPage,
    ExpertGroupMeeting,
    ExpertGroupMember,
    ExpertGroupPage,
    ExpertProfile,
)

LANGS = ("en", "da", "nb", "sv")
NORDIC = [
    "denmark",
    "finland",
    "iceland",
    "norway",
    "sweden",
    "faroe-islands",
    "greenland",
    "aland",
]
FORUM_THEMES = [
    "labour-market",
    "education",
    "health-social",
    "gender-equality",
    "democracy-citizenship",
    "segregation-housing",
]
CONSENT = dt.date(2021, 9, 20)


@dataclass(frozen=True)
class Expert:
    """A fictional expert: one English profile and one seat in a group."""

    name: str
    position: str
    organisation: str
    country: str
    themes: tuple[str, ...]
    languages: tuple[str, ...]
    bio: str = ""
    public: bool = True


@dataclass(frozen=True)
class Meeting:
    date: dt.date
    is_virtual: bool
    texts: dict[str, tuple[str, str]]
    minutes: str = ""


@dataclass(frozen=True)
class Group:
    slug_key: str
    term: tuple[dt.date, dt.date]
    seats: tuple[int, int]
    meetings_per_year: int
    themes: list[str]
    goals: list[str]
    experts: list[Expert]
    chairs: list[tuple[int, str, str]]  # year, presidency country, chair's name
    meetings: list[Meeting]
    texts: dict[str, dict[str, Any]] = field(default_factory=dict)


INDEX = {
    "en": (
        "expert-groups",
        "Expert groups",
        "Expert groups and forums give the Nordic co-operation on integration "
        "knowledge from practice, research and lived experience.",
    ),
    "da": (
        "ekspertgrupper",
        "Ekspertgrupper",
        "Ekspertgrupper og fora giver det nordiske integrationssamarbejde viden fra "
        "praksis, forskning og egne erfaringer.",
    ),
    "nb": (
        "ekspertgrupper",
        "Ekspertgrupper",
        "Ekspertgrupper og fora gir det nordiske integreringssamarbeidet kunnskap fra "
        "praksis, forskning og egen erfaring.",
    ),
    "sv": (
        "expertgrupper",
        "Expertgrupper",
        "Expertgrupper och forum ger det nordiska integrationssamarbetet kunskap från "
        "praktik, forskning och egna erfarenheter.",
    ),
}

FORUM_EXPERTS = [
    Expert(
        "Layla Hassan",
        "Senior consultant",
        "Aarhus Integration Council",
        "denmark",
        ("labour-market", "gender-equality"),
        ("da", "en", "ar"),
        "Came to Denmark from Syria in 2014 and now advises employers on hiring "
        "newly arrived women.",
    ),
    Expert(
        "Dawit Tesfaye",
        "Project manager",
        "Nørrebro Youth Mentors",
        "denmark",
        ("education", "democracy-citizenship"),
        ("da", "en", "ti"),
        "Runs a mentoring programme that pairs young refugees with students in "
        "higher education.",
    ),
    Expert(
        "Olena Kovalenko",
        "Researcher",
        "Turku Centre for Migration Research",
        "finland",
        ("education", "segregation-housing"),
        ("fi", "en", "uk", "ru"),
        "Studies how housing patterns in Finnish cities affect school choice for "
        "immigrant families.",
    ),
    Expert(
        "Abdirahman Warsame",
        "Social worker",
        "Vantaa Family Counselling",
        "finland",
        ("health-social", "gender-equality"),
        ("fi", "sv", "en", "so"),
        "Works with families in the first years after arrival, with a focus on "
        "parents' mental health.",
    ),
    Expert(
        "Marta Kowalczyk",
        "Teacher and language adviser",
        "Reykjavík Adult Education Centre",
        "iceland",
        ("education", "labour-market"),
        ("is", "en", "pl"),
        "Moved to Iceland in 2006 and develops Icelandic courses that combine "
        "language learning with work placements.",
    ),
    Expert(
        "Carlos Mendoza",
        "Adviser",
        "Reykjavík Workers' Advice Centre",
        "iceland",
        ("labour-market", "democracy-citizenship"),
        ("is", "en", "es"),
        "Advises foreign workers on their rights and on joining a trade union.",
    ),
    Expert(
        "Nadia Rahimi",
        "Adviser",
        "Oslo Women's Network",
        "norway",
        ("gender-equality", "health-social"),
        ("nb", "en", "fa", "prs"),
        "Came to Norway as a refugee from Afghanistan and works with networks for "
        "women who are outside work and education.",
    ),
    Expert(
        "Joseph Mensah",
        "Researcher",
        "Bergen Institute for Urban Studies",
        "norway",
        ("segregation-housing", "democracy-citizenship"),
        ("nb", "en"),
        "Researches residential segregation and local participation in Norwegian "
        "cities.",
    ),
    Expert(
        "Rasha Al-Amin",
        "Integration strategist",
        "City of Malmö",
        "sweden",
        ("labour-market", "segregation-housing"),
        ("sv", "en", "ar"),
        "Leads the city's work on routes into employment for people who have "
        "recently settled in Malmö.",
    ),
    Expert(
        "Mehmet Yilmaz",
        "Chair",
        "Gothenburg Association of Newcomer Parents",
        "sweden",
        ("education", "democracy-citizenship"),
        ("sv", "tr", "en"),
        public=False,
    ),
    Expert(
        "Maricel Santos",
        "Coordinator",
        "Nuuk Newcomer Service",
        "greenland",
        ("labour-market", "health-social"),
        ("da", "en"),
        "Helps new residents of Nuuk find their way to work, health care and "
        "language courses.",
    ),
    Expert(
        "Piotr Zieliński",
        "Vocational teacher",
        "Sisimiut Vocational School",
        "greenland",
        ("education", "labour-market"),
        ("da", "en", "pl"),
        "Teaches trades to adult learners and builds links with local employers.",
    ),
    Expert(
        "Jenny Dela Cruz",
        "Nurse and community organiser",
        "Tórshavn Newcomers' Association",
        "faroe-islands",
        ("health-social", "gender-equality"),
        ("fo", "en"),
        "Organises health information meetings for women who have moved to the "
        "Faroe Islands.",
    ),
    Expert(
        "Kwame Boateng",
        "Engineer and mentor",
        "Klaksvík Newcomer Mentoring",
        "faroe-islands",
        ("labour-market", "democracy-citizenship"),
        ("fo", "da", "en"),
        "Mentors newcomers in the fishing and maritime industries.",
    ),
    Expert(
        "Līga Ozola",
        "HR adviser",
        "Åland Business Network",
        "aland",
        ("labour-market", "gender-equality"),
        ("sv", "en", "ru"),
        "Helps small employers on Åland recruit and keep staff born abroad.",
    ),
    Expert(
        "Hamid Sultani",
        "Youth leader and interpreter",
        "Mariehamn Youth Centre",
        "aland",
        ("education", "democracy-citizenship"),
        ("sv", "fa", "prs", "en"),
        "Came to Åland as an unaccompanied minor and now runs activities for young "
        "newcomers.",
    ),
]

LABOUR_EXPERTS = [
    Expert(
        "Mette Sørensen",
        "Head of section",
        "National labour market authority",
        "denmark",
        ("labour-market",),
        ("da", "en"),
    ),
    Expert(
        "Anders Kjær",
        "Chief consultant",
        "Regional employment council, Central Denmark",
        "denmark",
        ("labour-market",),
        ("da", "en"),
    ),
    Expert(
        "Yasmin Ali",
        "Special adviser",
        "Ministry responsible for integration",
        "denmark",
        ("labour-market", "gender-equality"),
        ("da", "en", "ar"),
    ),
    Expert(
        "Sanna Virtanen",
        "Senior officer",
        "Ministry responsible for employment",
        "finland",
        ("labour-market",),
        ("fi", "sv", "en"),
    ),
    Expert(
        "Mikko Laine",
        "Development manager",
        "Employment services, Southwest Finland",
        "finland",
        ("labour-market", "education"),
        ("fi", "en"),
    ),
    Expert(
        "Guðrún Jónsdóttir",
        "Project manager",
        "Directorate of Labour",
        "iceland",
        ("labour-market",),
        ("is", "en", "da"),
    ),
    Expert(
        "Einar Magnússon",
        "Specialist",
        "Icelandic Ministry of Social Affairs and Labour",
        "iceland",
        ("labour-market",),
        ("is", "en"),
        public=False,
    ),
    Expert(
        "Ingrid Hansen",
        "Senior adviser",
        "Labour and welfare directorate",
        "norway",
        ("labour-market",),
        ("nb", "en"),
    ),
    Expert(
        "Ola Nordby",
        "Adviser",
        "Integration unit, Vestland county",
        "norway",
        ("labour-market", "education"),
        ("nb", "en"),
    ),
    Expert(
        "Samir Aziz",
        "Senior adviser",
        "Directorate for integration",
        "norway",
        ("labour-market", "language-training"),
        ("nb", "en", "ar"),
    ),
    Expert(
        "Karin Lund",
        "Analyst",
        "Public employment service, head office",
        "sweden",
        ("labour-market",),
        ("sv", "en"),
    ),
    Expert(
        "Erik Johansson",
        "Regional coordinator",
        "Region Västra Götaland",
        "sweden",
        ("labour-market", "education"),
        ("sv", "en"),
    ),
    Expert(
        "Fatima Osman",
        "Desk officer",
        "Ministry of Employment",
        "sweden",
        ("labour-market", "gender-equality"),
        ("sv", "en", "so"),
    ),
    Expert(
        "Rói Joensen",
        "Adviser",
        "Faroese employment service",
        "faroe-islands",
        ("labour-market",),
        ("fo", "da", "en"),
    ),
    Expert(
        "Sólrun Dam",
        "Head of office",
        "Ministry of Social Affairs, Faroe Islands",
        "faroe-islands",
        ("labour-market", "health-social"),
        ("fo", "da", "en"),
    ),
    Expert(
        "Aviaja Lyberth",
        "Head of unit",
        "Greenland employment agency",
        "greenland",
        ("labour-market",),
        ("kl", "da", "en"),
    ),
    Expert(
        "Malik Kleist",
        "Consultant",
        "Municipality of Sermersooq",
        "greenland",
        ("labour-market", "education"),
        ("kl", "da", "en"),
    ),
    Expert(
        "Johanna Eriksson",
        "Employment officer",
        "Åland labour market authority",
        "aland",
        ("labour-market",),
        ("sv", "fi", "en"),
    ),
    Expert(
        "Niklas Mattsson",
        "Integration coordinator",
        "Government of Åland",
        "aland",
        ("labour-market", "language-training"),
        ("sv", "en"),
    ),
]

FORUM = Group(
    slug_key="expert-forum",
    term=(dt.date(2021, 10, 1), dt.date(2024, 9, 30)),
    seats=(2, 2),
    meetings_per_year=2,
    themes=FORUM_THEMES,
    goals=["goal-7", "goal-12"],
    experts=FORUM_EXPERTS,
    chairs=[
        (2022, "norway", "Nadia Rahimi"),
        (2023, "iceland", "Marta Kowalczyk"),
        (2024, "sweden", "Rasha Al-Amin"),
    ],
    meetings=[
        Meeting(
            dt.date(2021, 11, 25),
            True,
            {
                "en": (
                    "First meeting of the forum",
                    "Members introduced themselves and agreed how the forum will "
                    "work during its term.",
                ),
                "da": (
                    "Forummets første møde",
                    "Medlemmerne præsenterede sig og aftalte, hvordan forummet skal "
                    "arbejde i perioden.",
                ),
                "nb": (
                    "Forumets første møte",
                    "Medlemmene presenterte seg og ble enige om hvordan forumet skal "
                    "arbeide i perioden.",
                ),
                "sv": (
                    "Forumets första möte",
                    "Medlemmarna presenterade sig och kom överens om hur forumet ska "
                    "arbeta under perioden.",
                ),
            },
            minutes="Minutes of the first meeting of the Nordic migrant expert forum",
        ),
        Meeting(
            dt.date(2022, 3, 17),
            True,
            {
                "en": (
                    "Dialogue with the reference group",
                    "The chair presented the forum's views on the programme's plans "
                    "for the year.",
                ),
                "da": (
                    "Dialog med referencegruppen",
                    "Formanden fremlagde forummets synspunkter på programmets planer "
                    "for året.",
                ),
                "nb": (
                    "Dialog med referansegruppen",
                    "Lederen la fram forumets syn på programmets planer for året.",
                ),
                "sv": (
                    "Dialog med referensgruppen",
                    "Ordföranden presenterade forumets synpunkter på programmets "
                    "planer för året.",
                ),
            },
        ),
        Meeting(
            dt.date(2022, 10, 13),
            True,
            {
                "en": (
                    "Autumn meeting: women and work",
                    "Members discussed the barriers that keep many immigrant women "
                    "out of the labour market.",
                ),
                "da": (
                    "Efterårsmøde: kvinder og arbejde",
                    "Medlemmerne drøftede de barrierer, der holder mange "
                    "indvandrerkvinder uden for arbejdsmarkedet.",
                ),
                "nb": (
                    "Høstmøte: kvinner og arbeid",
                    "Medlemmene drøftet hindringene som holder mange "
                    "innvandrerkvinner utenfor arbeidsmarkedet.",
                ),
                "sv": (
                    "Höstmöte: kvinnor och arbete",
                    "Medlemmarna diskuterade de hinder som håller många invandrade "
                    "kvinnor utanför arbetsmarknaden.",
                ),
            },
        ),
        Meeting(
            dt.date(2023, 4, 20),
            True,
            {
                "en": (
                    "Spring meeting: young people and education",
                    "Members shared experience of how newly arrived young people "
                    "find their way through education.",
                ),
                "da": (
                    "Forårsmøde: unge og uddannelse",
                    "Medlemmerne delte erfaringer med nyankomne unges vej gennem "
                    "uddannelsessystemet.",
                ),
                "nb": (
                    "Vårmøte: unge og utdanning",
                    "Medlemmene delte erfaringer med nyankomne unges vei gjennom "
                    "utdanningssystemet.",
                ),
                "sv": (
                    "Vårmöte: unga och utbildning",
                    "Medlemmarna delade erfarenheter av nyanlända ungas väg genom "
                    "utbildningssystemet.",
                ),
            },
        ),
    ],
    texts={
        "en": {
            "slug": "migrant-expert-forum",
            "title": "Nordic migrant expert forum",
            "lead": "Sixteen experts who have themselves moved to a Nordic country "
            "advise the Nordic co-operation on integration.",
            "mandate": "<p>The forum gives the Nordic Council of Ministers' "
            "integration programme a stronger target-group perspective. Its "
            "members:</p><ul><li>share knowledge from their own field and their own "
            "experience of settling in a new country;</li><li>give input on the "
            "programme's themes, activities and priorities;</li><li>meet the "
            "programme's reference group once a year, in the first quarter, and the "
            "secretariat when needed.</li></ul>",
            "chair_rotation": "The forum chooses a chair for one year at a time. The "
            "chair comes from the country that holds the presidency of the Nordic "
            "Council of Ministers that year and plans the agenda with the "
            "secretariat.",
            "body": [
                "The five Nordic countries, Greenland, the Faroe Islands and Åland "
                "have two seats each. Members represent an organisation working with "
                "integration or take part as individual experts, and all were born "
                "outside the Nordic region.",
                "The forum was appointed for three years from the autumn of 2021. "
                "Taking part is voluntary and unpaid; travel costs can be covered in "
                "special cases. The secretariat of the Nordic Council of Ministers "
                "writes the minutes.",
            ],
        },
        "da": {
            "slug": "migrantekspertforum",
            "title": "Nordisk migrantekspertforum",
            "lead": "Seksten eksperter, der selv er flyttet til et nordisk land, "
            "rådgiver det nordiske samarbejde om integration.",
            "mandate": "<p>Forummet giver Nordisk Ministerråds integrationsprogram "
            "et stærkere målgruppeperspektiv. Medlemmerne:</p><ul><li>deler viden "
            "fra deres fagområde og egne erfaringer med at etablere sig i et nyt "
            "land;</li><li>giver input til programmets temaer, aktiviteter og "
            "prioriteringer;</li><li>mødes med programmets referencegruppe en gang "
            "om året i første kvartal og med sekretariatet efter behov.</li></ul>",
            "chair_rotation": "Forummet vælger en formand for et år ad gangen. "
            "Formanden kommer fra det land, der har formandskabet i Nordisk "
            "Ministerråd det år, og planlægger dagsordenen med sekretariatet.",
            "body": [
                "De fem nordiske lande samt Grønland, Færøerne og Åland har hver to "
                "pladser. Medlemmerne repræsenterer en organisation, der arbejder med "
                "integration, eller deltager som individuelle eksperter, og alle er "
                "født uden for Norden.",
                "Forummet er nedsat for tre år fra efteråret 2021. Deltagelsen er "
                "frivillig og ulønnet; rejseudgifter kan dækkes i særlige tilfælde. "
                "Nordisk Ministerråds sekretariat skriver referat fra møderne.",
            ],
        },
        "nb": {
            "slug": "migrantekspertforum",
            "title": "Nordisk migrantekspertforum",
            "lead": "Seksten eksperter som selv har flyttet til et nordisk land, gir "
            "råd til det nordiske samarbeidet om integrering.",
            "mandate": "<p>Forumet gir integreringsprogrammet til Nordisk "
            "ministerråd et sterkere målgruppeperspektiv. Medlemmene:</p><ul><li>"
            "deler kunnskap fra eget fagfelt og egne erfaringer med å etablere seg i "
            "et nytt land;</li><li>gir innspill til programmets temaer, aktiviteter "
            "og prioriteringer;</li><li>møter programmets referansegruppe én gang i "
            "året, i første kvartal, og sekretariatet ved behov.</li></ul>",
            "chair_rotation": "Forumet velger en leder for ett år om gangen. Lederen "
            "kommer fra landet som har formannskapet i Nordisk ministerråd det året, "
            "og planlegger dagsordenen sammen med sekretariatet.",
            "body": [
                "De fem nordiske landene og Grønland, Færøyene og Åland har to "
                "plasser hver. Medlemmene representerer en organisasjon som arbeider "
                "med integrering, eller deltar som enkeltstående eksperter, og alle "
                "er født utenfor Norden.",
                "Forumet er oppnevnt for tre år fra høsten 2021. Deltakelsen er "
                "frivillig og ulønnet; reiseutgifter kan dekkes i særlige tilfeller. "
                "Sekretariatet i Nordisk ministerråd skriver referat fra møtene.",
            ],
        },
        "sv": {
            "slug": "migrantexpertforum",
            "title": "Nordiskt migrantexpertforum",
            "lead": "Sexton experter som själva har flyttat till ett nordiskt land "
            "ger råd till det nordiska samarbetet om integration.",
            "mandate": "<p>Forumet ger Nordiska ministerrådets integrationsprogram "
            "ett starkare målgruppsperspektiv. Medlemmarna:</p><ul><li>delar "
            "kunskap från sitt eget fackområde och egna erfarenheter av att etablera "
            "sig i ett nytt land;</li><li>ger synpunkter på programmets teman, "
            "aktiviteter och prioriteringar;</li><li>träffar programmets "
            "referensgrupp en gång om året, under första kvartalet, och "
            "sekretariatet vid behov.</li></ul>",
            "chair_rotation": "Forumet väljer en ordförande för ett år i taget. "
            "Ordföranden kommer från det land som innehar ordförandeskapet i "
            "Nordiska ministerrådet det året och planerar dagordningen med "
            "sekretariatet.",
            "body": [
                "De fem nordiska länderna samt Grönland, Färöarna och Åland har två "
                "platser var. Medlemmarna företräder en organisation som arbetar med "
                "integration eller deltar som enskilda experter, och alla är födda "
                "utanför Norden.",
                "Forumet är tillsatt för tre år från hösten 2021. Deltagandet är "
                "frivilligt och oavlönat; resekostnader kan ersättas i särskilda "
                "fall. Nordiska ministerrådets sekretariat skriver protokoll från "
                "mötena.",
            ],
        },
    },
)

LABOUR = Group(
    slug_key="labour-market-expert-group",
    term=(dt.date(2022, 1, 1), dt.date(2024, 12, 31)),
    seats=(2, 3),
    meetings_per_year=2,
    themes=["labour-market", "education", "language-training"],
    goals=["goal-7"],
    experts=LABOUR_EXPERTS,
    chairs=[
        (2022, "norway", "Ingrid Hansen"),
        (2023, "iceland", "Guðrún Jónsdóttir"),
        (2024, "sweden", "Karin Lund"),
    ],
    meetings=[
        Meeting(
            dt.date(2022, 3, 8),
            True,
            {
                "en": ("Start-up meeting", "The group agreed on a work plan."),
                "da": ("Opstartsmøde", "Gruppen vedtog en arbejdsplan."),
                "nb": ("Oppstartsmøte", "Gruppen vedtok en arbeidsplan."),
                "sv": ("Uppstartsmöte", "Gruppen antog en arbetsplan."),
            },
        ),
        Meeting(
            dt.date(2022, 11, 9),
            False,
            {
                "en": (
                    "Working meeting in Oslo on early labour market measures",
                    "Members compared how soon new arrivals are offered work "
                    "placements and training.",
                ),
                "da": (
                    "Arbejdsmøde i Oslo om tidlige beskæftigelsesindsatser",
                    "Medlemmerne sammenlignede, hvor hurtigt nyankomne får tilbud om "
                    "praktik og opkvalificering.",
                ),
                "nb": (
                    "Arbeidsmøte i Oslo om tidlige arbeidsrettede tiltak",
                    "Medlemmene sammenlignet hvor raskt nyankomne får tilbud om "
                    "praksisplass og opplæring.",
                ),
                "sv": (
                    "Arbetsmöte i Oslo om tidiga arbetsmarknadsinsatser",
                    "Medlemmarna jämförde hur snabbt nyanlända erbjuds praktik och "
                    "kompetensutveckling.",
                ),
            },
        ),
        Meeting(
            dt.date(2023, 5, 24),
            True,
            {
                "en": (
                    "Review of the knowledge synthesis on women and work",
                    "The group commented on the draft before publication.",
                ),
                "da": (
                    "Gennemgang af vidensopsamlingen om kvinder og arbejde",
                    "Gruppen kommenterede udkastet før offentliggørelse.",
                ),
                "nb": (
                    "Gjennomgang av kunnskapsoppsummeringen om kvinner og arbeid",
                    "Gruppen kommenterte utkastet før publisering.",
                ),
                "sv": (
                    "Genomgång av kunskapssammanställningen om kvinnor och arbete",
                    "Gruppen kommenterade utkastet före publicering.",
                ),
            },
        ),
    ],
    texts={
        "en": {
            "slug": "labour-market-expert-group",
            "title": "Expert group on the labour market",
            "lead": "Officials from central and regional authorities share what "
            "works in bringing refugees and immigrants into work.",
            "mandate": "<p>The group supports the knowledge hub's work on labour "
            "market inclusion, the main focus of the 2022–2024 programme. "
            "Members:</p><ul><li>point to national and regional labour market "
            "initiatives that others can learn from;</li><li>comment on knowledge "
            "syntheses and learning examples before they are published;</li><li>"
            "help link the integration programme with the Nordic co-operation on "
            "labour market policy.</li></ul>",
            "chair_rotation": "The chair changes every year and comes from the "
            "country holding the presidency of the Nordic Council of Ministers.",
            "body": [
                "Each country and self-governing territory appoints two or three "
                "members who work with employment and integration at central or "
                "regional level.",
                "A particular concern is the low employment rate among immigrant "
                "women, which several Nordic studies have described. The group also "
                "follows efforts to strengthen language and digital skills for "
                "working life.",
            ],
        },
        "da": {
            "slug": "ekspertgruppe-arbejdsmarked",
            "title": "Ekspertgruppe om arbejdsmarkedet",
            "lead": "Embedsfolk fra centrale og regionale myndigheder deler "
            "erfaringer med, hvad der får flygtninge og indvandrere i arbejde.",
            "mandate": "<p>Gruppen støtter videnscentrets arbejde med inklusion på "
            "arbejdsmarkedet, som er hovedfokus i programmet for 2022–2024. "
            "Medlemmerne:</p><ul><li>peger på nationale og regionale "
            "arbejdsmarkedsindsatser, som andre kan lære af;</li><li>kommenterer "
            "vidensopsamlinger og lærende eksempler før offentliggørelse;</li><li>"
            "hjælper med at koble integrationsprogrammet til det nordiske samarbejde "
            "om arbejdsmarkedspolitik.</li></ul>",
            "chair_rotation": "Formandsposten skifter hvert år og går til det land, "
            "der har formandskabet i Nordisk Ministerråd.",
            "body": [
                "Hvert land og selvstyrende område udpeger to eller tre medlemmer, "
                "der arbejder med beskæftigelse og integration på centralt eller "
                "regionalt niveau.",
                "Et særligt fokus er den lave beskæftigelse blandt indvandrerkvinder, "
                "som flere nordiske undersøgelser har beskrevet. Gruppen følger også "
                "indsatser for bedre sproglige og digitale færdigheder i "
                "arbejdslivet.",
            ],
        },
        "nb": {
            "slug": "ekspertgruppe-arbeidsmarked",
            "title": "Ekspertgruppe om arbeidsmarkedet",
            "lead": "Fagfolk fra sentrale og regionale myndigheter deler erfaringer "
            "med hva som får flyktninger og innvandrere i arbeid.",
            "mandate": "<p>Gruppen støtter kunnskapssenterets arbeid med "
            "inkludering i arbeidslivet, som er hovedfokuset i programmet for "
            "2022–2024. Medlemmene:</p><ul><li>peker på nasjonale og regionale "
            "arbeidsmarkedstiltak som andre kan lære av;</li><li>kommenterer "
            "kunnskapsoppsummeringer og gode eksempler før publisering;</li><li>"
            "bidrar til å knytte integreringsprogrammet til det nordiske samarbeidet "
            "om arbeidsmarkedspolitikk.</li></ul>",
            "chair_rotation": "Ledervervet går på omgang hvert år og tilfaller "
            "landet som har formannskapet i Nordisk ministerråd.",
            "body": [
                "Hvert land og selvstyrt område oppnevner to eller tre medlemmer som "
                "arbeider med sysselsetting og integrering på sentralt eller "
                "regionalt nivå.",
                "Et særlig tema er den lave sysselsettingen blant innvandrerkvinner, "
                "som flere nordiske studier har beskrevet. Gruppen følger også tiltak "
                "for bedre språklige og digitale ferdigheter i arbeidslivet.",
            ],
        },
        "sv": {
            "slug": "expertgrupp-arbetsmarknad",
            "title": "Expertgrupp om arbetsmarknaden",
            "lead": "Tjänstepersoner från centrala och regionala myndigheter delar "
            "erfarenheter av vad som leder flyktingar och invandrare till arbete.",
            "mandate": "<p>Gruppen stöder kunskapscentrets arbete med inkludering "
            "på arbetsmarknaden, som är huvudfokus i programmet för 2022–2024. "
            "Medlemmarna:</p><ul><li>lyfter fram nationella och regionala "
            "arbetsmarknadsinsatser som andra kan lära av;</li><li>kommenterar "
            "kunskapssammanställningar och lärande exempel före publicering;</li>"
            "<li>hjälper till att koppla integrationsprogrammet till det nordiska "
            "samarbetet om arbetsmarknadspolitik.</li></ul>",
            "chair_rotation": "Ordförandeskapet växlar varje år och går till det "
            "land som är ordförande i Nordiska ministerrådet.",
            "body": [
                "Varje land och självstyrande område utser två eller tre medlemmar "
                "som arbetar med sysselsättning och integration på central eller "
                "regional nivå.",
                "Ett särskilt fokus är den låga sysselsättningen bland invandrade "
                "kvinnor, som flera nordiska studier har beskrivit. Gruppen följer "
                "också insatser för bättre språkliga och digitala färdigheter i "
                "arbetslivet.",
            ],
        },
    },
)


def load(ctx: DemoContext) -> None:
    indexes = _load_index(ctx)
    image = demo_image(
        "expert-groups",
        "Expert groups pattern",
        "Abstract pattern of white rings on a green gradient",
        credit="Integration Norden (demo image)",
        colours=("#1d4e3f", "#8cc0a8"),
    )
    for group in (FORUM, LABOUR):
        profiles = {
            expert.name: _upsert_profile(ctx, expert) for expert in group.experts
        }
        _load_group(ctx, indexes, group, profiles, image)


def _load_index(ctx: DemoContext) -> dict[str, ExpertGroupIndexPage]:
    pages: dict[str, ExpertGroupIndexPage] = {}
    for lang, (slug, title, lead) in INDEX.items():
        if lang == "en":
            page = upsert_page(
                ctx.homes["en"], ExpertGroupIndexPage, slug, title=title, lead=lead
            )
        else:
            page = upsert_translation(
                pages["en"], lang, ctx.locales, slug=slug, title=title, lead=lead
            )
        pages[lang] = page
        ctx.pages[f"expert-groups-{lang}"] = page
    return pages


def _upsert_profile(ctx: DemoContext, expert: Expert) -> ExpertProfile:
    first, *_rest, last = expert.name.split()
    profile, _created = ExpertProfile.objects.update_or_create(
        name=expert.name,
        locale=ctx.locales["en"],
        defaults={
            "position": expert.position,
            "organisation": expert.organisation,
            "languages": list(expert.languages),
            "bio": f"<p>{expert.bio}</p>" if expert.bio else "",
            "email": f"{slugify(first)}.{slugify(last)}@example.org",
            "is_public": expert.public,
            "consent_date": CONSENT if expert.public else None,
        },
    )
    profile.countries.set([ctx.countries[expert.country]["en"]])
    profile.themes.set(ctx.terms("themes", list(expert.themes), "en"))
    profile.save()
    return profile


def _minutes(title: str, text: str):
    document_model = get_document_model()
    document = document_model.objects.filter(title=title).first()
    if document is None:
        document = document_model(title=title)
        document.file.save(
            f"{slugify(title)[:80]}.txt", ContentFile(text.encode()), save=False
        )
        document.save()
    return document


def _load_group(
    ctx: DemoContext,
    indexes: dict[str, ExpertGroupIndexPage],
    group: Group,
    profiles: dict[str, ExpertProfile],
    image,
) -> None:
    source: ExpertGroupPage | None = None
    for lang in LANGS:
        text = group.texts[lang]
        fields: dict[str, Any] = {
            "title": text["title"],
            "lead": text["lead"],
            "main_image": image,
            "mandate": text["mandate"],
            "term_start": group.term[0],
            "term_end": group.term[1],
            "chair_rotation": text["chair_rotation"],
            "meetings_per_year": group.meetings_per_year,
            "members_per_country_min": group.seats[0],
            "members_per_country_max": group.seats[1],
            "body": [("paragraph", RichText(f"<p>{p}</p>")) for p in text["body"]],
            "themes": ctx.terms("themes", group.themes, lang),
            "countries": ctx.terms("countries", NORDIC, lang),
            "goals": ctx.terms("goals", group.goals, lang),
            "members": [
                ExpertGroupMember(
                    profile=profiles[expert.name],
                    role=MemberRole.MEMBER,
                    country=ctx.countries[expert.country][lang],
                )
                for expert in group.experts
            ],
            "chairs": [
                ExpertGroupChair(
                    year=year,
                    presidency_country=ctx.countries[country][lang],
                    chair=profiles[name],
                )
                for year, country, name in group.chairs
            ],
            "meetings": [_meeting(meeting, lang) for meeting in group.meetings],
        }
        if source is None:
            page = upsert_page(indexes["en"], ExpertGroupPage, text["slug"], **fields)
            source = page
        else:
            page = upsert_translation(
                source, lang, ctx.locales, slug=text["slug"], **fields
            )
        ctx.pages[f"{group.slug_key}-{lang}"] = page


def _meeting(meeting: Meeting, lang: str) -> ExpertGroupMeeting:
    title, summary = meeting.texts[lang]
    minutes = None
    if meeting.minutes:
        english_title, english_summary = meeting.texts["en"]
        minutes = _minutes(
            meeting.minutes,
            f"{english_title} ({meeting.date:%d %B %Y}, online)\n\n"
            f"{english_summary}\n\nThis is a demo document.\n",
        )
    return ExpertGroupMeeting(
        date=meeting.date,
        title=title,
        is_virtual=meeting.is_virtual,
        summary=summary,
        minutes=minutes,
    )
