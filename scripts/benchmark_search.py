"""What the site search costs: index build time, index size per language, and bytes a reader downloads.

    .venv/bin/python scripts/benchmark_search.py [--pages 1000]

Two sites: this one, and a generated one with --pages pages per language, made by copying the real
method pages of the built site under new names (their titles numbered), so that the generated pages
carry real Swedish, Russian and English text. Each site is indexed with Pagefind as the build does.

Bytes are counted by the local server as it sends them, compressed the way GitHub Pages serves text
(gzip for HTML, CSS, JS, JSON; Pagefind's index files are gzip already and are sent as they are).
Chromium (Debian's) opens a page, moves the focus through it, then searches twice. Prints figures;
asserts nothing (the pass/fail checks are in tests/test_search*.py).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections import defaultdict
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from redsite import search_index
from redsite.model import REPO_ROOT, load_model

MODEL = load_model()
DEFAULT = MODEL.default_language.code
QUERIES = {"en": ("seminars", "public procurement"), "sv": ("seminarier", "upphandlingen"),
           "ru": ("семинарах", "государственных закупок")}
COMPRESSED_TYPES = (".html", ".css", ".js", ".json", ".svg", ".xml")
H1 = re.compile(r"(<h1[^>]*>)([^<]*)</h1>")


class CountingHandler(SimpleHTTPRequestHandler):
    """Serves the site, gzipping text as GitHub Pages does, and counts the bytes sent per path."""

    sent: dict[str, int] = defaultdict(int)

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes()
        gzipped = path.suffix in COMPRESSED_TYPES and "gzip" in self.headers.get("Accept-Encoding", "")
        if gzipped:
            body = gzip.compress(body, 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.sent[self.path.split("?", 1)[0]] += len(body)

    def log_message(self, *args):
        pass


def build_real_site(site: Path) -> None:
    env = {**os.environ, "RED_SKIP_PDF": "1", "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "http://127.0.0.1:8111/"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site)],
                            cwd=REPO_ROOT, capture_output=True, text=True, env=env)
    if result.returncode:
        sys.exit(f"the site did not build:\n{result.stdout[-3000:]}{result.stderr[-3000:]}")


def generate_site(real: Path, target: Path, pages: int) -> None:
    """A copy of the built site grown to `pages` pages per language with numbered copies of the method pages."""
    shutil.copytree(real, target)
    shutil.rmtree(target / search_index.BUNDLE_DIR, ignore_errors=True)
    for lang in MODEL.codes:
        root = target if lang == DEFAULT else target / lang
        methods = sorted(p for p in (root / "methods").glob("*/index.html"))
        have = len(search_index.read_fragments(real / search_index.BUNDLE_DIR)[lang])
        copy = 0
        while have < pages:
            for original in methods:
                if have >= pages:
                    break
                html = original.read_text(encoding="utf-8")
                page = root / "methods" / f"{original.parent.name}-{copy}" / "index.html"
                page.parent.mkdir(parents=True)
                page.write_text(H1.sub(lambda m, n=copy: f"{m.group(1)}{m.group(2)} ({n})</h1>", html, count=1),
                                encoding="utf-8")
                have += 1
            copy += 1


def measure_fetches(site: Path, port: int) -> dict[str, tuple[int, int, int, int]]:
    """Per language: bytes from /pagefind/ before any query, for the first query (and how much of it is
    index data rather than the UI, engine and wasm), for a second query."""
    from playwright.sync_api import sync_playwright

    from test_search_browser import open_search, search

    CountingHandler.sent.clear()
    handler = functools.partial(CountingHandler, directory=str(site))
    httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()

    def search_bytes(index_only: bool = False) -> int:
        return sum(size for path, size in CountingHandler.sent.items()
                   if "/pagefind/" in path and (not index_only or ".pf_" in path))

    figures = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium") or "/usr/bin/chromium",
                                                 args=["--no-sandbox", "--disable-gpu"])
            for lang in MODEL.codes:
                context = browser.new_context()  # an empty cache: a first visit
                page = context.new_page()
                CountingHandler.sent.clear()
                page.goto(f"http://127.0.0.1:{port}/{'' if lang == DEFAULT else lang + '/'}methods/seminars/",
                          wait_until="networkidle")
                for _ in range(8):
                    page.keyboard.press("Tab")
                page.wait_for_timeout(300)
                before = search_bytes()
                open_search(page)
                search(page, QUERIES[lang][0])
                first, first_index = search_bytes() - before, search_bytes(index_only=True)
                search(page, QUERIES[lang][1])
                second = search_bytes() - before - first
                figures[lang] = (before, first, first_index, second)
                context.close()
            browser.close()
    finally:
        httpd.shutdown()
    return figures


def describe(name: str, site: Path, port: int) -> None:
    indexed = search_index.index_finished_site(site)
    sizes = search_index.bundle_bytes_per_language(site / search_index.BUNDLE_DIR)
    fetched = measure_fetches(site, port)
    print(f"\n{name}: Pagefind indexed {indexed.summary} in {indexed.seconds:.1f} s")
    print(f"  {'language':<9}{'pages':>7}{'index on disk':>15}{'before a query':>16}"
          f"{'first query':>13}{'(index data)':>14}{'second query':>14}   queries")
    fragments = search_index.read_fragments(site / search_index.BUNDLE_DIR)
    for lang in MODEL.codes:
        before, first, first_index, second = fetched[lang]
        print(f"  {lang:<9}{len(fragments[lang]):>7}{sizes[lang] / 1024:>12.0f} KB{before:>14} B"
              f"{first / 1024:>10.0f} KB{first_index / 1024:>11.0f} KB{second / 1024:>11.0f} KB"
              f"   {' / '.join(QUERIES[lang])}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000, help="pages per language of the generated site")
    parser.add_argument("--port", type=int, default=8111, help="local port for the measuring server")
    args = parser.parse_args()
    print(f"Cores: {os.cpu_count()}. Bytes are as sent (gzip for text, as GitHub Pages does); "
          "'index on disk' counts one language's index, fragments, filters, metadata and wasm.")
    with tempfile.TemporaryDirectory(prefix="red-search-benchmark-") as temporary:
        real = Path(temporary) / "real"
        build_real_site(real)
        describe("Real site", real, args.port)
        generated = Path(temporary) / "generated"
        generate_site(real, generated, args.pages)
        describe(f"Generated site ({args.pages} pages per language)", generated, args.port)
    return 0


if __name__ == "__main__":
    sys.exit(main())
