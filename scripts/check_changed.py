"""The translation validator, limited to what a change touches (pull requests, pre-commit).

    python scripts/check_changed.py docs/methods/x.md docs_sv/methods/x.md
    python scripts/check_changed.py --base origin/main --github      # in a pull request's workflow

A thin wrapper: the command is redsite/cli/check_changed.py, which `make` installs into .venv
(also as `red-check-changed`).
"""

import sys

try:
    from redsite.cli.check_changed import main
except ModuleNotFoundError as missing:  # run with a Python that lacks the site's packages
    sys.exit(f"error: this Python lacks the package '{missing.name}' that the site needs\n"
             "    how to fix: run 'make serve' (or 'make test') once to set up .venv, then run\n"
             "    .venv/bin/python scripts/check_changed.py ... (or 'source .venv/bin/activate' first)")

if __name__ == "__main__":
    sys.exit(main())
