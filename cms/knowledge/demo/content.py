"""Texts of the knowledge-bank demo, written from the programme's public documents.

Learning examples are illustrative composites, not evaluations of named projects;
figures that would need checking are marked as such in the text.
"""

from __future__ import annotations

from typing import Any

INDEX = {
    "en": (
        "Knowledge bank",
        "Research, learning examples, country comparisons and statistics on the "
        "integration of refugees and immigrants in the Nordic region.",
        "The knowledge bank is an idea bank for ministries, government agencies, "
        "municipalities and voluntary organisations. It gathers research on the "
        "effects of migration, comparisons between the countries and practice that "
        "others can learn from. Filter by kind, theme or country to find your way.",
    ),
    "da": (
        "Vidensbank",
        "Forskning, lærende eksempler, landesammenligninger og statistik om "
        "integration af flygtninge og indvandrere i Norden.",
        "Vidensbanken er en idébank for ministerier, myndigheder, kommuner og "
        "frivillige organisationer. Her samles forskning om migrationens virkninger, "
        "sammenligninger mellem landene og praksis, som andre kan lære af. Filtrér "
        "efter type, tema eller land for at finde det, du søger.",
    ),
    "nb": (
        "Kunnskapsbank",
        "Forskning, gode eksempler, landsammenligninger og statistikk om "
        "integrering av flyktninger og innvandrere i Norden.",
        "Kunnskapsbanken er en idébank for departementer, etater, kommuner og "
        "frivillige organisasjoner. Her samles forskning om virkningene av migrasjon, "
        "sammenligninger mellom landene og praksis andre kan lære av. Filtrer på "
        "type, tema eller land for å finne fram.",
    ),
    "sv": (
        "Kunskapsbank",
        "Forskning, lärande exempel, landjämförelser och statistik om integration "
        "av flyktingar och invandrare i Norden.",
        "Kunskapsbanken är en idébank för departement, myndigheter, kommuner och "
        "ideella organisationer. Här samlas forskning om migrationens effekter, "
        "jämförelser mellan länderna och arbetssätt som andra kan lära av. Filtrera "
        "på typ, tema eller land för att hitta rätt.",
    ),
    "fi": (
        "Tietopankki",
        "Tutkimusta, hyviä käytäntöjä, maavertailuja ja tilastoja pakolaisten ja "
        "maahanmuuttajien kotoutumisesta Pohjoismaissa.",
        "",
    ),
    "is": (
        "Þekkingarbanki",
        "Rannsóknir, góð dæmi, samanburður milli landa og tölfræði um aðlögun "
        "flóttafólks og innflytjenda á Norðurlöndum.",
        "",
    ),
}

