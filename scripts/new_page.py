"""Create a new page in English, Swedish and Russian, ready to fill in.

    python scripts/new_page.py method "Harbour Dialogue Pilot"

A thin wrapper: the command is redsite/cli/new_page.py, which `make` installs into .venv
(also as `red-new-page`).
"""

import sys

try:
    from redsite.cli.new_page import main
except ModuleNotFoundError as missing:  # run with a Python that lacks the site's packages
    sys.exit(f"error: this Python lacks the package '{missing.name}' that the site needs\n"
             "    how to fix: run 'make serve' (or 'make test') once to set up .venv, then run\n"
             "    .venv/bin/python scripts/new_page.py ... (or 'source .venv/bin/activate' first)")

if __name__ == "__main__":
    sys.exit(main())
