"""Hostile and mistaken inputs: what an attacker with a pull request or a tired translator with the
wrong editor might send. Each case gets its expected message (file, line, what, how to fix), or
proof that it is harmless.

- Source cases run the validator on a small tree (milliseconds each) and, all at once, one
  fixture build: each must be reported by both, with no traceback, and stop the build.
- Rendering cases are legal pages carrying markup or entities; they are built into one fixture
  site and opened in Chromium, where any dialog or script execution fails the test.
"""

from __future__ import annotations

import pytest

from fixture_site import SECTIONS, TYPED_HEAD, add_files, build_fixture, location, make_fixture_site, make_tree, write
from redsite.translations.report import build_report

ALIAS_BOMB = """---
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
---

# Bomb
"""

# (case id, files {path: text or bytes or ("symlink", target)}, expected file, expected line, expected message)
SOURCE_CASES = [
    # --- scripts via page settings MkDocs or Material act on
    ("redirect-template",
     {"docs/redirect.md": "---\ntemplate: redirect.html\nlocation: 'javascript:alert(1)'\n---\n\nx\n"},
     "docs/redirect.md", 2, "front-matter key 'template' is not part of the content model"),
    ("location-key", {"docs/loc.md": "---\ntitle: L\nlocation: 'javascript:alert(1)'\n---\n\nx\n"},
     "docs/loc.md", 3, "front-matter key 'location'"),
    ("hide-key", {"docs_sv/hide.md": "---\ntitle: H\nhide: [navigation, toc]\n---\n\nx\n"},
     "docs_sv/hide.md", 3, "front-matter key 'hide'"),
    ("multimarkdown-meta", {"docs/mmd.md": "Template: redirect.html\nLocation: javascript:alert(2)\n\n# y\n"},
     "docs/mmd.md", 1, "which MkDocs reads as page settings"),
    ("translator-note-line", {"docs_sv/note.md": "Obs: den här sidan är inte klar\n\n# Rubrik\n"},
     "docs_sv/note.md", 1, "starts with 'obs: ...'"),
    ("typed-page-template", {"docs/methods/typed.md": TYPED_HEAD.format(title="T").replace(
        "example: false\n", "example: false\ntemplate: redirect.html\n") + SECTIONS},
     "docs/methods/typed.md", 11, "unknown field 'template'"),
    ("indented-fence-smuggling", {"docs/smuggle.md": "---\ntitle: ok\n  ---\ntemplate: redirect.html\n---\n\nx\n"},
     "docs/smuggle.md", 4, "front-matter key 'template'"),
    ("bom-front-matter", {"docs/bom.md": b"\xef\xbb\xbf---\ntemplate: redirect.html\n---\n\nx\n"},
     "docs/bom.md", 2, "front-matter key 'template'"),
    # --- files that would be built unchecked, or silently dropped
    ("markdown-extension", {"docs/page.markdown": "---\ntemplate: redirect.html\n---\n"},
     "docs/page.markdown", None, "must end in '.md' (lower case), not '.markdown'"),
    ("upper-case-md", {"docs_sv/x.MD": "# X\n"}, "docs_sv/x.MD", None, "rename it to 'x.md'"),
    ("mkd-extension", {"docs_ru/y.mkd": "# Y\n"}, "docs_ru/y.mkd", None, "not '.mkd'"),
    ("wrong-case-folder", {"docs/Methods/x.md": "# X\n"}, "docs/Methods", None,
     "folder name 'Methods' is not a lower-case ASCII slug"),
    ("case-collision", {"docs/about.md": "# A\n", "docs/About.md": "# B\n"}, "docs/about.md", None,
     "differs from 'docs/About.md' only by upper/lower case"),
    ("non-ascii-name", {"docs_sv/möte.md": "# M\n"}, "docs_sv/möte.md", None, "rename it to 'm-te.md'"),
    ("space-in-name", {"docs/my page.md": "# M\n"}, "docs/my page.md", None, "rename it to 'my-page.md'"),
    ("editor-backup", {"docs_sv/index.md~": "old\n"}, "docs_sv/index.md~", None,
     "not published from the content trees"),
    ("hidden-file", {"docs_ru/.draft.md": "# D\n"}, "docs_ru/.draft.md", None, "hidden file or folder"),
    ("svg-file", {"docs/methods/logo.svg": "<svg onload='alert(1)'/>"}, "docs/methods/logo.svg", None,
     "files of type '.svg' are not published"),
    ("html-file", {"docs_sv/x.html": "<script>alert(1)</script>"}, "docs_sv/x.html", None,
     "files of type '.html' are not published"),
    ("js-outside-assets", {"docs_sv/evil.js": "alert(1)"}, "docs_sv/evil.js", None, "files of type '.js'"),
    ("long-name", {f"docs/{'a' * 90}.md": "# A\n"}, f"docs/{'a' * 90}.md", None, "the limit is 80"),
    # --- files from outside the site
    ("symlink-passwd", {"docs_sv/passwd.txt": ("symlink", "/etc/passwd")}, "docs_sv/passwd.txt", None,
     "symbolic link to '/etc/passwd'"),
    ("symlink-git-config", {"docs_sv/config.txt": ("symlink", "../.git/config")}, "docs_sv/config.txt", None,
     "symbolic link to '../.git/config'"),
    ("symlink-environ", {"docs_ru/env.txt": ("symlink", "/proc/self/environ")}, "docs_ru/env.txt", None,
     "symbolic link to '/proc/self/environ'"),
    ("symlink-page", {"docs/leak.md": ("symlink", "/etc/hostname")}, "docs/leak.md", None, "symbolic link"),
    ("symlink-folder", {"docs_sv/etc": ("symlink", "/etc")}, "docs_sv/etc", None, "symbolic link to '/etc'"),
    ("symlink-data", {"data/extra.yml": ("symlink", "/etc/passwd")}, "data/extra.yml", None, "symbolic link"),
    # --- YAML that hangs, hides or loses values
    ("alias-bomb", {"docs/bomb.md": ALIAS_BOMB}, "docs/bomb.md", 2, "YAML anchor '&a'"),
    ("alias", {"docs/alias.md": "---\ntitle: &t Hi\ndescription: *t\n---\n\nx\n"}, "docs/alias.md", 2, "YAML anchor"),
    ("merge-key", {"docs/merge.md": "---\ntitle: M\n<<: {template: redirect.html}\n---\n\nx\n"},
     "docs/merge.md", 3, "YAML merge key"),
    ("yaml-tag", {"docs/tag.md": "---\ntitle: !!binary aGVsbG8=\n---\n\nx\n"}, "docs/tag.md", 2, "YAML tag"),
    ("deep-nesting", {"docs/deep.md": "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n\nx\n"},
     "docs/deep.md", 2, "nested more than"),
    ("duplicate-key", {"docs_sv/dup.md": "---\ntitle: Första\ntitle: Andra\n---\n\nx\n"}, "docs_sv/dup.md", 3,
     "the key 'title' appears twice"),
    ("impossible-date", {"docs/methods/date.md": TYPED_HEAD.format(title="D").replace("2026-01-15", "2026-13-45")
                         + SECTIONS}, "docs/methods/date.md", 8, "the date 2026-13-45 does not exist"),
    ("november-31", {"docs/methods/nov.md": TYPED_HEAD.format(title="N").replace("2026-01-15", "2026-11-31")
                     + SECTIONS}, "docs/methods/nov.md", 8, "the date 2026-11-31 does not exist"),
    ("list-type", {"docs/methods/listed.md": TYPED_HEAD.format(title="L").replace("type: method", "type: [method]")
                   + SECTIONS}, "docs/methods/listed.md", 2, "unknown content type ['method']"),
    ("mapping-type", {"docs_sv/methods/mapped.md": TYPED_HEAD.format(title="M").replace("type: method",
                                                                                        "type: {name: method}")
                      + SECTIONS}, "docs_sv/methods/mapped.md", 2, "unknown content type {'name': 'method'}"),
    # --- encodings and sizes
    ("cp1252-page", {"docs_sv/cp.md": "---\ntitle: Möte\n---\n\nÅtgärd\n".encode("cp1252")}, "docs_sv/cp.md", 2,
     "the file is not UTF-8"),
    ("utf16-page", {"docs_ru/u16.md": "# Страница\n".encode("utf-16")}, "docs_ru/u16.md", 1, "saved as UTF-16"),
    ("huge-page", {"docs/huge.md": "# Huge\n\n" + "word " * 60000}, "docs/huge.md", None, "over the limit of 256 KB"),
    ("nul-bytes", {"docs/nul.md": "# N\x00\n"}, "docs/nul.md", 1, "NUL character"),
    # --- third-party requests
    ("remote-image", {"docs/img.md": "# I\n\n![](https://tracker.example/p.gif)\n"}, "docs/img.md", 3,
     "image or media from another site: https://tracker.example/p.gif"),
    ("remote-image-reference", {"docs_sv/ref.md": "# R\n\n![pixel][p]\n\n[p]: //tracker.example/p.gif\n"},
     "docs_sv/ref.md", 3, "from another site: //tracker.example/p.gif"),
    ("remote-image-html", {"docs_ru/h.md": '# H\n\n<img src="http://tracker.example/p.gif" alt="">\n'},
     "docs_ru/h.md", 3, "from another site: http://tracker.example/p.gif"),
    ("data-url-image", {"docs/d.md": "# D\n\n![x](data:image/gif;base64,R0lGOD)\n"}, "docs/d.md", 3,
     "from another site: data:image/gif"),
    ("remote-video", {"docs/v.md": '# V\n\n<video poster="https://t.example/a.jpg"></video>\n'}, "docs/v.md", 3,
     "https://t.example/a.jpg"),
    # --- data files
    ("empty-glossary", {"data/glossary.yml": ""}, "data/glossary.yml", 1, "the file is empty"),
    ("cp1252-glossary", {"data/glossary.yml": "terms:\n  - en: meeting\n    sv: möte\n".encode("cp1252")},
     "data/glossary.yml", 3, "the file is not UTF-8"),
    ("glossary-alias", {"data/glossary.yml": "terms:\n  - &t {en: a, sv: b, ru: c}\n  - *t\n"},
     "data/glossary.yml", 2, "YAML anchor"),
    ("glossary-not-list", {"data/glossary.yml": "terms: meeting\n"}, "data/glossary.yml", 1,
     "the file must hold a list 'terms:'"),
    ("glossary-date", {"data/glossary.yml": "terms:\n  - en: 2026-02-30\n"}, "data/glossary.yml", 2,
     "the date 2026-02-30 does not exist"),
    ("initiative-without-name", {"data/baltic_initiatives.yml": (
        "groups:\n  - key: g\n    title: {en: G, sv: G, ru: G}\n    initiatives:\n"
        "      - status: {en: s, sv: s, ru: s}\n        description: {en: d, sv: d, ru: d}\n")},
     "data/baltic_initiatives.yml", 5, "initiative 1 of group 'g': has no 'name'"),
    ("initiative-javascript-url", {"data/baltic_initiatives.yml": (
        "groups:\n  - key: g\n    title: {en: G, sv: G, ru: G}\n    initiatives:\n      - name: N\n"
        "        status: {en: s, sv: s, ru: s}\n        description: {en: d, sv: d, ru: d}\n"
        "        url: 'javascript:alert(1)'\n")},
     "data/baltic_initiatives.yml", 5, "'url' must be a web address"),
    ("initiative-partners-not-names", {"data/baltic_initiatives.yml": (
        "groups:\n  - key: g\n    title: {en: G, sv: G, ru: G}\n    initiatives:\n      - name: N\n"
        "        status: {en: s, sv: s, ru: s}\n        description: {en: d, sv: d, ru: d}\n"
        "        partners: [[a], {b: c}]\n")},
     "data/baltic_initiatives.yml", 5, "'partners' must be a list of names"),
]