# slug -> shared facts and per-language texts. Each language has: title, lead,
# municipality_or_region, target_group, what_was_done, measured_outcome,
# transferable_lessons (HTML), contact_organisation.
LEARNING_EXAMPLES: dict[str, dict[str, Any]] = {
    "language-training-at-work": {
        "year": 2021,
        "themes": ["labour-market", "language-training"],
        "countries": ["norway"],
        "goals": ["goal-7"],
        "contact_name": "Integration service (demo contact)",
        "contact_email": "integration@municipality.example",
        "texts": {
            "en": (
                "Language training at the workplace",
                "A municipality let adult refugees learn the language where they "
                "work: practice placements and classes planned as one course.",
                "A medium-sized Norwegian municipality (illustrative example)",
                "Adult refugees in the introduction programme",
                "<p>Participants spent three days a week on a practice placement with "
                "a local employer and two days in class. Teachers built the lessons "
                "around the words and tasks of each workplace, and a job coach "
                "visited the placements to keep supervisors and teachers in touch.</p>",
                "<p>The follow-up looked at how many participants were in work or "
                "education a year after the programme and at their oral language "
                "test results, compared with earlier groups. This demo example does "
                "not report figures: add those of your own evaluation.</p>",
                "<ul><li>Agree on language goals with the employer before the "
                "placement starts.</li><li>Give supervisors a short course in plain "
                "language.</li><li>Plan the week so that class and practice build on "
                "each other.</li></ul>",
                "Integration service, example municipality",
            ),
            "da": (
                "Sprogundervisning på arbejdspladsen",
                "En kommune lod voksne flygtninge lære sproget der, hvor de arbejder: "
                "praktik og undervisning planlagt som ét forløb.",
                "En mellemstor norsk kommune (illustrativt eksempel)",
                "Voksne flygtninge i introduktionsprogrammet",
                "<p>Deltagerne var tre dage om ugen i praktik hos en lokal "
                "arbejdsgiver og to dage på skolebænken. Lærerne byggede timerne op "
                "om ord og opgaver fra hver arbejdsplads, og en jobkonsulent besøgte "
                "praktikstederne og holdt kontakten mellem ledere og lærere.</p>",
                "<p>Opfølgningen så på, hvor mange der var i job eller uddannelse et "
                "år efter forløbet, og på resultaterne i den mundtlige sprogtest "
                "sammenlignet med tidligere hold. Demoeksemplet har ingen tal: indsæt "
                "tallene fra jeres egen evaluering.</p>",
                "<ul><li>Aftal sprogmål med arbejdsgiveren, før praktikken begynder."
                "</li><li>Giv lederne et kort kursus i klart sprog.</li><li>Planlæg "
                "ugen, så undervisning og praktik bygger på hinanden.</li></ul>",
                "Integrationsafdelingen, eksempelkommune",
            ),
            "nb": (
                "Språkopplæring på arbeidsplassen",
                "En kommune lot voksne flyktninger lære språket der de jobber: "
                "praksisplass og undervisning planlagt som ett løp.",
                "En mellomstor norsk kommune (illustrerende eksempel)",
                "Voksne flyktninger i introduksjonsprogrammet",
                "<p>Deltakerne var tre dager i uken på praksisplass hos en lokal "
                "arbeidsgiver og to dager i klasserommet. Lærerne bygde timene rundt "
                "ordene og oppgavene på hver arbeidsplass, og en jobbkonsulent besøkte "
                "praksisplassene og holdt kontakten mellom veiledere og lærere.</p>",
                "<p>Oppfølgingen så på hvor mange som var i arbeid eller utdanning et "
                "år etter programmet, og på resultatene i den muntlige språkprøven "
                "sammenlignet med tidligere kull. Eksempelet viser ingen tall: legg "
                "inn tallene fra deres egen evaluering.</p>",
                "<ul><li>Avtal språkmål med arbeidsgiveren før praksisen starter.</li>"
                "<li>Gi veilederne et kort kurs i klarspråk.</li><li>Planlegg uken "
                "slik at undervisning og praksis bygger på hverandre.</li></ul>",
                "Integreringstjenesten, eksempelkommune",
            ),
            "sv": (
                "Språkundervisning på arbetsplatsen",
                "En kommun lät vuxna flyktingar lära sig språket där de arbetar: "
                "praktik och undervisning planerade som en helhet.",
                "En medelstor norsk kommun (illustrativt exempel)",
                "Vuxna flyktingar i introduktionsprogrammet",
                "<p>Deltagarna var tre dagar i veckan på praktikplats hos en lokal "
                "arbetsgivare och två dagar i klassrummet. Lärarna byggde lektionerna "
                "kring ord och uppgifter från varje arbetsplats, och en jobbcoach "
                "besökte praktikplatserna och höll ihop handledare och lärare.</p>",
                "<p>Uppföljningen mätte hur många som arbetade eller studerade ett år "
                "efter programmet och resultaten på det muntliga språkprovet jämfört "
                "med tidigare grupper. Exemplet redovisar inga siffror: lägg in dem "
                "från er egen utvärdering.</p>",
                "<ul><li>Kom överens med arbetsgivaren om språkmål innan praktiken "
                "börjar.</li><li>Ge handledarna en kort kurs i klarspråk.</li><li>"
                "Planera veckan så att undervisning och praktik bygger på varandra."
                "</li></ul>",
                "Integrationsenheten, exempelkommun",
            ),
        },
    },
    "mentors-for-newly-arrived-women": {
        "year": 2022,
        "themes": ["gender-equality", "labour-market", "civil-society"],
        "countries": ["sweden"],
        "goals": ["goal-7", "goal-12"],
        "contact_name": "Project coordinator (demo contact)",
        "contact_email": "mentors@association.example",
        "texts": {
            "en": (
                "Mentors for newly arrived women",
                "A voluntary association and its municipality paired newly arrived "
                "women with mentors who help them find their way to courses and work.",
                "A Swedish municipality and a local association (illustrative example)",
                "Newly arrived women who are not in work, education or language "
                "courses",
                "<p>Volunteer mentors, many of them with their own migration story, "
                "met their mentee every week for six months. Together they visited "
                "workplaces, libraries and adult education centres. Childcare was "
                "arranged during meetings, and interpreters were available at the "
                "start.</p>",
                "<p>The association recorded how many mentees had started a language "
                "course or other introduction activity when the six months ended, and "
                "interviewed participants about what had helped. No figures are shown "
                "in this demo example.</p>",
                "<ul><li>Childcare and flexible meeting times remove a common barrier "
                "for women with young children.</li><li>Recruit mentors who share a "
                "language with the mentees.</li><li>Work with the public employment "
                "service so that the goals agreed with the mentor are written into "
                "the woman's own plan.</li></ul>",
                "Local women's association, example municipality",
            ),
            "da": (
                "Mentorer for nyankomne kvinder",
                "En frivillig forening og kommunen satte nyankomne kvinder sammen med "
                "mentorer, der hjælper dem på vej til kurser og job.",
                "En svensk kommune og en lokal forening (illustrativt eksempel)",
                "Nyankomne kvinder, der ikke er i job, uddannelse eller sprogkursus",
                "<p>Frivillige mentorer, mange med egen migrationshistorie, mødtes "
                "med deres mentee hver uge i et halvt år. Sammen besøgte de "
                "arbejdspladser, biblioteker og voksenuddannelsescentre. Der var "
                "børnepasning under møderne og tolk i begyndelsen.</p>",
                "<p>Foreningen registrerede, hvor mange der var begyndt på sprogkursus "
                "eller en anden aktivitet efter et halvt år, og interviewede "
                "deltagerne om, hvad der havde hjulpet. Demoeksemplet viser ingen tal."
                "</p>",
                "<ul><li>Børnepasning og fleksible mødetider fjerner en almindelig "
                "barriere for kvinder med små børn.</li><li>Rekruttér mentorer, der "
                "taler samme sprog som deltagerne.</li><li>Samarbejd med jobcentret, "
                "så målene fra mentorforløbet kommer ind i kvindens egen plan.</li>"
                "</ul>",
                "Lokal kvindeforening, eksempelkommune",
            ),
            "nb": (
                "Mentorer for nyankomne kvinner",
                "En frivillig forening og kommunen koblet nyankomne kvinner med "
                "mentorer som hjelper dem videre til kurs og arbeid.",
                "En svensk kommune og en lokal forening (illustrerende eksempel)",
                "Nyankomne kvinner som ikke er i arbeid, utdanning eller språkkurs",
                "<p>Frivillige mentorer, mange med egen migrasjonshistorie, møtte "
                "mentee-en sin hver uke i et halvt år. Sammen besøkte de "
                "arbeidsplasser, bibliotek og voksenopplæringen. Det var barnepass "
                "under møtene og tolk i starten.</p>",
                "<p>Foreningen registrerte hvor mange som hadde begynt på språkkurs "
                "eller et annet tiltak etter et halvt år, og intervjuet deltakerne om "
                "hva som hadde hjulpet. Eksempelet viser ingen tall.</p>",
                "<ul><li>Barnepass og fleksible møtetider fjerner en vanlig barriere "
                "for kvinner med små barn.</li><li>Rekrutter mentorer som snakker "
                "samme språk som deltakerne.</li><li>Samarbeid med NAV eller "
                "tilsvarende, slik at målene kommer inn i kvinnens egen plan.</li>"
                "</ul>",
                "Lokal kvinneforening, eksempelkommune",
            ),
            "sv": (
                "Mentorer för nyanlända kvinnor",
                "En ideell förening och kommunen parade ihop nyanlända kvinnor med "
                "mentorer som hjälper dem vidare till kurser och arbete.",
                "En svensk kommun och en lokal förening (illustrativt exempel)",
                "Nyanlända kvinnor som inte arbetar, studerar eller läser svenska",
                "<p>Frivilliga mentorer, många med egen migrationserfarenhet, träffade "
                "sin adept varje vecka i sex månader. Tillsammans besökte de "
                "arbetsplatser, bibliotek och vuxenutbildningen. Barnpassning fanns "
                "under träffarna och tolk i början.</p>",
                "<p>Föreningen noterade hur många som hade börjat en språkkurs eller "
                "annan insats efter sex månader och intervjuade deltagarna om vad som "
                "hade hjälpt. Exemplet redovisar inga siffror.</p>",
                "<ul><li>Barnpassning och flexibla tider tar bort ett vanligt hinder "
                "för kvinnor med små barn.</li><li>Rekrytera mentorer som talar samma "
                "språk som deltagarna.</li><li>Samarbeta med Arbetsförmedlingen så att "
                "målen förs in i kvinnans egen planering.</li></ul>",
                "Lokal kvinnoförening, exempelkommun",
            ),
        },
    },
    "welcome-class-model": {
        "year": 2020,
        "themes": ["education", "children-young-people"],
        "countries": ["denmark"],
        "goals": ["goal-10"],
        "contact_name": "School development team (demo contact)",
        "contact_email": "school@municipality.example",
        "texts": {
            "en": (
                "A welcome class model for newly arrived pupils",
                "Newly arrived pupils start in a welcome class but join a regular "
                "class for some subjects from the first week.",
                "A Danish municipality (illustrative example)",
                "Newly arrived pupils aged 6 to 16",
                "<p>Each pupil's earlier schooling was assessed in the language they "
                "know best. Pupils spent most of their first months in a welcome class "
                "with intensive language teaching, and from the first week they joined "
                "a regular class in subjects such as physical education, art and "
                "mathematics. The move to the regular class happened step by step, "
                "with support in the pupil's first language.</p>",
                "<p>The school followed how long pupils took to move fully to a "
                "regular class and asked them about their wellbeing each term. No "
                "figures are given in this demo example.</p>",
                "<ul><li>Find out what pupils already know, in their strongest "
                "language.</li><li>Plan the move to the regular class from day one."
                "</li><li>Meet parents with an interpreter early on.</li></ul>",
                "Children and schools department, example municipality",
            ),
            "da": (
                "En model for modtagelsesklasser",
                "Nyankomne elever begynder i en modtagelsesklasse, men deltager i en "
                "almindelig klasse i nogle fag fra første uge.",
                "En dansk kommune (illustrativt eksempel)",
                "Nyankomne elever mellem 6 og 16 år",
                "<p>Hver elevs tidligere skolegang blev afdækket på det sprog, eleven "
                "kender bedst. De første måneder gik mest i modtagelsesklassen med "
                "intensiv sprogundervisning, men fra første uge deltog eleverne i en "
                "almindelig klasse i fag som idræt, billedkunst og matematik. "
                "Overgangen skete gradvist med støtte på modersmålet.</p>",
                "<p>Skolen fulgte, hvor lang tid eleverne var om at komme helt over i "
                "en almindelig klasse, og spurgte til deres trivsel hvert halvår. "
                "Demoeksemplet viser ingen tal.</p>",
                "<ul><li>Afdæk, hvad eleverne allerede kan, på deres stærkeste sprog."
                "</li><li>Planlæg overgangen til almindelig klasse fra første dag.</li>"
                "<li>Mød forældrene med tolk tidligt.</li></ul>",
                "Børne- og skoleforvaltningen, eksempelkommune",
            ),
            "nb": (
                "En modell for mottaksklasser",
                "Nyankomne elever begynner i en mottaksklasse, men er med i en vanlig "
                "klasse i noen fag fra første uke.",
                "En dansk kommune (illustrerende eksempel)",
                "Nyankomne elever mellom 6 og 16 år",
                "<p>Hver elevs tidligere skolegang ble kartlagt på språket eleven kan "
                "best. De første månedene var elevene mest i mottaksklassen med "
                "intensiv språkopplæring, men fra første uke var de med i en vanlig "
                "klasse i fag som kroppsøving, kunst og håndverk og matematikk. "
                "Overgangen skjedde gradvis, med støtte på morsmålet.</p>",
                "<p>Skolen fulgte med på hvor lang tid elevene brukte på å gå helt "
                "over i vanlig klasse, og spurte om trivselen hvert halvår. Eksempelet "
                "viser ingen tall.</p>",
                "<ul><li>Kartlegg hva elevene kan, på deres sterkeste språk.</li><li>"
                "Planlegg overgangen til vanlig klasse fra første dag.</li><li>Møt "
                "foreldrene med tolk tidlig.</li></ul>",
                "Oppvekstetaten, eksempelkommune",
            ),
            "sv": (
                "En modell för förberedelseklasser",
                "Nyanlända elever börjar i en förberedelseklass men går i en vanlig "
                "klass i vissa ämnen från första veckan.",
                "En dansk kommun (illustrativt exempel)",
                "Nyanlända elever mellan 6 och 16 år",
                "<p>Varje elevs tidigare skolgång kartlades på det språk eleven kan "
                "bäst. De första månaderna var eleverna mest i förberedelseklassen med "
                "intensiv språkundervisning, men från första veckan deltog de i en "
                "vanlig klass i ämnen som idrott, bild och matematik. Övergången "
                "skedde stegvis, med studiehandledning på modersmålet.</p>",
                "<p>Skolan följde hur lång tid det tog innan eleverna gick helt i "
                "vanlig klass och frågade om deras trivsel varje termin. Exemplet "
                "redovisar inga siffror.</p>",
                "<ul><li>Kartlägg vad eleverna redan kan, på deras starkaste språk."
                "</li><li>Planera övergången till vanlig klass från första dagen.</li>"
                "<li>Träffa föräldrarna med tolk tidigt.</li></ul>",
                "Barn- och utbildningsförvaltningen, exempelkommun",
            ),
        },
    },
}

