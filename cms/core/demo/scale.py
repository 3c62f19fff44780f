"""Generated multilingual news for benchmarks: tens of thousands of pages in minutes.

Creating pages one by one through Wagtail costs tens of milliseconds each, so these
rows are written in bulk: page paths are computed the way treebeard would, the
``wagtailcore_page`` rows go in with ``bulk_create`` and the news rows with one
``executemany``. The pages are live and public but have no revisions, which is
what imported content looks like; editing one in the admin creates its first revision.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import Iterator
from typing import TextIO

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from tqdm import tqdm
from wagtail.images import get_image_model
from wagtail.models import Page

from core.demo.helpers import DemoContext
from news.models import NewsPage

BATCH = 1000
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"

# Real vocabulary so that stemming and search behave as they would on real content.
WORDS = {
    "en": (
        "refugees",
        "immigrants",
        "labour market",
        "language training",
        "municipality",
        "introduction programme",
        "housing",
        "education",
        "employment",
        "women",
        "young people",
        "mentoring",
        "civil society",
        "qualifications",
        "health",
    ),
    "da": (
        "flygtninge",
        "indvandrere",
        "arbejdsmarkedet",
        "sprogundervisning",
        "kommune",
        "integrationsprogram",
        "bolig",
        "uddannelse",
        "beskæftigelse",
        "kvinder",
        "unge",
        "mentorordning",
        "civilsamfund",
        "kvalifikationer",
        "sundhed",
    ),
    "nb": (
        "flyktninger",
        "innvandrere",
        "arbeidsmarkedet",
        "språkopplæring",
        "kommune",
        "introduksjonsprogram",
        "bolig",
        "utdanning",
        "sysselsetting",
        "kvinner",
        "unge",
        "mentorordning",
        "sivilsamfunn",
        "kvalifikasjoner",
        "helse",
    ),
    "sv": (
        "flyktingar",
        "invandrare",
        "arbetsmarknaden",
        "språkundervisning",
        "kommun",
        "etableringsprogram",
        "bostad",
        "utbildning",
        "sysselsättning",
        "kvinnor",
        "unga",
        "mentorskap",
        "civilsamhälle",
        "kvalifikationer",
        "hälsa",
    ),
    "fi": (
        "pakolaiset",
        "maahanmuuttajat",
        "työmarkkinat",
        "kielikoulutus",
        "kunta",
        "kotoutumisohjelma",
        "asuminen",
        "koulutus",
        "työllisyys",
        "naiset",
        "nuoret",
        "mentorointi",
        "kansalaisyhteiskunta",
        "pätevyydet",
        "terveys",
    ),
    "is": (
        "flóttafólk",
        "innflytjendur",
        "vinnumarkaður",
        "tungumálakennsla",
        "sveitarfélag",
        "aðlögunaráætlun",
        "húsnæði",
        "menntun",
        "atvinna",
        "konur",
        "ungmenni",
        "leiðsögn",
        "borgaralegt samfélag",
        "menntun og hæfni",
        "heilsa",
    ),
}
TITLE_PATTERNS = {
    "en": "{a} and {b}: new Nordic findings",
    "da": "{a} og {b}: ny nordisk viden",
    "nb": "{a} og {b}: ny nordisk kunnskap",
    "sv": "{a} och {b}: ny nordisk kunskap",
    "fi": "{a} ja {b}: uutta pohjoismaista tietoa",
    "is": "{a} og {b}: ný norræn þekking",
}


def generate(
    ctx: DemoContext, count: int, stdout: TextIO | None = None, seed: int = 7
) -> int:
    """Add ``count`` published news articles spread over the languages' news indexes."""
    indexes = {
        lang: ctx.pages[f"news-index-{lang}"].specific
        for lang in WORDS
        if f"news-index-{lang}" in ctx.pages
    }
    rng = random.Random(seed)
    content_type = ContentType.objects.get_for_model(NewsPage)
    theme_ids = {lang: [t[lang].pk for t in ctx.themes.values()] for lang in indexes}
    # Articles show the demo's pictures, as a feed with images needs.
    image_ids = list(
        get_image_model().objects.order_by("pk").values_list("pk", flat=True)
    )
    created = 0
    progress = tqdm(total=count, desc="generated pages", unit="page", file=stdout)
    for batch in _batches(count):
        with transaction.atomic():
            created += _write_batch(
                batch, indexes, content_type, theme_ids, image_ids, rng
            )
        progress.update(len(batch))
    progress.close()
    return created


