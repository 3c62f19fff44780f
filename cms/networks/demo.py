"""Demo networks: the four Nordic networks the programme supports, in en/da/nb/sv.

Contact people are fictional; their e-mail addresses use example.org.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from core.demo.helpers import DemoContext, demo_image, upsert_page, upsert_translation
from networks.models import NetworkIndexPage, NetworkMeeting, NetworkMember, NetworkPage

LANGS = ("en", "da", "nb", "sv")

INDEX = {
    "en": (
        "networks",
        "Nordic networks",
        "Authorities, cities and organisations that meet to compare what works in "
        "integration.",
    ),
    "da": (
        "netvaerk",
        "Nordiske netværk",
        "Myndigheder, byer og organisationer, der mødes for at sammenligne, hvad der "
        "virker i integrationsarbejdet.",
    ),
    "nb": (
        "nettverk",
        "Nordiske nettverk",
        "Myndigheter, byer og organisasjoner som møtes for å sammenligne hva som "
        "virker i integreringsarbeidet.",
    ),
    "sv": (
        "natverk",
        "Nordiska nätverk",
        "Myndigheter, städer och organisationer som möts för att jämföra vad som "
        "fungerar i integrationsarbetet.",
    ),
}


@dataclass(frozen=True)
class Member:
    organisation: str
    country: str
    url: str = ""
    contact_name: str = ""
    contact_email: str = ""


@dataclass(frozen=True)
class Meeting:
    date: dt.date
    location: str  # empty for an online meeting
    texts: dict[str, tuple[str, str]]


@dataclass(frozen=True)
class Network:
    key: str
    themes: list[str]
    goals: list[str]
    countries: list[str]
    members: list[Member]
    meetings: list[Meeting]
    # lang -> slug, title, lead, purpose (HTML)
    texts: dict[str, tuple[str, str, str, str]]


CAPITALS = Network(
    key="capital-cities",
    themes=["labour-market", "segregation-housing", "gender-equality"],
    goals=["goal-12"],
    countries=["denmark", "finland", "iceland", "norway", "sweden"],
    members=[
        Member(
            "Københavns Kommune",
            "denmark",
            "https://www.kk.dk/",
            "Mette Lind",
            "mette.lind@example.org",
        ),
        Member(
            "Helsingin kaupunki",
            "finland",
            "https://www.hel.fi/",
            "Aino Koskinen",
            "aino.koskinen@example.org",
        ),
        Member(
            "Reykjavíkurborg",
            "iceland",
            "https://reykjavik.is/",
            "Helga Sigurðardóttir",
            "helga.s@example.org",
        ),
        Member(
            "Oslo kommune",
            "norway",
            "https://www.oslo.kommune.no/",
            "Kari Bakke",
            "kari.bakke@example.org",
        ),
        Member(
            "Stockholms stad",
            "sweden",
            "https://start.stockholm/",
            "Anna Berglund",
            "anna.berglund@example.org",
        ),
    ],
    meetings=[
        Meeting(
            dt.date(2022, 5, 11),
            "Oslo City Hall",
            {
                "en": (
                    "Reaching women outside the labour market",
                    "The cities presented outreach teams that meet women at home "
                    "and in local associations.",
                ),
                "da": (
                    "Kvinder uden for arbejdsmarkedet",
                    "Byerne fremlagde opsøgende teams, der møder kvinder i hjemmet og "
                    "i lokale foreninger.",
                ),
                "nb": (
                    "Kvinner utenfor arbeidsmarkedet",
                    "Byene presenterte oppsøkende team som møter kvinner hjemme og i "
                    "lokale foreninger.",
                ),
                "sv": (
                    "Kvinnor utanför arbetsmarknaden",
                    "Städerna presenterade uppsökande team som möter kvinnor i hemmet "
                    "och i lokala föreningar.",
                ),
            },
        ),
        Meeting(
            dt.date(2022, 11, 24),
            "",
            {
                "en": (
                    "Housing and segregated neighbourhoods",
                    "An online exchange on how new arrivals are housed and what it "
                    "means for schools and jobs.",
                ),
                "da": (
                    "Bolig og udsatte boligområder",
                    "Onlinemøde om, hvordan nyankomne får bolig, og hvad det betyder "
                    "for skole og job.",
                ),
                "nb": (
                    "Bolig og segregerte nabolag",
                    "Nettmøte om hvordan nyankomne bosettes, og hva det betyr for "
                    "skole og arbeid.",
                ),
                "sv": (
                    "Boende och segregerade områden",
                    "Digitalt möte om hur nyanlända får bostad och vad det betyder "
                    "för skola och arbete.",
                ),
            },
        ),
        Meeting(
            dt.date(2023, 6, 7),
            "Helsinki",
            {
                "en": (
                    "Study visit to Helsinki",
                    "Visits to a one-stop guidance centre for immigrants and a "
                    "neighbourhood school.",
                ),
                "da": (
                    "Studiebesøg i Helsinki",
                    "Besøg på et samlet vejledningscenter for indvandrere og en "
                    "lokal skole.",
                ),
                "nb": (
                    "Studiebesøk i Helsingfors",
                    "Besøk på et felles veiledningssenter for innvandrere og en "
                    "nærskole.",
                ),
                "sv": (
                    "Studiebesök i Helsingfors",
                    "Besök på ett samlat vägledningscenter för invandrare och en "
                    "kvartersskola.",
                ),
            },
        ),
    ],
    texts={
        "en": (
            "capital-cities-network",
            "Nordic capital cities network",
            "Integration officials of the five capitals compare local approaches.",
            "<p>Since 2020 the capital cities have met to share how they work with "
            "integration locally: reaching people who are far from work, housing "
            "new arrivals and building trust in neighbourhoods.</p>",
        ),
        "da": (
            "hovedstadsnetvaerket",
            "Det nordiske hovedstadsnetværk",
            "Integrationsmedarbejdere i de fem hovedstæder sammenligner lokale "
            "løsninger.",
            "<p>Siden 2020 har hovedstæderne mødtes for at dele, hvordan de arbejder "
            "med integration lokalt: at nå dem, der står langt fra arbejdsmarkedet, "
            "at finde boliger til nyankomne og at skabe tillid i "
            "boligområderne.</p>",
        ),
        "nb": (
            "hovedstadsnettverket",
            "Det nordiske hovedstadsnettverket",
            "Integreringsmedarbeidere i de fem hovedstedene sammenligner lokale "
            "løsninger.",
            "<p>Siden 2020 har hovedstedene møttes for å dele hvordan de arbeider "
            "med integrering lokalt: å nå dem som står langt fra arbeidslivet, å "
            "bosette nyankomne og å bygge tillit i nabolagene.</p>",
        ),
        "sv": (
            "huvudstadsnatverket",
            "Det nordiska huvudstadsnätverket",
            "Integrationshandläggare i de fem huvudstäderna jämför lokala arbetssätt.",
            "<p>Sedan 2020 har huvudstäderna träffats för att dela hur de arbetar "
            "med integration lokalt: att nå dem som står långt från arbete, att ordna "
            "bostäder för nyanlända och att bygga tillit i bostadsområdena.</p>",
        ),
    },
)

LANGUAGE = Network(
    key="language-training",
    themes=["language-training", "education", "labour-market"],
    goals=["goal-7"],
    countries=["denmark", "finland", "iceland", "norway", "sweden"],
    members=[
        Member(
            "Danish agency responsible for Danish courses for adults",
            "denmark",
            contact_name="Jens Holm",
            contact_email="jens.holm@example.org",
        ),
        Member(
            "Finnish National Agency for Education",
            "finland",
            "https://www.oph.fi/en",
            "Laura Mäkinen",
            "laura.makinen@example.org",
        ),
        Member(
            "Icelandic Directorate of Education",
            "iceland",
            contact_name="Sigrún Ólafsdóttir",
            contact_email="sigrun.o@example.org",
        ),
        Member(
            "Norwegian Directorate for Higher Education and Skills",
            "norway",
            "https://hkdir.no/",
            "Per Solberg",
            "per.solberg@example.org",
        ),
        Member(
            "Swedish National Agency for Education",
            "sweden",
            "https://www.skolverket.se/",
            "Eva Lindgren",
            "eva.lindgren@example.org",
        ),
    ],
    meetings=[
        Meeting(
            dt.date(2022, 4, 5),
            "",
            {
                "en": (
                    "Digital skills in language courses",
                    "How courses teach the digital skills needed to use public "
                    "services and find work.",
                ),
                "da": (
                    "Digitale færdigheder i sprogundervisningen",
                    "Hvordan undervisningen styrker de digitale færdigheder, der "
                    "skal til for at bruge offentlige tjenester og finde arbejde.",
                ),
                "nb": (
                    "Digitale ferdigheter i språkopplæringen",
                    "Hvordan opplæringen styrker de digitale ferdighetene som trengs "
                    "for å bruke offentlige tjenester og finne arbeid.",
                ),
                "sv": (
                    "Digitala färdigheter i språkundervisningen",
                    "Hur undervisningen stärker de digitala färdigheter som behövs för "
                    "att använda offentliga tjänster och hitta arbete.",
                ),
            },
        ),
        Meeting(
            dt.date(2023, 3, 22),
            "Copenhagen",
            {
                "en": (
                    "Language learning at the workplace",
                    "Members compared models that combine language training with "
                    "work placements.",
                ),
                "da": (
                    "Sprog på arbejdspladsen",
                    "Medlemmerne sammenlignede modeller, der kombinerer "
                    "sprogundervisning med praktik.",
                ),
                "nb": (
                    "Språk på arbeidsplassen",
                    "Medlemmene sammenlignet modeller som kombinerer språkopplæring "
                    "med praksisplass.",
                ),
                "sv": (
                    "Språk på arbetsplatsen",
                    "Medlemmarna jämförde modeller som kombinerar språkundervisning "
                    "med praktik.",
                ),
            },
        ),
    ],
    texts={
        "en": (
            "language-training-network",
            "Nordic network on language training",
            "National authorities responsible for language courses for adult "
            "immigrants.",
            "<p>The network brings together the authorities that organise language "
            "training for adult immigrants. It looks at formal and informal "
            "learning, digital skills and the link between language and work.</p>",
        ),
        "da": (
            "netvaerk-for-sprogundervisning",
            "Nordisk netværk for sprogundervisning",
            "Nationale myndigheder med ansvar for sprogundervisning af voksne "
            "indvandrere.",
            "<p>Netværket samler de myndigheder, der tilrettelægger "
            "sprogundervisning for voksne indvandrere. Det ser på formel og uformel "
            "læring, digitale færdigheder og sammenhængen mellem sprog og "
            "arbejde.</p>",
        ),
        "nb": (
            "nettverk-for-sprakopplaering",
            "Nordisk nettverk for språkopplæring",
            "Nasjonale myndigheter med ansvar for språkopplæring for voksne "
            "innvandrere.",
            "<p>Nettverket samler myndighetene som organiserer språkopplæring for "
            "voksne innvandrere. Det ser på formell og uformell læring, digitale "
            "ferdigheter og sammenhengen mellom språk og arbeid.</p>",
        ),
        "sv": (
            "natverk-for-sprakundervisning",
            "Nordiskt nätverk för språkundervisning",
            "Nationella myndigheter med ansvar för språkundervisning för vuxna "
            "invandrare.",
            "<p>Nätverket samlar de myndigheter som ordnar språkundervisning för "
            "vuxna invandrare. Det tittar på formellt och informellt lärande, "
            "digitala färdigheter och sambandet mellan språk och arbete.</p>",
        ),
    },
)

SOCIAL_CONTROL = Network(
    key="negative-social-control",
    themes=["gender-equality", "children-young-people", "health-social"],
    goals=["goal-12"],
    countries=["denmark", "finland", "norway", "sweden"],
    members=[
        Member(
            "Ministry responsible for integration, Denmark",
            "denmark",
            contact_name="Louise Dahl",
            contact_email="louise.dahl@example.org",
        ),
        Member(
            "Ministry of Social Affairs and Health, Finland",
            "finland",
            contact_name="Tiina Heikkinen",
            contact_email="tiina.heikkinen@example.org",
        ),
        Member(
            "Directorate for Children, Youth and Family Affairs, Norway",
            "norway",
            contact_name="Marius Lie",
            contact_email="marius.lie@example.org",
        ),
        Member(
            "County Administrative Board of Östergötland",
            "sweden",
            contact_name="Sara Ek",
            contact_email="sara.ek@example.org",
        ),
    ],
    meetings=[
        Meeting(
            dt.date(2022, 9, 14),
            "",
            {
                "en": (
                    "Early signs and first responses",
                    "Schools and social services described how they spot and "
                    "respond to early signs of control.",
                ),
                "da": (
                    "Tidlige tegn og første indsats",
                    "Skoler og socialforvaltninger fortalte, hvordan de opdager og "
                    "reagerer på tidlige tegn på kontrol.",
                ),
                "nb": (
                    "Tidlige tegn og første tiltak",
                    "Skoler og sosialtjenester fortalte hvordan de oppdager og "
                    "reagerer på tidlige tegn på kontroll.",
                ),
                "sv": (
                    "Tidiga tecken och första insatser",
                    "Skolor och socialtjänst berättade hur de upptäcker och agerar "
                    "på tidiga tecken på kontroll.",
                ),
            },
        ),
        Meeting(
            dt.date(2023, 10, 4),
            "Stockholm",
            {
                "en": (
                    "Working with parents",
                    "Members shared dialogue-based methods for meeting parents and "
                    "communities.",
                ),
                "da": (
                    "Samarbejde med forældre",
                    "Medlemmerne delte dialogbaserede metoder til at møde forældre og "
                    "fællesskaber.",
                ),
                "nb": (
                    "Arbeid med foreldre",
                    "Medlemmene delte dialogbaserte metoder for å møte foreldre og "
                    "miljøer.",
                ),
                "sv": (
                    "Arbete med föräldrar",
                    "Medlemmarna delade dialogbaserade metoder för att möta föräldrar "
                    "och gemenskaper.",
                ),
            },
        ),
    ],
    texts={
        "en": (
            "negative-social-control-network",
            "Nordic network on negative social control",
            "Authorities working against honour-related violence and negative "
            "social control.",
            "<p>The network lets officials share knowledge on preventing negative "
            "social control and honour-related violence, and on supporting the "
            "young people and adults it affects.</p>",
        ),
        "da": (
            "netvaerk-om-negativ-social-kontrol",
            "Nordisk netværk om negativ social kontrol",
            "Myndigheder, der arbejder mod æresrelateret vold og negativ social "
            "kontrol.",
            "<p>Netværket giver embedsfolk mulighed for at dele viden om at "
            "forebygge negativ social kontrol og æresrelateret vold og om at støtte "
            "de unge og voksne, det rammer.</p>",
        ),
        "nb": (
            "nettverk-om-negativ-sosial-kontroll",
            "Nordisk nettverk om negativ sosial kontroll",
            "Myndigheter som arbeider mot æresrelatert vold og negativ sosial "
            "kontroll.",
            "<p>Nettverket lar fagfolk dele kunnskap om å forebygge negativ sosial "
            "kontroll og æresrelatert vold, og om å støtte unge og voksne som "
            "rammes.</p>",
        ),
        "sv": (
            "natverk-om-negativ-social-kontroll",
            "Nordiskt nätverk om negativ social kontroll",
            "Myndigheter som arbetar mot hedersrelaterat våld och negativ social "
            "kontroll.",
            "<p>Nätverket låter tjänstepersoner dela kunskap om att förebygga "
            "negativ social kontroll och hedersrelaterat våld och om att stödja de "
            "unga och vuxna som drabbas.</p>",
        ),
    },
)

CHILDREN = Network(
    key="children-young-people",
    themes=["children-young-people", "education", "health-social"],
    goals=["goal-9", "goal-10"],
    countries=["denmark", "finland", "iceland", "norway", "sweden", "aland"],
    members=[
        Member(
            "Danish National Agency for Education and Quality",
            "denmark",
            contact_name="Rasmus Krogh",
            contact_email="rasmus.krogh@example.org",
        ),
        Member(
            "Finnish Institute for Health and Welfare",
            "finland",
            "https://thl.fi/en",
            "Elina Salo",
            "elina.salo@example.org",
        ),
        Member(
            "Icelandic Directorate of Children and Family Affairs",
            "iceland",
            contact_name="Anna Björnsdóttir",
            contact_email="anna.b@example.org",
        ),
        Member(
            "Norwegian Directorate of Health",
            "norway",
            "https://www.helsedirektoratet.no/",
            "Thomas Strand",
            "thomas.strand@example.org",
        ),
        Member(
            "Swedish National Board of Health and Welfare",
            "sweden",
            "https://www.socialstyrelsen.se/",
            "Maria Nyberg",
            "maria.nyberg@example.org",
        ),
        Member(
            "Government of Åland, education department",
            "aland",
            contact_name="Linnea Karlsson",
            contact_email="linnea.karlsson@example.org",
        ),
    ],
    meetings=[
        Meeting(
            dt.date(2022, 6, 15),
            "Stockholm",
            {
                "en": (
                    "Mental health of young refugees",
                    "Research on wellbeing and trauma and what it means for schools "
                    "and health services.",
                ),
                "da": (
                    "Unge flygtninges mentale sundhed",
                    "Forskning i trivsel og traumer, og hvad den betyder for skoler "
                    "og sundhedsvæsen.",
                ),
                "nb": (
                    "Psykisk helse hos unge flyktninger",
                    "Forskning om trivsel og traumer, og hva den betyr for skoler og "
                    "helsetjenester.",
                ),
                "sv": (
                    "Unga flyktingars psykiska hälsa",
                    "Forskning om välmående och trauma och vad den betyder för skolor "
                    "och hälso- och sjukvård.",
                ),
            },
        ),
        Meeting(
            dt.date(2023, 2, 8),
            "",
            {
                "en": (
                    "From introduction classes to mainstream school",
                    "How schools move newly arrived pupils into ordinary classes.",
                ),
                "da": (
                    "Fra modtageklasse til almindelig klasse",
                    "Hvordan skolerne flytter nyankomne elever over i almindelige "
                    "klasser.",
                ),
                "nb": (
                    "Fra innføringsklasse til ordinær skole",
                    "Hvordan skolene flytter nyankomne elever over i ordinære klasser.",
                ),
                "sv": (
                    "Från förberedelseklass till ordinarie undervisning",
                    "Hur skolorna för över nyanlända elever till ordinarie klasser.",
                ),
            },
        ),
    ],
    texts={
        "en": (
            "children-and-young-people-network",
            "Nordic network on newly arrived children and young people",
            "Authorities that follow the schooling, health and wellbeing of newly "
            "arrived children.",
            "<p>Children and young people with a refugee background often fall "
            "behind in school and later in work. The network shares knowledge on "
            "schooling, health and family support for newly arrived children, young "
            "people and their families.</p>",
        ),
        "da": (
            "netvaerk-for-boern-og-unge",
            "Nordisk netværk om nyankomne børn og unge",
            "Myndigheder, der følger nyankomne børns skolegang, sundhed og trivsel.",
            "<p>Børn og unge med flygtningebaggrund halter ofte bagefter i skolen og "
            "senere på arbejdsmarkedet. Netværket deler viden om skolegang, sundhed "
            "og familiestøtte til nyankomne børn, unge og deres familier.</p>",
        ),
        "nb": (
            "nettverk-for-barn-og-unge",
            "Nordisk nettverk om nyankomne barn og unge",
            "Myndigheter som følger nyankomne barns skolegang, helse og trivsel.",
            "<p>Barn og unge med flyktningbakgrunn henger ofte etter i skolen og "
            "senere i arbeidslivet. Nettverket deler kunnskap om skolegang, helse og "
            "familiestøtte til nyankomne barn, unge og familiene deres.</p>",
        ),
        "sv": (
            "natverk-for-barn-och-unga",
            "Nordiskt nätverk om nyanlända barn och unga",
            "Myndigheter som följer nyanlända barns skolgång, hälsa och välmående.",
            "<p>Barn och unga med flyktingbakgrund halkar ofta efter i skolan och "
            "senare på arbetsmarknaden. Nätverket delar kunskap om skolgång, hälsa "
            "och familjestöd för nyanlända barn, unga och deras familjer.</p>",
        ),
    },
)

NETWORKS = [CAPITALS, LANGUAGE, SOCIAL_CONTROL, CHILDREN]


def load(ctx: DemoContext) -> None:
    index = _load_index(ctx)
    image = demo_image(
        "networks",
        "Networks pattern",
        "Abstract pattern of white rings on a red to sand-coloured gradient",
        credit="Integration Norden (demo image)",
        colours=("#7a2e12", "#e8b27a"),
    )
    for network in NETWORKS:
        _load_network(ctx, index, network, image)


def _load_index(ctx: DemoContext) -> dict[str, NetworkIndexPage]:
    pages: dict[str, NetworkIndexPage] = {}
    for lang, (slug, title, lead) in INDEX.items():
        if lang == "en":
            page = upsert_page(
                ctx.homes["en"], NetworkIndexPage, slug, title=title, lead=lead
            )
        else:
            page = upsert_translation(
                pages["en"], lang, ctx.locales, slug=slug, title=title, lead=lead
            )
        pages[lang] = page
        ctx.pages[f"networks-{lang}"] = page
    return pages


def _load_network(
    ctx: DemoContext, index: dict[str, NetworkIndexPage], network: Network, image
) -> None:
    source: NetworkPage | None = None
    for lang in LANGS:
        slug, title, lead, purpose = network.texts[lang]
        fields: dict[str, Any] = {
            "title": title,
            "lead": lead,
            "main_image": image,
            "purpose": purpose,
            "themes": ctx.terms("themes", network.themes, lang),
            "countries": ctx.terms("countries", network.countries, lang),
            "goals": ctx.terms("goals", network.goals, lang),
            "members": [
                NetworkMember(
                    organisation=m.organisation,
                    country=ctx.countries[m.country][lang],
                    url=m.url,
                    contact_name=m.contact_name,
                    contact_email=m.contact_email,
                )
                for m in network.members
            ],
            "meetings": [
                NetworkMeeting(
                    date=meeting.date,
                    title=meeting.texts[lang][0],
                    summary=meeting.texts[lang][1],
                    location=meeting.location,
                    is_online=not meeting.location,
                )
                for meeting in network.meetings
            ],
        }
        if source is None:
            page = upsert_page(index["en"], NetworkPage, slug, **fields)
            source = page
        else:
            page = upsert_translation(source, lang, ctx.locales, slug=slug, **fields)
        ctx.pages[f"network-{network.key}-{lang}"] = page
