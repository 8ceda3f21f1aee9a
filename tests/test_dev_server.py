"""`make serve` (scripts/serve.py, redsite.dev_server): a failed build is shown in the browser, escaped, on every
page, and the site comes back by itself once the file is fixed; the server never stops answering."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import REPO

SERVE = REPO / "scripts" / "serve.py"
BROKEN = 'hosts: "<script>alert(1)</script>"\n'  # an unknown field, with markup in it
WAIT = 180  # seconds for a build of the whole site on a busy machine


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    """The answer within 30 s: a server that hangs fails the test here."""
    with urllib.request.urlopen(url, timeout=30) as answer:
        return answer.status, answer.read().decode("utf-8")


def wait_for(url: str, wanted: str) -> str:
    deadline = time.monotonic() + WAIT
    last = ""
    while time.monotonic() < deadline:
        try:
            status, last = fetch(url)
        except OSError:  # not listening yet
            time.sleep(0.5)
            continue
        if status == 200 and wanted in last:
            return last
        time.sleep(0.5)
    raise AssertionError(f"{url} never showed {wanted!r}; last answer:\n{last[:2000]}")


def message(page: str) -> str:
    return page.split("<pre>", 1)[1].split("</pre>", 1)[0]


def set_front_matter_line(path, line: str | None) -> None:
    text = path.read_text(encoding="utf-8")
    text = text.replace(BROKEN, "")
    if line:
        text = text.replace("\n---\n", "\n" + line + "---\n", 1)
    path.write_text(text, encoding="utf-8")


def test_a_failed_build_is_shown_on_every_page_until_the_next_build_passes(repo_copy):
    page = repo_copy / "docs" / "about.md"
    set_front_matter_line(page, BROKEN)
    port = free_port()
    address = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen([sys.executable, str(SERVE), "--dev-addr", f"127.0.0.1:{port}"], cwd=repo_copy,
                              env={**os.environ, "SITE_URL": address, "RED_SKIP_PDF": "1"},
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        # the first build fails: every page asked for is the message, with the file and line, escaped
        shown = wait_for(address, "The site could not be built")
        assert "docs/about.md:4:" in shown and "hosts" in shown and "how to fix:" in shown
        assert "<script>alert" not in shown and "<...>" not in shown and "remove the &lt;...&gt; tags" in shown
        other = wait_for(address + "sv/methods/", "The site could not be built")
        assert message(other) == message(shown) and message(shown)
        assert "/livereload/" in shown  # it reloads by itself

        set_front_matter_line(page, None)  # fixed: the site is back
        about = wait_for(address + "about/", "<title>About RED")
        assert "The site could not be built" not in about

        set_front_matter_line(page, BROKEN)  # broken again while serving: no hang, the message again
        wait_for(address + "about/", "docs/about.md:4:")
    finally:
        server.send_signal(signal.SIGINT)
        try:
            log, _ = server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            log, _ = server.communicate()
    assert "Traceback" not in log, log[-3000:]
    assert "The server will appear stuck" not in log
