"""How much longer the site's build takes with one page at the limits of redsite.page_limits (the worst a
contributor can send that the source policy accepts) than the real site's build.

    .venv/bin/python scripts/benchmark_limits.py                  # every worst page, HTML build (RED_SKIP_PDF=1)
    .venv/bin/python scripts/benchmark_limits.py --pdf            # with the PDF, DOCX and ODT guides and zips
    .venv/bin/python scripts/benchmark_limits.py every-limit code  # some of them

Each page is a method page, the same text in docs/, docs_sv/ and docs_ru/ (so Markdown, typography and the
search read it once per language), on a copy of the repository. Each is checked first: the source policy must
accept it. The script prints the wall and CPU time (the build's and its subprocesses') of the real site, then
of each page added and the difference, and the validator's; it asserts nothing. The pages are where the fuzzing
of Python-Markdown, Pygments and our own patterns found them slowest under the limits.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from redsite.model import load_model
from redsite.page_limits import MarkdownLimits
from redsite.site_copy import copy_repo
from redsite.source_text import Limits

REPO = Path(__file__).resolve().parents[1]
MODEL = load_model()
LIMITS = MarkdownLimits.of(MODEL)
PAGE_BYTES = Limits.of(MODEL).page_bytes - 2048  # room for the front matter and the section headings
HEAD = """---
type: method
title: At the limits
summary: A page at the limits of the source policy.
work_package: [a]
themes: [networking]
regions: [blekinge]
last_reviewed: 2026-01-15
sources: [red-description]
example: false
origin: red
---
"""
LINK = "(#limits)"  # links that lead somewhere, in every language: the strict build refuses others
IMAGE = "(../assets/images/search-magnify.svg)"


def filled(paragraph: str, separator: str = "\n\n") -> str:
    """`paragraph` repeated to the size of a page."""
    count = max(1, PAGE_BYTES // len((paragraph + separator).encode("utf-8")))
    return separator.join([paragraph] * count)


def line_of(unit: str, length: int = LIMITS.line_chars) -> str:
    """As many whole `unit`s as fit in a line of `length` characters."""
    return unit * (length // len(unit))


def nested_list() -> str:
    return "\n".join("    " * depth + f"- item {depth}" for depth in range(LIMITS.nesting))


def full_table(cell: str) -> str:
    """A table as wide as allowed, with as many rows as the page's cells allow."""
    rows = LIMITS.table_cells // LIMITS.table_columns - 1
    return ("|" + "a|" * LIMITS.table_columns + "\n|" + "-|" * LIMITS.table_columns + "\n"
            + ("|" + f"{cell}|" * LIMITS.table_columns + "\n") * rows)


CODE = "```bash\n" + "\n".join([line_of("$\t0")] * 16) + "\n```"  # Pygments' slowest line in bash (fuzzing)
MARKUP = re.compile(r"[*_\[\]!`<>&\\~{}|]")


