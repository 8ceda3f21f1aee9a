"""A test server that answers like GitHub Pages does for a project site.

- the site lives under a base path (`/red-knowledge/`); anything outside it is missing;
- a directory without its trailing slash is redirected (301) to the slash form;
- a directory is served by its index.html;
- a missing path gets status 404 and the site's ROOT 404.html, whatever the language
  folder: GitHub Pages does not look for `sv/404.html`;
- a file may be cached for ten minutes (GitHub Pages' `Cache-Control: max-age=600`), so a browser
  loads the theme's scripts, styles and fonts once, not on every page.

The tests use one `SiteServer` for the whole session: its port is picked by the OS (port 0) and bound
once, before the first build (sites are built for its address), and held until the end; it serves one
site at a time, whichever the test under way asks for.

Run by hand: `python tests/ghpages_server.py SITE_DIR [PORT] [BASE]`.
"""

from __future__ import annotations

import sys
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

CACHE_CONTROL = "max-age=600"
BASE = "/red-knowledge/"


class GitHubPagesHandler(SimpleHTTPRequestHandler):
    site: Path | None
    base: str  # "/red-knowledge/"

    def log_message(self, *args):
        pass

    def _resolve(self) -> tuple[str, Path | None]:
        """('file', path) | ('redirect', None) | ('missing', None) for the request path."""
        path = unquote(urlsplit(self.path).path)
        if not (path + "/").startswith(self.base):
            return "missing", None
        relative = path[len(self.base):] if path.startswith(self.base) else ""
        if ".." in Path(relative).parts:
            return "missing", None
        target = (self.site / relative).resolve()
        if not target.is_relative_to(self.site):
            return "missing", None
        if target.is_dir():
            if not path.endswith("/"):
                return "redirect", None
            target = target / "index.html"
        return ("file", target) if target.is_file() else ("missing", None)

    def _answer(self, with_body: bool) -> None:
        if self.site is None:  # a session server between sites
            self.send_error(503, "no site is being served")
            return
        kind, target = self._resolve()
        if kind == "redirect":
            split = urlsplit(self.path)
            location = split.path + "/" + (f"?{split.query}" if split.query else "")
            self.send_response(301)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status = 200
        if kind == "missing":
            status, target = 404, self.site / "404.html"
        body = target.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(target)))
        self.send_header("Content-Length", str(len(body)))
        if status == 200:
            self.send_header("Cache-Control", CACHE_CONTROL)
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def do_GET(self):
        self._answer(with_body=True)

    def do_HEAD(self):
        self._answer(with_body=False)


class GitHubPagesServer(ThreadingHTTPServer):
    daemon_threads = True


def make_server(site: Path | None, port: int = 0, base: str = BASE) -> GitHubPagesServer:
    root = None if site is None else Path(site).resolve()
    handler = type("Handler", (GitHubPagesHandler,), {"site": root, "base": base})
    return GitHubPagesServer(("127.0.0.1", port), handler)


class SiteServer:
    """The Pages-like server of a test session. Its port is bound (by the OS: port 0) when it is made and
    held until `close`, so the address that sites are built for stays this server's; `start` begins
    answering, `serving(site)` chooses the site it answers with."""

    def __init__(self, base: str = BASE):
        self.httpd = make_server(None, 0, base)
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.url = self.origin + base.lstrip("/")
        self._thread: threading.Thread | None = None

    def start(self) -> SiteServer:
        if self._thread is None:
            self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
            self._thread.start()
        return self

    @contextmanager
    def serving(self, site: Path):
        """Answer with `site` inside the block (the site served before it afterwards); yields the site's URL."""
        handler = self.httpd.RequestHandlerClass
        before, handler.site = handler.site, Path(site).resolve()
        try:
            yield self.url
        finally:
            handler.site = before

    def close(self) -> None:
        if self._thread is not None:
            self.httpd.shutdown()
        self.httpd.server_close()


@contextmanager
def serving(site: Path, port: int = 0, base: str = BASE):
    """Serve `site` in a background thread; yields the site's root URL."""
    httpd = make_server(site, port, base)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}{base}"
    finally:
        httpd.shutdown()
        httpd.server_close()


if __name__ == "__main__":
    site_dir = Path(sys.argv[1])
    chosen_port = int(sys.argv[2]) if len(sys.argv) > 2 else 8000
    base_path = sys.argv[3] if len(sys.argv) > 3 else BASE
    server = make_server(site_dir, chosen_port, base_path)
    print(f"Serving {site_dir} like GitHub Pages on http://127.0.0.1:{chosen_port}{base_path}")
    server.serve_forever()
