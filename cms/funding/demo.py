"""Demo funding: the programme's pool for new knowledge and methods, and two calls.

The programme has about DKK 8 million a year for all its activities; the pool's own
size is not published here, so the calls only give a grant range ("up to").
Pages go into ``ctx.pages`` as ``funding-index-<lang>``, ``funding-call-open-<lang>``
and ``funding-call-closed-<lang>``.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from core.demo.helpers import DemoContext, demo_image, upsert_page, upsert_translation
from funding.models import FundingCallPage, FundingIndexPage

CPH = ZoneInfo("Europe/Copenhagen")
CONTACT = "integration@norden.example"

INDEX = {
    "en": (
        "Funding for new knowledge and methods",
        "Civil-society actors and researchers can apply for support for Nordic "
        "projects that develop new knowledge, methods and ways of working together "
        "on the integration of refugees and immigrants.",
        [
            "The funding pool is one part of the Nordic co-operation programme on "
            "integration, which has about DKK 8 million a year for all of its "
            "activities: meetings, knowledge sharing, networks and projects.",
            "A committee of senior advisers at the secretariat of the Nordic Council "
            "of Ministers assesses the applications once a year against set criteria "
            "and recommends which projects the Secretary General should fund. "
            "Upcoming deadlines are announced here and by the Nordic Welfare Centre.",
        ],
    ),
    "da": (
        "Midler til ny viden og nye metoder",
        "Civilsamfundsaktører og forskere kan søge støtte til nordiske projekter, "
        "der udvikler ny viden, nye metoder og samarbejdsformer, som styrker "
        "integrationen af flygtninge og indvandrere.",
        [
            "Puljen er en del af det nordiske samarbejdsprogram om integration, som "
            "har omkring 8 millioner kroner om året til alle sine aktiviteter: møder, "
            "vidensdeling, netværk og projekter.",
            "Et udvalg af seniorrådgivere i Nordisk Ministerråds sekretariat vurderer "
            "ansøgningerne en gang om året ud fra faste kriterier og indstiller, "
            "hvilke projekter generalsekretæren bør støtte. Kommende frister "
            "annonceres her og af Nordens Velfærdscenter.",
        ],
    ),
    "nb": (
        "Midler til ny kunnskap og nye metoder",
        "Sivilsamfunnsaktører og forskere kan søke støtte til nordiske prosjekter "
        "som utvikler ny kunnskap, nye metoder og samarbeidsformer som styrker "
        "integreringen av flyktninger og innvandrere.",
        [
            "Potten er en del av det nordiske samarbeidsprogrammet om integrering, "
            "som har rundt 8 millioner danske kroner i året til alle aktivitetene: "
            "møter, kunnskapsdeling, nettverk og prosjekter.",
            "En komité av seniorrådgivere i Nordisk ministerråds sekretariat vurderer "
            "søknadene én gang i året etter faste kriterier og anbefaler hvilke "
            "prosjekter generalsekretæren bør støtte. Kommende frister kunngjøres her "
            "og av Nordens velferdssenter.",
        ],
    ),
    "sv": (
        "Medel för ny kunskap och nya metoder",
        "Civilsamhällesaktörer och forskare kan söka stöd för nordiska projekt som "
        "utvecklar ny kunskap, nya metoder och samarbetsformer som stärker "
        "integrationen av flyktingar och invandrare.",
        [
            "Potten är en del av det nordiska samarbetsprogrammet om integration, som "
            "har omkring 8 miljoner danska kronor om året för alla sina aktiviteter: "
            "möten, kunskapsutbyte, nätverk och projekt.",
            "En kommitté av seniorrådgivare vid Nordiska ministerrådets sekretariat "
            "bedömer ansökningarna en gång om året utifrån fastställda kriterier och "
            "föreslår vilka projekt generalsekreteraren ska bevilja. Kommande "
            "ansökningstider meddelas här och av Nordens välfärdscenter.",
        ],
    ),
    "fi": (
        "Rahoitusta uudelle tiedolle ja menetelmille",
        "Kansalaisjärjestöt ja tutkijat voivat hakea tukea pohjoismaisille "
        "kotoutumishankkeille.",
        [],
    ),
    "is": (
        "Styrkir til nýrrar þekkingar og aðferða",
        "Borgaraleg samtök og rannsakendur geta sótt um styrki til norrænna "
        "verkefna um aðlögun.",
        [],
    ),
}

# key -> slug, opens, closes, min, max, {lang: texts}; texts are title, lead,
# who may apply, criteria and how to apply (HTML).
CALLS = {
    "open": (
        "call-2026-2027",
        datetime(2026, 10, 1, 10, 0, tzinfo=CPH),
        datetime(2027, 3, 31, 12, 0, tzinfo=CPH),
        Decimal(100_000),
        Decimal(500_000),
        {
            "en": (
                "Call 2026–2027: methods for education and work",
                "Apply for up to DKK 500,000 for a Nordic project that develops and "
                "tests new ways into education and work for refugees and immigrants.",
                "<p>Civil-society organisations, research institutions and other "
                "non-profit actors that work with integration. The project must "
                "involve partners from at least two Nordic countries or "
                "self-governing territories.</p>",
                "<ul><li>Nordic added value: others can use what the project "
                "learns.</li><li>New knowledge or methods on education and the labour "
                "market, for example for immigrant women.</li><li>Gender equality and "
                "the perspective of children and young people are considered.</li>"
                "<li>A realistic plan and budget.</li></ul>",
                "<p>Fill in the online form and attach a project description of at "
                "most five pages and a budget. Applications are assessed once a year; "
                "you will hear from us after the committee's meeting.</p>",
            ),
            "da": (
                "Opslag 2026–2027: metoder til uddannelse og job",
                "Søg op til 500.000 kroner til et nordisk projekt, der udvikler og "
                "afprøver nye veje til uddannelse og job for flygtninge og indvandrere.",
                "<p>Civilsamfundsorganisationer, forskningsinstitutioner og andre "
                "almennyttige aktører, der arbejder med integration. Projektet skal "
                "have partnere fra mindst to nordiske lande eller selvstyrende "
                "områder.</p>",
                "<ul><li>Nordisk nytte: andre kan bruge det, projektet lærer.</li>"
                "<li>Ny viden eller nye metoder om uddannelse og arbejdsmarked, for "
                "eksempel for indvandrerkvinder.</li><li>Ligestilling og børn og unges "
                "perspektiv er tænkt ind.</li><li>En realistisk plan og et realistisk "
                "budget.</li></ul>",
                "<p>Udfyld ansøgningsskemaet på nettet, og vedlæg en projektbeskrivelse "
                "på højst fem sider og et budget. Ansøgningerne behandles en gang om "
                "året; du hører fra os efter udvalgets møde.</p>",
            ),
            "nb": (
                "Utlysning 2026–2027: metoder for utdanning og arbeid",
                "Søk om opptil 500 000 danske kroner til et nordisk prosjekt som "
                "utvikler og prøver ut nye veier til utdanning og arbeid.",
                "<p>Sivilsamfunnsorganisasjoner, forskningsinstitusjoner og andre "
                "ideelle aktører som arbeider med integrering. Prosjektet må ha "
                "partnere fra minst to nordiske land eller selvstyrte områder.</p>",
                "<ul><li>Nordisk nytte: andre kan bruke det prosjektet lærer.</li><li>"
                "Ny kunnskap eller nye metoder om utdanning og arbeidsliv, for eksempel "
                "for innvandrerkvinner.</li><li>Likestilling og barn og unges "
                "perspektiv er ivaretatt.</li><li>En realistisk plan og et realistisk "
                "budsjett.</li></ul>",
                "<p>Fyll ut søknadsskjemaet på nett og legg ved en prosjektbeskrivelse "
                "på høyst fem sider og et budsjett. Søknadene behandles én gang i året."
                "</p>",
            ),
            "sv": (
                "Utlysning 2026–2027: metoder för utbildning och arbete",
                "Sök upp till 500 000 danska kronor för ett nordiskt projekt som "
                "utvecklar och prövar nya vägar till utbildning och arbete.",
                "<p>Civilsamhällesorganisationer, forskningsinstitutioner och andra "
                "ideella aktörer som arbetar med integration. Projektet ska ha "
                "partner från minst två nordiska länder eller självstyrande områden."
                "</p>",
                "<ul><li>Nordisk nytta: andra kan använda det projektet lär sig.</li>"
                "<li>Ny kunskap eller nya metoder om utbildning och arbetsmarknad, "
                "till exempel för invandrade kvinnor.</li><li>Jämställdhet och barns "
                "och ungas perspektiv är beaktade.</li><li>En realistisk plan och "
                "budget.</li></ul>",
                "<p>Fyll i ansökningsformuläret på webben och bifoga en "
                "projektbeskrivning på högst fem sidor och en budget. Ansökningarna "
                "behandlas en gång om året.</p>",
            ),
        },
    ),
    "closed": (
        "call-2025",
        datetime(2025, 9, 1, 10, 0, tzinfo=CPH),
        datetime(2025, 11, 14, 12, 0, tzinfo=CPH),
        None,
        Decimal(400_000),
        {
            "en": (
                "Call 2025: Nordic co-operation on language training",
                "Closed call for projects that shared methods for formal and informal "
                "language training between Nordic actors.",
                "<p>Civil-society organisations and researchers working with language "
                "training for adult refugees and immigrants.</p>",
                "<ul><li>Nordic added value.</li><li>Methods that combine language "
                "training with work, education or everyday life.</li></ul>",
                "<p>The call is closed. The projects that received support are "
                "presented in the knowledge bank as they report.</p>",
            ),
            "da": (
                "Opslag 2025: nordisk samarbejde om sprogundervisning",
                "Lukket opslag for projekter, der delte metoder til formel og uformel "
                "sprogundervisning mellem nordiske aktører.",
                "<p>Civilsamfundsorganisationer og forskere, der arbejder med "
                "sprogundervisning for voksne flygtninge og indvandrere.</p>",
                "<ul><li>Nordisk nytte.</li><li>Metoder, der kobler sprogundervisning "
                "med job, uddannelse eller hverdagsliv.</li></ul>",
                "<p>Opslaget er lukket. Projekterne, der fik støtte, præsenteres i "
                "vidensbanken, når de rapporterer.</p>",
            ),
        },
    ),
}


def load(ctx: DemoContext) -> None:
    image = demo_image(
        "funding-hero",
        "People planning a project around a table",
        "Colourful sticky notes on a table during a planning workshop",
        credit="Integration Norden (demo image)",
        colours=("#7a3b00", "#f2c38b"),
    )
    source_index = None
    for lang, (title, lead, paragraphs) in INDEX.items():
        fields = dict(
            title=title,
            lead=lead,
            main_image=image,
            body=[("paragraph", f"<p>{text}</p>") for text in paragraphs],
            themes=ctx.terms("themes", ["civil-society", "labour-market"], lang),
            goals=ctx.terms("goals", ["goal-7", "goal-12"], lang),
        )
        if source_index is None:
            index = upsert_page(ctx.homes["en"], FundingIndexPage, "funding", **fields)
            source_index = index
        else:
            index = upsert_translation(source_index, lang, ctx.locales, **fields)
        ctx.pages[f"funding-index-{lang}"] = index

    for key, (slug, opens, closes, low, high, texts) in CALLS.items():
        source = None
        for lang, (title, lead, who, criteria, how) in texts.items():
            fields = dict(
                title=title,
                lead=lead,
                opens_at=opens,
                closes_at=closes,
                amount_min=low,
                amount_max=high,
                currency="DKK",
                who_may_apply=who,
                criteria=criteria,
                how_to_apply=how,
                application_url="https://apply.norden.example/integration-pool",
                contact_email=CONTACT,
                themes=ctx.terms("themes", ["civil-society", "labour-market"], lang),
                goals=ctx.terms("goals", ["goal-7"], lang),
            )
            if source is None:
                page = upsert_page(source_index, FundingCallPage, slug, **fields)
                source = page
            else:
                page = upsert_translation(source, lang, ctx.locales, **fields)
            ctx.pages[f"funding-call-{key}-{lang}"] = page