def markup_then_code(paragraph: str, budget: int = LIMITS.markup_characters, room: int = PAGE_BYTES) -> str:
    """`paragraph` repeated while `budget` markup characters last, then code up to `room` bytes, which spends none
    of them (the worst a page can hold: markup costs most, code next)."""
    count = max(1, (budget - 200) // max(1, len(MARKUP.findall(paragraph))))  # 200: the fences of the code
    head = "\n\n".join([paragraph] * count)
    room -= len(head.encode("utf-8"))
    return head + "\n\n" + "\n\n".join([CODE] * max(0, room // len(CODE.encode("utf-8") + b"\n\n")))


def every_limit() -> str:
    """A part at each limit, then the page's markup spent on the worst prose, then code."""
    table = full_table("1")
    abbreviations = "".join(f"*[W{number}]: word {number}\n" for number in range(LIMITS.abbreviations))
    html = "<div>" * LIMITS.nesting + "deep" + "</div>" * LIMITS.nesting
    unended = "\n".join(["x <a b=c"] * LIMITS.unended_tags)
    prose = line_of(f"W1 [[[a]]] [b]{LINK} `d` *e* ]* — " + " " * 10, 1000)
    parts = "\n\n".join([table, abbreviations, html, unended, nested_list()])
    return parts + "\n\n" + markup_then_code(prose, LIMITS.markup_characters - len(MARKUP.findall(parts)),
                                             PAGE_BYTES - len(parts.encode("utf-8")))


PAGES = {
    "every-limit": every_limit,
    # the worst patterns the fuzzing found, as much of them as the limits allow, then code
    "stars-and-underscores": lambda: markup_then_code("\n".join([line_of("*_", 1000)] * 4)),
    "brackets-and-stars": lambda: markup_then_code(line_of("]*", 1000)),
    "closing-tags": lambda: markup_then_code(line_of("</b>", 1000)),
    "links": lambda: markup_then_code(line_of(f"[[[a]]]{LINK} ![c]{IMAGE} [e][f] <http://g.example> ", 1000)),
    "emphasis": lambda: markup_then_code(line_of("*a* _b_ **c** `d` ", 1000)),
    "code": lambda: filled(CODE),
    "code-spans": lambda: filled(line_of("a `a` ")),
    "table": lambda: full_table("*1* `2`"),
    "nesting": lambda: filled(nested_list()),
    "headings": lambda: markup_then_code("\n\n".join(["## Plan"] * (LIMITS.headings - 10)), budget=201),
    "dashes": lambda: filled(line_of("слово" + " " * LIMITS.run + "— ")),
}


def page(name: str, lang: str = "en") -> str:
    """The page in `lang`: the same body, the method's section headings in that language."""
    sections = [MODEL.section_title(section, lang) for section in MODEL.content_types["method"].sections]
    return (HEAD + "\n## Limits {#limits}\n\n" + PAGES[name]()
            + "".join(f"\n\n## {section}\n\nText." for section in sections) + "\n")


def refused(root: Path, rel: str) -> list[str]:
    """What the source policy and the content model say about the page: nothing, or it is no benchmark."""
    from redsite.frontmatter import validate_page
    from redsite.pages import PageFile, read_page
    from redsite.source_policy import check_sources

    problems = [problem.render() for problem in check_sources(root) if rel in problem.path]
    for language in MODEL.languages:
        parsed = read_page(PageFile(language.code, rel, root / language.tree / rel), root)
        problems += [problem.render() for problem in validate_page(parsed, language.code, MODEL, "method")]
    return problems


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, int]:
    """Wall and CPU seconds (with every subprocess) and the exit code of `command`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env={**os.environ, **env})
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    if result.returncode:
        print("\n".join("      " + line for line in (result.stdout + result.stderr).splitlines()[-6:]), file=sys.stderr)
    return wall, cpu, result.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", metavar="PAGE", help=f"pages to time: {', '.join(PAGES)} (default: all)")
    parser.add_argument("--pdf", action="store_true", help="build the PDF, DOCX and ODT guides and zips too")
    arguments = parser.parse_args()
    names = arguments.pages or list(PAGES)
    if set(names) - set(PAGES):
        parser.error(f"unknown page(s): {', '.join(sorted(set(names) - set(PAGES)))}")
    env = {"NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000", "RED_SKIP_PDF": "0" if arguments.pdf else "1"}
    with tempfile.TemporaryDirectory() as scratch:
        root = copy_repo(Path(scratch) / "repo")
        env["RED_PDF_CACHE"] = str(Path(scratch) / "pdf-cache")
        build = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(Path(scratch) / "site")]
        check = [sys.executable, str(root / "scripts" / "check_translations.py"), "--root", str(root)]
        timed(build, root, env)  # a first build warms the caches and the disk for both rows
        base = timed(build, root, env)
        base_check = timed(check, root, env)
        print(f"{'page':<14} {'KB':>5} {'build wall':>11} {'build CPU':>10} {'+CPU':>7} {'check CPU':>10}")
        print(f"{'(real site)':<14} {'':>5} {base[0]:>10.1f}s {base[1]:>9.1f}s {'':>7} {base_check[1]:>9.1f}s")
        for name in names:
            text = page(name)
            rel = f"methods/at-the-limits-{name}.md"
            for language in MODEL.languages:
                (root / language.tree / rel).write_text(page(name, language.code), encoding="utf-8")
            problems = refused(root, rel)
            if problems:
                print(f"{name}: the source policy refuses it:\n" + "\n".join(problems[:5]), file=sys.stderr)
                return 1
            wall, cpu, code = timed(build, root, env)
            check_cpu = timed(check, root, env)[1]
            size = len(text.encode("utf-8")) // 1024
            print(f"{name:<14} {size:>5} {wall:>10.1f}s {cpu:>9.1f}s {cpu - base[1]:>+6.1f}s {check_cpu:>9.1f}s"
                  + ("" if code == 0 else f"  (exit {code})"), flush=True)
            for language in MODEL.languages:
                (root / language.tree / rel).unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
