"""The handbook of a language: one PDF, or volumes when it would hold more methods than the limit.

A handbook of a thousand methods is a PDF of thousands of pages that no reader opens, and one
that WeasyPrint lays out in one process for many minutes. Above `plugins.red.pdf.handbook_limit`
methods, a language's handbook is published as one volume per origin (RED's own methods, later
practice of the lead partner, related Baltic Sea practice: the groups the methods catalog
introduces), and an origin with more methods than the limit is split into numbered parts of
near-equal size, in the contents' alphabetical order. At or below the limit (the real site) the
handbook stays one PDF, exactly as before.

Each volume is a print document of its own, cached by its content like a guide: editing one
page re-renders only its guide and the one volume that holds it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from mkdocs.utils import get_relative_url

from redsite.downloads.pdf.files import download_button, handbook_filename, site_path
from redsite.downloads.plan import DownloadPlan
from redsite.downloads.sizes import handbook_marker
from redsite.model import ContentModel, load_model
from redsite.origin import VOCABULARY
from redsite.render import fragment, t, ui_strings
from redsite.typography import rules_for, typeset_html

OTHER = "other"  # methods without a known origin (the strict build refuses them; kept for safety)


@dataclass(frozen=True)
class Volume:
    """One handbook PDF of a language: the whole handbook, or one part of one origin's methods."""

    lang: str
    keys: tuple[tuple[str, str], ...]  # (lang, slug) of its chapters, in plan.guides
    section: str = ""  # the origin key; "" for a handbook that is not split
    part: int = 1
    parts: int = 1

    @property
    def split(self) -> bool:
        return bool(self.section)

    @property
    def filename(self) -> str:
        name = f"{self.section}-{self.part}" if self.parts > 1 else self.section
        return handbook_filename(self.lang, name)

    def label(self, model: ContentModel | None = None) -> str:
        """How readers see the volume: 'RED's own methods, part 2 of 11' ('' for a handbook in one PDF)."""
        if not self.split:
            return ""
        section = section_name(self.section, self.lang, model)
        if self.parts == 1:
            return section
        return t("pdf_volume_part", self.lang).format(section=section, part=self.part, parts=self.parts)


def section_name(origin: str, lang: str, model: ContentModel | None = None) -> str:
    """The plural heading of an origin's methods (ui_strings `pdf_handbook_section_<origin>`), else its label."""
    key = f"pdf_handbook_section_{origin}"
    if key in ui_strings():
        return t(key, lang)
    model = model or load_model()
    return model.label(VOCABULARY, origin, lang)


def _parts(keys: list, limit: int) -> list[list]:
    """`keys` in runs of at most `limit`, as near equal in size as possible."""
    count = math.ceil(len(keys) / limit)
    size, extra = divmod(len(keys), count)
    runs, start = [], 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        runs.append(keys[start:end])
        start = end
    return runs


def plan_volumes(plan: DownloadPlan, limit: int | None, model: ContentModel | None = None) -> dict[str, list[Volume]]:
    """Language -> the handbook PDFs it publishes: one, or the volumes of a handbook above `limit` methods."""
    model = model or load_model()
    order = list(model.vocabularies.get(VOCABULARY, {})) + [OTHER]
    volumes: dict[str, list[Volume]] = {}
    for lang in sorted({lang for lang, _ in plan.guides} | set(plan.catalogs)):
        keys = sorted((key for key in plan.guides if key[0] == lang),
                      key=lambda key: (plan.guides[key].title.casefold(), key[1]))
        if limit is None or len(keys) <= limit:
            volumes[lang] = [Volume(lang, tuple(keys))]
            continue
        by_origin: dict[str, list] = {}
        for key in keys:
            origin = plan.guides[key].origin_key
            by_origin.setdefault(origin if origin in order else OTHER, []).append(key)
        volumes[lang] = []
        for origin in (origin for origin in order if origin in by_origin):
            runs = _parts(by_origin[origin], limit)
            volumes[lang] += [Volume(lang, tuple(run), origin, part, len(runs))
                              for part, run in enumerate(runs, start=1)]
    return volumes


def handbook_links(volumes: list[Volume], page_url: str, default: str, model: ContentModel | None = None) -> str:
    """The catalog's download: the handbook's button, or the list of its volumes (sizes filled in later)."""
    lang = volumes[0].lang
    targets = [(volume, site_path(lang, volume.filename, default)) for volume in volumes]
    if not volumes[0].split:
        [(_, target)] = targets
        html = download_button(get_relative_url(target, page_url), t("pdf_download_handbook", lang), lang, target)
    else:
        links = [(get_relative_url(target, page_url), volume.label(model), target) for volume, target in targets]
        html = fragment("handbook_volumes.html", intro=t("pdf_download_handbook_volumes", lang), links=links,
                        lang=lang)
    return typeset_html(html, rules_for(lang), rules_for)  # the page around it was typeset before this


def handbook_replacements(plan: DownloadPlan, volumes: dict[str, list[Volume]], default: str,
                          model: ContentModel | None = None) -> dict[str, dict[str, str]]:
    """Each methods catalog (its built file) -> the marker it left for its handbook's links -> those links."""
    return {catalog.dest: {handbook_marker(lang): handbook_links(volumes[lang], catalog.url, default, model)}
            for lang, catalog in plan.catalogs.items() if lang in volumes}
