"""Texts of the demo calls in English, Danish, Norwegian and Swedish.

Written for the demo from the public facts of the 2021 call for the Nordic expert
forum; the 2027 call is invented so that the form can be tried.
"""

from __future__ import annotations

from typing import Any


def _p(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def _ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


FORUM_2021: dict[str, dict[str, Any]] = {
    "en": {
        "title": "Join the Nordic expert forum on integration",
        "lead": (
            "The Nordic Council of Ministers is looking for experts who have "
            "themselves migrated to the Nordic region and know the integration of "
            "refugees and immigrants from the inside."
        ),
        "body": [
            (
                "Why a forum",
                [
                    "Since 2016 the Nordic countries have run a joint programme on "
                    "the integration of refugees and immigrants: networks of "
                    "authorities and civil society, conferences, seminars and new "
                    "research.",
                    "The forum brings the voices of new Nordic citizens into that "
                    "work, so that the programme rests on broader knowledge and on "
                    "the experience of the people it is about. It supports the "
                    "vision of a socially sustainable Nordic region by 2030.",
                ],
            ),
            (
                "What members do",
                [
                    "Members meet online twice a year to build a network, discuss "
                    "themes and hear what the programme is working on. When needed, "
                    "the forum also talks with the programme's reference group of "
                    "Nordic ministries.",
                    "The forum has two members from each Nordic country and from "
                    "the Faroe Islands, Greenland and Åland. Members serve three "
                    "years and choose a chair every year.",
                    "Taking part is voluntary and unpaid. In special cases the "
                    "Nordic Council of Ministers covers travel costs.",
                ],
            ),
        ],
        "criteria": _ul(
            "You represent an organisation working on integration, or you take "
            "part as an individual expert in a field that matters for integration.",
            "You know one or more of these fields: the labour market, education, "
            "health and social affairs, gender equality, democracy and "
            "citizenship, segregation.",
            "You were born outside the Nordic region and have migrated to a "
            "Nordic country.",
            "You speak a Nordic language and/or English fluently.",
        ),
        "privacy_notice": _p(
            "The Nordic Council of Ministers' secretariat handles your application "
            "to select the members of the forum. Only the secretariat and the "
            "reference group read it.",
            "The diversity questions are optional and used only to make the "
            "forum diverse. Personal data is erased one year after the call "
            "closes; we keep only anonymous counts by country.",
        ),
    },
    "da": {
        "title": "Bliv en del af det nordiske ekspertforum om integration",
        "lead": (
            "Nordisk Ministerråd søger eksperter, som selv er kommet til Norden og "
            "kender integrationen af flygtninge og indvandrere indefra."
        ),
        "body": [
            (
                "Hvorfor et forum",
                [
                    "Siden 2016 har de nordiske lande haft et fælles program om "
                    "integration af flygtninge og indvandrere med netværk for "
                    "myndigheder og civilsamfund, konferencer, seminarer og ny "
                    "forskning.",
                    "Forummet giver nye nordiske borgere en stemme i arbejdet, så "
                    "programmet bygger på et bredere vidensgrundlag og på "
                    "erfaringerne hos dem, det handler om. Det støtter visionen om "
                    "et socialt bæredygtigt Norden i 2030.",
                ],
            ),
            (
                "Hvad medlemmerne gør",
                [
                    "Medlemmerne mødes online to gange om året for at skabe "
                    "netværk, drøfte temaer og høre om programmets arbejde. Efter "
                    "behov taler forummet også med programmets referencegruppe af "
                    "nordiske ministerier.",
                    "Forummet har to medlemmer fra hvert nordisk land og fra "
                    "Færøerne, Grønland og Åland. Medlemmerne sidder i tre år og "
                    "vælger en formand hvert år.",
                    "Deltagelsen er frivillig og ulønnet. I særlige tilfælde dækker "
                    "Nordisk Ministerråd rejseudgifter.",
                ],
            ),
        ],
        "criteria": _ul(
            "Du repræsenterer en organisation, der arbejder med integration, eller "
            "deltager som individuel ekspert på et område med betydning for "
            "integration.",
            "Du har viden om et eller flere af disse områder: arbejdsmarked, "
            "uddannelse, sundhed og det sociale område, ligestilling, demokrati og "
            "medborgerskab, segregering.",
            "Du er født uden for Norden og er flyttet til et nordisk land.",
            "Du taler et nordisk sprog og/eller engelsk flydende.",
        ),
        "privacy_notice": _p(
            "Nordisk Ministerråds sekretariat behandler din ansøgning for at udvælge "
            "forummets medlemmer. Kun sekretariatet og referencegruppen læser den.",
            "Spørgsmålene om mangfoldighed er frivillige og bruges kun til at sikre "
            "et mangfoldigt forum. Personoplysninger slettes et år efter, at "
            "ansøgningsfristen er udløbet; vi gemmer kun anonyme tal pr. land.",
        ),
    },
    "nb": {
        "title": "Bli med i det nordiske ekspertforumet om integrering",
        "lead": (
            "Nordisk ministerråd søker eksperter som selv har flyttet til Norden og "
            "kjenner integreringen av flyktninger og innvandrere fra innsiden."
        ),
        "body": [
            (
                "Hvorfor et forum",
                [
                    "Siden 2016 har de nordiske landene hatt et felles program for "
                    "integrering av flyktninger og innvandrere, med nettverk for "
                    "myndigheter og sivilsamfunn, konferanser, seminarer og ny "
                    "forskning.",
                    "Forumet gir nye nordiske borgere en stemme i arbeidet, slik at "
                    "programmet bygger på bredere kunnskap og på erfaringene til "
                    "dem det gjelder. Det støtter visjonen om et sosialt bærekraftig "
                    "Norden innen 2030.",
                ],
            ),
            (
                "Hva medlemmene gjør",
                [
                    "Medlemmene møtes digitalt to ganger i året for å bygge nettverk, "
                    "drøfte temaer og høre om programmets arbeid. Ved behov snakker "
                    "forumet også med programmets referansegruppe av nordiske "
                    "departementer.",
                    "Forumet har to medlemmer fra hvert nordisk land og fra "
                    "Færøyene, Grønland og Åland. Medlemmene sitter i tre år og "
                    "velger leder hvert år.",
                    "Deltakelsen er frivillig og ulønnet. I særlige tilfeller dekker "
                    "Nordisk ministerråd reiseutgifter.",
                ],
            ),
        ],
        "criteria": _ul(
            "Du representerer en organisasjon som arbeider med integrering, eller "
            "deltar som individuell ekspert på et felt som er viktig for "
            "integrering.",
            "Du har kunnskap om ett eller flere av disse feltene: arbeidsmarked, "
            "utdanning, helse og sosial, likestilling, demokrati og medborgerskap, "
            "segregering.",
            "Du er født utenfor Norden og har flyttet til et nordisk land.",
            "Du snakker et nordisk språk og/eller engelsk flytende.",
        ),
        "privacy_notice": _p(
            "Sekretariatet i Nordisk ministerråd behandler søknaden din for å velge "
            "ut forumets medlemmer. Bare sekretariatet og referansegruppen leser "
            "den.",
            "Spørsmålene om mangfold er frivillige og brukes bare til å sikre et "
            "mangfoldig forum. Personopplysninger slettes ett år etter at fristen "
            "har gått ut; vi beholder bare anonyme tall per land.",
        ),
    },
    "sv": {
        "title": "Bli en del av det nordiska expertforumet om integration",
        "lead": (
            "Nordiska ministerrådet söker experter som själva har flyttat till "
            "Norden och känner integrationen av flyktingar och invandrare inifrån."
        ),
        "body": [
            (
                "Varför ett forum",
                [
                    "Sedan 2016 har de nordiska länderna ett gemensamt program för "
                    "integration av flyktingar och invandrare, med nätverk för "
                    "myndigheter och civilsamhälle, konferenser, seminarier och ny "
                    "forskning.",
                    "Forumet ger nya nordbor en röst i arbetet, så att programmet "
                    "vilar på bredare kunskap och på erfarenheterna hos dem det "
                    "handlar om. Det stöder visionen om ett socialt hållbart Norden "
                    "till 2030.",
                ],
            ),
            (
                "Vad medlemmarna gör",
                [
                    "Medlemmarna träffas digitalt två gånger om året för att bygga "
                    "nätverk, diskutera teman och höra om programmets arbete. Vid "
                    "behov samtalar forumet också med programmets referensgrupp av "
                    "nordiska departement.",
                    "Forumet har två medlemmar från varje nordiskt land och från "
                    "Färöarna, Grönland och Åland. Medlemmarna sitter i tre år och "
                    "väljer en ordförande varje år.",
                    "Deltagandet är frivilligt och oavlönat. I särskilda fall "
                    "ersätter Nordiska ministerrådet resekostnader.",
                ],
            ),
        ],
        "criteria": _ul(
            "Du representerar en organisation som arbetar med integration, eller "
            "deltar som enskild expert inom ett område som är viktigt för "
            "integration.",
            "Du har kunskap om ett eller flera av dessa områden: arbetsmarknad, "
            "utbildning, hälsa och socialt, jämställdhet, demokrati och "
            "medborgarskap, segregation.",
            "Du är född utanför Norden och har flyttat till ett nordiskt land.",
            "Du talar ett nordiskt språk och/eller engelska flytande.",
        ),
        "privacy_notice": _p(
            "Nordiska ministerrådets sekretariat behandlar din ansökan för att välja "
            "forumets medlemmar. Bara sekretariatet och referensgruppen läser den.",
            "Frågorna om mångfald är frivilliga och används bara för att forumet ska "
            "bli mångsidigt. Personuppgifter raderas ett år efter att ansökningstiden "
            "har gått ut; vi sparar bara anonyma siffror per land.",
        ),
    },
}

SYNTHESIS_2027: dict[str, dict[str, Any]] = {
    "en": {
        "title": "Call for contributors to the 2027 knowledge synthesis",
        "lead": (
            "Help us write the 2027 Nordic synthesis of what works in integration: "
            "we are looking for contributors who have migrated to the Nordic "
            "region themselves."
        ),
        "body": [
            (
                "About the synthesis",
                [
                    "In 2027 the programme will gather Nordic research and practice "
                    "on integration in one report, theme by theme. Each chapter will "
                    "be read by people who know the subject from their own "
                    "experience of settling in a Nordic country.",
                    "Contributors comment on two or three draft chapters and take "
                    "part in one online workshop in spring 2027. The work is "
                    "voluntary; contributors are named in the report if they wish.",
                ],
            ),
        ],
        "criteria": _ul(
            "You work on integration in an organisation, or have expert knowledge "
            "of your own in one of the report's themes.",
            "You were born outside the Nordic region and have migrated to a "
            "Nordic country.",
            "You can read and comment in a Nordic language or English.",
        ),
        "privacy_notice": _p(
            "The programme secretariat handles your application to choose the "
            "contributors and reads it with the report's editors only. Optional "
            "questions about you are used only to make the group diverse. Personal "
            "data is erased one year after the call closes."
        ),
    },
    "da": {
        "title": "Bidragydere søges til videnssyntesen 2027",
        "lead": (
            "Hjælp os med at skrive den nordiske syntese 2027 om, hvad der virker i "
            "integrationen: vi søger bidragydere, som selv er flyttet til Norden."
        ),
        "body": [
            (
                "Om syntesen",
                [
                    "I 2027 samler programmet nordisk forskning og praksis om "
                    "integration i én rapport, tema for tema. Hvert kapitel læses af "
                    "personer, der kender emnet fra deres egen vej ind i et nordisk "
                    "land.",
                    "Bidragyderne kommenterer to eller tre kapiteludkast og deltager "
                    "i en online workshop i foråret 2027. Arbejdet er frivilligt; "
                    "bidragydere nævnes i rapporten, hvis de ønsker det.",
                ],
            ),
        ],
        "criteria": _ul(
            "Du arbejder med integration i en organisation eller har selv "
            "ekspertviden om et af rapportens temaer.",
            "Du er født uden for Norden og er flyttet til et nordisk land.",
            "Du kan læse og kommentere på et nordisk sprog eller engelsk.",
        ),
        "privacy_notice": _p(
            "Programmets sekretariat behandler din ansøgning for at vælge "
            "bidragydere og læser den kun sammen med rapportens redaktører. De "
            "frivillige spørgsmål om dig bruges kun til at sikre en mangfoldig "
            "gruppe. Personoplysninger slettes et år efter ansøgningsfristen."
        ),
    },
    "nb": {
        "title": "Bidragsytere søkes til kunnskapssyntesen 2027",
        "lead": (
            "Hjelp oss å skrive den nordiske syntesen 2027 om hva som virker i "
            "integreringen: vi søker bidragsytere som selv har flyttet til Norden."
        ),
        "body": [
            (
                "Om syntesen",
                [
                    "I 2027 samler programmet nordisk forskning og praksis om "
                    "integrering i én rapport, tema for tema. Hvert kapittel leses av "
                    "personer som kjenner temaet fra sin egen vei inn i et nordisk "
                    "land.",
                    "Bidragsyterne kommenterer to eller tre kapittelutkast og deltar "
                    "i et digitalt verksted våren 2027. Arbeidet er frivillig; "
                    "bidragsytere nevnes i rapporten hvis de ønsker det.",
                ],
            ),
        ],
        "criteria": _ul(
            "Du arbeider med integrering i en organisasjon eller har selv "
            "ekspertkunnskap om et av rapportens temaer.",
            "Du er født utenfor Norden og har flyttet til et nordisk land.",
            "Du kan lese og kommentere på et nordisk språk eller engelsk.",
        ),
        "privacy_notice": _p(
            "Programmets sekretariat behandler søknaden din for å velge "
            "bidragsytere og leser den bare sammen med rapportens redaktører. De "
            "frivillige spørsmålene om deg brukes bare til å sikre en mangfoldig "
            "gruppe. Personopplysninger slettes ett år etter søknadsfristen."
        ),
    },
    "sv": {
        "title": "Bidragsgivare sökes till kunskapssyntesen 2027",
        "lead": (
            "Hjälp oss skriva den nordiska syntesen 2027 om vad som fungerar i "
            "integrationen: vi söker bidragsgivare som själva har flyttat till "
            "Norden."
        ),
        "body": [
            (
                "Om syntesen",
                [
                    "Under 2027 samlar programmet nordisk forskning och praktik om "
                    "integration i en rapport, tema för tema. Varje kapitel läses av "
                    "personer som känner ämnet från sin egen väg in i ett nordiskt "
                    "land.",
                    "Bidragsgivarna kommenterar två eller tre kapitelutkast och deltar "
                    "i en digital workshop våren 2027. Arbetet är frivilligt; "
                    "bidragsgivare nämns i rapporten om de vill.",
                ],
            ),
        ],
        "criteria": _ul(
            "Du arbetar med integration i en organisation eller har egen "
            "expertkunskap om något av rapportens teman.",
            "Du är född utanför Norden och har flyttat till ett nordiskt land.",
            "Du kan läsa och kommentera på ett nordiskt språk eller engelska.",
        ),
        "privacy_notice": _p(
            "Programmets sekretariat behandlar din ansökan för att välja "
            "bidragsgivare och läser den bara tillsammans med rapportens redaktörer. "
            "De frivilliga frågorna om dig används bara för att gruppen ska bli "
            "mångsidig. Personuppgifter raderas ett år efter sista ansökningsdag."
        ),
    },
}
