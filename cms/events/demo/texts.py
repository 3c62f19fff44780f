"""Demo texts for the events, written for the hub in en, da, nb and sv."""

NORDEN_URL = "https://www.norden.org"
NORDEN = {
    "en": "Nordic Council of Ministers",
    "da": "Nordisk Ministerråd",
    "nb": "Nordisk ministerråd",
    "sv": "Nordiska ministerrådet",
}

INDEX = {
    "en": ("Events", "Conferences, seminars, webinars and network meetings."),
    "da": ("Arrangementer", "Konferencer, seminarer, webinarer og netværksmøder."),
    "nb": ("Arrangementer", "Konferanser, seminarer, webinarer og nettverksmøter."),
    "sv": ("Evenemang", "Konferenser, seminarier, webbinarier och nätverksmöten."),
    "fi": (
        "Tapahtumat",
        "Konferensseja, seminaareja, webinaareja ja verkostotapaamisia.",
    ),
    "is": ("Viðburðir", "Ráðstefnur, málstofur, vefnámskeið og tengslafundir."),
}


# The conference of 20 November 2018 ------------------------------------------------

CONFERENCE_TIMES = [((9, 30), (9, 50)), ((9, 50), (11, 0)), ((11, 15), (12, 30))]
CONFERENCE_TIMES += [((13, 30), (14, 45)), ((15, 0), (16, 0)), ((16, 0), (16, 15))]

CONFERENCE = {
    "en": {
        "title": "What can we learn from each other? Nordic conference on integration",
        "lead": "The Nordic Council of Ministers gathered people working on "
        "integration, from the Nordic countries and beyond, in Copenhagen to compare "
        "strategies for the years ahead.",
        "city": "Copenhagen",
        "venue": "Nordic Council of Ministers",
        "body": (
            "The conference was a milestone for the three-year Nordic co-operation "
            "programme on the integration of refugees and immigrants.",
            "The Nordic countries share a welfare model but have chosen different "
            "integration policies. The day looked at why, at what research says works, "
            "and at what the countries can learn from each other in a debate that is "
            "often polarised.",
        ),
        "sessions": [
            ("Welcome and opening", ""),
            (
                "Where do we want to be in ten years?",
                "The main policy challenges for good integration, and the measures "
                "that matter most to get there.",
            ),
            (
                "What works for education and jobs?",
                "Research and practical experience on getting refugees into stable "
                "work quickly, including those furthest from the labour market.",
            ),
            (
                "Integration in the local community",
                "How municipalities, civil society and neighbours take part in "
                "welcoming newcomers.",
            ),
            (
                "Can the welfare state hold in a more diverse society?",
                "Do the Nordic societies need shared values and norms to stay "
                "cohesive?",
            ),
            (
                "Data for better policy: Nordic comparative measures",
                "Launch of new Nordic statistics comparing migration and integration "
                "across the countries.",
            ),
        ],
    },
    "da": {
        "title": "Integration i Norden – hvad kan vi lære af hinanden?",
        "lead": "Nordisk Ministerråd samlede folk, der arbejder med integration i og "
        "uden for Norden, i København for at sammenligne strategier for årene frem.",
        "city": "København",
        "venue": "Nordisk Ministerråd",
        "body": (
            "Konferencen var en milepæl i det treårige nordiske samarbejdsprogram om "
            "integration af flygtninge og indvandrere.",
            "Landene har samme velfærdsmodel, men forskellige strategier. Dagen "
            "handlede om hvorfor, om hvad forskningen siger virker, og om hvad vi kan "
            "lære af hinanden.",
        ),
        "sessions": [
            ("Velkomst og åbning", ""),
            (
                "Hvor vil vi være om ti år?",
                "De store politiske udfordringer og de vigtigste indsatser.",
            ),
            (
                "Hvad virker for uddannelse og job?",
                "Forskning og erfaringer med at få flygtninge hurtigt i stabilt "
                "arbejde, også dem der står længst fra arbejdsmarkedet.",
            ),
            (
                "Integration i lokalsamfundet",
                "Kommuner, civilsamfund og naboer som en del af modtagelsen.",
            ),
            (
                "Kan velfærdsstaten holde i et mere mangfoldigt samfund?",
                "Har vi brug for fælles værdier og normer for at bevare "
                "sammenhængskraften?",
            ),
            (
                "Data til bedre politik: nordiske sammenligninger",
                "Lancering af ny nordisk statistik om migration og integration.",
            ),
        ],
    },
    "nb": {
        "title": "Integrering i Norden – hva kan vi lære av hverandre?",
        "lead": "Nordisk ministerråd samlet folk som jobber med integrering, i og "
        "utenfor Norden, i København for å sammenligne strategier for årene framover.",
        "city": "København",
        "venue": "Nordisk ministerråd",
        "body": (
            "Konferansen markerte en milepæl i det treårige nordiske "
            "samarbeidsprogrammet om integrering av flyktninger og innvandrere.",
            "Landene bygger på samme velferdsmodell, men har valgt ulike veier. Dagen "
            "handlet om hvorfor, om hva forskningen sier virker, og om hva vi kan lære "
            "av hverandre.",
        ),
        "sessions": [
            ("Velkommen og åpning", ""),
            (
                "Hvor vil vi være om ti år?",
                "De store politiske utfordringene og de viktigste tiltakene.",
            ),
            (
                "Hva virker for utdanning og arbeid?",
                "Forskning og erfaring om å få flyktninger raskt i stabilt arbeid, "
                "også dem som står lengst fra arbeidsmarkedet.",
            ),
            (
                "Integrering i lokalsamfunnet",
                "Kommuner, frivillige og naboer som del av mottaket.",
            ),
            (
                "Kan velferdsstaten bestå i et mer mangfoldig samfunn?",
                "Trenger vi felles verdier og normer for å holde samfunnene sammen?",
            ),
            (
                "Data for bedre politikk: nordiske sammenligninger",
                "Lansering av ny nordisk statistikk om migrasjon og integrering.",
            ),
        ],
    },
    "sv": {
        "title": "Integration i Norden – vad kan vi lära av varandra?",
        "lead": "Nordiska ministerrådet samlade personer som arbetar med integration, "
        "i och utanför Norden, i Köpenhamn för att jämföra strategier för åren framåt.",
        "city": "Köpenhamn",
        "venue": "Nordiska ministerrådet",
        "body": (
            "Konferensen var en milstolpe i det treåriga nordiska samarbetsprogrammet "
            "om integration av flyktingar och invandrare.",
            "Länderna delar välfärdsmodell men har valt olika vägar. Dagen handlade om "
            "varför, om vad forskningen säger fungerar och om vad vi kan lära av "
            "varandra.",
        ),
        "sessions": [
            ("Välkommen och öppning", ""),
            (
                "Var vill vi vara om tio år?",
                "De stora politiska utmaningarna och de viktigaste insatserna.",
            ),
            (
                "Vad fungerar för utbildning och arbete?",
                "Forskning och erfarenheter om att snabbt få flyktingar i stabilt "
                "arbete, även dem som står längst från arbetsmarknaden.",
            ),
            (
                "Integration i lokalsamhället",
                "Kommuner, civilsamhälle och grannar som del av mottagandet.",
            ),
            (
                "Håller välfärdsstaten i ett mer mångfaldigt samhälle?",
                "Behöver vi gemensamma värden och normer för att hålla ihop?",
            ),
            (
                "Data för bättre politik: nordiska jämförelser",
                "Lansering av ny nordisk statistik om migration och integration.",
            ),
        ],
    },
}


