"""Standard pages: the programme and the organisation behind it."""

from __future__ import annotations

from core.demo.helpers import DemoContext, upsert_page, upsert_translation
from core.models import StandardPage

# slug -> {lang: (title, lead, paragraphs)}
PROGRAMME = {
    "en": (
        "The co-operation programme 2022–2024",
        "Nordic co-operation on integrating refugees and immigrants, now with "
        "education and the labour market at its centre.",
        [
            "The Nordic countries took in many refugees in 2015 and 2016 and agreed to "
            "work together on integration. The programme started in 2016, was renewed "
            "in 2018 and again for 2022–2024.",
            "The 2022–2024 period builds on six years of shared experience. It links the "
            "work to Vision 2030: goal 7 on skills and well-functioning labour markets, "
            "and goal 12 on trust, cohesion and shared values.",
            "Activities include informal ministerial meetings, knowledge sharing at "
            "conferences and seminars, support for Nordic networks and a funding pool "
            "for new knowledge and methods. The annual budget is about DKK 8 million.",
        ],
    ),
    "da": (
        "Samarbejdsprogrammet 2022–2024",
        "Nordisk samarbejde om integration af flygtninge og indvandrere med "
        "uddannelse og arbejdsmarked i centrum.",
        [
            "De nordiske lande modtog mange flygtninge i 2015 og 2016 og besluttede at "
            "samarbejde om integration. Programmet begyndte i 2016 og er siden "
            "forlænget to gange, senest for 2022–2024.",
            "Perioden 2022–2024 bygger på seks års fælles erfaringer og kobles til "
            "Vision 2030: mål 7 om kompetencer og velfungerende arbejdsmarkeder og "
            "mål 12 om tillid, sammenhængskraft og fælles værdier.",
            "Programmet rummer uformelle ministermøder, vidensdeling på konferencer og "
            "seminarer, støtte til nordiske netværk og en pulje til ny viden og nye "
            "metoder. Budgettet er omkring 8 millioner kroner om året.",
        ],
    ),
    "nb": (
        "Samarbeidsprogrammet 2022–2024",
        "Nordisk samarbeid om integrering av flyktninger og innvandrere, med "
        "utdanning og arbeidsmarked i sentrum.",
        [
            "De nordiske landene tok imot mange flyktninger i 2015 og 2016 og ble enige "
            "om å samarbeide om integrering. Programmet startet i 2016 og er forlenget "
            "to ganger, sist for 2022–2024.",
            "Perioden bygger på seks års felles erfaring og er knyttet til Visjon 2030: "
            "mål 7 om kompetanse og velfungerende arbeidsmarkeder og mål 12 om tillit, "
            "samhold og felles verdier.",
            "Programmet omfatter uformelle ministermøter, kunnskapsdeling på "
            "konferanser og seminarer, støtte til nordiske nettverk og en pott til ny "
            "kunnskap og nye metoder.",
        ],
    ),
    "sv": (
        "Samarbetsprogrammet 2022–2024",
        "Nordiskt samarbete om integration av flyktingar och invandrare, med "
        "utbildning och arbetsmarknad i centrum.",
        [
            "De nordiska länderna tog emot många flyktingar 2015 och 2016 och kom "
            "överens om att samarbeta om integration. Programmet inleddes 2016 och har "
            "förlängts två gånger, senast för 2022–2024.",
            "Perioden bygger på sex års gemensamma erfarenheter och är kopplad till "
            "Vision 2030: mål 7 om kompetens och välfungerande arbetsmarknader och "
            "mål 12 om tillit, sammanhållning och gemensamma värden.",
            "Programmet omfattar informella ministermöten, kunskapsutbyte vid "
            "konferenser och seminarier, stöd till nordiska nätverk och en pott för ny "
            "kunskap och nya metoder.",
        ],
    ),
}

