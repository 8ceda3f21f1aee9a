"""The pages a change adds, changes or removes, as Markdown (the pull request's job summary).

    python scripts/preview_summary.py --base origin/main      (make preview-summary BASE=origin/main)

A thin wrapper: the command is redsite/cli/preview_summary.py.
"""

import sys

try:
    from redsite.cli.preview_summary import main
except ModuleNotFoundError as missing:  # run with a Python that lacks the site's packages
    sys.exit(f"error: this Python lacks the package '{missing.name}' that the site needs\n"
             "    how to fix: run 'make serve' (or 'make test') once to set up .venv, then run\n"
             "    .venv/bin/python scripts/preview_summary.py ... (or 'source .venv/bin/activate' first)")

if __name__ == "__main__":
    sys.exit(main())
