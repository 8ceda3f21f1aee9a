"""Check that every page is translated, current and built like its English original.

    python scripts/check_translations.py [--format text|json|markdown|github] [--lang sv|ru]
    python scripts/check_translations.py --stamp docs_sv/methods/x.md [more files or folders]

A thin wrapper: the command is redsite/cli/check_translations.py, which `make` installs into .venv
(also as `red-check-translations`).
"""

import sys

try:
    from redsite.cli.check_translations import main
except ModuleNotFoundError as missing:  # run with a Python that lacks the site's packages
    sys.exit(f"error: this Python lacks the package '{missing.name}' that the site needs\n"
             "    how to fix: run 'make serve' (or 'make test') once to set up .venv, then run\n"
             "    .venv/bin/python scripts/check_translations.py ... (or 'source .venv/bin/activate' first)")

if __name__ == "__main__":
    sys.exit(main())