NORDFORSK_PROGRAMME = (
    "The project is one of seven that NordForsk funds in its research programme on "
    "migration and integration (2018–2024), which covers schooling and learning, "
    "social networks and access to welfare services."
)

# slug -> fields of an English PublicationPage; "paragraphs" become the body.
PUBLICATIONS: dict[str, dict[str, Any]] = {
    "relational-wellbeing-of-refugee-young-people": {
        "title": "Relational wellbeing in the lives of refugee young people",
        "kind": "research-summary",
        "lead": "A NordForsk project (2020–2024) on how relationships with family, "
        "friends, school and services shape the wellbeing of young refugees in "
        "Finland, Norway and Scotland.",
        "year": 2024,
        "source_organisation": "NordForsk",
        "publisher": "NordForsk",
        "external_url": "https://www.nordforsk.org/",
        "themes": ["children-young-people", "health-social"],
        "countries": ["finland", "norway"],
        "goals": ["goal-9", "goal-12"],
        "paragraphs": [
            NORDFORSK_PROGRAMME,
            "Rather than treating wellbeing as a personal matter only, the project "
            "looks at it as something built in relationships: with family members "
            "near and far, with friends, teachers and social workers, and with the "
            "places young people come to call home. Comparing Finland, Norway and "
            "Scotland shows how different reception systems support or strain those "
            "relationships.",
            "This summary describes the project's focus. Results were expected "
            "towards the end of the project period; see the project's own pages for "
            "its publications.",
        ],
    },
    "teaching-that-matters-for-migrant-students": {
        "title": "Teaching that matters for migrant students",
        "kind": "research-summary",
        "lead": "A NordForsk project (2020–2022) on the teaching practices that help "
        "migrant pupils learn and belong, in Scotland, Finland and Sweden.",
        "year": 2022,
        "source_organisation": "NordForsk",
        "publisher": "NordForsk",
        "external_url": "https://www.nordforsk.org/",
        "themes": ["education", "children-young-people"],
        "countries": ["finland", "sweden"],
        "goals": ["goal-10"],
        "paragraphs": [
            NORDFORSK_PROGRAMME,
            "The project asks what teachers and schools do that makes a difference "
            "for pupils with a migrant background: how lessons are organised, how "
            "pupils' languages are used, and how schools work with families. It "
            "treats classroom practice as one of the levers of integration.",
            "This summary describes the project's questions; consult the project's "
            "publications for its findings.",
        ],
    },
    "life-at-the-frontier": {
        "title": "Life at the frontier: social frontiers, mobility and integration",
        "kind": "research-summary",
        "lead": "A NordForsk project (2020–2023) on how sharp boundaries between "
        "neighbourhoods affect the social mobility and integration of migrants.",
        "year": 2023,
        "source_organisation": "NordForsk",
        "publisher": "NordForsk",
        "external_url": "https://www.nordforsk.org/",
        "themes": ["segregation-housing", "labour-market"],
        "countries": ["denmark", "norway", "sweden"],
        "goals": ["goal-12"],
        "paragraphs": [
            NORDFORSK_PROGRAMME,
            "Some neighbouring areas differ sharply in who lives there. The project "
            "calls such boundaries social frontiers and studies what living close to "
            "one means for migrants' chances of moving on in education, work and "
            "housing, and for contact between groups.",
            "The summary presents the project's approach; its results are published "
            "by the research team.",
        ],
    },
    "women-outside-introduction-programmes": {
        "title": "Women who do not take part in introduction programmes",
        "kind": "report",
        "lead": "A Nordic report mapping the incentives and barriers that keep some "
        "immigrant women out of the integration programmes they are offered.",
        "year": 2021,
        "source_organisation": "Nordic Welfare Centre",
        "publisher": "Nordic Council of Ministers",
        "external_url": "https://nordicwelfare.org/integration-norden/fakta/"
        "kvinnor-som-inte-deltar-i-integrationsprogram/",
        "themes": ["gender-equality", "labour-market"],
        "countries": ["denmark", "finland", "iceland", "norway", "sweden"],
        "goals": ["goal-7", "goal-12"],
        "paragraphs": [
            "Statistics show that men and women take part in education and work to "
            "different degrees after arriving in the Nordic countries. The report "
            "maps why some women do not join the programmes meant for them.",
            "Among the reasons it points to are care for the family, which falls "
            "mostly on women, and a lack of knowledge about what is on offer. Some "
            "rules also create negative incentives to take part.",
            "The report is one of the sources behind the programme's focus on "
            "getting more immigrant women into work in 2022–2024.",
        ],
    },
    "labour-market-integration-of-immigrant-women": {
        "title": "Labour-market integration of immigrant women: a knowledge synthesis",
        "kind": "knowledge-synthesis",
        "lead": "What Nordic research and practice say about helping immigrant women "
        "into work, gathered as one of the programme's yearly theme syntheses.",
        "year": 2023,
        "source_organisation": "Nordic Welfare Centre and Nordregio",
        "publisher": "Nordic Council of Ministers",
        "external_url": "",
        "themes": ["gender-equality", "labour-market", "language-training"],
        "countries": ["denmark", "finland", "iceland", "norway", "sweden"],
        "goals": ["goal-7"],
        "paragraphs": [
            "Each year the programme's clearing house chooses a theme and sums up "
            "what is known about it in a Nordic knowledge synthesis, alongside "
            "learning examples and knowledge-sharing events. This demo item shows "
            "how such a synthesis is presented.",
            "The Nordic countries share the challenge of getting more immigrant "
            "women into work. The synthesis brings together research, evaluations "
            "of national measures and the experience of municipalities and "
            "civil-society organisations.",
            "Recurring themes are early and flexible language training, childcare "
            "during courses, contact with employers and clear information about "
            "rights and offers. Demo content: check the published synthesis before "
            "quoting.",
        ],
    },
}

