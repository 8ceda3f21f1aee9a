"""Write the pandoc reference documents that give the DOCX and ODT guides the site's print style.

    .venv/bin/python scripts/make_reference_docs.py

Starts from the reference documents of the pinned pandoc (`--print-default-data-file`) and gives them
what the PDF's print style (scripts/redsite/downloads/pdf/print.css) decides: A4 and its margins, a
running header and page numbers, sizes and colours, the boxes and tables (redsite.downloads.office:
reference_docx, reference_odt, style). The result is written with fixed zip timestamps, so running the
script twice gives identical files; a test checks that the committed files are what this script makes.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import zipfile
from pathlib import Path

from redsite.downloads.office.engine import REFERENCE_DOCS, pandoc_path
from redsite.downloads.office.reference_docx import DOCX_ADDED, DOCX_EDITS
from redsite.downloads.office.reference_odt import ODT_EDITS

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
EDITS = {"docx": DOCX_EDITS, "odt": ODT_EDITS}
ADDED = {"docx": DOCX_ADDED, "odt": {}}


def make(kind: str, target: Path) -> None:
    default = subprocess.run([pandoc_path(), "--print-default-data-file", f"reference.{kind}"],
                             capture_output=True, check=True).stdout
    source_file = target.with_suffix(".default")
    source_file.write_bytes(default)
    try:
        with zipfile.ZipFile(source_file) as source, zipfile.ZipFile(target, "w") as out:
            for info in source.infolist():
                data = source.read(info)
                edit = EDITS[kind].get(info.filename)
                if edit:
                    data = edit(data)
                fixed = zipfile.ZipInfo(info.filename, FIXED_TIME)
                # ODF wants 'mimetype' first and stored; keep every entry's own compression.
                fixed.compress_type = info.compress_type
                out.writestr(fixed, data)
            for name, make_part in ADDED[kind].items():
                fixed = zipfile.ZipInfo(name, FIXED_TIME)
                fixed.compress_type = zipfile.ZIP_DEFLATED
                out.writestr(fixed, make_part())
    finally:
        source_file.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", type=Path, help="write here instead of over the committed files")
    args = parser.parse_args(argv)
    for kind, committed in REFERENCE_DOCS.items():
        target = args.output_dir / committed.name if args.output_dir else committed
        make(kind, target)
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