ORGANISATION = {
    "reference-group": {
        "en": (
            "Reference group",
            "Representatives of the Nordic ministries "
            "responsible for integration guide the programme's goals and themes.",
        ),
        "da": (
            "Referencegruppe",
            "Repræsentanter for de nordiske ministerier med "
            "ansvar for integration giver retning for programmets mål og temaer.",
        ),
        "nb": (
            "Referansegruppe",
            "Representanter for de nordiske departementene med "
            "ansvar for integrering gir retning for programmets mål og temaer.",
        ),
        "sv": (
            "Referensgrupp",
            "Företrädare för de nordiska ministerier som ansvarar "
            "för integration ger riktning åt programmets mål och teman.",
        ),
    },
    "steering-group": {
        "en": (
            "Steering group",
            "Chooses the yearly theme of the knowledge hub, "
            "which leads to a knowledge synthesis and learning examples.",
        ),
        "da": (
            "Styregruppe",
            "Vælger videnscentrets årlige tema, som munder ud i en "
            "vidensopsamling og lærende eksempler.",
        ),
        "nb": (
            "Styringsgruppe",
            "Velger kunnskapssenterets årlige tema, som gir en "
            "kunnskapsoppsummering og gode eksempler.",
        ),
        "sv": (
            "Styrgrupp",
            "Väljer kunskapscentrets årliga tema, som leder till en "
            "kunskapssammanställning och lärande exempel.",
        ),
    },
    "secretariat": {
        "en": (
            "Secretariat",
            "The programme sits in the Department of Knowledge and "
            "Welfare at the Nordic Council of Ministers' secretariat.",
        ),
        "da": (
            "Sekretariat",
            "Programmet er forankret i afdelingen for kundskab og "
            "velfærd i Nordisk Ministerråds sekretariat.",
        ),
        "nb": (
            "Sekretariat",
            "Programmet ligger i avdelingen for kunnskap og velferd i "
            "Nordisk ministerråds sekretariat.",
        ),
        "sv": (
            "Sekretariat",
            "Programmet är placerat på avdelningen för kunskap och "
            "välfärd vid Nordiska ministerrådets sekretariat.",
        ),
    },
    "contact": {
        "en": (
            "Contact",
            "Ask us for contacts in other Nordic countries working on "
            "the same questions as you, or how to join a Nordic network.",
        ),
        "da": (
            "Kontakt",
            "Spørg os om kontakter i andre nordiske lande, der arbejder "
            "med de samme spørgsmål, eller om at blive en del af et netværk.",
        ),
        "nb": (
            "Kontakt",
            "Spør oss om kontakter i andre nordiske land som arbeider med "
            "de samme spørsmålene, eller om å bli med i et nettverk.",
        ),
        "sv": (
            "Kontakt",
            "Fråga oss om kontakter i andra nordiska länder som arbetar "
            "med samma frågor, eller om att gå med i ett nätverk.",
        ),
    },
}


def _body(paragraphs: list[str]) -> list[tuple[str, str]]:
    return [("paragraph", f"<p>{text}</p>") for text in paragraphs]


def load(ctx: DemoContext) -> None:
    goals = ["goal-7", "goal-12"]
    themes = ["labour-market", "education"]
    source = None
    for lang, (title, lead, paragraphs) in PROGRAMME.items():
        fields = dict(
            title=title,
            lead=lead,
            body=_body(paragraphs),
            themes=ctx.terms("themes", themes, lang),
            goals=ctx.terms("goals", goals, lang),
        )
        if source is None:
            source = upsert_page(ctx.homes["en"], StandardPage, "programme", **fields)
            ctx.pages["programme-en"] = source
        else:
            ctx.pages[f"programme-{lang}"] = upsert_translation(
                source, lang, ctx.locales, **fields
            )

    for slug, texts in ORGANISATION.items():
        source = None
        for lang, (title, lead) in texts.items():
            fields = dict(title=title, lead=lead, body=_body([lead]))
            if source is None:
                parent = ctx.pages["programme-en"]
                source = upsert_page(parent, StandardPage, slug, **fields)
            else:
                upsert_translation(source, lang, ctx.locales, **fields)
        ctx.pages[f"{slug}-en"] = source
