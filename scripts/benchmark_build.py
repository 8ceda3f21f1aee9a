"""How long `mkdocs build` takes without PDFs, with PDFs from a cold cache, and from a warm one.

With PDFs come the other downloads: the DOCX/ODT guides (cached like the PDFs,
in RED_PDF_CACHE + "-editable") and the offline zips; the Atom feeds are written in every
build. Each row prints the log line of each of these steps.

    .venv/bin/python scripts/benchmark_build.py                 # the three figures
    .venv/bin/python scripts/benchmark_build.py --workers 1 2   # cold-cache PDF builds per process count

Every build goes into a fresh temporary site directory; the PDF cache is a temporary
folder too (RED_PDF_CACHE), so the repository's own .cache/pdf is never touched.
Builds run like `make build` (--strict); pass --no-strict to time a tree that has warnings.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
STEP_LINES = [re.compile(pattern) for pattern in (
    r"PDF guides[^\n]*", r"DOCX/ODT guides[^\n]*", r"Offline copies[^\n]*", r"Atom feed [^\n]*")]


def build(site: Path, env: dict[str, str], strict: bool) -> tuple[float, int, str]:
    """Wall time, exit code and the log lines of the output steps of one `mkdocs build`."""
    mode = "--strict" if strict else "--no-strict"
    command = [sys.executable, "-m", "mkdocs", "build", mode, "--site-dir", str(site)]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env})
    seconds = time.perf_counter() - started
    log = result.stdout + result.stderr
    found = [match.group(0) for pattern in STEP_LINES for match in pattern.finditer(log)]
    if result.returncode:
        print(f"    build exited with {result.returncode}; last lines of its log:", file=sys.stderr)
        print("\n".join("      " + line for line in log.splitlines()[-8:]), file=sys.stderr)
    return seconds, result.returncode, "\n".join(found) if found else "(no output step in the log)"


def output_totals(site: Path) -> str:
    parts = []
    for suffix, name in ((".pdf", "PDFs"), (".docx", "DOCX"), (".odt", "ODT"), (".zip", "offline zips"),
                         ("feed.xml", "Atom feeds")):
        files = [path for path in site.rglob(f"*{suffix}")]
        parts.append(f"{len(files)} {name}, {sum(f.stat().st_size for f in files) / 1e6:.1f} MB")
    return "; ".join(parts)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-strict", dest="strict", action="store_false", help="build without --strict")
    parser.add_argument("--workers", type=int, nargs="*", default=[],
                        help="also time cold-cache PDF builds with these RED_PDF_WORKERS values")
    args = parser.parse_args()
    print(f"Cores: {os.cpu_count()}; each row is one `mkdocs build` into a fresh site directory.\n")
    rows: list[tuple[str, float, int, str]] = []
    with tempfile.TemporaryDirectory(prefix="red-benchmark-") as temporary:
        root = Path(temporary)

        def run(label: str, env: dict[str, str]) -> Path:
            site = root / f"site-{len(rows)}"
            seconds, code, line = build(site, env, args.strict)
            rows.append((label, seconds, code, line))
            first, *more = line.splitlines() or [""]
            print(f"{label:<44} {seconds:7.1f} s   {first}", flush=True)
            for extra in more:
                print(f"{'':<56}{extra}", flush=True)
            return site

        run("without PDFs (RED_SKIP_PDF=1)", {"RED_SKIP_PDF": "1"})
        cache = root / "cache"
        site = run("with PDFs, cold cache", {"RED_PDF_CACHE": str(cache)})
        run("with PDFs, warm cache", {"RED_PDF_CACHE": str(cache)})
        print(f"\nOutput: {output_totals(site)}")
        for workers in args.workers:
            run(f"with PDFs, cold cache, RED_PDF_WORKERS={workers}",
                {"RED_PDF_CACHE": str(root / f"cache-{workers}"), "RED_PDF_WORKERS": str(workers)})
    failed = [label for label, _, code, _ in rows if code]
    if failed:
        print(f"\n{len(failed)} build(s) failed: {', '.join(failed)} (see above; try --no-strict)", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
