"""Every cross-language check over every page: the validator's report and the status page's data."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from redsite import source_policy
from redsite.data_checks import check_data_files
from redsite.frontmatter import PageSource, validate_page
from redsite.model import PLACEHOLDER, REPO_ROOT, ContentModel, load_model
from redsite.outline import outline_of, parse_outline, words
from redsite.pages import folder_type, list_pages, read_page
from redsite.problems import ERROR, WARNING, Problem
from redsite.translations import freshness, terminology
from redsite.translations.freshness import (
    CURRENT,
    MISSING,
    ORPHAN,
    PENDING,
    PENDING_STATE,
    SOURCE_HASH,
    STALE,
    source_hash,
    stamped_hash,
    translation_state,
)
from redsite.translations.link_check import LanguageSite, broken_links
from redsite.translations.stamp import STAMP_COMMAND
from redsite.translations.structure import compare_structure, shared_field_problems
from redsite.translations.terminology import Finding, Terminology
from redsite.translations.untranslated import untranslated_problems

# Problem kinds, in the order a report lists them for one file.
KINDS = ("source", "data", "missing", "orphan", "front-matter", "section", "placeholder", "pending", "stale",
         "structure", "untranslated", "terminology", "broken-link")
# Levels, the pull-request policy (CONTRIBUTING.md, "What fails a pull request"): a translation that is pending,
# missing or stale is a warning, since the site shows its readers the English page or a notice; so are a pending
# translation's leftovers (template text, fields that differ from the English), which the site does not publish
# (it shows the English page until the translation is finished). Every other finding is an error.



@dataclass
class PageStatus:
    rel: str
    lang: str
    state: str
    english_path: str
    translation_path: str
    english_title: str
    title: str  # in the translation's language where it exists, else the English title
    words: int  # words of the English page


@dataclass
class LanguageSummary:
    pages: int = 0
    translated: int = 0  # a translation exists and is not pending (current or stale)
    missing: int = 0
    stale: int = 0
    pending: int = 0
    current: int = 0
    words_total: int = 0
    words_translated: int = 0

    @property
    def percent(self) -> float:
        return round(100 * self.translated / self.pages, 1) if self.pages else 100.0

    def as_dict(self) -> dict:
        return {"pages": self.pages, "translated": self.translated, "missing": self.missing, "stale": self.stale,
                "percent": self.percent, "words_total": self.words_total, "words_translated": self.words_translated,
                "pending": self.pending, "current": self.current}


@dataclass
class TranslationReport:
    languages: list[str]
    summary: dict[str, LanguageSummary] = field(default_factory=dict)
    statuses: dict[str, list[PageStatus]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    terminology: list[Finding] = field(default_factory=list)  # the terminology problems, for the status page
    states: dict[tuple[str, str], str] = field(default_factory=dict)  # (language, path in its tree) -> state

    @property
    def clean(self) -> bool:
        """Nothing to report at all, not even a warning."""
        return not self.problems

    @property
    def errors(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.level == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [problem for problem in self.problems if problem.level == WARNING]

    @property
    def passes(self) -> bool:
        """No error: what a pull request needs (warnings are allowed)."""
        return not self.errors

    def as_dict(self) -> dict:
        return {"summary": {lang: summary.as_dict() for lang, summary in self.summary.items()},
                "problems": [problem.as_dict() for problem in self.problems]}


def _title(page: PageSource | None, rel: str) -> str:
    if page is not None and page.meta.get("title"):
        return str(page.meta["title"])
    return rel


def build_report(root: Path = REPO_ROOT, model: ContentModel | None = None,
                 languages: list[str] | None = None, sources_checked: bool = False,
                 front_matter: Mapping[tuple[str, str], list[Problem]] | None = None) -> TranslationReport:
    """Every translation language (or `languages`) compared with the English tree under `root`.

    `sources_checked`: the caller has already stopped on every source-policy and data-file problem
    (the build's content check, plugin.content.check_content), so the trees are not walked for them again.
    `front_matter`: every page's front-matter problems from that check (pages.front_matter_by_page), so
    that no page is validated twice in a build.
    """
    model = model or load_model()

    def validated(page: PageSource, lang: str, rel: str) -> list[Problem]:
        if front_matter is not None and (lang, rel) in front_matter:
            return list(front_matter[lang, rel])  # a copy: the report adds to it
        return validate_page(page, lang, model, folder_type(rel, model))

    default = model.default_language
    languages = languages or [language.code for language in model.translations]
    report = TranslationReport(languages)
    # the source policy and data/ too, so pull-request annotations show those errors; first, so that the
    # pages below are parsed from the text the policy read (the problems are sorted at the end)
    if not sources_checked:
        report.problems += source_policy.check_sources(root, model)
        if (root / "data").is_dir():  # trees without data/ (the validator's test fixtures) have only pages
            report.problems += check_data_files(root, model)
    terminology = Terminology(root, model)  # the glossary, stemmed once for the whole run
    english = {page.rel: read_page(page, root) for page in list_pages(default.code, root, model)}
    english_hashes: dict[str, str] = {}  # each English page is hashed once, not once per language
    english_site = LanguageSite(default.code, default.name, default.tree, default.tree, english, english, root)
    for rel, source in sorted(english.items()):
        report.problems += validated(source, default.code, rel)
        report.problems += placeholder_problems(source, default.code)
        if not source.problems:
            report.problems += broken_links(source, rel, default.code, english_site)
    for lang in languages:
        language = model.language(lang)
        translations = {page.rel: read_page(page, root) for page in list_pages(lang, root, model)}
        site = LanguageSite(lang, language.name, language.tree, default.tree, translations, english, root)
        summary = report.summary[lang] = LanguageSummary()
        statuses = report.statuses[lang] = []
        for rel in sorted(english.keys() | translations.keys()):
            source, translation = english.get(rel), translations.get(rel)
            translation_path = f"{language.tree}/{rel}"
            english_path = f"{default.tree}/{rel}"
            if source is not None and translation is not None and translation.meta.get(PENDING) is not True \
                    and rel not in english_hashes:  # when translation_state needs it
                english_hashes[rel] = source_hash(source, model)
            state = report.states[lang, rel] = translation_state(source, translation, model, english_hashes.get(rel))
            problems = _page_problems(rel, lang, state, source, translation, translation_path, english_path,
                                      site, model, terminology,
                                      validated(translation, lang, rel) if translation is not None else [])
            report.problems.extend(problems)
            if source is None:
                continue
            page_words = outline_of(source).word_count + len(words(_title(source, "")))
            statuses.append(PageStatus(rel, lang, state, english_path, translation_path, _title(source, rel),
                                       _title(translation or source, rel), page_words))
            summary.pages += 1
            summary.words_total += page_words
            if state in (CURRENT, STALE):
                summary.translated += 1
                summary.words_translated += page_words
            summary.missing += state == MISSING
            summary.stale += state == STALE
            summary.pending += state == PENDING_STATE
            summary.current += state == CURRENT
    report.terminology = terminology.findings
    order = {code: index for index, code in enumerate(model.codes)}
    report.problems.sort(key=lambda p: (order.get(p.lang, 99), p.path, p.line or 0, KINDS.index(p.kind)
                                        if p.kind in KINDS else 99))
    return report


def placeholder_problems(page: PageSource, lang: str) -> list[Problem]:
    """Text the scaffolder left to write: each such field value or body line starts with PLACEHOLDER. In a
    pending translation, one warning for the page: the site shows the English page until it is finished."""
    fields = [page.key_lines.get(name, 1) for name, value in page.meta.items()
              if isinstance(value, str) and value.startswith(PLACEHOLDER)]
    lines = [page.body_line + offset for offset, line in enumerate(page.body.splitlines())
             if line.lstrip().startswith(PLACEHOLDER)] if PLACEHOLDER in page.body else []
    found = [*fields, *lines]
    if found and page.meta.get(PENDING) is True:
        return [Problem("placeholder", lang, page.path, found[0],
                        f"{len(found)} line(s) still hold '{PLACEHOLDER}' text from the page template; the site "
                        "shows the English page until the translation is finished",
                        f"once the English page is written, take it into this stub again: make stub "
                        f"FILE={page.path}; then translate it", WARNING)]
    return [
        Problem("placeholder", lang, page.path, line,
                f"'{PLACEHOLDER}' text from the page template is still here",
                f"replace it with real content (every text still to write starts with '{PLACEHOLDER}')")
        for line in found
    ]


def _page_problems(rel: str, lang: str, state: str, english: PageSource | None, translation: PageSource | None,
                   translation_path: str, english_path: str, site: LanguageSite,
                   model: ContentModel, terminology: Terminology | None, front_matter: list[Problem]) -> list[Problem]:
    name = model.language(lang).name
    stamp = f"{STAMP_COMMAND} {translation_path}"
    if state == MISSING:
        return [Problem("missing", lang, translation_path, None,
                        f"{english_path} has no {name} translation (the site shows the English page with a notice)",
                        f"to start one, run: make stub FILE={translation_path} (it copies the English page, marked "
                        f"'pending: true'); when it is translated, delete that line and run: {stamp}", WARNING)]
    problems = front_matter + placeholder_problems(translation, lang)
    if state == ORPHAN:
        return [Problem("orphan", lang, translation_path, 1,
                        f"there is no English page {english_path} for this translation",
                        "rename it to the file name of its English page, or delete it if the English page was "
                        "removed"), *problems]
    if translation.problems:  # the front matter does not parse: nothing else can be compared
        return problems
    if state == PENDING_STATE:
        if not english.problems:
            problems += shared_field_problems(english, translation, lang, model, WARNING,
                                              f"take them from the English page: make stub FILE={translation_path}")
        return [*problems, Problem(
            "pending", lang, translation_path, translation.key_lines.get(PENDING, 1),
            "marked 'pending: true': the translation is not finished, so the site shows the English page with a "
            "notice",
            f"translate the rest, delete the line 'pending: true', then run: {stamp}", WARNING)]
    if state == STALE:
        recorded = stamped_hash(translation)
        message = (f"the English page {english_path} has changed since this translation was made "
                   f"({SOURCE_HASH} {recorded}, English now {source_hash(english, model)})" if recorded else
                   f"this translation does not record which version of {english_path} it was made from "
                   f"(no '{SOURCE_HASH}' in its front matter)")
        problems.append(Problem("stale", lang, translation_path, translation.key_lines.get(SOURCE_HASH, 1), message,
                                f"bring the translation in line with {english_path}, then run: {stamp} "
                                f"(or: make stamp FILE={translation_path})", WARNING))
    if not english.problems:
        problems.extend(compare_structure(english, translation, lang, model))
        problems.extend(untranslated_problems(english, translation, lang, model))
        if terminology is not None:
            problems.extend(terminology.problems(english, translation, lang, rel))
    problems.extend(broken_links(translation, rel, lang, site))
    return problems


def forget_page_caches() -> None:
    """Empty the per-page caches behind the report: outlines, normalised bodies, stems and terminology uses.

    They make the next report in the same process quick (`make serve` rebuilds, the tests); a one-shot
    build makes one report, so it drops them once that report is made (~28 MB at 1,000 pages
    per language). Their entries are recomputed on demand, so dropping them changes no result."""
    parse_outline.cache_clear()
    freshness.forget_normalised_bodies()
    terminology.forget_pages()