def _batches(count: int) -> Iterator[range]:
    for start in range(0, count, BATCH):
        yield range(start, min(start + BATCH, count))


def _write_batch(batch, indexes, content_type, theme_ids, image_ids, rng) -> int:
    now = timezone.now()
    langs = list(indexes)
    per_parent: dict[str, list[tuple[Page, NewsPage]]] = {lang: [] for lang in langs}
    for number in batch:
        # Consecutive numbers share a translation key: one story told in several languages.
        group_key = uuid.uuid5(uuid.NAMESPACE_URL, f"hub-scale-{number // len(langs)}")
        lang = langs[number % len(langs)]
        words = WORDS[lang]
        a, b = rng.sample(words, 2)
        title = TITLE_PATTERNS[lang].format(a=a.capitalize(), b=b)
        date = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(0, 4000))
        article = NewsPage(
            title=title,
            draft_title=title,
            slug=f"generated-{number}",
            content_type=content_type,
            locale_id=indexes[lang].locale_id,
            translation_key=group_key,
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
            date=date,
            lead=" ".join(rng.sample(words, 6)).capitalize() + ".",
            main_image_id=rng.choice(image_ids) if image_ids else None,
            body=[("paragraph", "<p>" + " ".join(rng.choices(words, k=60)) + ".</p>")],
        )
        per_parent[lang].append((indexes[lang], article))

    written = 0
    for lang, rows in per_parent.items():
        if rows:
            written += _insert_children(
                indexes[lang], [a for _p, a in rows], theme_ids[lang], rng
            )
    return written


def _insert_children(
    parent: Page, articles: list[NewsPage], themes: list[int], rng
) -> int:
    parent.refresh_from_db(fields=["numchild", "path", "depth", "url_path"])
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
    last_path = last.order_by("-path").values_list("path", flat=True).first()
    next_step = _str2int(last_path[-Page.steplen :]) + 1 if last_path else 1
    page_rows = []
    for offset, article in enumerate(articles):
        article.depth = parent.depth + 1
        article.path = parent.path + _int2str(next_step + offset)
        article.numchild = 0
        article.url_path = f"{parent.url_path}{article.slug}/"
        page_rows.append(
            Page(
                **{
                    f.attname: getattr(article, f.attname)
                    for f in Page._meta.concrete_fields
                    if f.attname != "id"
                }
            )
        )
    created = Page.objects.bulk_create(page_rows, batch_size=BATCH)

    local = list(NewsPage._meta.local_concrete_fields)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in local)
    placeholders = ", ".join(["%s"] * len(local))
    table = connection.ops.quote_name(NewsPage._meta.db_table)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
    values = []
    for page, article in zip(created, articles, strict=True):
        article.page_ptr_id = page.pk
        article.id = page.pk
        values.append(
            [f.get_db_prep_save(getattr(article, f.attname), connection) for f in local]
        )
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)

    through = NewsPage.themes.through
    through.objects.bulk_create(
        [through(newspage_id=page.pk, theme_id=rng.choice(themes)) for page in created],
        batch_size=BATCH,
    )
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(created))
    return len(created)


def _int2str(number: int) -> str:
    digits = ""
    while number:
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits.rjust(Page.steplen, "0")


def _str2int(text: str) -> int:
    return int(text, len(ALPHABET))