@pytest.mark.parametrize(("case", "files", "path", "line", "message"), SOURCE_CASES,
                         ids=[case[0] for case in SOURCE_CASES])
def test_validator_reports_each_source_case(tmp_path, case, files, path, line, message):
    root = make_tree(tmp_path / case)
    add_files(root, files)
    rendered = [problem.render() for problem in build_report(root).problems]
    hits = [text for text in rendered if text.startswith(location(path, line) + ":") and message in text]
    assert hits, f"expected '{location(path, line)}: ...{message}...' among:\n" + "\n".join(rendered)
    assert all("how to fix:" in text for text in hits)


def test_the_real_trees_pass_the_policy():
    from redsite.source_policy import check_sources

    assert [problem.render() for problem in check_sources()] == []


@pytest.fixture(scope="module")
def refused_build(tmp_path_factory, site_address):
    """Every source case at once in one fixture site: the build must refuse them all, quickly."""
    root = make_fixture_site(tmp_path_factory.mktemp("refused") / "repo")
    seen = set()
    for case, files, *_ in SOURCE_CASES:
        if case.startswith(("glossary-", "initiative-", "empty-glossary", "cp1252-glossary")) or \
                set(files) & seen:
            continue  # one data file at a time; each is covered by the validator test
        seen |= set(files)
        add_files(root, files)
    write(root, "data/glossary.yml", b"terms:\n  - en: m\xf6te\n")  # cp1252
    return build_fixture(root, site_url=site_address)


