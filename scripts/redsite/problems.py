"""One shape for every finding: the build, the validator and the scaffolder report these."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

# Characters a terminal or a reader would not show as themselves: control characters (ESC erases a line or
# recolours a report), invisible and bidirectional ones, and the surrogates Python makes of the bytes of a file
# name that is not UTF-8 (a strict UTF-8 output cannot write them at all).
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069"
                         "\ufeff\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` with each unprintable character written as an escape: '\\x1b', '\\u202e'; a byte of a file name
    that is not UTF-8 as that byte, '\\xe9'."""
    return UNPRINTABLE.sub(_escape, text) if UNPRINTABLE.search(text) else text


def _escape(found: re.Match) -> str:
    code = ord(found.group())
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for the byte code - 0xDC00
        code -= 0xDC00
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
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
        path = printable(self.path)
        return f"{path}:{self.line}" if self.line else path

    def render(self) -> str:
        """For a terminal or a log: file names and messages written printably (a file name is the contributor's)."""
        text = f"{self.location()}: {printable(self.message)}"
        return f"{text}\n    how to fix: {printable(self.hint)}" if self.hint else text

    def as_dict(self) -> dict:
        return asdict(self)
