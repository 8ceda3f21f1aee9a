"""Write the pandoc reference documents that give the DOCX and ODT guides the site's print style.

    .venv/bin/python scripts/make_reference_docs.py

Starts from the reference documents of the pinned pandoc (`--print-default-data-file`)
and changes only what the print style (scripts/redsite/downloads/pdf/print.css) decides: the
typeface (Noto Sans, as on the web and in the PDFs), the body size (10.5 pt) and
the colours of text, headings and links. The result is written with fixed zip
timestamps, so running the script twice gives identical files; a test checks
that the committed files are what this script makes.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from redsite.downloads.office.document import REFERENCE_DOCS, pandoc_path

FONT = "Noto Sans"
TEXT = "1A1A1A"  # print.css: html { color }
HEADING = "1A237E"  # print.css: headings and links
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def docx_styles(xml: str) -> str:
    fonts = f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}" />'
    xml = re.sub(r"<w:rFonts [^>]*/>", fonts, xml)  # every style: one typeface, as in print
    xml = re.sub(r'(<w:rPrDefault>\s*<w:rPr>.*?)<w:sz w:val="24" />\s*<w:szCs w:val="24" />',
                 r'\1<w:sz w:val="21" /><w:szCs w:val="21" /><w:color w:val="' + TEXT + '" />', xml, count=1,
                 flags=re.S)
    # Headings, title and links: pandoc's blues (some tied to theme colours) become the print style's indigo.
    return re.sub(r'<w:color\s+w:val="(?:0F4761|365F91|4F81BD)"[^>]*/>', f'<w:color w:val="{HEADING}" />', xml)


def docx_theme(xml: str) -> str:
    return re.sub(r'<a:latin typeface="[^"]*"', f'<a:latin typeface="{FONT}"', xml)


def odt_styles(xml: str) -> str:
    xml = xml.replace("svg:font-family=\"'Times New Roman'\"", f"svg:font-family=\"'{FONT}'\"")
    xml = xml.replace('svg:font-family="Arial"', f"svg:font-family=\"'{FONT}'\"")
    xml = xml.replace('fo:color="#000080"', f'fo:color="#{HEADING.lower()}"')  # links
    xml = re.sub(r'(<style:style style:name="Heading" .*?<style:text-properties )',
                 rf'\1fo:color="#{HEADING.lower()}" ', xml, count=1, flags=re.S)
    return re.sub(r'(style:font-name="Times New Roman") fo:font-size="12pt"', r'\1 fo:font-size="10.5pt"', xml)


EDITS = {
    "docx": {"word/styles.xml": docx_styles, "word/theme/theme1.xml": docx_theme},
    "odt": {"styles.xml": odt_styles},
}


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
                    changed = edit(data.decode("utf-8"))
                    if changed == data.decode("utf-8"):
                        raise SystemExit(f"{kind}: {info.filename} did not change; pandoc's defaults moved")
                    data = changed.encode("utf-8")
                fixed = zipfile.ZipInfo(info.filename, FIXED_TIME)
                # ODF wants 'mimetype' first and stored; keep every entry's own compression.
                fixed.compress_type = info.compress_type
                out.writestr(fixed, data)
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
