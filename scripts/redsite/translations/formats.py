"""The translation report (redsite.translations.report.build_report) as text, JSON, Markdown, GitHub
annotations, and as the HTML of the translation-status page."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import cache
from itertools import groupby
from typing import TYPE_CHECKING

from redsite.annotations import Annotation, annotation_of
from redsite.model import ContentModel, load_model
from redsite.problems import Problem, printable
from redsite.render import fragment, t
from redsite.translations.freshness import CURRENT, MISSING, PENDING_STATE, STALE
from redsite.translations.report import TranslationReport

if TYPE_CHECKING:  # the validator imports git history only for a report with stale pages (start-up time)
    from redsite.source_history import EnglishChanges

STATES = (CURRENT, STALE, PENDING_STATE, MISSING)


def as_json(report: TranslationReport) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2)


def _summary_line(lang: str, report: TranslationReport, model: ContentModel) -> str:
    s = report.summary[lang]
    return (f"{model.language(lang).name} ({lang}): {s.translated} of {s.pages} pages translated ({s.percent:g}%), "
            f"{s.current} up to date, {s.stale} outdated, {s.pending} pending, {s.missing} missing; "
            f"{s.words_translated} of {s.words_total} words")


def _by_language_and_file(problems: list[Problem]):
    for lang, of_language in groupby(problems, key=lambda p: p.lang):
        yield lang, groupby(of_language, key=lambda p: p.path)


def _group_name(lang: str, model: ContentModel, with_code: bool = True) -> str:
    """Problems without a language are in data/ (shared by every language)."""
    if not lang:
        return "Data files (data/)"
    return f"{model.language(lang).name} ({lang})" if with_code else model.language(lang).name


def as_text(report: TranslationReport, changes: dict[str, EnglishChanges] | None = None,
            model: ContentModel | None = None) -> str:
    """For a translator: per language, per file, each problem with its line and how to fix it."""
    model = model or load_model()
    changes = changes or {}
    out = ["Translation status"]
    out += [f"  {_summary_line(lang, report, model)}" for lang in report.languages]
    if report.clean:
        out.append("\nEvery translation is complete and current.")
        return "\n".join(out) + "\n"
    out.append(f"\n{_verdict(report)}")
    for lang, files in _by_language_and_file(report.problems):
        out.append(f"\n== {_group_name(lang, model)} ==")
        for path, problems in files:
            out.append(f"\n{printable(path)}")
            for problem in problems:
                where = f"line {problem.line}: " if problem.line else ""
                out.append(f"  {where}{problem.level} [{problem.kind}] {printable(problem.message)}")
                if problem.hint:
                    out.append(f"      how to fix: {printable(problem.hint)}")
                change = changes.get(problem.path) if problem.kind == "stale" else None
                if change:
                    out.extend(_text_changes(change))
    return "\n".join(out) + "\n"


def _verdict(report: TranslationReport) -> str:
    errors, warnings = len(report.errors), len(report.warnings)
    if errors:
        return (f"{errors} error(s) to fix and {warnings} warning(s). Errors fail the build and a pull request; "
                "warnings (pending, missing and outdated translations) do not.")
    return (f"No errors. {warnings} warning(s): pending, missing and outdated translations, which the site shows "
            "with a notice; they do not hold up a pull request.")


def _text_changes(change: EnglishChanges) -> list[str]:
    lines = []
    if change.diff:
        lines.append(f"      what changed in the English since (commit {change.commit[:10]}, {change.date}):")
        lines.extend(f"        {printable(line)}" for line in change.diff)
    if change.note:
        lines.append(f"      ({printable(change.note)})")
    return lines


def as_markdown(report: TranslationReport, changes: dict[str, EnglishChanges] | None = None,
                model: ContentModel | None = None) -> str:
    """A pull-request comment: a summary table, then the problems per language and file."""
    model = model or load_model()
    changes = changes or {}
    out = ["## Translation status", "",
           "| Language | Translated | Up to date | Outdated | Pending | Missing | Words translated |",
           "|---|---|---|---|---|---|---|"]
    for lang in report.languages:
        s = report.summary[lang]
        out.append(f"| {model.language(lang).name} | {s.translated}/{s.pages} ({s.percent:g}%) | {s.current} | "
                   f"{s.stale} | {s.pending} | {s.missing} | {s.words_translated}/{s.words_total} |")
    out.append("")
    if report.clean:
        out.append("Every translation is complete and current.")
        return "\n".join(out) + "\n"
    out.append(f"**{_verdict(report)}**")
    for lang, files in _by_language_and_file(report.problems):
        problems = [(path, list(items)) for path, items in files]
        count = sum(len(items) for _, items in problems)
        out += ["", f"<details><summary>{_group_name(lang, model, with_code=False)}: {count} problem(s) in "
                    f"{len(problems)} file(s)</summary>", ""]
        for path, items in problems:
            out.append(f"#### {_code(path)}")
            out.append("")
            for problem in items:
                where = f"line {problem.line}: " if problem.line else ""
                out.append(f"- {where}{problem.level} **{problem.kind}** – {_md(problem.message)}  ")
                out.append(f"  _How to fix:_ {_md(problem.hint)}")
                change = changes.get(problem.path) if problem.kind == "stale" else None
                if change and change.diff:
                    lines = [printable(line) for line in change.diff]
                    fence = "`" * max([3, *(len(run) + 1 for line in lines for run in BACKTICKS.findall(line))])
                    out += ["", f"  {fence}diff", *(f"  {line}" for line in lines), f"  {fence}"]
                if change and change.note:
                    out.append(f"  ({_md(change.note)})")
            out.append("")
        out.append("</details>")
    return "\n".join(out) + "\n"


MARKDOWN_PUNCTUATION = re.compile(r"[\\`*_{}\[\]()#+\-.!|~=:]")  # what Markdown may read as markup
BACKTICKS = re.compile(r"`+")
ZERO_WIDTH_SPACE = "\u200b"


def _md(text: str) -> str:
    """Text a contributor may have written (a key, a file name, a heading) as text in a Markdown report (the
    pull-request job summary): Markdown's punctuation backslash-escaped, '&', '<' and '>' as entities, and a
    zero-width space after '@', in '://' and 'www.', which GitHub would otherwise make a mention or a link."""
    text = printable(text)
    for mark in ("@", ":/", "www"):
        text = text.replace(mark, mark[0] + ZERO_WIDTH_SPACE + mark[1:])
    text = MARKDOWN_PUNCTUATION.sub(lambda found: "\\" + found.group(), text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _code(text: str) -> str:
    """`text` as a code span, whatever backticks it holds."""
    text = printable(text)
    fence = "`" * (max((len(run) for run in BACKTICKS.findall(text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def as_github(report: TranslationReport, model: ContentModel | None = None) -> str:
    """`::error file=...,line=...,title=...::message` per problem, and a notice with the summary."""
    return "\n".join(annotation.github() for annotation in github_annotations(report, model)) + "\n"


def github_annotations(report: TranslationReport, model: ContentModel | None = None) -> list[Annotation]:
    """One error per problem, then a notice with the summary (scripts/check_changed.py filters these)."""
    model = model or load_model()
    summary = "\n".join(_summary_line(lang, report, model) for lang in report.languages)
    return [*(annotation_of(problem, _shown_on(problem, model)) for problem in report.problems),
            Annotation("notice", summary, {"title": "Translation status"})]


# The status page lists this many terminology findings, the validator all of them: a glossary of common words
# (the data limits allow about 700 terms) made 20,000 rows, 6 MB a language and 8 s of the build.
TERMINOLOGY_ROWS = 200
def _shown_on(problem: Problem, model: ContentModel) -> str | None:
    """A missing translation has no file to show it on: it is shown on the English page that lacks it."""
    located = model.split_page_path(problem.path) if problem.kind == "missing" else None
    return model.page_path(located[1], model.default_language.code) if located else None


def status_html(report: TranslationReport, lang: str, url_for: Callable[[str], str | None],
                model: ContentModel | None = None) -> str:
    """The translation-status page: progress per language, then the state of every page.

    `lang` is the reader's language; `url_for(rel)` gives the link to a page in that language's build.
    States are written out in words (never colour alone).
    """
    model = model or load_model()
    url_for = cache(url_for)  # once per page: the terminology table may name one page thousands of times
    default = model.default_language.code
    state_label = {state: t(f"translation_state_{state}", lang) for state in STATES}
    language_rows = []
    for code in report.languages:
        s = report.summary[code]
        translated = t("translation_status_count", lang).format(
            translated=s.translated, pages=s.pages, percent=int(s.percent))
        language_rows.append({"code": code, "name": model.language(code).name, "translated": translated,
                              "counts": (s.current, s.stale, s.pending, s.missing)})
    statuses: dict[str, dict[str, object]] = {}
    for code in report.languages:
        for status in report.statuses[code]:
            statuses.setdefault(status.rel, {})[code] = status
    page_rows = []
    for rel in sorted(statuses, key=lambda r: _reader_title(statuses[r], lang, default)[0].casefold()):
        title, title_lang = _reader_title(statuses[rel], lang, default)
        cells = [{"state": status.state, "label": state_label[status.state]} if status else None
                 for status in (statuses[rel].get(code) for code in report.languages)]
        page_rows.append({"title": title, "url": url_for(rel), "lang": title_lang if title_lang != lang else "",
                          "cells": cells})
    return fragment(
        "translation_status.html", language_rows=language_rows, page_rows=page_rows,
        terminology=_terminology_rows(report, statuses, lang, default, url_for, model),
        terminology_more=t("terminology_more", lang).format(count=len(report.terminology) - TERMINOLOGY_ROWS)
        if len(report.terminology) > TERMINOLOGY_ROWS else "",
        terminology_caption=t("terminology_caption", lang), terminology_clean=t("terminology_clean", lang),
        terminology_head=[t("translation_status_page", lang), t("translation_status_language", lang),
                          t("terminology_term", lang), t("terminology_expected", lang)],
        languages_caption=t("translation_status_languages", lang), pages_caption=t("translation_status_pages", lang),
        page_heading=t("translation_status_page", lang),
        head=[t("translation_status_language", lang), t("translation_status_translated", lang),
              *(t(f"translation_count_{state}", lang) for state in STATES)],
        columns=[(code, model.language(code).name) for code in report.languages])


def _terminology_rows(report: TranslationReport, statuses: dict, lang: str, default: str,
                      url_for: Callable[[str], str | None], model: ContentModel) -> list[dict]:
    """The terminology check's findings: page, language, the English term and its expected rendering."""
    rows = []
    for finding in report.terminology[:TERMINOLOGY_ROWS]:
        title, title_lang = _reader_title(statuses[finding.rel], lang, default) if finding.rel in statuses else (
            finding.rel, default)
        rows.append({"title": title, "url": url_for(finding.rel), "lang": title_lang if title_lang != lang else "",
                     "code": finding.lang, "language": model.language(finding.lang).name, "term": finding.term,
                     "source": f"{finding.english_path}:{finding.english_line}", "expected": finding.expected})
    return rows


def _reader_title(statuses: dict, lang: str, default: str) -> tuple[str, str]:
    """The page's title in the reader's language where translated, else the English title."""
    status = statuses.get(lang)
    if status is not None and status.state in (CURRENT, STALE, PENDING_STATE):
        return status.title, lang
    first = next(iter(statuses.values()))
    return first.english_title, default
