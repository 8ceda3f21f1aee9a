"""Create a new page in English, Swedish and Russian, ready to fill in.

    python scripts/new_page.py method "Harbour Dialogue Pilot"

writes docs/methods/harbour-dialogue-pilot.md and its Swedish and Russian
siblings in docs_sv/ and docs_ru/ (marked as pending translation). The logic
lives in redsite/scaffold.py; `make` installs this command as `red-new-page` too.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from redsite import scaffold
from redsite.model import REPO_ROOT, load_model


def main(argv: list[str] | None = None) -> int:
    model = load_model()
    parser = argparse.ArgumentParser(
        prog="python scripts/new_page.py",
        description="Create a new page in every language of the site, with complete front matter "
                    "and the required sections.",
        epilog='example: python scripts/new_page.py method "Harbour Dialogue Pilot"',
    )
    parser.add_argument("type", help=f"the kind of page: {', '.join(model.content_types)}")
    parser.add_argument("title", help="the page title in English, in quotes")
    parser.add_argument("--slug", help="the file name without .md (default: made from the title)")
    parser.add_argument("--date", help="the 'last_reviewed' date, YYYY-MM-DD (default: today)")
    parser.add_argument("--root", type=Path, default=REPO_ROOT,
                        help="the repository's top folder (default: the one this script is in)")
    args = parser.parse_args(argv)
    try:
        date = scaffold.parse_date(args.date) if args.date else None
        pages = scaffold.plan(args.type, args.title, args.root, date=date, slug=args.slug, model=model)
        written = scaffold.write(pages)
    except scaffold.ScaffoldError as error:
        print(error.render(), file=sys.stderr)
        return 2
    root = args.root.resolve()
    print("Created:")
    for path in written:
        print(f"  {path.resolve().relative_to(root).as_posix()}")
    english = next(page.path for page in pages if page.lang == model.default_language.code)
    english = english.resolve().relative_to(root).as_posix()
    print(f"\nNext: replace every {scaffold.PLACEHOLDER} in {english}, then run 'make check' and 'make serve'.\n"
          "The Swedish and Russian files hold the English text to translate; they stay marked\n"
          "'pending: true' (and the site says so) until a translator has finished them.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