# Seminars, a webinar and a network meeting -----------------------------------------

LANGUAGE_SEMINAR = {
    "en": (
        "Seminar: language training at the workplace",
        "How employers and adult education can teach the language on the job. "
        "Few seats: sign up early.",
        "Language training at work: what we know",
        "Experiences from Nordic municipalities",
    ),
    "nb": (
        "Seminar: språkopplæring på arbeidsplassen",
        "Hvordan arbeidsgivere og voksenopplæringen kan lære bort språket i jobben. "
        "Få plasser: meld deg på tidlig.",
        "Språkopplæring i arbeid: hva vet vi?",
        "Erfaringer fra nordiske kommuner",
    ),
}

STATISTICS_WEBINAR = {
    "en": (
        "Webinar: Nordic integration statistics",
        "A tour of the Nordic comparative measures on migration and integration, "
        "and how to use them.",
        "What the numbers show",
        "Questions and answers",
    ),
    "sv": (
        "Webbinarium: nordisk integrationsstatistik",
        "En genomgång av de nordiska jämförande måtten på migration och integration "
        "och hur de kan användas.",
        "Vad siffrorna visar",
        "Frågor och svar",
    ),
}

LOCAL_SEMINAR = {
    "en": (
        "Seminar: local communities welcoming refugees",
        "Municipalities and civil society shared what helps newcomers find their "
        "place in a small town.",
    ),
    "sv": (
        "Seminarium: lokalsamhällen som tar emot flyktingar",
        "Kommuner och civilsamhälle delade erfarenheter av vad som hjälper nyanlända "
        "att hitta sin plats på en mindre ort.",
    ),
}

COORDINATORS_MEETING = {
    "en": (
        "Network meeting for municipal integration coordinators",
        "Coordinators from the Nordic countries met to compare introduction "
        "programmes.",
    ),
    "da": (
        "Netværksmøde for kommunale integrationskoordinatorer",
        "Koordinatorer fra de nordiske lande mødtes for at sammenligne "
        "introduktionsprogrammer.",
    ),
}

DEMO_PARTICIPANTS = [
    ("Demo Participant Ahlberg", "demo.ahlberg@example.org", "Malmö stad"),
    ("Demo Participant Berntsen", "demo.berntsen@example.org", "Bergen kommune"),
    ("Demo Participant Carlsen", "demo.carlsen@example.org", "Odense Kommune"),
]
