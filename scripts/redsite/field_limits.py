"""The limits of a front-matter list of short phrases (content model: max_items, max_item_words,
max_item_chars), such as a page's search `keywords`: how many, how long, and nothing invisible."""

from __future__ import annotations

import unicodedata

from redsite.model import Field

# Characters a short phrase never needs: control characters (a YAML escape makes them), format characters
# (bidi overrides, zero-width joiners and spaces, which make a word look like another) and line separators.
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"})
QUOTED = 40  # a message quotes this many characters of an item at most


def list_limits_problem(spec: Field, value) -> str | None:
    """What is wrong with a list `value` for the limits of `spec`, or None (also for a value that is not a list:
    its type is checked elsewhere)."""
    if not isinstance(value, list):
        return None
    if spec.max_items is not None and len(value) > spec.max_items:
        return f"has {len(value)} items; at most {spec.max_items} are allowed"
    if spec.max_item_words is not None:
        long = next((item for item in value if len(str(item).split()) > spec.max_item_words), None)
        if long is not None:
            return f"item {shown(long)} is longer than {spec.max_item_words} words: list words or short phrases"
    if spec.max_item_chars is not None:
        long = next((item for item in value if len(str(item)) > spec.max_item_chars), None)
        if long is not None:
            return (f"item {shown(long)} has {len(str(long))} characters; at most {spec.max_item_chars} are "
                    "allowed: list words or short phrases")
    if spec.max_item_words is not None or spec.max_item_chars is not None:
        for item in value:
            if code := invisible(str(item)):
                return (f"item {shown(item)} contains the invisible character U+{ord(code):04X} "
                        f"({unicodedata.name(code, 'a control character')}): write the words with letters, "
                        "spaces and hyphens only")
    return None


def invisible(text: str) -> str:
    """The first control, format or separator character of `text`, or ""."""
    return next((char for char in text if unicodedata.category(char) in INVISIBLE_CATEGORIES), "")


def shown(item) -> str:
    """An item as a message quotes it: repr (control characters escaped), cut to QUOTED characters."""
    text = str(item)
    return repr(text if len(text) <= QUOTED else text[:QUOTED] + "…")
