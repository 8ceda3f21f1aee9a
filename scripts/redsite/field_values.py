"""Whether a front-matter value fits its field in the content model: its type, its vocabulary, its range
(dates) and its length (text), with what is wrong in words a contributor can act on."""

from __future__ import annotations

import datetime as dt
import re

from redsite.field_limits import list_limits_problem
from redsite.model import ContentModel, Field, FieldType

SENTENCE_END = re.compile(r"[.!?…](?:\s|$)")


def check_value(model: ContentModel, spec: Field, value) -> str | None:
    """Return what is wrong with `value` for a field of type `spec.type`, or None."""
    return check_typed(model, spec.parsed, spec.min_items, value) or list_limits_problem(spec, value)


def check_typed(model: ContentModel, kind: FieldType, min_items: int, value) -> str | None:
    if kind.is_list:
        if not isinstance(value, list):
            return f"must be a list, for example [{'a, b' if kind.vocabulary == 'work_packages' else 'item'}]"
        if len(value) < min_items:
            return f"needs at least {min_items} item(s)"
        for item in value:
            problem = check_typed(model, kind.item, 0, item)
            if problem:
                return f"item {shown(item)} {problem}"
        return None
    if kind.kind == "enum":
        allowed = model.vocabulary_keys(kind.vocabulary)
        if value not in allowed:
            return f"is not one of: {', '.join(allowed)}"
        return None
    if kind.kind == "source":
        if isinstance(value, str) and (value in model.sources or value.startswith("https://")):
            return None
        return f"is not a known source ({', '.join(model.sources)}) nor an https:// reference"
    if kind.kind == "bool":
        return None if isinstance(value, bool) else "must be true or false"
    if kind.kind == "date":
        if isinstance(value, dt.datetime):  # YAML reads '2026-11-22 23:59:59+05:00' as a moment, not a day
            return "must be a day without a time, written YYYY-MM-DD"
        if not isinstance(value, dt.date):
            return "must be a date written YYYY-MM-DD"
        first, last = model.date_range()
        if not first <= value <= last:
            return f"is {value.isoformat()}; it must lie between {first.isoformat()} and {last.isoformat()}"
        return None
    # str and text
    if isinstance(value, (dt.date, int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str) or not value.strip():
        return "must be non-empty text"
    limit = model.max_length(kind.kind)
    if limit and len(value) > limit:
        return f"has {len(value):,} characters; at most {limit} fit where it is shown: shorten it"
    if kind.kind == "text" and len(SENTENCE_END.findall(value.strip())) > 2:
        return "must be one or two sentences"
    return None


def shown(value) -> str:
    """A value as a message quotes it: a contributor's 200 KB string is cut short."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
