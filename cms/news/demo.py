"""Demo news: a news index per language and articles drawn from the programme's history."""

from __future__ import annotations

import datetime as dt

from core.demo.helpers import DemoContext, demo_image, upsert_page, upsert_translation
from news.models import NewsIndexPage, NewsPage

INDEX = {
    "en": ("News", "News from Nordic co-operation on integration."),
    "da": ("Nyheder", "Nyt fra det nordiske samarbejde om integration."),
    "nb": ("Nyheter", "Nytt fra det nordiske samarbeidet om integrering."),
    "sv": ("Nyheter", "Nytt från det nordiska samarbetet om integration."),
    "fi": ("Uutiset", "Uutisia pohjoismaisesta kotoutumisyhteistyöstä."),
    "is": ("Fréttir", "Fréttir af norrænu samstarfi um aðlögun."),
}

# slug -> date, themes, countries, goals, {lang: (title, lead, body paragraph)}
ARTICLES = {
    "conference-invitation-2018": (
        dt.date(2018, 9, 21),
        ["labour-market", "education"],
        ["denmark"],
        [],
        {
            "en": (
                "Nordic integration conference in Copenhagen on 20 November",
                "Ministers, researchers and practitioners meet to ask what the "
                "Nordic countries can learn from each other.",
                "The conference marks a milestone of the three-year programme. It looks "
                "at why the countries chose different strategies and what research says "
                "works for jobs, education and local communities.",
            ),
            "da": (
                "Nordisk integrationskonference i København den 20. november",
                "Ministre, forskere og praktikere mødes for at spørge, hvad de "
                "nordiske lande kan lære af hinanden.",
                "Konferencen markerer en milepæl i det treårige program og ser på, "
                "hvorfor landene har valgt forskellige strategier, og hvad forskningen "
                "siger virker for job, uddannelse og lokalsamfund.",
            ),
            "nb": (
                "Nordisk integreringskonferanse i København 20. november",
                "Statsråder, forskere og praktikere møtes for å spørre hva de nordiske "
                "landene kan lære av hverandre.",
                "Konferansen markerer en milepæl i det treårige programmet og ser på "
                "hvorfor landene har valgt ulike strategier, og hva forskningen sier "
                "virker for arbeid, utdanning og lokalsamfunn.",
            ),
            "sv": (
                "Nordisk integrationskonferens i Köpenhamn den 20 november",
                "Ministrar, forskare och praktiker möts för att fråga vad de nordiska "
                "länderna kan lära av varandra.",
                "Konferensen markerar en milstolpe i det treåriga programmet och tittar "
                "på varför länderna valt olika strategier och vad forskningen säger "
                "fungerar för arbete, utbildning och lokalsamhällen.",
            ),
        },
    ),
    "expert-forum-call-2021": (
        dt.date(2021, 7, 1),
        ["democracy-citizenship"],
        [],
        ["goal-12"],
        {
            "en": (
                "Join the Nordic migrant expert forum",
                "Experts with a migrant background can apply until 31 August 2021.",
                "The forum gathers two members from each Nordic country and from "
                "Greenland, the Faroe Islands and Åland for a three-year term.",
            ),
            "da": (
                "Bliv en del af det nordiske migrantekspertforum",
                "Eksperter med migrantbaggrund kan søge frem til 31. august 2021.",
                "Forummet samler to medlemmer fra hvert nordisk land samt Grønland, "
                "Færøerne og Åland i en periode på tre år.",
            ),
            "nb": (
                "Bli med i det nordiske migrantekspertforumet",
                "Eksperter med migrantbakgrunn kan søke fram til 31. august 2021.",
                "Forumet samler to medlemmer fra hvert nordisk land og fra Grønland, "
                "Færøyene og Åland i en treårsperiode.",
            ),
            "sv": (
                "Gå med i det nordiska migrantexpertforumet",
                "Experter med migrantbakgrund kan söka fram till den 31 augusti 2021.",
                "Forumet samlar två medlemmar från varje nordiskt land samt Grönland, "
                "Färöarna och Åland under en treårsperiod.",
            ),
        },
    ),
    "new-programme-2022": (
        dt.date(2022, 1, 10),
        ["labour-market", "education"],
        [],
        ["goal-7", "goal-12"],
        {
            "en": (
                "New programme puts jobs and education first",
                "The 2022–2024 programme ties Nordic integration work to Vision 2030.",
                "Getting more immigrant women into work is named as a shared Nordic "
                "challenge for the period.",
            ),
            "da": (
                "Nyt program sætter job og uddannelse først",
                "Programmet for 2022–2024 kobler det nordiske integrationsarbejde til "
                "Vision 2030.",
                "At få flere indvandrerkvinder i arbejde nævnes som en fælles nordisk "
                "udfordring i perioden.",
            ),
            "nb": (
                "Nytt program setter arbeid og utdanning først",
                "Programmet for 2022–2024 knytter det nordiske integreringsarbeidet "
                "til Visjon 2030.",
                "Å få flere innvandrerkvinner i arbeid trekkes fram som en felles "
                "nordisk utfordring.",
            ),
            "sv": (
                "Nytt program sätter arbete och utbildning först",
                "Programmet för 2022–2024 knyter det nordiska integrationsarbetet till "
                "Vision 2030.",
                "Att fler invandrade kvinnor kommer i arbete lyfts fram som en gemensam "
                "nordisk utmaning.",
            ),
            "fi": (
                "Uusi ohjelma painottaa työtä ja koulutusta",
                "Vuosien 2022–2024 ohjelma liittää kotoutumistyön Visio 2030:een.",
                "Maahanmuuttajanaisten työllistyminen on yhteinen pohjoismainen haaste.",
            ),
        },
    ),
    "comparative-statistics": (
        dt.date(2018, 11, 20),
        ["labour-market"],
        [],
        [],
        {
            "en": (
                "New Nordic statistics on migration and integration",
                "Comparable figures on employment, asylum and countries of origin.",
                "The comparative measures make it easier to see how the countries' "
                "integration policies play out.",
            ),
            "da": (
                "Ny nordisk statistik om migration og integration",
                "Sammenlignelige tal om beskæftigelse, asyl og oprindelseslande.",
                "De sammenlignende mål gør det lettere at se, hvordan landenes "
                "integrationspolitik virker.",
            ),
            "nb": (
                "Ny nordisk statistikk om migrasjon og integrering",
                "Sammenlignbare tall om sysselsetting, asyl og opprinnelsesland.",
                "De sammenlignende målene gjør det lettere å se hvordan landenes "
                "integreringspolitikk virker.",
            ),
            "sv": (
                "Ny nordisk statistik om migration och integration",
                "Jämförbara siffror om sysselsättning, asyl och ursprungsländer.",
                "De jämförande måtten gör det lättare att se hur ländernas "
                "integrationspolitik fungerar.",
            ),
        },
    ),
}


