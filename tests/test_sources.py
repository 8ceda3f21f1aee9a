"""Sources a reader can open: every source a page names links to the sources page of its language, which gives each
document's title, author, date, language and rights, and quotes the passages the site relies on; every quotation
on the site is in the sources page and, word for word, in the document (data/source_passages.yml, checked against
the seeds). Hostile data files are refused with file, line and fix."""

from __future__ import annotations

import re
import subprocess
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import REPO
from redsite import source_page
from redsite.model import load_model
from redsite.render import t
from redsite.source_passages import PATH, SEEDS_DIR, check_passages, documents, normalise, read_passages

MODEL = load_model()
DEFAULT = MODEL.default_language.code
LANGS = list(MODEL.codes)
DOCUMENTS = documents(MODEL)
HAVE_SEEDS = all((SEEDS_DIR / MODEL.sources[key]["file"]).is_file() for key in DOCUMENTS)
needs_seeds = pytest.mark.skipif(not HAVE_SEEDS, reason=f"the seed documents are not at {SEEDS_DIR} (RED_SEEDS_DIR)")


def prefix(lang: str) -> str:
    return "" if lang == DEFAULT else f"{lang}/"


def seed(source: str) -> str:
    return normalise((SEEDS_DIR / MODEL.sources[source]["file"]).read_text(encoding="utf-8"))


class Quotes(HTMLParser):
    """The blockquotes of a page (their text, whitespace normalised), the ids and the links (href) it holds."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.quotes: list[str] = []
        self.ids: set[str] = set()
        self.links: list[str] = []
        self._depth = 0
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "blockquote":
            self._depth += 1

    def handle_endtag(self, tag):
        if tag == "blockquote":
            self._depth -= 1
            if not self._depth:
                self.quotes.append(normalise("".join(self._text)))
                self._text = []

    def handle_data(self, data):
        if self._depth:
            self._text.append(data)


def parse(path: Path) -> Quotes:
    parser = Quotes()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def built_pages(site: Path) -> list[Path]:
    return [path for path in sorted(site.rglob("index.html"))
            if not {"offline", "pagefind", "assets"} & set(path.relative_to(site).parts)]


def language_pages(site: Path, lang: str) -> list[Path]:
    """The built pages of one language (the default language's are those outside the other languages' folders)."""
    if lang != DEFAULT:
        return built_pages(site / lang)
    return [page for page in built_pages(site) if page.relative_to(site).parts[0] not in LANGS]


def sources_page_file(site: Path, lang: str) -> Path:
    return site / prefix(lang) / "sources" / "index.html"


# --- The data file and the seeds (no build) ---------------------------------------------------------------

def test_the_passages_are_checked_clean_and_every_page_that_names_a_document_relies_on_a_passage_of_it():
    passages, problems = read_passages(REPO, MODEL, complete=True)
    assert problems == []
    assert {passage.source for passage in passages} == set(DOCUMENTS)
    pages = {(page, passage.source) for passage in passages for page in passage.pages}
    for path in sorted((REPO / "docs").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        named = re.search(r"^sources: \[(.*)\]$", text, re.M)
        for source in (named[1].split(", ") if named else []):
            if source in DOCUMENTS:
                assert (path.relative_to(REPO / "docs").with_suffix("").as_posix(), source) in pages, path


@needs_seeds
def test_every_passage_is_in_its_document_word_for_word():
    passages, _ = read_passages(REPO, MODEL)
    assert len(passages) >= len(DOCUMENTS)
    for passage in passages:
        assert passage.text in seed(passage.source), passage.id


def write_passages(root: Path, body: str) -> None:
    (root / PATH).write_text("passages:\n" + body, encoding="utf-8")


GOOD = """  - id: about-bilateral
    source: red-about
    pages: [methods/bilateral-meetings]
    text: Bilateral meetings will serve as the main arena for exchange of experiences and discussions.