STATISTICS = {
    "en": (
        "Employment rate by country of birth (illustrative figures)",
        "A demo dataset showing how statistics appear in the knowledge bank. The "
        "figures are invented for illustration and are not official statistics.",
        "Illustrative demo figures – not official statistics",
        ("Country", "Born abroad", "Born in the country"),
    ),
    "da": (
        "Beskæftigelsesfrekvens efter fødeland (illustrative tal)",
        "Et demodatasæt, der viser, hvordan statistik vises i vidensbanken. Tallene "
        "er opfundet til illustration og er ikke officiel statistik.",
        "Illustrative demotal – ikke officiel statistik",
        ("Land", "Født i udlandet", "Født i landet"),
    ),
    "nb": (
        "Sysselsettingsandel etter fødeland (illustrerende tall)",
        "Et demodatasett som viser hvordan statistikk vises i kunnskapsbanken. Tallene "
        "er laget for illustrasjon og er ikke offisiell statistikk.",
        "Illustrerende demotall – ikke offisiell statistikk",
        ("Land", "Født i utlandet", "Født i landet"),
    ),
    "sv": (
        "Sysselsättningsgrad efter födelseland (illustrativa siffror)",
        "Ett demodataset som visar hur statistik visas i kunskapsbanken. Siffrorna är "
        "påhittade för illustration och är inte officiell statistik.",
        "Illustrativa demosiffror – inte officiell statistik",
        ("Land", "Födda utomlands", "Födda i landet"),
    ),
}

