"""What a translation records about its English source, and the state that follows from it.

The build imports this module alone (to show the stale notice); the validator builds on it.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from redsite.frontmatter import PageSource
from redsite.model import REPO_ROOT, ContentModel, load_model
from redsite.pages import PENDING, PageFile, read_page, tree_dir

SOURCE_HASH = "source_hash"

# Translation states (the status page shows them; the CLI counts them).
CURRENT, STALE, PENDING_STATE, MISSING, ORPHAN = "current", "stale", "pending", "missing", "orphan"


def _per_language_fields(model: ContentModel) -> frozenset[str]:
    return frozenset(f.name for f in model.all_fields if f.per_language) | {f.name for f in model.translation_fields}


def normalised_source(page: PageSource, model: ContentModel | None = None) -> str:
    """The text of an English page as far as translations are concerned.

    - Front matter: the parsed values (so quoting, key order and list style do not count),
      without per-language fields (`last_reviewed`) and the translation bookkeeping fields.
    - Body: Unicode NFC; paragraphs are separated by blank lines, and inside a paragraph every
      run of whitespace counts as one space, so re-wrapping lines, trailing spaces, extra blank
      lines and CRLF line endings do not make translations outdated. Any change of a word,
      punctuation mark, link, heading, list or code does.
    """
    model = model or load_model()
    skip = _per_language_fields(model)
    meta = {key: value for key, value in page.meta.items() if key not in skip}
    meta_text = json.dumps(meta, sort_keys=True, ensure_ascii=False, default=str)
    return unicodedata.normalize("NFC", meta_text + "\n\n" + _normalised_body(page.body))


@lru_cache(maxsize=8192)
def _normalised_body(body: str) -> str:
    paragraphs = (" ".join(part.split()) for part in re.split(r"\n[ \t]*\r?\n", body.replace("\r\n", "\n")))
    return "\n\n".join(p for p in paragraphs if p)


def forget_normalised_bodies() -> None:
    _normalised_body.cache_clear()


def source_hash(page: PageSource, model: ContentModel | None = None) -> str:
    """What a translation made from this English page records in `source_hash` (16 hex digits)."""
    return hashlib.sha256(normalised_source(page, model).encode("utf-8")).hexdigest()[:16]


def stamped_hash(translation: PageSource) -> str | None:
    value = translation.meta.get(SOURCE_HASH)
    return None if value is None else str(value)


def translation_state(english: PageSource | None, translation: PageSource | None,
                      model: ContentModel | None = None, english_hash: str | None = None) -> str:
    """current, stale, pending, missing or orphan. An unstamped translation is stale:
    nothing shows which English version it matches. `english_hash`: source_hash(english), if at hand."""
    if english is None:
        return ORPHAN
    if translation is None:
        return MISSING
    if translation.meta.get(PENDING) is True:
        return PENDING_STATE
    if stamped_hash(translation) != (english_hash or source_hash(english, model)):
        return STALE
    return CURRENT


def page_state(rel: str, lang: str, root: Path = REPO_ROOT, model: ContentModel | None = None) -> str:
    """The state of the `lang` translation of the page at `rel` (e.g. 'methods/x.md'), read from disk."""
    model = model or load_model()
    default = model.default_language.code
    return translation_state(load_rel(rel, default, root, model), load_rel(rel, lang, root, model), model)




def load_rel(rel: str, lang: str, root: Path, model: ContentModel) -> PageSource | None:
    """The page at `rel` in the tree of `lang`, parsed; None if there is no such file."""
    path = tree_dir(lang, root, model) / rel
    return read_page(PageFile(lang, rel, path), root) if path.is_file() else None
