#!/usr/bin/env python
"""Django's command-line utility for the Integration Norden Hub CMS."""

import os
import sys
from pathlib import Path


def main() -> None:
    here = Path(__file__).resolve().parent
    # The CMS apps live beside this file; the shared packages one level up.
    for path in (str(here), str(here.parent)):
        if path not in sys.path:
            sys.path.insert(0, path)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
