"""`make serve`: MkDocs' live-reloading preview, which shows a failed build in the browser instead of hanging.

MkDocs' own server stops answering after a failed rebuild ("The server will appear stuck until build errors are
resolved"): the page the contributor is looking at just spins, and the reason is only in the terminal. Here every
build is guarded: when it fails, the server goes on answering, and every page it is asked for is a short page with
the build's message (file, line, how to fix), which reloads by itself once the next build passes. A file deleted
or renamed while the site is being built is reported the same way, without a traceback.

Only `make serve` uses this (scripts/serve.py); `mkdocs build` and the published site never see it.
"""

from __future__ import annotations

import html
import logging
import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError
from mkdocs.livereload import LiveReloadServer

log = logging.getLogger("mkdocs.plugins.red.serve")
CONTENT_ERRORS = (PluginError, ConfigurationError, Abort)  # our checks' messages: file, line, how to fix

ERROR_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>The site could not be built</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem;
       color: #1d1d1d; background: #fff; }}
pre {{ white-space: pre-wrap; overflow-wrap: anywhere; background: #fff4f4; border-left: 4px solid #b00020;
      padding: 1rem; }}
</style></head>
<body><main>
<h1>The site could not be built</h1>
<p>Fix what the message below names and save the file: this page reloads by itself when the site builds again.
The same message is in the terminal where <code>make serve</code> runs.</p>
<pre>{message}</pre>
</main></body></html>
"""


def describe(error: BaseException) -> str:
    """The message for a failed build: our checks' own wording, or what went wrong in one line."""
    if isinstance(error, CONTENT_ERRORS):
        return str(error).strip() or type(error).__name__
    if isinstance(error, FileNotFoundError | NotADirectoryError):
        name = getattr(error, "filename", None) or error
        return (f"a file changed while the site was being built: {name}\n"
                "    how to fix: nothing, if you deleted or renamed it on purpose; the site is built again "
                "at your next save")
    return f"{type(error).__name__}: {error}"


class _Errors(logging.Handler):
    """What MkDocs logs during a build at warning level and above: a plugin's message, or the warnings that
    fail a strict build, are logged first; then the build raises a bare Abort."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith("mkdocs.livereload"):  # the server's own request log
            self.messages.append(record.getMessage())


class ErrorPageServer(LiveReloadServer):
    """LiveReloadServer whose builds never raise: a failure is kept and shown on every page asked for."""

    def __init__(self, builder, *args, **kwargs) -> None:
        self.build_error: str | None = None

        def guarded(*build_args) -> None:
            errors = _Errors()
            logger = logging.getLogger("mkdocs")
            logger.addHandler(errors)
            try:
                builder(*build_args)
            except (Exception, SystemExit) as error:  # noqa: BLE001 - a preview shows every failure, never dies
                logged = "\n".join([*errors.messages, str(error)])
                self.build_error = logged if isinstance(error, Abort) and errors.messages else describe(error)
                log.error("The site could not be built: the browser shows the message above on every page "
                          "until it builds again." if logged and isinstance(error, Abort) else
                          f"The site could not be built; the browser shows this on every page until it builds "
                          f"again:\n{self.build_error}")
            else:
                self.build_error = None
            finally:
                logger.removeHandler(errors)

        super().__init__(guarded, *args, **kwargs)

    def serve_request(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if self.build_error is None or not (path.endswith("/") or path.endswith(".html")):
            return super().serve_request(environ, start_response)
        page = ERROR_PAGE.format(message=html.escape(self.build_error)).encode("utf-8")
        page = self._inject_js_into_html(page, self._visible_epoch)  # the live-reload poller, as on every page
        # 200: the server logs an error status as a warning, which a strict build under way would count
        start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(page)))])
        return [page]


def serve(config_file: str | None = None, dev_addr: str | None = None) -> None:
    """What `mkdocs serve --livereload` does (mkdocs.commands.serve), with ErrorPageServer."""
    site_dir = tempfile.mkdtemp(prefix="red_serve_")

    def get_config():
        options = {"site_dir": site_dir}
        if dev_addr:
            options["dev_addr"] = dev_addr
        return load_config(config_file=config_file, **options)

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    host, port = config.dev_addr
    mount_path = urlsplit(config.site_url or "/").path
    serve_url = f"http://{host}:{port}{mount_path if mount_path.endswith('/') else mount_path + '/'}"
    config.site_url = serve_url

    def builder(built=None) -> None:
        log.info("Building documentation...")
        if built is None:
            built = get_config()
            built.site_url = serve_url
        build(built, serve_url=serve_url, dirty=False)

    server = ErrorPageServer(builder=builder, host=host, port=port, root=site_dir, mount_path=mount_path)

    def error_handler(code) -> bytes | None:
        page = Path(site_dir) / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None

    server.error_handler = error_handler
    try:
        server.builder(config)
        server.watch(config.docs_dir)
        if config.config_file_path:
            server.watch(config.config_file_path)
        server = config.plugins.on_serve(server, config=config, builder=server.builder)
        for item in config.watch:
            server.watch(item)
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
