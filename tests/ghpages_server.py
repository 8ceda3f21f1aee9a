"""A test server that answers like GitHub Pages does for a project site.

- the site lives under a base path (`/red-knowledge/`); anything outside it is missing;
- a directory without its trailing slash is redirected (301) to the slash form;
- a directory is served by its index.html;
- a missing path gets status 404 and the site's ROOT 404.html, whatever the language
  folder: GitHub Pages does not look for `sv/404.html`;
- a file may be cached for ten minutes (GitHub Pages' `Cache-Control: max-age=600`), so a browser
  loads the theme's scripts, styles and fonts once, not on every page.

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


class GitHubPagesHandler(SimpleHTTPRequestHandler):
    site: Path
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


def make_server(site: Path, port: int = 0, base: str = "/red-knowledge/") -> GitHubPagesServer:
    handler = type("Handler", (GitHubPagesHandler,), {"site": Path(site).resolve(), "base": base})
    return GitHubPagesServer(("127.0.0.1", port), handler)


@contextmanager
def serving(site: Path, port: int = 0, base: str = "/red-knowledge/"):
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
    base_path = sys.argv[3] if len(sys.argv) > 3 else "/red-knowledge/"
    server = make_server(site_dir, chosen_port, base_path)
    print(f"Serving {site_dir} like GitHub Pages on http://127.0.0.1:{chosen_port}{base_path}")
    server.serve_forever()