# Country slug -> (born abroad, born in the country), in per cent. Invented.
STATISTICS_FIGURES = {
    "denmark": ("66,5", "79,0"),
    "finland": ("62,0", "74,5"),
    "iceland": ("80,5", "83,0"),
    "norway": ("67,5", "79,5"),
    "sweden": ("65,0", "82,5"),
}

COMPARISON_SLUG = "introduction-programme-length"
COMPARISON = {
    "en": (
        "Length of the introduction programme",
        "How long is the introduction programme for newly arrived refugees?",
        "A first overview of how long newly arrived refugees take part in a national "
        "introduction or integration programme.",
        "<p>The rules change often and each country counts differently: some set "
        "a maximum, others a usual length. Answers marked 'to verify' are examples "
        "that need checking with the national authority before use.</p>",
    ),
    "da": (
        "Introduktionsprogrammets længde",
        "Hvor længe varer introduktionsprogrammet for nyankomne flygtninge?",
        "Et første overblik over, hvor længe nyankomne flygtninge deltager i et "
        "nationalt introduktions- eller integrationsprogram.",
        "<p>Reglerne ændres ofte, og landene opgør forskelligt: nogle angiver en "
        "maksimal, andre en typisk varighed. Svar markeret 'skal tjekkes' er "
        "eksempler, der skal kontrolleres hos den nationale myndighed.</p>",
    ),
    "nb": (
        "Introduksjonsprogrammets lengde",
        "Hvor lenge varer introduksjonsprogrammet for nyankomne flyktninger?",
        "En første oversikt over hvor lenge nyankomne flyktninger deltar i et "
        "nasjonalt introduksjons- eller integreringsprogram.",
        "<p>Reglene endres ofte, og landene teller ulikt: noen oppgir en "
        "maksimal, andre en vanlig varighet. Svar merket 'må sjekkes' er eksempler "
        "som må kontrolleres hos nasjonal myndighet.</p>",
    ),
    "sv": (
        "Introduktionsprogrammets längd",
        "Hur länge pågår introduktionsprogrammet för nyanlända flyktingar?",
        "En första överblick över hur länge nyanlända flyktingar deltar i ett "
        "nationellt introduktions- eller etableringsprogram.",
        "<p>Reglerna ändras ofta och länderna räknar olika: vissa anger en längsta, "
        "andra en vanlig längd. Svar märkta 'att kontrollera' är exempel som måste "
        "stämmas av med den nationella myndigheten.</p>",
    ),
}

