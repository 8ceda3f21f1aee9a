"""A dataset as CSV: one row per record, one column per field, safe to open in a spreadsheet.

- UTF-8 with a byte-order mark: Excel reads a CSV without one in the system's code page, and Swedish and
  Russian text comes out garbled; CRLF line ends and quoting as RFC 4180 says (the csv module).
- A cell that starts with =, +, -, @, a tab or a carriage return is a formula to Excel and LibreOffice (it
  could compute, or fetch from the web, when the file is opened): such a cell gets a leading apostrophe,
  which the spreadsheet shows as text. The JSON keeps every value as it is.
- Lists are joined with "; " (the JSON keeps them as lists); the other language versions and the downloads
  get a column each.
"""

from __future__ import annotations

import csv
import io

from redsite.model import ContentModel
from redsite.open_data.records import DOWNLOAD_KINDS

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "


def spreadsheet_safe(text: str) -> str:
    """`text` as a cell a spreadsheet shows as text, never runs as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def columns(type_name: str, lang: str, model: ContentModel) -> list[str]:
    """The header: the page, its fields in the model's order, its last update, its other versions, its downloads."""
    return ["slug", "language", "url", *(spec.name for spec in model.fields_of(type_name)), "last_updated",
            *(f"translation_{code}" for code in model.codes if code != lang),
            *(f"download_{kind}" for kind in DOWNLOAD_KINDS)]


def cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return LIST_SEPARATOR.join(cell(item) for item in value)
    return str(value)


def row(record: dict, header: list[str]) -> list[str]:
    flat = dict(record)
    flat.update({f"translation_{code}": url for code, url in record.get("translations", {}).items()})
    flat.update({f"download_{kind}": url for kind, url in record.get("downloads", {}).items()})
    return [spreadsheet_safe(cell(flat.get(name))) for name in header]


def csv_bytes(records: list[dict], header: list[str]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(row(record, header) for record in records)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
