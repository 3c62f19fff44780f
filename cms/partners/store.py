"""The key file the GraphQL service reads: rewritten atomically on every change."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import orjson
from django.conf import settings

from partners.models import ApiKey


def write_key_store(path: Path | None = None) -> Path:
    """Write every key (hashes only) to the store; readers never see half a file."""
    target = Path(path or settings.HUB_API_KEYS_FILE)
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = {"keys": [key.as_store_entry() for key in ApiKey.objects.order_by("pk")]}
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".api_keys.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(orjson.dumps(payload, option=orjson.OPT_INDENT_2))
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, 0o640)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target
