"""What the source trees may contain: the one policy the build and the validator both apply.

Pull requests are written by strangers, so every file in docs/, docs_sv/, docs_ru/ and data/ is
checked before MkDocs reads it:

- no symbolic links (except the two committed language links docs/sv and docs/ru), since MkDocs
  copies a link's target, which may be /etc/passwd or .git/config, into the published site;
- Markdown only as lower-case `.md` (MkDocs builds `.markdown` pages our checks never saw and
  silently drops `.MD`), other files only with the extensions content_model.yml lists;
- file and folder names are lower-case ASCII slugs, and no two paths differ only by case;
- every file is UTF-8, below a size limit, and its YAML is plain (redsite.source_text reads it);
- the keys MkDocs itself will read (found with MkDocs' own reader, including its fence-less
  "key: value" metadata) are keys of our content model, so no page can set Material's `template`,
  `location`, `hide` and the like;
- images and media are local files, links and images name files of the site, and no comment imitates
  one of the build's own markers (redsite.source_references);
- what a page asks of the build is allowed (redsite.page_markup: directives, fence languages, ids and
  attributes), and front matter and headings hold no control or invisible character.

Every finding is a Problem with file, line and how to fix it; nothing here raises for bad input.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from mkdocs.utils import markdown_extensions
from mkdocs.utils.meta import YAML_RE
from mkdocs.utils.meta import get_data as mkdocs_meta

from redsite.frontmatter import PageSource, body_start, front_matter_text, parse_page
from redsite.model import REPO_ROOT, ContentModel, load_model
from redsite.page_markup import markup_problems
from redsite.pages import PageFile, read_page
from redsite.problems import Problem
from redsite.source_references import build_markers, outside_files, remote_media
from redsite.source_text import (
    INVISIBLE,
    KIND,
    Limits,
    SourceError,
    describe,
    read_text,
    size_text,
    unseen_character,
    yaml_problems,
)

MAX_SLUG_LENGTH = 80  # characters of a file or folder name without extension
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ASSET_NAME = re.compile(r"^[A-Za-z0-9]+(?:[-_.][A-Za-z0-9]+)*$")  # self-hosted fonts keep their upstream names


# --------------------------------------------------------------------------- one page


def allowed_keys(model: ContentModel, type_name, is_translation: bool) -> list[str]:
    if model.type_named(type_name):
        names = [f.name for f in model.fields_of(type_name)]
    else:
        names = [f.name for f in model.untyped_fields]
    if is_translation:
        names += [f.name for f in model.translation_fields]
    return names


def page_problems(text: str, repo_path: str, lang: str, model: ContentModel | None = None,
                  our_keys: frozenset[str] | None = None, parsed: PageSource | None = None) -> list[Problem]:
    """The policy's findings on one page's text (as decode() returned it).

    `our_keys` are the front-matter keys our own parser found (frontmatter.parse_page); keys that
    MkDocs reads but our parser did not are reported for typed pages too, since the content model
    check never saw them. `parsed`, that parse of this text, spares reading the YAML again where
    MkDocs reads the same YAML (see _same_yaml).
    """
    model = model or load_model()
    limits = Limits.of(model)
    is_translation = lang != model.default_language.code
    problems: list[Problem] = []
    match = YAML_RE.match(text)
    if match and parsed is not None and _same_yaml(match.group(1), text[:match.end()], parsed):
        meta = parsed.meta  # our parse found no problem in this YAML: neither can the same check here
    else:
        if match:
            problems += yaml_problems(match.group(1), repo_path, lang, 2, limits.front_matter_depth)
            if problems:
                return problems
        _, meta = mkdocs_meta(text)
    meta_lines = _mkdocs_key_lines(text, match)
    if meta and not match:
        first = next(iter(meta))
        problems.append(Problem(
            KIND, lang, repo_path, 1,
            f"the page starts with '{first}: ...', which MkDocs reads as page settings and removes from the page",
            "put front matter between two '---' lines, or start the page with a heading or a blank line"))
        return problems
    type_name = meta.get("type") if isinstance(meta, dict) else None
    allowed = allowed_keys(model, type_name, is_translation)
    for key in meta or {}:
        if key in allowed:
            continue
        if type_name is not None and our_keys is not None and key in our_keys:
            # the content model check reports unknown fields of typed pages itself, and an unknown
            # type on its own line: listing every field as foreign to an untyped page would bury it
            continue
        what = f"a '{type_name}' page" if model.type_named(type_name) else "a page without 'type:'"
        problems.append(Problem(
            KIND, lang, repo_path, meta_lines.get(key, 1),
            f"front-matter key '{key}' is not part of the content model for {what}"
            + (" (MkDocs or Material would act on it)" if key not in (our_keys or ()) or type_name is None else ""),
            f"remove it; allowed keys: {', '.join(allowed)}"))
    if our_keys is not None and match is None and our_keys:
        problems.append(Problem(
            KIND, lang, repo_path, 1, "the front matter is not where MkDocs looks for it",
            "start the file with a line holding exactly '---' (no spaces before it), and close it the same way"))
    elif our_keys is not None and match is not None and set(meta or {}) != set(our_keys):
        problems.append(Problem(
            KIND, lang, repo_path, 1,
            "MkDocs reads this front matter differently from the site's checks (an indented '---' or '...')",
            "close the front matter with a line holding exactly '---' at the start of the line"))
    problems += remote_media(text, repo_path, lang)
    parsed = parsed if parsed is not None else parse_page(repo_path, text, lang)
    problems += markup_problems(text, parsed.body, parsed.body_line, repo_path, lang, model)
    problems += unseen_characters(text, meta if isinstance(meta, dict) else {},
                                  parsed.key_lines if parsed is not None else meta_lines, repo_path, lang)
    problems += outside_files(text, repo_path, lang, model) + build_markers(text, repo_path, lang)
    return problems


ATX_HEADING_START = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
SETEXT_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*$")


def unseen_characters(text: str, meta: dict, key_lines: dict[str, int], repo_path: str, lang: str) -> list[Problem]:
    """Control characters in front-matter values (YAML escapes such as "\\e", "\\0" make them; a raw one is
    refused when the file is read), and characters that are not seen but change what is seen (a bidirectional
    override makes a title read backwards, a zero-width space makes two headings look the same) in front
    matter and headings: the places that reach the navigation, the page head, the feed and the table of
    contents."""
    problems = []
    for key, value in meta.items():
        for found in dict.fromkeys(filter(None, map(unseen_character, [str(key), *_texts(value)]))):
            problems.append(Problem(
                KIND, lang, repo_path, key_lines.get(key, 1), f"front-matter field '{key}' holds {found}",
                "delete it: front matter is plain text (a YAML escape such as \\e, \\0, \\x07 or \\u202e "
                "writes such a character)"))
    if not INVISIBLE.search(text):
        return problems  # nearly every page: one pass in C
    lines = text.splitlines()
    body = body_start(lines)  # front matter is reported above, by value
    for number, line in enumerate(lines[body:], start=body + 1):
        found = INVISIBLE.search(line)
        if not found:
            continue
        heading = ATX_HEADING_START.match(line) or (
            line.strip() and number < len(lines) and SETEXT_UNDERLINE.match(lines[number]))
        if heading:
            problems.append(Problem(
                KIND, lang, repo_path, number, f"the heading holds the invisible character {describe(found.group())}",
                "retype the heading: it reaches the table of contents and its anchor, where it would not read as "
                "it looks"))
    return problems


def _texts(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for key, item in value.items() for text in (str(key), *_texts(item))]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return []


def _same_yaml(mkdocs_yaml: str, head: str, parsed: PageSource) -> bool:
    """Whether MkDocs reads the very YAML that our parse read without a problem, to the same values.

    `head` is the text up to the end of MkDocs' front matter: where our parse closes it later, the two
    differ anyway. MkDocs' block is ours plus the newline that ends it. A final newline changes
    nothing in YAML except the value of a block scalar ('|' or '>'), so pages with those characters
    take the long way.
    """
    if parsed.problems or "|" in mkdocs_yaml or ">" in mkdocs_yaml:
        return False
    ours = front_matter_text(head)
    return ours is not None and mkdocs_yaml == ours + "\n"


def _mkdocs_key_lines(text: str, match) -> dict[str, int]:
    if not match:
        return {}
    lines = {}
    for number, line in enumerate(match.group(1).splitlines(), start=2):
        key = line.split(":", 1)[0].strip().strip("'\"")
        if key and not line[:1].isspace() and key not in lines:
            lines[key] = number
    return lines




# --------------------------------------------------------------------------- the trees


def check_sources(root: Path = REPO_ROOT, model: ContentModel | None = None) -> list[Problem]:
    """Every file of every language tree and of data/, against the policy."""
    model = model or load_model()
    limits = Limits.of(model)
    problems: list[Problem] = []
    default = model.default_language
    language_links = {lang.code: f"../{lang.tree}" for lang in model.translations}
    for language in model.languages:
        tree = root / language.tree
        if tree.is_symlink():
            problems.append(_symlink(language.tree, language.code, tree))
            continue
        if not tree.is_dir():
            continue
        seen: dict[str, str] = {}
        for directory, dirnames, filenames in os.walk(tree):
            base = Path(directory)
            for name in sorted(dirnames + filenames):
                path = base / name
                rel = path.relative_to(tree).as_posix()
                repo_path = model.page_path(rel, language.code)
                if language.code == default.code and rel in language_links:
                    if not (path.is_symlink() and os.readlink(path) == language_links[rel]):
                        problems.append(Problem(
                            KIND, language.code, repo_path, None,
                            f"'{repo_path}' must be the committed link to {language_links[rel][3:]}/",
                            f"restore it: git checkout -- {repo_path}"))
                    if name in dirnames:
                        dirnames.remove(name)
                    continue
                if path.is_symlink():
                    problems.append(_symlink(repo_path, language.code, path))
                    if name in dirnames:
                        dirnames.remove(name)
                    continue
                in_assets = language.code == default.code and rel.split("/", 1)[0] == limits.asset_folder
                problems += _name_problems(name, repo_path, language.code, in_assets, is_dir=name in dirnames)
                folded = rel.casefold()
                if folded in seen:
                    problems.append(Problem(
                        KIND, language.code, repo_path, None,
                        f"'{repo_path}' differs from '{language.tree}/{seen[folded]}' only by upper/lower case",
                        "keep one of them (on Windows and macOS they are the same file)"))
                else:
                    seen[folded] = rel
                if name in filenames:
                    problems += _file_problems(path, rel, repo_path, language.code, limits, model, root)
    data = root / "data"
    if data.is_symlink():
        problems.append(_symlink("data", "", data))
    elif data.is_dir():
        for path in sorted(data.rglob("*")):
            if path.is_symlink():
                problems.append(_symlink(path.relative_to(root).as_posix(), "", path))
    return problems


def _symlink(repo_path: str, lang: str, path: Path) -> Problem:
    try:
        target = os.readlink(path)
    except OSError:
        target = "?"
    return Problem(KIND, lang, repo_path, None,
                   f"symbolic link to '{target}': the build would publish whatever it points at",
                   "replace the link with a real copy of the file (or remove it)")


def _name_problems(name: str, repo_path: str, lang: str, in_assets: bool, is_dir: bool) -> list[Problem]:
    stem, dot, extension = name.rpartition(".") if not is_dir and "." in name else (name, "", "")
    if name.startswith("."):
        return [Problem(KIND, lang, repo_path, None,
                        "hidden file or folder: MkDocs does not publish it, so its content would be lost",
                        "rename it without the leading '.', or remove it (editor and system files do not belong "
                        "in the repository)")]
    if in_assets:
        ok = ASSET_NAME.match(name)
    else:
        ok = SLUG.match(stem) and (not dot or re.fullmatch(r"[a-z0-9]+", extension))
    if ok and len(stem) > MAX_SLUG_LENGTH and not in_assets:
        return [Problem(KIND, lang, repo_path, None,
                        f"the name '{name[:40]}...' has {len(stem)} characters; the limit is {MAX_SLUG_LENGTH}",
                        "rename it to a shorter slug (git mv)")]
    if ok:
        return []
    suggestion = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "page"
    fixed = suggestion + (f".{re.sub(r'[^a-z0-9]+', '', extension.lower())}" if dot else "")
    what = "folder" if is_dir else "file"
    return [Problem(KIND, lang, repo_path, None,
                    f"{what} name '{name}' is not a lower-case ASCII slug (a-z, 0-9, '-'); "
                    "URLs are made from file names and stay English",
                    f"rename it to '{fixed}'" + (" and move its pages there (git mv)" if is_dir else ""))]


def _page_file_problems(path: Path, rel: str, repo_path: str, lang: str, limits: Limits, model: ContentModel,
                        root: Path) -> list[Problem]:
    try:
        text = read_text(path, repo_path, lang, limits.page_bytes)
    except SourceError:
        return []  # pages.read_page reports it, in the build and in the validator alike
    # The parse the report and the build use (pages.read_page caches it): each page is read and parsed once.
    parsed = read_page(PageFile(lang, rel, path), root, text)
    if any(problem.kind == KIND for problem in parsed.problems):
        return []  # over a limit of redsite.page_limits: read_page reports it, and nothing reads the text further
    return page_problems(text, repo_path, lang, model, frozenset(parsed.meta), parsed)


def _file_problems(path: Path, rel: str, repo_path: str, lang: str, limits: Limits,
                   model: ContentModel, root: Path) -> list[Problem]:
    name = path.name
    suffix = name.rsplit(".", 1)[-1] if "." in name else ""
    in_assets = rel.split("/", 1)[0] == limits.asset_folder and lang == model.default_language.code
    if name.endswith(".md"):
        return _page_file_problems(path, rel, repo_path, lang, limits, model, root)
    if name.lower().endswith(markdown_extensions) or suffix.lower() in ("md", "markdown", "mdown", "mkd", "mkdn"):
        stem = name.rsplit(".", 1)[0]
        return [Problem(KIND, lang, repo_path, None,
                        f"Markdown pages must end in '.md' (lower case), not '.{suffix}'",
                        f"rename it to '{stem.lower()}.md' (git mv)")]
    allowed = limits.asset_extensions if in_assets else limits.static_extensions
    if suffix not in allowed:
        return [Problem(KIND, lang, repo_path, None,
                        f"files of type '.{suffix or name}' are not published from the content trees",
                        f"allowed here: {', '.join('.' + ext for ext in sorted(allowed))} (see source_policy in "
                        "scripts/redsite/content_model.yml); remove the file or convert it")]
    size = path.stat().st_size
    if size > limits.static_bytes:
        return [Problem(KIND, lang, repo_path, None,
                        f"the file is {size_text(size)}, over the limit of {size_text(limits.static_bytes)}",
                        "scale images down or compress the PDF")]
    return []
