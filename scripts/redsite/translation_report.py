"""The translation report (redsite.translations.build_report) as text, JSON, Markdown, GitHub
annotations, and as the HTML of the translation-status page."""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape
from itertools import groupby

from redsite.model import ContentModel, load_model
from redsite.problems import Problem
from redsite.render import t
from redsite.source_history import EnglishChanges
from redsite.translations import CURRENT, MISSING, PENDING_STATE, STALE, Report

STATES = (CURRENT, STALE, PENDING_STATE, MISSING)


def as_json(report: Report) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2)


def _summary_line(lang: str, report: Report, model: ContentModel) -> str:
    s = report.summary[lang]
    return (f"{model.language(lang).name} ({lang}): {s.translated} of {s.pages} pages translated ({s.percent:g}%), "
            f"{s.current} up to date, {s.stale} outdated, {s.pending} pending, {s.missing} missing; "
            f"{s.words_translated} of {s.words_total} words")


def _by_language_and_file(problems: list[Problem]):
    for lang, of_language in groupby(problems, key=lambda p: p.lang):
        yield lang, groupby(of_language, key=lambda p: p.path)


def as_text(report: Report, changes: dict[str, EnglishChanges] | None = None,
            model: ContentModel | None = None) -> str:
    """For a translator: per language, per file, each problem with its line and how to fix it."""
    model = model or load_model()
    changes = changes or {}
    out = ["Translation status"]
    out += [f"  {_summary_line(lang, report, model)}" for lang in report.languages]
    if report.clean:
        out.append("\nEvery translation is complete and current.")
        return "\n".join(out) + "\n"
    out.append(f"\n{len(report.problems)} problem(s).")
    for lang, files in _by_language_and_file(report.problems):
        out.append(f"\n== {model.language(lang).name} ({lang}) ==")
        for path, problems in files:
            out.append(f"\n{path}")
            for problem in problems:
                where = f"line {problem.line}: " if problem.line else ""
                out.append(f"  {where}[{problem.kind}] {problem.message}")
                if problem.hint:
                    out.append(f"      how to fix: {problem.hint}")
                change = changes.get(problem.path) if problem.kind == "stale" else None
                if change:
                    out.extend(_text_changes(change))
    return "\n".join(out) + "\n"


def _text_changes(change: EnglishChanges) -> list[str]:
    lines = []
    if change.diff:
        lines.append(f"      what changed in the English since (commit {change.commit[:10]}, {change.date}):")
        lines.extend(f"        {line}" for line in change.diff)
    if change.note:
        lines.append(f"      ({change.note})")
    return lines


