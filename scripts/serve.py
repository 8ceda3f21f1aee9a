"""`make serve`: the live-reloading preview at http://127.0.0.1:8000 that shows a failed build in the browser.

    .venv/bin/python scripts/serve.py --dev-addr 127.0.0.1:8000

Like `mkdocs serve --livereload`, except that a failed build is shown on every page (redsite/dev_server.py)
instead of leaving the browser waiting. For the preview only: the published site is built by `mkdocs build`.
"""

import argparse
import sys

try:
    from mkdocs.__main__ import State

    from redsite.dev_server import serve
except ModuleNotFoundError as missing:  # run with a Python that lacks the site's packages
    sys.exit(f"error: this Python lacks the package '{missing.name}' that the site needs\n"
             "    how to fix: run 'make serve', which sets up .venv first")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev-addr", default=None, help="IP:PORT to serve on (default: mkdocs.yml's, 127.0.0.1:8000)")
    parser.add_argument("--livereload", action="store_true", help="(always on; accepted like mkdocs serve's)")
    parser.add_argument("-f", "--config-file", default=None, help="mkdocs.yml to use")
    arguments = parser.parse_args(argv)
    state = State()  # MkDocs' own log format and level, as `mkdocs serve` prints it
    serve(arguments.config_file, arguments.dev_addr)
    del state
    return 0


if __name__ == "__main__":
    sys.exit(main())
