"""Alt texts (and a few captions) of the demo pictures in the six languages,
keyed like ``demo_image``; English repeats the main alt text so that every
language has its own."""

from __future__ import annotations

IMAGE_TEXTS: dict[str, dict[str, dict[str, str]]] = {
    "news-hero": {
        "en": {
            "alt": "Green planter boxes in a residential courtyard on a sunny day",
            "caption": "Shared gardens give neighbours a reason to meet.",
        },
        "da": {
            "alt": "Grønne plantekasser i en gårdhave mellem boligblokke en solrig dag",
            "caption": "Fælles haver giver naboer en grund til at mødes.",
        },
        "nb": {
            "alt": "Grønne plantekasser i en bakgård mellom boligblokker en solfylt dag",
            "caption": "Felles hager gir naboer en grunn til å møtes.",
        },
        "sv": {
            "alt": "Gröna odlingslådor på en innergård i ett bostadsområde en solig dag",
            "caption": "Gemensamma odlingar ger grannar en anledning att träffas.",
        },
        "fi": {
            "alt": "Vihreitä istutuslaatikoita asuinkorttelin sisäpihalla aurinkoisena "
            "päivänä",
            "caption": "Yhteiset puutarhat antavat naapureille syyn tavata.",
        },
        "is": {
            "alt": "Grænir gróðurkassar í húsagarði íbúðablokkar á sólríkum degi",
            "caption": "Sameiginlegir garðar gefa nágrönnum tilefni til að hittast.",
        },
    },
    "knowledge-hero": {
        "en": {
            "alt": "Rows of bookshelves and reading tables in a bright library",
            "caption": "Research and reports from the five Nordic countries in one "
            "place.",
        },
        "da": {
            "alt": "Rækker af bogreoler og læseborde i et lyst bibliotek",
            "caption": "Forskning og rapporter fra de fem nordiske lande samlet ét "
            "sted.",
        },
        "nb": {
            "alt": "Rader med bokhyller og lesebord i et lyst bibliotek",
            "caption": "Forskning og rapporter fra de fem nordiske landene samlet på "
            "ett sted.",
        },
        "sv": {
            "alt": "Rader av bokhyllor och läsbord i ett ljust bibliotek",
            "caption": "Forskning och rapporter från de fem nordiska länderna "
            "samlade på ett ställe.",
        },
        "fi": {
            "alt": "Kirjahyllyrivejä ja lukupöytiä valoisassa kirjastossa",
            "caption": "Viiden Pohjoismaan tutkimukset ja raportit yhdessä paikassa.",
        },
        "is": {
            "alt": "Raðir af bókahillum og lesborðum í björtu bókasafni",
            "caption": "Rannsóknir og skýrslur frá Norðurlöndunum fimm á einum stað.",
        },
    },
    "funding-hero": {
        "en": {"alt": "Colourful sticky notes on a table during a planning workshop"},
        "da": {"alt": "Farverige huskesedler på et bord under en planlægningsworkshop"},
        "nb": {
            "alt": "Fargerike klistrelapper på et bord under en planleggingsworkshop"
        },
        "sv": {
            "alt": "Färgglada klisterlappar på ett bord under en planeringsworkshop"
        },
        "fi": {"alt": "Värikkäitä muistilappuja pöydällä suunnittelutyöpajan aikana"},
        "is": {"alt": "Litríkir minnismiðar á borði í skipulagsvinnustofu"},
    },
    "networks": {
        "en": {
            "alt": "Abstract pattern of white rings on a red to sand-coloured gradient"
        },
        "da": {
            "alt": "Abstrakt mønster af hvide ringe på en baggrund, der glider fra "
            "rød til sandfarvet"
        },
        "nb": {
            "alt": "Abstrakt mønster av hvite ringer på en bakgrunn som går fra rødt "
            "til sandfarget"
        },
        "sv": {
            "alt": "Abstrakt mönster av vita ringar på en bakgrund som går från rött "
            "till sandfärgat"
        },
        "fi": {
            "alt": "Abstrakti kuvio: valkoisia renkaita taustalla, joka vaihtuu "
            "punaisesta hiekanväriseksi"
        },
        "is": {
            "alt": "Óhlutbundið mynstur hvítra hringja á bakgrunni sem fer úr rauðu "
            "yfir í sandlit"
        },
    },
    "expert-groups": {
        "en": {"alt": "Abstract pattern of white rings on a green gradient"},
        "da": {"alt": "Abstrakt mønster af hvide ringe på en grøn farveovergang"},
        "nb": {"alt": "Abstrakt mønster av hvite ringer på en grønn fargeovergang"},
        "sv": {"alt": "Abstrakt mönster av vita ringar på en grön färgövergång"},
        "fi": {"alt": "Abstrakti kuvio: valkoisia renkaita vihreällä liukuvärillä"},
        "is": {"alt": "Óhlutbundið mynstur hvítra hringja á grænum litbrigðum"},
    },
}
