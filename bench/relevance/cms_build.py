"""Build one read model through the CMS, as the product does it (run by ``run.py``).

Run in its own process, with the environment ``run.py`` prepares (a throwaway
data folder and SQLite database, the search backend's ``SEARCH_*`` variables,
``HUB_OUTBOUND_ALLOWED_HOSTS=127.0.0.1`` so the harvester may read the loopback
feeds)::

    python bench/relevance/cms_build.py migrate
    python bench/relevance/cms_build.py build SPEC.json

``migrate`` prepares a database (``run.py`` copies it for every build);
``build`` loads the staff glossary when the spec asks for it, registers the
spec's feeds as external sources, runs the harvester once and the indexer
until the outbox is drained, and prints one JSON line with what it did.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO / "cms"), str(REPO)]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db.models import Count  # noqa: E402

from harvest.choices import RunStatus  # noqa: E402
from harvest.models import ExternalItem, ExternalSource  # noqa: E402
from indexing.models import OutboxEntry  # noqa: E402

#: Indexer passes before giving up on rows that stay pending (retries back off).
MAX_INDEXER_PASSES = 200
#: Failed attempts of one row after which the build stops: the indexer would go
#: on retrying for minutes, but a benchmark on a broken backend is worthless.
GIVE_UP_ATTEMPTS = 3


class BuildError(RuntimeError):
    pass


def register_sources(sources: list[dict[str, str]]) -> list[ExternalSource]:
    made = []
    for spec in sources:
        source = ExternalSource(
            name=spec["name"], url=spec["url"], kind=spec["kind"], locale=spec["locale"]
        )
        source.full_clean()
        source.save()
        made.append(source)
    return made


def harvest(sources: list[ExternalSource]) -> None:
    call_command("harvest", "--force", stdout=sys.stderr, stderr=sys.stderr)
    failed = []
    for source in sources:
        source.refresh_from_db()
        if source.last_status == RunStatus.FAILED:
            failed.append(f"{source.name}: {source.last_error}")
    if failed:
        raise BuildError("harvest failed: " + "; ".join(failed))


def drain_outbox() -> None:
    """``run_indexer --once`` until no row is pending."""
    pending = OutboxEntry.objects.filter(state=OutboxEntry.State.PENDING)
    for _ in range(MAX_INDEXER_PASSES):
        call_command("run_indexer", "--once", stdout=sys.stderr)
        if not pending.exists():
            break
        stuck = pending.filter(attempts__gte=GIVE_UP_ATTEMPTS).first()
        if stuck is not None:
            raise BuildError(
                f"the indexer keeps failing on {stuck}: {stuck.last_error}"
            )
        time.sleep(0.25)  # rows in retry wait for their next attempt
    else:
        raise BuildError(f"{pending.count()} outbox rows still pending")
    failed = OutboxEntry.objects.filter(state=OutboxEntry.State.FAILED)
    if failed.exists():
        first = failed.first()
        raise BuildError(
            f"{failed.count()} outbox rows failed, e.g. {first}: {first.last_error}"
        )


def build(spec: dict) -> dict:
    if spec["glossary"]:
        call_command("load_glossary", stdout=sys.stderr)
    sources = register_sources(spec["sources"])
    harvest(sources)
    drain_outbox()
    locales = dict(
        ExternalItem.objects.values_list("locale")
        .annotate(n=Count("pk"))
        .values_list("locale", "n")
    )
    indexed = OutboxEntry.objects.filter(state=OutboxEntry.State.DONE)
    return {
        "items": ExternalItem.objects.count(),
        "items_by_locale": locales,
        "glossary_documents": indexed.filter(doc_id__startswith="glossary:")
        .values("doc_id")
        .distinct()
        .count(),
        "external_documents": indexed.filter(doc_id__startswith="external:")
        .values("doc_id")
        .distinct()
        .count(),
    }


def main(argv: list[str]) -> int:
    if argv[:1] == ["migrate"]:
        call_command("migrate", interactive=False, verbosity=0)
        return 0
    if len(argv) == 2 and argv[0] == "build":
        spec = json.loads(Path(argv[1]).read_text("utf-8"))
        try:
            summary = build(spec)
        except BuildError as exc:
            sys.stderr.write(f"{exc}\n")
            return 1
        sys.stdout.write(json.dumps(summary) + "\n")
        return 0
    sys.stderr.write(__doc__ or "")
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
