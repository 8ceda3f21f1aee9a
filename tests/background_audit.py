"""The every-page audit (tests/site_audit.py) in a process of its own. conftest.py starts it as soon as
the real site is served, when the session is to run test_every_page_browser.py, whose tests run last
and wait for its findings: meanwhile it runs beside the rest of the suite, on the machine's other core.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from layers import require
from site_audit import Audit

AUDIT = Path(__file__).resolve().parent / "site_audit.py"


class BackgroundAudit:
    def __init__(self, findings: Path):
        self.findings = findings
        self.process: subprocess.Popen | None = None

    def start(self, site: Path, url: str, pages: list[str] | None = None) -> None:
        """Audit every page of `site` (or only `pages`), served at `url`; once: later calls find it started."""
        if self.process is None:
            require("browser", "starts the every-page audit in Chromium")
            only = ["--only", *pages] if pages else []
            self.process = subprocess.Popen(
                [sys.executable, str(AUDIT), str(site), "--url", url, "--json", str(self.findings), *only],
                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def result(self, timeout: float = 1800) -> Audit:
        """The findings, once the audit has finished (it fails the tests that ask, if it did not)."""
        assert self.process is not None, "the every-page audit was never started"
        output, _ = self.process.communicate(timeout=timeout)
        assert self.process.returncode == 0, f"the every-page audit failed (exit {self.process.returncode}):\n{output}"
        return Audit.from_json(self.findings.read_text(encoding="utf-8"))

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.communicate()
