"""Where a method comes from (the content model's `origin` field, vocabulary `origins`): the label
readers see on the page, in the catalog and on the PDF cover, and the rule that only RED's own
methods name RED's work packages."""

from __future__ import annotations

from redsite.model import ContentModel, load_model
from redsite.problems import Problem

FIELD = "origin"
VOCABULARY = "origins"
OWN = "red"  # the origin of RED's own methods: the only ones that belong to a work package
WORK_PACKAGE = "work_package"


def origin_of(meta: dict, model: ContentModel | None = None) -> str | None:
    """The page's origin key, when its type has the field and the value is in the vocabulary."""
    model = model or load_model()
    value = meta.get(FIELD)
    return value if isinstance(value, str) and value in model.vocabularies.get(VOCABULARY, {}) else None


def origin_label(meta: dict, lang: str, model: ContentModel | None = None) -> str:
    """The origin in the reader's language, or "" for a page without one."""
    model = model or load_model()
    origin = origin_of(meta, model)
    return model.label(VOCABULARY, origin, lang) if origin else ""


def work_package_problems(meta: dict, key_lines: dict, path: str, lang: str,
                          model: ContentModel | None = None) -> list[Problem]:
    """A method that is not RED's own (origin other than `red`) must not name a work package."""
    model = model or load_model()
    origin = origin_of(meta, model)
    work_packages = meta.get(WORK_PACKAGE)
    if origin in (None, OWN) or not work_packages:
        return []
    label = model.label(VOCABULARY, origin, model.default_language.code)
    return [Problem(
        "front-matter", lang, path, key_lines.get(WORK_PACKAGE, 1),
        f"'{WORK_PACKAGE}: {_flow(work_packages)}' names RED's work packages, but this method has "
        f"'{FIELD}: {origin}' ({label}): it was not part of RED",
        f"write '{WORK_PACKAGE}: []' (only a method with '{FIELD}: {OWN}' belongs to a work package), "
        f"or set '{FIELD}: {OWN}' if the method is RED's own")]


def _flow(value) -> str:
    return "[" + ", ".join(str(item) for item in value) + "]" if isinstance(value, list) else str(value)
