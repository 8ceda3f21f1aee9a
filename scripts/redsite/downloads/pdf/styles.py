"""Stylesheets of the print documents: the print design, the web fonts as WeasyPrint can use them,
and the cache key of a document."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from redsite import site_files
from redsite.downloads.pdf.files import CACHE_FORMAT, FONTS_CSS, PDF_VARIANT, PRINT_CSS
from redsite.downloads.pipeline import content_key

FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}")
FONT_URL = re.compile(r'url\("?([^")]+)"?\)')
FONT_SUBSET = re.compile(r"noto-sans-([a-z-]+?)-\d{3}-(?:normal|italic)\.woff2")


def print_font_css(fonts_css: str) -> tuple[str, list[str]]:
    """fonts.css for WeasyPrint: one family per unicode-range subset; returns (CSS, font files).

    The web's fonts.css gives every subset the one family name "Noto Sans". WeasyPrint
    (70) identifies embedded fonts by family, weight and style only, so the Latin and
    Cyrillic files of one family collapse into one PDF font and letters come out as
    wrong glyphs. Distinct family names, listed in order, keep them apart.
    """
    families: list[str] = []
    files: list[str] = []

    def rename(match: re.Match) -> str:
        block = match.group(0)
        url = FONT_URL.search(block)
        subset = FONT_SUBSET.search(url.group(1)) if url else None
        if not subset:
            return block
        files.append(url.group(1))
        family = f"RED Noto Sans {subset.group(1)}"
        if family not in families:
            families.append(family)
        return re.sub(r'font-family:\s*"[^"]*"', f'font-family: "{family}"', block)

    faces = FONT_FACE.sub(rename, fonts_css)
    # Latin before Cyrillic, base sets before extensions: the common letters come from the base files.
    order = sorted(families, key=lambda family: ("cyrillic" in family, "ext" in family))
    stack = ", ".join(f'"{family}"' for family in order)
    return f"{faces}\nhtml {{ font-family: {stack}, sans-serif; }}\n", files


@dataclass(frozen=True)
class Styles:
    """Everything besides the document that shapes a PDF, and its fingerprint."""

    print_css: str
    font_css: str  # @font-face rules with absolute file: URLs
    fingerprint: str  # hash of the print CSS, the font rules and the font files
    font_files: tuple[str, ...] = ()  # those file: URLs: the only files outside the site a PDF may load


def decompressed_font(woff2_file: Path, font_cache: Path) -> Path:
    """The TrueType form of a WOFF2 file, made once and kept in the cache.

    WeasyPrint decompresses every @font-face file for every document it renders,
    which cost about 5 of the 6 seconds of a short guide; TrueType files load at once.
    """
    data = woff2_file.read_bytes()
    target = font_cache / f"{woff2_file.stem}-{hashlib.sha256(data).hexdigest()[:16]}.ttf"
    if not target.is_file():
        from fontTools.ttLib import woff2

        font_cache.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{target.name}.{os.getpid()}.part")
        with open(woff2_file, "rb") as source, open(partial, "wb") as out:
            woff2.decompress(source, out)
        os.replace(partial, target)
    return target


def load_styles(site_dir: Path, cache_dir: Path, print_css_file: Path = PRINT_CSS) -> Styles:
    font_css, font_files = print_font_css(site_files.read_site_file(site_dir, FONTS_CSS).decode("utf-8"))
    print_css = print_css_file.read_text(encoding="utf-8")
    digest = hashlib.sha256()
    for text in (print_css, font_css):
        digest.update(text.encode("utf-8"))
    local_fonts = {}
    for name in font_files:
        path = site_files.locate(FONTS_CSS, name).path
        found = site_files.site_file(site_dir, path) if path is not None else None
        if found is None:
            raise site_files.NotASiteFile(name, "is not a font file of the built site", FONTS_CSS)
        woff2_file = Path(os.path.realpath(site_dir / found))
        digest.update(site_files.read_site_file(site_dir, found))
        local_fonts[name] = decompressed_font(woff2_file, cache_dir / "fonts").resolve().as_uri()
    font_css = FONT_URL.sub(lambda match: f'url("{local_fonts.get(match.group(1), match.group(1))}")', font_css)
    font_css = font_css.replace('format("woff2")', 'format("truetype")')
    return Styles(print_css, font_css, digest.hexdigest(), tuple(local_fonts.values()))


def weasyprint_version() -> str:
    from importlib.metadata import version

    return version("weasyprint")


def cache_key(document: str, styles_fingerprint: str, engine_version: str, images: Iterable[bytes] = ()) -> str:
    """Hash of all that shapes a PDF: the print HTML, the stylesheets and fonts, the images, WeasyPrint."""
    return content_key((CACHE_FORMAT, PDF_VARIANT, engine_version, styles_fingerprint, document), images)
