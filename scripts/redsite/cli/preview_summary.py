"""The pages a change adds, changes or removes, as Markdown: the pull request's job summary.

    python scripts/preview_summary.py --base origin/main                 (make preview-summary BASE=origin/main)
    python scripts/preview_summary.py --base origin/main --site site --artifact site-preview

For each page, in each language: its file, what the change does to it, its title and type, its translation state,
the validator's findings, and where it is in the preview (the pull request's offline copies, unzipped: the
workflow's artifact); then the generated pages that change with it (catalogs, glossary, translation status).
Everything a contributor wrote (titles, file names, messages) is escaped (redsite.translations.formats).
Exit status 0; 2 when git cannot compare with the base.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from redsite.model import REPO_ROOT, ContentModel, load_model
from redsite.preview import ChangedPage, Preview, PreviewError, artifact_paths, preview
from redsite.translations.formats import _md as escape
from redsite.translations.report import build_report

STATE_WORDS = {
    "original": "the original",
    "current": "translated, up to date",
    "stale": "translated, outdated: the site says the original has changed",
    "pending": "pending: the site shows the English page with a notice",
    "missing": "missing: the site shows the English page with a notice",
    "orphan": "no English page",
    "removed": "removed",
}
CHANGE_WORDS = {"": "not in this change"}


def _findings(problems) -> str:
    if not problems:
        return "none"
    errors = sum(problem.level == "error" for problem in problems)
    warnings = len(problems) - errors
    counts = ", ".join(part for part in (f"{errors} error(s)" if errors else "",
                                         f"{warnings} warning(s)" if warnings else "") if part)
    shown = "<br>".join(f"{problem.level} {escape(problem.kind)}"
                        + (f" line {problem.line}" if problem.line else "") + f": {escape(problem.message)}"
                        for problem in problems[:5])
    more = f"<br>… {len(problems) - 5} more (make check)" if len(problems) > 5 else ""
    return f"{counts}:<br>{shown}{more}"


def _where(site_path: str, artifact: dict[str, str]) -> str:
    if not site_path:
        return "not built"
    inside = artifact.get(site_path)
    return escape(inside) if inside else escape(site_path) + (" (site path)" if artifact else "")


def _page_section(page: ChangedPage, model: ContentModel, artifact: dict[str, str]) -> list[str]:
    english = page.versions[0]
    kind = page.type_name or "page"
    out = [f"### {escape(english.title or page.rel)} ({escape(kind)}, {escape(page.rel)})", "",
           "| Language | File | Change | Title | Translation | Findings | Open in the preview |",
           "|---|---|---|---|---|---|---|"]
    for version in page.versions:
        name = model.language(version.lang).name
        out.append(f"| {escape(name)} | {escape(version.path)} | {CHANGE_WORDS.get(version.change, version.change)}"
                   f" | {escape(version.title) or '–'} | {STATE_WORDS.get(version.state, escape(version.state))}"
                   f" | {_findings(version.problems)} | {_where(version.site_path, artifact)} |")
    return [*out, ""]


def render_markdown(found: Preview, model: ContentModel, artifact: dict[str, str], artifact_name: str,
                    base: str) -> str:
    errors = sum(problem.level == "error" for page in found.pages for version in page.versions
                 for problem in version.problems)
    warnings = sum(problem.level == "warning" for page in found.pages for version in page.versions
                   for problem in version.problems)
    out = ["## Pages in this pull request", ""]
    if not found.pages and not found.generated:
        out += [f"No page of the site changes (compared with {escape(base)}).", ""]
    else:
        out.append(f"{len(found.pages)} page(s) changed, {len(found.generated)} generated page version(s) change "
                   f"with them; validator: {errors} error(s), {warnings} warning(s) on these pages. "
                   "Pending, missing and outdated translations are warnings: they do not hold up the pull request.")
        out.append("")
        if artifact:
            out += [f"**Preview:** download the artifact **{escape(artifact_name)}** (at the foot of this run's "
                    "summary), unzip it, and open the file named under *Open in the preview* in a browser: the "
                    "offline copies work from disk, without a server (search needs the online site).", ""]
        else:
            out += ["No built site was found, so the paths below are those of the built site (site/).", ""]
    for page in found.pages:
        out += _page_section(page, model, artifact)
    if found.generated:
        out += ["### Generated pages that change with them", "",
                "| Page | Language | Why | Open in the preview |", "|---|---|---|---|"]
        for page in found.generated:
            out.append(f"| {escape(page.title)} | {escape(model.language(page.lang).name)} | {escape(page.why)} | "
                       f"{_where(page.site_path, artifact)} |")
        out.append("")
    if found.files:
        scope = ("content only (pages, their images, data/): the content checks ran" if found.content_only else
                 f"{len(found.outside_content)} file(s) outside the content (code, workflows, the site's assets): "
                 "the full test suite ran")
        out += [f"Changed files: {len(found.files)}; {scope}.", ""]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The pages a change adds, changes or removes, as Markdown.")
    parser.add_argument("--base", required=True, help="the git ref to compare with, e.g. origin/main")
    parser.add_argument("--site", type=Path, default=None,
                        help="the built site with its offline copies (default: site/ if it is there)")
    parser.add_argument("--artifact", default="site-preview", help="the name of the preview artifact")
    parser.add_argument("--root", type=Path, default=REPO_ROOT, help="repository root")
    arguments = parser.parse_args(argv)
    model = load_model()
    root = arguments.root.resolve()
    site = arguments.site if arguments.site is not None else root / "site"
    try:
        found = preview(root, arguments.base, build_report(root, model), model)
    except PreviewError as error:
        print(error.render(), file=sys.stderr)
        return 2
    artifact = artifact_paths(site, model) if site.is_dir() else {}
    sys.stdout.write(render_markdown(found, model, artifact, arguments.artifact, arguments.base))
    return 0


if __name__ == "__main__":
    sys.exit(main())