"""


def fake_seeds(tmp_path: Path, extra: str = "") -> Path:
    """The real seeds where they are at hand, else copies of just the passages; `extra` added to 001."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    for key in DOCUMENTS:
        name = MODEL.sources[key]["file"]
        real = SEEDS_DIR / name
        text = real.read_text(encoding="utf-8") if real.is_file() else " ".join(
            passage.text for passage in read_passages(REPO, MODEL, tmp_path / "none")[0] if passage.source == key)
        (folder / name).write_text(text + ("\n" + extra if key == "red-about" else ""), encoding="utf-8")
    return folder


HOSTILE = {
    "an unknown source": (GOOD.replace("source: red-about", "source: red-abuot"), 2,
                          "names the unknown source 'red-abuot'"),
    "a source that is not a document": (GOOD.replace("source: red-about", "source: invented"), 2,
                                        "names the unknown source 'invented'"),
    "a passage not in the document": (GOOD.replace("will serve as", "served as"), 2,
                                      "is not in the document 'red-about' (001_872de444ccbf14d6.txt) word for word"),
    "a control character": (GOOD.replace("text: Bilateral", 'text: "Bilateral\\a').replace(
        "discussions.\n", 'discussions."\n'), 2, "holds the control character U+0007"),
    "an invisible format character": (GOOD.replace("text: Bilateral", 'text: "Bi\\u200blateral').replace(
        "discussions.\n", 'discussions."\n'), 2, "holds the control character U+200B"),
    "an unknown key": (GOOD + "    note: mine\n", 2, "unknown key(s): note"),
    "an id used twice": (GOOD + GOOD, 6, "the id 'about-bilateral' is used twice"),
    "an id that is a source's": (GOOD.replace("id: about-bilateral", "id: red-about"), 2,
                                 "the id 'red-about' is not a valid passage id"),
    "an id of the build's own": (GOOD.replace("id: about-bilateral", "id: red-title"), 2,
                                 "the id 'red-title' is not a valid passage id"),
    "an id of a document's heading": (GOOD.replace("id: about-bilateral", "id: baltmet-annex-passages"), 2,
                                      "the id 'baltmet-annex-passages' is not a valid passage id"),
    "an id with markup": (GOOD.replace("id: about-bilateral", 'id: "x\\" onmouseover=\\"alert(1)"'), 2,
                          "is not a valid passage id"),
    "a page that does not exist": (GOOD.replace("methods/bilateral-meetings", "methods/no-such-page"), 2,
                                   "no page 'methods/no-such-page' in docs/"),
    "a page that does not name the source": (GOOD.replace("source: red-about", "source: blekinge-strategy"), 2,
                                             "the page 'methods/bilateral-meetings' does not name the source "
                                             "'blekinge-strategy'"),
    "no page": (GOOD.replace("pages: [methods/bilateral-meetings]", "pages: []"), 2, "names no page"),
    "no text": (GOOD.replace("text: Bilateral meetings will serve as the main arena for exchange of experiences and "
                             "discussions.", "text: ''"), 2, "has no text"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_passage_is_refused_with_its_line_and_a_fix(repo_copy, tmp_path, case):
    body, line, message = HOSTILE[case]
    write_passages(repo_copy, body)
    problems = [problem for problem in check_passages(repo_copy, MODEL, fake_seeds(tmp_path), complete=True)
                if "no passage of it" not in problem.message]  # the real pages rely on passages left out here
    assert [(problem.path, problem.line) for problem in problems if message in problem.message] == [(PATH, line)], \
        [problem.render() for problem in problems]
    assert all(problem.hint for problem in problems)


def test_a_page_that_names_a_document_without_a_passage_of_it_is_reported(repo_copy, tmp_path):
    write_passages(repo_copy, GOOD)
    problems = check_passages(repo_copy, MODEL, fake_seeds(tmp_path), complete=True)
    assert any(problem.message == "the page 'methods/seminars' names the source 'red-description', but no passage "
               "of it" for problem in problems)


def test_a_file_that_is_not_a_list_of_passages_is_refused(repo_copy, tmp_path):
    (repo_copy / PATH).write_text("passages: nothing\n", encoding="utf-8")
    assert [problem.render() for problem in check_passages(repo_copy, MODEL, fake_seeds(tmp_path))] == [
        f"{PATH}:1: the file must hold a list 'passages:'\n    how to fix: start the file with 'passages:' and give "
        "one '- id: ...' entry per passage"]


def test_markup_in_a_passage_is_shown_as_text(repo_copy, tmp_path):
    """A document may hold markup (the Swedish strategy's contents list does): a passage is escaped, never run."""
    hostile = 'Bilateral <script>alert(1)</script> <a href="javascript:x">meetings</a> & more.'
    write_passages(repo_copy, GOOD.replace("text: Bilateral meetings will serve as the main arena for exchange of "
                                           "experiences and discussions.", f"text: '{hostile}'"))
    seeds = fake_seeds(tmp_path, hostile)
    assert not [problem for problem in check_passages(repo_copy, MODEL, seeds) if "about-bilateral" in problem.message]
    html = source_page.sources_page("sv", lambda path: f"../{path}/", MODEL, repo_copy)
    box = "".join(quote["text"] for quote in source_page.box_quotes("methods/bilateral-meetings", "sv", "../sources/",
                                                                    MODEL, repo_copy))
    assert box == hostile  # the box's template escapes it, as the page's does:
    assert "<script>" not in html and 'href="javascript' not in html
    assert "Bilateral &lt;script&gt;alert(1)&lt;/script&gt; &lt;a href=&#34;javascript:x&#34;&gt;meetings&lt;/a&gt; " \
           "&amp; more." in html


def test_a_broken_passage_file_stops_the_validator_with_file_and_line_and_no_traceback(repo_copy):
    write_passages(repo_copy, GOOD.replace("source: red-about", "source: red-abuot"))
    result = subprocess.run([sys.executable, str(REPO / "scripts" / "check_translations.py"), "--root",
                             str(repo_copy)], capture_output=True, text=True, timeout=300)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "data/source_passages.yml" in output and "line 2:" in output and "red-abuot" in output
    assert "Traceback" not in output


# --- The built site ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_the_sources_page_gives_each_document_its_facts_and_rights_in_the_readers_language(built_site, lang):
    html = sources_page_file(built_site.site, lang).read_text(encoding="utf-8")
    text = normalise(unescape(re.sub(r"<[^>]+>", " ", html)))
    for key in DOCUMENTS:
        section = re.search(rf'<section class="red-source" aria-labelledby="{key}">(.*?)</section>', html, re.S)[1]
        words = normalise(unescape(re.sub(r"<[^>]+>", " ", section)))
        assert normalise(MODEL.source_title(key, lang)) in words
        assert normalise(MODEL.source_author(key, lang)) in words
        assert t("source_date_not_stated", lang) in words  # no document states its date
        assert source_page.language_name(MODEL.sources[key]["language"], lang) in words
        assert 'rel="license"' in section and "CC BY 4.0" in words
        assert section.count('<div class="red-quote"') >= 1
    assert normalise(t("source_passages_verbatim", lang)) in text


@pytest.mark.parametrize("lang", LANGS)
def test_every_source_a_page_names_links_to_its_section_of_the_sources_page(built_site, lang):
    """Every link into the sources page, from every built page of the language (sources boxes, passages, the
    about page), resolves to it and to an element with the link's id; and every document a page names is linked."""
    site = built_site.site
    target = sources_page_file(site, lang)
    anchors = parse(target).ids
    linked_documents = 0
    for path in language_pages(site, lang):
        html = path.read_text(encoding="utf-8")
        box = re.search(r'<section class="red-sources">.*?</section>', html, re.S)
        for href in parse(path).links:
            address = urlsplit(urljoin(path.relative_to(site).as_posix(), href)).path
            if urlsplit(href).scheme or "sources/" not in address:
                continue
            resolved = site / (address if address.endswith(".html") else f"{address.rstrip('/')}/index.html")
            if resolved != target:  # the language menu leads to the sources page of another language
                assert resolved in {sources_page_file(site, other) for other in LANGS} and not urlsplit(
                    href).fragment, (path, href)
                continue
            assert urlsplit(href).fragment in anchors | {""}, (path, href)  # the nav links the page itself
        if box:
            for key in DOCUMENTS:
                if normalise(MODEL.source_title(key, lang)) in normalise(unescape(box[0])):
                    assert re.search(rf'<a href="[^"]*sources/#{key}">', box[0]), (path, key)
                    linked_documents += 1
    assert linked_documents >= 17


@pytest.mark.parametrize("lang", LANGS)
def test_every_quotation_on_a_page_is_on_the_sources_page_and_in_the_document(built_site, lang):
    site = built_site.site
    on_sources_page = parse(sources_page_file(site, lang)).quotes
    passages = {passage.text: passage for passage in read_passages(REPO, MODEL)[0]}
    assert sorted(on_sources_page) == sorted(passages)
    quoted = 0
    for path in language_pages(site, lang):
        for quote in parse(path).quotes:
            assert quote in on_sources_page, (path, quote[:80])
            if HAVE_SEEDS:
                assert quote in seed(passages[quote].source), (path, quote[:80])
            quoted += 1
    assert quoted > 2 * len(on_sources_page)  # the pages' sources boxes quote them too


def test_without_the_passages_file_every_page_that_names_a_document_is_reported(repo_copy, tmp_path):
    (repo_copy / PATH).unlink()
    seeds = fake_seeds(tmp_path)
    assert check_passages(repo_copy, MODEL, seeds) == []  # the build's check: a site may cite none
    problems = check_passages(repo_copy, MODEL, seeds, complete=True)
    assert problems and all(problem.path == PATH and "but no passage of it" in problem.message for problem in problems)
    assert len(problems) >= 17


def test_the_builds_check_spares_a_site_with_fewer_pages_than_the_passages_name(repo_copy, tmp_path):
    """The fixture sites and the benchmarks build the real data with a few or generated pages: only the complete
    check of the repository asks for every page a passage names."""
    (repo_copy / "docs" / "methods" / "seminars.md").unlink()
    seeds = fake_seeds(tmp_path)
    assert check_passages(repo_copy, MODEL, seeds) == []
    naming = [passage.id for passage in read_passages(REPO, MODEL)[0] if "methods/seminars" in passage.pages]
    assert len(naming) >= 2
    assert [problem.message for problem in check_passages(repo_copy, MODEL, seeds, complete=True)
            if "no page" in problem.message] == [f"the passage {name!r}: no page 'methods/seminars' in docs/"
                                                 for name in naming]


@pytest.mark.parametrize("lang", LANGS)
def test_the_about_page_links_each_document_and_each_timeline_source_to_the_sources_page(built_site, lang):
    html = (built_site.site / prefix(lang) / "about" / "index.html").read_text(encoding="utf-8")
    listing = re.search(r'<ul class="red-source-documents">(.*?)</ul>', html, re.S)[1]
    assert re.findall(r'href="\.\./sources/#([a-z-]+)"', listing) == DOCUMENTS
    table = re.search(r'<table[^>]*>.*?</table>', html[html.index('id="red-timeline'):], re.S)[0]
    cells = re.findall(r"<td>((?:(?!</?td>).)*)</td>\s*</tr>", table, re.S)  # each row's last cell: its source
    assert cells and all(re.fullmatch(r'<a href="\.\./sources/#(?:' + "|".join(DOCUMENTS) + r')">[^<]+</a>', cell)
                         for cell in cells), cells
