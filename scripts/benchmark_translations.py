"""How long the translation check takes: on a generated site of 1,000 pages per language and on this one.

    python scripts/benchmark_translations.py [--pages 1000] [--repeat 3]

The generated pages follow the content model (every front-matter field, the required sections in
each language, links, tables, admonitions); almost all translations are stamped and current, a few
are outdated, missing or pending, as on a real site. Prints wall-clock figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from redsite import outline, pages
from redsite.model import REPO_ROOT, load_model
from redsite.sample_site import generate_site
from redsite.translations.report import TranslationReport, build_report

CLI = Path(__file__).resolve().with_name("check_translations.py")

def time_in_process(root: Path, repeat: int) -> tuple[float, float, TranslationReport]:
    """(first run with empty caches, best later run) in seconds."""
    pages.forget_parses()
    outline.parse_outline.cache_clear()
    start = time.perf_counter()
    report = build_report(root)
    first = time.perf_counter() - start
    later = []
    for _ in range(repeat):
        start = time.perf_counter()
        build_report(root)
        later.append(time.perf_counter() - start)
    return first, min(later), report


def time_command(root: Path, output_format: str, repeat: int) -> float:
    """Best wall-clock time of the whole command (new Python process each time)."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, str(CLI), "--root", str(root), "--format", output_format],
                       stdout=subprocess.DEVNULL, check=False)
        best = min(best, time.perf_counter() - start)
    return best


def describe(name: str, root: Path, repeat: int) -> None:
    first, warm, report = time_in_process(root, repeat)
    model = load_model()
    files = sum(len(pages.list_pages(code, root, model)) for code in model.codes)
    english = len(pages.list_pages(model.default_language.code, root, model))
    print(f"{name}: {english} English pages, {files} files read, {len(report.problems)} problems")
    print(f"  build_report, empty caches : {first * 1000:8.1f} ms  ({first / max(files, 1) * 1e6:.0f} µs per file)")
    print(f"  build_report, cached pages : {warm * 1000:8.1f} ms")
    for output_format in ("json", "text"):
        print(f"  command, --format {output_format:<9}: {time_command(root, output_format, repeat) * 1000:8.1f} ms "
              "(new process, incl. Python start-up)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000, help="pages per language (default 1000)")
    parser.add_argument("--repeat", type=int, default=3)
    arguments = parser.parse_args()
    model = load_model()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        start = time.perf_counter()
        figures = generate_site(root, arguments.pages, model)
        shutil.copytree(REPO_ROOT / "data", root / "data")  # the glossary, for the terminology check
        print(f"generated {arguments.pages} pages per language in {time.perf_counter() - start:.1f} s "
              f"({figures['stale']} outdated, {figures['missing']} missing, {figures['pending']} pending translations)")
        describe("generated site", root, arguments.repeat)
    describe("this repository", REPO_ROOT, arguments.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