@pytest.mark.parametrize(("case", "files", "path", "line", "message"),
                         [case for case in SOURCE_CASES if not case[0].startswith(
                             ("glossary-", "initiative-", "empty-glossary", "cp1252-glossary"))],
                         ids=[case[0] for case in SOURCE_CASES if not case[0].startswith(
                             ("glossary-", "initiative-", "empty-glossary", "cp1252-glossary"))])
def test_build_refuses_each_source_case(refused_build, case, files, path, line, message):
    if case == "case-collision":
        pytest.skip("in the combined build docs/about.md collides with another case; the validator test covers it")
    assert refused_build.returncode != 0
    assert "Traceback" not in refused_build.log
    assert f"{location(path, line)}: " in refused_build.log and message in refused_build.log, refused_build.log[-4000:]


def test_build_reports_data_file_errors_without_traceback(refused_build):
    assert "data/glossary.yml:2: the file is not UTF-8" in refused_build.log
    assert "Traceback" not in refused_build.log


def test_scaffolder_refuses_an_overlong_title(tmp_path, capsys):
    from redsite.cli import new_page

    root = make_tree(tmp_path / "repo")
    assert new_page.main(["method", "Harbour " * 40, "--real", "--root", str(root)]) == 2
    assert "the title has 319 characters; the limit is 150" in capsys.readouterr().err
    assert new_page.main(["method", "Harbour", "--slug", "harbour-" * 20, "--real", "--root", str(root)]) == 2
    error = capsys.readouterr().err
    assert "the limit is 80" in error and "--slug harbour-harbour" in error
    assert not list((root / "docs").rglob("harbour*"))