def load(ctx: DemoContext) -> None:
    image = demo_image(
        "news-hero",
        "Courtyard with planter boxes",
        "Green planter boxes in a residential courtyard on a sunny day",
        credit="Integration Norden (demo image)",
    )
    source_index = None
    for lang, (title, lead) in INDEX.items():
        if source_index is None:
            index = upsert_page(
                ctx.homes["en"], NewsIndexPage, "news", title=title, lead=lead
            )
            source_index = index
        else:
            index = upsert_translation(
                source_index, lang, ctx.locales, title=title, lead=lead
            )
        ctx.pages[f"news-index-{lang}"] = index

    for slug, (date, themes, countries, goals, texts) in ARTICLES.items():
        source = None
        for lang, (title, lead, paragraph) in texts.items():
            fields = dict(
                title=title,
                lead=lead,
                date=date,
                main_image=image,
                body=[("paragraph", f"<p>{paragraph}</p>")],
                themes=ctx.terms("themes", themes, lang),
                countries=ctx.terms("countries", countries, lang),
                goals=ctx.terms("goals", goals, lang),
            )
            if source is None:
                source = upsert_page(source_index, NewsPage, slug, **fields)
            else:
                upsert_translation(source, lang, ctx.locales, **fields)
        ctx.pages[f"news-{slug}-en"] = source
