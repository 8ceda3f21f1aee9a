"""Stamping: record in a translation which version of the English it was made from (`make stamp`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from redsite.frontmatter import FENCE, parse_page
from redsite.model import REPO_ROOT, ContentModel, load_model
from redsite.translations.freshness import PENDING, SOURCE_HASH, load_rel, source_hash, stamped_hash

STAMP_COMMAND = "python scripts/check_translations.py --stamp"

SOURCE_HASH_LINE = re.compile(rf"^{SOURCE_HASH}\s*:")


def stamp_text(text: str, digest: str) -> str:
    """`text` with its front-matter line `source_hash: "<digest>"` set; nothing else changes.

    The line is replaced where it exists, else inserted just before the closing '---';
    a page without front matter gets a front matter holding only that line.
    """
    newline = "\r\n" if "\r\n" in text else "\n"
    entry = f'{SOURCE_HASH}: "{digest}"'
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != FENCE:
        return f"{FENCE}{newline}{entry}{newline}{FENCE}{newline}{text}"
    end = next((i for i, line in enumerate(lines[1:], start=1) if line.strip() in (FENCE, "...")), None)
    if end is None:
        raise ValueError("the front matter is never closed")
    for index in range(1, end):
        if SOURCE_HASH_LINE.match(lines[index]):
            ending = lines[index][len(lines[index].rstrip("\r\n")):]
            lines[index] = entry + ending
            return "".join(lines)
    lines.insert(end, entry + newline)
    return "".join(lines)


@dataclass(frozen=True)
class StampOutcome:
    path: str
    status: str  # stamped, current (already), refused
    message: str


def stamp_paths(arguments: list[str], root: Path = REPO_ROOT, model: ContentModel | None = None,
                cwd: Path | None = None) -> list[StampOutcome]:
    """Stamp translation files (or every translation under a folder) as made from the current English.

    Refused, and left untouched: files outside the translation trees, translations without
    English page, front matter that does not parse, and pages still marked `pending: true`
    (stamping says "this translation is complete and current"; the translator removes
    `pending` when it is, then stamps).
    """
    model = model or load_model()
    outcomes = []
    for argument in arguments:
        candidate = Path(argument)
        if not candidate.is_absolute():
            candidate = (cwd or Path.cwd()) / argument
            if not candidate.exists():
                candidate = root / argument
        if not candidate.exists():
            outcomes.append(StampOutcome(argument, "refused", "no such file or folder"))
            continue
        files = sorted(candidate.rglob("*.md")) if candidate.is_dir() else [candidate]
        outcomes.extend(_stamp_file(path, root, model) for path in files)
    return outcomes


def _translation_of(path: Path, root: Path, model: ContentModel) -> tuple[str, str] | None:
    resolved = path.resolve()
    for language in model.translations:
        base = (root / language.tree).resolve()
        if resolved.is_relative_to(base):
            return language.code, resolved.relative_to(base).as_posix()
    return None


def _stamp_file(path: Path, root: Path, model: ContentModel) -> StampOutcome:
    located = _translation_of(path, root, model)
    resolved = path.resolve()
    shown = resolved.relative_to(root.resolve()).as_posix() if resolved.is_relative_to(root.resolve()) else str(path)
    if located is None:
        trees = ", ".join(f"{lang.tree}/" for lang in model.translations)
        return StampOutcome(shown, "refused", f"not a translation: only files in {trees} are stamped")
    lang, rel = located
    shown = f"{model.language(lang).tree}/{rel}"
    english = load_rel(rel, model.default_language.code, root, model)
    if english is None:
        return StampOutcome(shown, "refused",
                            f"there is no English page {model.default_language.tree}/{rel} to stamp it against")
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return StampOutcome(shown, "refused", "the file is not UTF-8 text; save it as UTF-8 first")
    translation = parse_page(shown, text, lang)
    if translation.problems:
        return StampOutcome(shown, "refused", "fix the front matter first: " + translation.problems[0].message)
    if translation.meta.get(PENDING) is True:
        return StampOutcome(shown, "refused",
                            "the page is marked 'pending: true'; when the translation is finished, "
                            "delete that line and stamp again")
    digest = source_hash(english, model)
    if stamped_hash(translation) == digest:
        return StampOutcome(shown, "current", "already stamped with the current English version")
    stamped = stamp_text(text, digest)
    if stamped_hash(parse_page(shown, stamped, lang)) != digest:  # never write a file we cannot read back
        return StampOutcome(shown, "refused", f"could not set '{SOURCE_HASH}' in this front matter")
    path.write_bytes(stamped.encode("utf-8"))
    return StampOutcome(shown, "stamped", f"{SOURCE_HASH}: {digest}")