def as_markdown(report: Report, changes: dict[str, EnglishChanges] | None = None,
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
    out.append(f"**{len(report.problems)} problem(s)**")
    for lang, files in _by_language_and_file(report.problems):
        problems = [(path, list(items)) for path, items in files]
        count = sum(len(items) for _, items in problems)
        out += ["", f"<details><summary>{model.language(lang).name}: {count} problem(s) in "
                    f"{len(problems)} file(s)</summary>", ""]
        for path, items in problems:
            out.append(f"#### `{path}`")
            out.append("")
            for problem in items:
                where = f"line {problem.line}: " if problem.line else ""
                out.append(f"- {where}**{problem.kind}** – {_md(problem.message)}  ")
                out.append(f"  _How to fix:_ {_md(problem.hint)}")
                change = changes.get(problem.path) if problem.kind == "stale" else None
                if change and change.diff:
                    out += ["", "  ```diff", *(f"  {line}" for line in change.diff), "  ```"]
                if change and change.note:
                    out.append(f"  ({_md(change.note)})")
            out.append("")
        out.append("</details>")
    return "\n".join(out) + "\n"


def _md(text: str) -> str:
    return text.replace("<", "&lt;").replace(">", "&gt;")


def _annotation_value(text: str, property_value: bool = False) -> str:
    """Escape for GitHub workflow commands (data; properties also escape ':' and ',')."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def as_github(report: Report, model: ContentModel | None = None) -> str:
    """`::error file=...,line=...,title=...::message` per problem, and a notice with the summary."""
    model = model or load_model()
    out = []
    for problem in report.problems:
        properties = [f"file={_annotation_value(problem.path, True)}"]
        if problem.line:
            properties.append(f"line={problem.line}")
        properties.append(f"title={_annotation_value(f'{problem.kind} ({problem.lang})', True)}")
        message = problem.message + (f"\nHow to fix: {problem.hint}" if problem.hint else "")
        out.append(f"::error {','.join(properties)}::{_annotation_value(message)}")
    summary = "\n".join(_summary_line(lang, report, model) for lang in report.languages)
    out.append(f"::notice title=Translation status::{_annotation_value(summary)}")
    return "\n".join(out) + "\n"


def status_html(report: Report, lang: str, url_for: Callable[[str], str | None],
                model: ContentModel | None = None) -> str:
    """The translation-status page: progress per language, then the state of every page.

    `lang` is the reader's language; `url_for(rel)` gives the link to a page in that language's build.
    States are written out in words (never colour alone).
    """
    model = model or load_model()
    default = model.default_language.code
    state_label = {state: t(f"translation_state_{state}", lang) for state in STATES}
    head = "".join(f'<th scope="col">{escape(label)}</th>' for label in (
        t("translation_status_language", lang), t("translation_status_translated", lang),
        *(t(f"translation_count_{state}", lang) for state in STATES)))
    rows = []
    for code in report.languages:
        s = report.summary[code]
        translated = t("translation_status_count", lang).format(
            translated=s.translated, pages=s.pages, percent=int(s.percent))
        counts = "".join(f"<td>{number}</td>" for number in (s.current, s.stale, s.pending, s.missing))
        rows.append(f'<tr><th scope="row" lang="{code}">{escape(model.language(code).name)}</th>'
                    f"<td>{escape(translated)}</td>{counts}</tr>")
    progress = ('<table>'
                f'<caption>{escape(t("translation_status_languages", lang))}</caption>'
                f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')

    page_rows: dict[str, dict[str, object]] = {}
    for code in report.languages:
        for status in report.statuses[code]:
            page_rows.setdefault(status.rel, {})[code] = status
    columns = "".join(f'<th scope="col" lang="{code}">{escape(model.language(code).name)}</th>'
                      for code in report.languages)
    body = []
    for rel in sorted(page_rows, key=lambda r: _reader_title(page_rows[r], lang, default)[0].casefold()):
        title, title_lang = _reader_title(page_rows[rel], lang, default)
        url = url_for(rel)
        lang_attr = f' lang="{title_lang}"' if title_lang != lang else ""
        name = f'<a href="{escape(url)}"{lang_attr}>{escape(title)}</a>' if url else \
            f"<span{lang_attr}>{escape(title)}</span>"
        cells = "".join(
            f'<td data-state="{status.state}">{escape(state_label[status.state])}</td>' if status else "<td></td>"
            for status in (page_rows[rel].get(code) for code in report.languages))
        body.append(f'<tr><th scope="row">{name}</th>{cells}</tr>')
    pages = ('<table>'
             f'<caption>{escape(t("translation_status_pages", lang))}</caption>'
             f'<thead><tr><th scope="col">{escape(t("translation_status_page", lang))}</th>{columns}</tr></thead>'
             f'<tbody>{"".join(body)}</tbody></table>')
    return f'<div class="red-translation-status">{progress}{pages}</div>'


def _reader_title(statuses: dict, lang: str, default: str) -> tuple[str, str]:
    """The page's title in the reader's language where translated, else the English title."""
    status = statuses.get(lang)
    if status is not None and status.state in (CURRENT, STALE, PENDING_STATE):
        return status.title, lang
    first = next(iter(statuses.values()))
    return first.english_title, default