# country slug -> (source title, source url, valid from, {lang: (short, details)})
COMPARISON_ANSWERS: dict[str, tuple[str, str, str, dict[str, tuple[str, str]]]] = {
    "denmark": (
        "Udlændinge- og Integrationsministeriet",
        "https://uim.dk/",
        "",
        {
            "en": (
                "About 1 year, can be extended (to verify)",
                "Refugees and reunified family members are offered a programme run "
                "by the municipality. Its length and name have changed several "
                "times; check the current rules.",
            ),
            "da": (
                "Omkring 1 år, kan forlænges (skal tjekkes)",
                "Flygtninge og familiesammenførte tilbydes et program i kommunen. "
                "Varighed og navn er ændret flere gange; tjek de gældende regler.",
            ),
            "nb": (
                "Omkring 1 år, kan forlenges (må sjekkes)",
                "Flyktninger og familiegjenforente får et program i kommunen. "
                "Varighet og navn er endret flere ganger; sjekk gjeldende regler.",
            ),
            "sv": (
                "Omkring 1 år, kan förlängas (att kontrollera)",
                "Flyktingar och anhöriginvandrare erbjuds ett program i kommunen. "
                "Längd och namn har ändrats flera gånger; kontrollera gällande regler.",
            ),
        },
    ),
    "finland": (
        "Työ- ja elinkeinoministeriö (Ministry of Economic Affairs and Employment)",
        "https://tem.fi/",
        "",
        {
            "en": (
                "Usually up to 3 years (to verify)",
                "Integration services follow a personal plan. A new integration act "
                "took effect in 2025; check how long services last under it.",
            ),
            "da": (
                "Typisk op til 3 år (skal tjekkes)",
                "Integrationsindsatsen følger en personlig plan. En ny lov trådte i "
                "kraft i 2025; tjek varigheden efter den.",
            ),
            "nb": (
                "Vanligvis opptil 3 år (må sjekkes)",
                "Tiltakene følger en personlig plan. En ny lov trådte i kraft i 2025; "
                "sjekk varigheten etter den.",
            ),
            "sv": (
                "Vanligen upp till 3 år (att kontrollera)",
                "Insatserna följer en personlig plan. En ny lag trädde i kraft 2025; "
                "kontrollera längden enligt den.",
            ),
        },
    ),
    "iceland": (
        "Vinnumálastofnun (Directorate of Labour)",
        "https://vinnumalastofnun.is/",
        "",
        {
            "en": (
                "No fixed national length (to verify)",
                "Reception and support are organised by municipalities under "
                "agreements with the state.",
            ),
            "da": (
                "Ingen fast national varighed (skal tjekkes)",
                "Modtagelse og støtte organiseres af kommunerne efter aftaler med "
                "staten.",
            ),
            "nb": (
                "Ingen fast nasjonal varighet (må sjekkes)",
                "Mottak og oppfølging organiseres av kommunene etter avtaler med "
                "staten.",
            ),
            "sv": (
                "Ingen fast nationell längd (att kontrollera)",
                "Mottagande och stöd organiseras av kommunerna enligt avtal med "
                "staten.",
            ),
        },
    ),
    "norway": (
        "IMDi – Integrerings- og mangfoldsdirektoratet",
        "https://www.imdi.no/",
        "2021-01-01",
        {
            "en": (
                "From 3 months up to 4 years, by goal",
                "Under the Integration Act the length depends on the participant's "
                "goal, for example work or completing upper secondary education.",
            ),
            "da": (
                "Fra 3 måneder op til 4 år efter mål",
                "Efter integrationsloven afhænger varigheden af deltagerens mål, for "
                "eksempel job eller en afsluttet ungdomsuddannelse.",
            ),
            "nb": (
                "Fra 3 måneder opptil 4 år etter mål",
                "Etter integreringsloven avhenger varigheten av deltakerens mål, for "
                "eksempel arbeid eller fullført videregående opplæring.",
            ),
            "sv": (
                "Från 3 månader upp till 4 år efter mål",
                "Enligt integrationslagen beror längden på deltagarens mål, till "
                "exempel arbete eller en avslutad gymnasieutbildning.",
            ),
        },
    ),
    "sweden": (
        "Arbetsförmedlingen",
        "https://arbetsformedlingen.se/",
        "",
        {
            "en": (
                "Usually up to 24 months",
                "The establishment programme is run by the public employment service "
                "and combines Swedish for immigrants with work-oriented activities.",
            ),
            "da": (
                "Typisk op til 24 måneder",
                "Etableringsprogrammet drives af den offentlige arbejdsformidling og "
                "kombinerer svensk for indvandrere med jobrettede aktiviteter.",
            ),
            "nb": (
                "Vanligvis opptil 24 måneder",
                "Etableringsprogrammet drives av den offentlige arbeidsformidlingen og "
                "kombinerer svensk for innvandrere med arbeidsrettede tiltak.",
            ),
            "sv": (
                "Vanligen upp till 24 månader",
                "Etableringsprogrammet drivs av Arbetsförmedlingen och kombinerar sfi "
                "med arbetsförberedande insatser.",
            ),
        },
    ),
    "faroe-islands": (
        "Landsstýrið (Government of the Faroe Islands)",
        "https://www.government.fo/",
        "",
        {
            "en": ("Not described here yet (to verify)", ""),
            "da": ("Endnu ikke beskrevet (skal tjekkes)", ""),
            "nb": ("Ikke beskrevet ennå (må sjekkes)", ""),
            "sv": ("Inte beskrivet ännu (att kontrollera)", ""),
        },
    ),
    "greenland": (
        "Naalakkersuisut (Government of Greenland)",
        "https://naalakkersuisut.gl/",
        "",
        {
            "en": ("Not described here yet (to verify)", ""),
            "da": ("Endnu ikke beskrevet (skal tjekkes)", ""),
            "nb": ("Ikke beskrevet ennå (må sjekkes)", ""),
            "sv": ("Inte beskrivet ännu (att kontrollera)", ""),
        },
    ),
    "aland": (
        "Ålands landskapsregering",
        "https://www.regeringen.ax/",
        "",
        {
            "en": (
                "Set by Åland's own rules (to verify)",
                "Åland has its own integration legislation; check the length of the "
                "integration plan with the government of Åland.",
            ),
            "da": (
                "Fastsat i Ålands egne regler (skal tjekkes)",
                "Åland har sin egen integrationslovgivning; tjek integrationsplanens "
                "længde hos Ålands landskapsregering.",
            ),
            "nb": (
                "Fastsatt i Ålands egne regler (må sjekkes)",
                "Åland har egen integreringslovgivning; sjekk lengden på "
                "integreringsplanen hos Ålands landskapsregjering.",
            ),
            "sv": (
                "Bestäms av Ålands egna regler (att kontrollera)",
                "Åland har egen integrationslagstiftning; kontrollera "
                "integrationsplanens längd hos landskapsregeringen.",
            ),
        },
    ),
}