def test_check_changed_shows_data_errors_as_annotations(tmp_path, capsys):
    from redsite.cli import check_changed

    root = make_tree(tmp_path / "repo")
    write(root, "data/glossary.yml", "")
    assert check_changed.main(["data/glossary.yml", "--github", "--root", str(root)]) == 1
    assert "::error file=data/glossary.yml,line=1,title=data ()::the file is empty" in capsys.readouterr().out


def test_absolute_links_and_broken_anchors_fail_the_build(tmp_path, site_address):
    """mkdocs.yml's `validation:` turns both into warnings, which --strict makes fatal; the source policy
    refuses an absolute link before MkDocs sees it (with its line), so each gets its own build."""
    root = make_fixture_site(tmp_path / "repo")
    write(root, "docs/links.md", "---\ntitle: Links\n---\n\n[method](/methods/x/)\n")
    build = build_fixture(root, site_url=site_address)
    assert build.returncode != 0 and "Traceback" not in build.log
    assert "docs/links.md:5: link or image outside the site: '/methods/x/' is an absolute path" in build.log
    write(root, "docs/links.md", "---\ntitle: Links\n---\n\n[gone](index.md#no-such-anchor)\n")
    build = build_fixture(root, site_url=site_address)
    assert build.returncode != 0 and "Traceback" not in build.log
    assert "links.md" in build.log and "no-such-anchor" in build.log, build.log[-3000:]
