"""One shape for every finding: the build, the validator and the scaffolder report these."""

from __future__ import annotations

from dataclasses import asdict, dataclass

# How much a finding weighs. An error stops the build or fails a pull request; a warning is something the site
# already tells its readers about (a translation that is pending, missing or outdated): it never holds up a change.
ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Problem:
    kind: str
    lang: str
    path: str
    line: int | None
    message: str
    hint: str = ""
    level: str = ERROR

    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def render(self) -> str:
        text = f"{self.location()}: {self.message}"
        return f"{text}\n    how to fix: {self.hint}" if self.hint else text

    def as_dict(self) -> dict:
        return asdict(self)
