"""Create a new page in English, Swedish and Russian, ready to fill in; or write a translation stub again.

    python scripts/new_page.py method "Harbour Dialogue Pilot"
    python scripts/new_page.py study-visit "Harbour incubator" --example
    python scripts/new_page.py --refresh docs_sv/methods/harbour-dialogue-pilot.md     (make stub FILE=...)

The first writes docs/methods/harbour-dialogue-pilot.md and its Swedish and Russian stubs in docs_sv/ and
docs_ru/ (the English text, marked as pending translation: the site shows the English page until they are
translated). Whether the page is an invented example is asked when the command runs in a terminal, unless
--example or --real says it. --refresh makes a pending stub (or a missing translation) again from the English
page as it is now. The logic lives in redsite/scaffold.py and redsite/stubs.py; `make` installs this command
as `red-new-page` too.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from redsite import scaffold, stubs
from redsite.model import REPO_ROOT, load_model


def parse_arguments(argv: list[str] | None, model):
    parser = argparse.ArgumentParser(
        prog="python scripts/new_page.py",
        description="Create a new page in every language of the site, with complete front matter "
                    "and the required sections; or, with --refresh, write a translation stub again "
                    "from the English page.",
        epilog='examples: python scripts/new_page.py method "Harbour Dialogue Pilot"; '
               "python scripts/new_page.py --refresh docs_sv/methods/harbour-dialogue-pilot.md",
    )
    parser.add_argument("type", nargs="?", help=f"the kind of page: {', '.join(model.content_types)}")
    parser.add_argument("title", nargs="?", help="the page title in English, in quotes")
    parser.add_argument("--slug", help="the file name without .md (default: made from the title, at most "
                                       f"{scaffold.DEFAULT_SLUG_LENGTH} characters)")
    parser.add_argument("--date", help="the 'last_reviewed' date, YYYY-MM-DD (default: today)")
    kind = parser.add_mutually_exclusive_group()
    kind.add_argument("--example", action="store_true", default=None,
                      help="the page is an invented example that only shows the format")
    kind.add_argument("--real", dest="example", action="store_false",
                      help="the page reports a real method or event (not an example)")
    parser.add_argument("--refresh", nargs="+", metavar="FILE",
                        help="write these translation stubs again from the current English page (a translation "
                             "marked 'pending: true', or one that does not exist yet)")
    parser.add_argument("--root", type=Path, default=REPO_ROOT,
                        help="the repository's top folder (default: the one this script is in)")
    arguments = parser.parse_args(argv)
    if arguments.refresh and (arguments.type or arguments.title):
        parser.error("give either a kind and a title (a new page) or --refresh FILE (a stub), not both")
    if not arguments.refresh and not (arguments.type and arguments.title):
        parser.error('give the kind and the title, e.g. method "Harbour Dialogue Pilot" (or --refresh FILE)')
    return arguments


def ask_example(title: str, model) -> bool:
    """Whether the page is an invented example: asked in a terminal, else read from the title's prefix."""
    prefix = scaffold.ExampleRules.of(model).title_prefix
    titled = bool(prefix) and title.casefold().startswith(prefix.casefold())
    if not sys.stdin.isatty():
        return titled
    answer = input("Is this page an invented example that only shows the format (no real event, place or "
                   f"organisation)? [{'Y/n' if titled else 'y/N'}] ").strip().casefold()
    return titled if not answer else answer in ("y", "yes", "j", "ja", "д", "да")


def refresh(arguments, model) -> int:
    failed = 0
    for target in arguments.refresh:
        try:
            stub = stubs.plan_stub(target, arguments.root, model)
            stubs.write_stub(stub)
        except stubs.StubError as error:
            print(error.render(), file=sys.stderr)
            failed += 1
            continue
        print(f"{stub.repo_path}: {'written again' if stub.replaces else 'written'} from the English page, "
              "marked 'pending: true' (the site shows the English page until it is translated)")
    return 2 if failed else 0


def create(arguments, model) -> int:
    try:
        date = scaffold.parse_date(arguments.date) if arguments.date else None
        example = arguments.example if arguments.example is not None else ask_example(arguments.title, model)
        pages = scaffold.plan(arguments.type, arguments.title, arguments.root, date=date, slug=arguments.slug,
                              model=model, example=example)
        written = scaffold.write(pages)
    except scaffold.ScaffoldError as error:
        print(error.render(), file=sys.stderr)
        return 2
    root = arguments.root.resolve()
    print("Created" + (" an invented example" if example else "") + ":")
    for path in written:
        print(f"  {path.resolve().relative_to(root).as_posix()}")
    english = next(page.path for page in pages if page.lang == model.default_language.code)
    english = english.resolve().relative_to(root).as_posix()
    if arguments.slug is None and len(scaffold.slugify(arguments.title)) > scaffold.DEFAULT_SLUG_LENGTH:
        print(f"\nThe file name was shortened to {english.rsplit('/', 1)[-1]}; choose another with --slug.")
    print(f"\nNext: replace every {scaffold.PLACEHOLDER} in {english}, then run 'make check' and 'make serve'.\n"
          "The Swedish and Russian files are stubs that hold the English text: the site shows the English\n"
          "page in their place until a translator has finished them. After you change the English page,\n"
          f"take it into a stub again with: make stub FILE=<the stub's path>")
    return 0


def main(argv: list[str] | None = None) -> int:
    model = load_model()
    arguments = parse_arguments(argv, model)
    return refresh(arguments, model) if arguments.refresh else create(arguments, model)


if __name__ == "__main__":
    sys.exit(main())
