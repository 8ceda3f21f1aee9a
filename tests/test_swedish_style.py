"""The Swedish house style (docs_sv/style-guide.md) holds on every Swedish page and data string.

These checks read the real source files, so a contributor who brings back a form the Swedish
review removed (ni, tidsplan, Vitryssland, "genomföra goda exempel" ...) gets a failing test
that names the file and line.
"""
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SV_PAGES = sorted((ROOT / "docs_sv").rglob("*.md"))

# form found in review -> the house form (see docs_sv/style-guide.md)
BANNED = {
    r"\blyfta fram och genomföra\b": (
        "an example cannot be carried out: "
        "'lyfta fram väl fungerande arbetssätt som goda exempel och omsätta dem i praktiken'"
    ),
    r"perspektiv som omfattar": "officialese: 'som en del av södra Östersjöregionen'",
    r"\bförståelse av\b": "'förståelse för'",
    r"\btidsplan": "'tidplan'",
    r"\bVitryssland": "'Belarus'",
    r"\bEGTC\b": "the Swedish acronym is EGTS",
    r"\bEU 2020\b": "'Europa 2020-strategin'",
    r"\bhalvoffentliga organ\b": "the glossary's 'halvoffentliga organisationer'",
    r"\bViktigaste lärdomar\b": "a full phrase: 'De viktigaste lärdomarna'",
    r"\bHögskolan i Blekinge\b": "not an institution's name",
    r"\barkivet\b|\barkivets\b": "the repository is 'kodförrådet'",
}
FORM_OF_ADDRESS = re.compile(r"\b(ni|Ni|er|ert|era)\b")
INVISIBLE = re.compile("[\u00a0\u202f\u2009\u200b]")


def prose_lines(path):
    """(line number, text) of the lines a reader sees: no front matter, no code."""
    in_front, in_code = False, False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if number == 1 and line == "---":
            in_front = True
            continue
        if in_front:
            in_front = line != "---"
            continue
        if line.lstrip().startswith("```"):
            in_code = not in_code
            continue
        if not in_code:
            yield number, re.sub(r"`[^`]*`", "", line)


def test_no_form_the_swedish_review_removed():
    problems = []
    for path in SV_PAGES:
        if path.name == "style-guide.md":  # it names the banned forms in order to ban them
            continue
        for number, line in prose_lines(path):
            for pattern, fix in BANNED.items():
                if re.search(pattern, line):
                    problems.append(f"{path.relative_to(ROOT)}:{number}: {pattern!r} – use {fix}")
    assert not problems, "\n".join(problems)


def test_the_reader_is_addressed_as_du():
    problems = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()[:80]}"
        for path in SV_PAGES
        if path.name != "style-guide.md"
        for number, line in prose_lines(path)
        if FORM_OF_ADDRESS.search(line)
    ]
    assert not problems, "address the reader as 'du':\n" + "\n".join(problems)


def test_swedish_quotes_dashes_and_no_hand_typed_invisible_characters():
    problems = []
    for path in SV_PAGES:
        for number, line in prose_lines(path):
            where = f"{path.relative_to(ROOT)}:{number}"
            if line.lstrip().startswith("!!!"):  # the admonition title's quotes are Markdown syntax
                line = re.sub(r'"[^"]*"', "", line)
            if path.name != "style-guide.md" and re.search("[“„«»]", line):
                problems.append(f"{where}: Swedish quotation marks are ” ”")
            if "—" in line and path.name != "style-guide.md":
                problems.append(f"{where}: the Swedish dash is a spaced en dash (–)")
            if re.search(r"\w - \w", line):
                problems.append(f"{where}: a hyphen used as a dash; write –")
            if INVISIBLE.search(line):
                problems.append(f"{where}: invisible character typed by hand; the build adds them")
    assert not problems, "\n".join(problems)


def test_transnational_is_transnationell_not_gransoverskridande():
    data = yaml.safe_load((ROOT / "data" / "baltic_initiatives.yml").read_text(encoding="utf-8"))
    problems = []
    for group in data["groups"]:
        for initiative in group["initiatives"]:
            text = initiative["description"]
            english = len(re.findall(r"\btransnational\b", text["en"], re.I))
            swedish = len(re.findall(r"\btransnation", text["sv"], re.I))
            if english != swedish:
                problems.append(
                    f"{initiative['name']}: 'transnational' {english}× in English, "
                    f"'transnationell' {swedish}× in Swedish "
                    "(Interreg B / BSR Programme cooperation is transnationell)"
                )
    assert not problems, "\n".join(problems)


def test_the_objective_keeps_maritime():
    for page in ("about.md", "index.md", "context/kaliningrad.md"):
        english = (ROOT / "docs" / page).read_text(encoding="utf-8")
        swedish = (ROOT / "docs_sv" / page).read_text(encoding="utf-8")
        assert "maritime cooperation" in english
        assert "bilateralt maritimt samarbete" in swedish, f"docs_sv/{page}: the objective has lost 'maritimt'"
