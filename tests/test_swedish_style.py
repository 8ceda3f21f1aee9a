"""The Swedish house style (docs_sv/style-guide.md) holds on every Swedish page and data string.

These checks read the real source files, so a contributor who brings back a form the Swedish
review removed (ni, tidsplan, Vitryssland, "genomföra goda exempel" ...) gets a failing test
that names the file and line.
"""
import re
from pathlib import Path

import yaml

from redsite.model import load_model

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
    r"\bbidragsgivar": "a 'bidragsgivare' gives grants: 'de som vill bidra', 'medverkande'",
    r"RED:s kunskapsbank|Kunskapsbank om RED|RED – kunskapsbank": "the site's one name: 'kunskapsbanken om RED'",
    r"\billustrativ|\bkonstruerat innehåll": "an example page's content is 'påhittat'",
    r"\bfärgschema|\bfärgtema": "'ljust/mörkt läge', as in the interface",
    r"\b[Åå]tgärd 3\.2\b": "the source's number: 'åtgärd 3:2'",
    r"Tacis[^.]*ryska sidan": "the sources do not say what Tacis financed",
    r"\bdet partnerskapet har lärt": "'det som partnerskapet har lärt sig'",
    r"Europa Direkt-kontor hos Europeiska kommissionens": "ask the representation; the office is not hosted there",
    r"\beller så\b": "spoken register: 'annars', or recast the sentence",
    r"\btjänade vilken ambition": "'hörde till vilken ambition'",
    r"förväntningar som inte möts": "'förväntningar som inte stämmer överens'",
    r"\böstersjönivå": "Östersjö- compounds take a capital",
    r"\bpublika värden": "'den publicerade webbplatsen'",
    r"affärer ur projektarbete": "'Från projektarbete till affärer'",
    r"S:t Petersburgsområdet": "'området kring S:t Petersburg'",
    r"\blokal, tolkning\b|\btolkning, lokal\b": "'lokal' in a list reads as an adjective: 'boka lokal, ordna tolkning'",
    r"\butvecklingsklyft": "translationese for 'development gaps': 'hinder i sin utveckling'",
    r"\bmycket fokuserad": "calque of 'highly focused': 'målinriktad'",
    r"\bföra vidare utvecklingen": "'vidareutveckla'",
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


# Everything below reads the site's own sources of Swedish text: the pages, the interface strings, the
# content model's labels, the glossary and the Swedish entry of mkdocs.yml.
WORKSHOP_WORD = re.compile(r"\b[Ww]orkshop(?:en|ens|ar|arna|arnas|s|pen|pens|par|parna|parnas)\b")
LINK_TARGET = re.compile(r"\]\([^)]*\)|`[^`]*`")


def swedish_values(node):
    """Every string stored under an 'sv' key, at any depth of a YAML document."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "sv" and isinstance(value, str):
                yield value
            else:
                yield from swedish_values(value)
    elif isinstance(node, list):
        for item in node:
            yield from swedish_values(item)


def swedish_strings():
    """(where, text) of the Swedish strings that are not pages."""
    for name in ("scripts/redsite/ui_strings.yml", "scripts/redsite/content_model.yml", "data/glossary.yml",
                 "data/baltic_initiatives.yml"):
        data = yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))
        for text in swedish_values(data):
            yield name, text
    swedish = mkdocs_language("sv")
    yield "mkdocs.yml", swedish["site_name"]
    yield "mkdocs.yml", swedish["site_description"]
    for label in swedish["nav_translations"].values():
        yield "mkdocs.yml", label


def mkdocs_language(code):
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    return next(language for language in i18n["languages"] if language["locale"] == code)


def glossary_term(english):
    terms = yaml.safe_load((ROOT / "data" / "glossary.yml").read_text(encoding="utf-8"))["terms"]
    return next(term for term in terms if term["en"] == english)


def front_matter_title(path):
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])["title"]


def test_workshop_is_inflected_as_the_glossary_says():
    definition = glossary_term("workshop")["definition"]["sv"]
    forms = set(re.search(r"Böjning: ([^.]+)\.", definition).group(1).split(", "))
    assert {"workshoppen", "workshoppar", "workshopparna"} <= forms, definition
    allowed = forms | {form + "s" for form in forms}
    texts = [(f"{path.relative_to(ROOT)}:{number}", line)
             for path in SV_PAGES if path.name != "style-guide.md"
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)]
    problems = [f"{where}: {word!r} – the glossary's forms are {sorted(forms)}"
                for where, text in [*texts, *swedish_strings()]
                for word in WORKSHOP_WORD.findall(LINK_TARGET.sub("", text))
                if word.lower() not in allowed]
    assert not problems, "\n".join(problems)


def test_the_site_has_one_swedish_name():
    style_guide = (ROOT / "docs_sv" / "style-guide.md").read_text(encoding="utf-8")
    stated = re.search(r"webbplatsen heter \*([^*]+)\*", style_guide).group(1)
    name = load_model().language("sv").site_name
    assert name.lower() == stated.lower(), f"content_model.yml names the site {name!r}, the style guide {stated!r}"
    assert mkdocs_language("sv")["site_name"] == name
    assert front_matter_title(ROOT / "docs_sv" / "index.md") == name
    variants = re.compile(r"RED:s kunskapsbank|Kunskapsbank om RED|RED – kunskapsbank|kunskapsbanken för RED")
    problems = [f"{path.relative_to(ROOT)}: {match}" for path in SV_PAGES if path.name != "style-guide.md"
                for match in variants.findall(path.read_text(encoding="utf-8"))]
    problems += [f"{where}: {match}" for where, text in swedish_strings() for match in variants.findall(text)]
    assert not problems, "one name for the site, " + repr(name) + ":\n" + "\n".join(problems)


def test_no_funder_for_a_contributor_in_the_interface_either():
    problems = [f"{where}: {text[:80]}" for where, text in swedish_strings() if re.search(r"bidragsgivar", text)]
    assert not problems, "'bidragsgivare' gives grants; contributors are 'medverkande':\n" + "\n".join(problems)


def test_tacis_is_explained_only_where_the_english_page_explains_it():
    problems = []
    for path in SV_PAGES:
        if path.name == "style-guide.md":  # it names the addition in order to rule it out
            continue
        english = (ROOT / "docs" / path.relative_to(ROOT / "docs_sv")).read_text(encoding="utf-8")
        swedish = path.read_text(encoding="utf-8")
        if swedish.count("Sovjetunionen") != english.count("Soviet Union"):
            problems.append(f"{path.relative_to(ROOT)}: 'Sovjetunionen' {swedish.count('Sovjetunionen')}×, "
                            f"'Soviet Union' {english.count('Soviet Union')}× in the English page")
        glosses = len(re.findall(r"\bTacis \(", swedish)), len(re.findall(r"\bTacis \(", english))
        if glosses[0] != glosses[1]:
            problems.append(f"{path.relative_to(ROOT)}: Tacis explained in brackets {glosses[0]}×, "
                            f"in the English page {glosses[1]}×")
    assert not problems, "add nothing the English page does not say:\n" + "\n".join(problems)


def test_the_measure_keeps_the_number_the_source_gives_it():
    english = (ROOT / "docs" / "about.md").read_text(encoding="utf-8")
    swedish = (ROOT / "docs_sv" / "about.md").read_text(encoding="utf-8")
    assert english.count("Measure 3:2") == 2
    assert len(re.findall(r"\b[Åå]tgärd 3:2\b", swedish)) == english.count("Measure 3:2")
    assert "åtgärd 3:2" in (ROOT / "docs_sv" / "style-guide.md").read_text(encoding="utf-8")


# The site's name starts with a capital only where a sentence or a title starts ("Kunskapsbanken om RED är
# byggd ..."); inside a sentence it is "kunskapsbanken om RED", as the style guide says.
NAME_INSIDE_A_SENTENCE = re.compile(r"(?<=[^\s.!?#>*-])\s+(Kunskapsbanken om RED)")


def test_the_site_name_is_lower_case_inside_a_sentence():
    texts = [(f"{path.relative_to(ROOT)}:{number}", line)
             for path in SV_PAGES if path.name != "style-guide.md"
             for number, line in prose_lines(path)]
    problems = [f"{where}: {text[max(0, found.start() - 30):found.end()].strip()!r}"
                for where, text in [*texts, *swedish_strings()]
                for found in NAME_INSIDE_A_SENTENCE.finditer(text)]
    assert not problems, "inside a sentence the site is 'kunskapsbanken om RED':\n" + "\n".join(problems)


def test_the_site_name_check_tells_a_sentence_start_from_its_middle():
    assert NAME_INSIDE_A_SENTENCE.search("ange Kunskapsbanken om RED som källa")
    assert not NAME_INSIDE_A_SENTENCE.search("Kunskapsbanken om RED är byggd för att samla in så få uppgifter")
    assert not NAME_INSIDE_A_SENTENCE.search("Läs mer. Kunskapsbanken om RED samlar metoderna.")
    assert not NAME_INSIDE_A_SENTENCE.search("ange kunskapsbanken om RED som källa")


def test_no_form_the_swedish_review_removed_outside_the_pages_either():
    """The data files and interface strings are read by Swedish readers too (the Baltic initiatives page shows
    data/baltic_initiatives.yml): the forms the pages may not use are refused there as well."""
    problems = [f"{where}: {pattern!r} – use {fix}"
                for where, text in swedish_strings()
                for pattern, fix in BANNED.items() if re.search(pattern, text)]
    assert not problems, "\n".join(problems)


# After a colon Swedish writes lower case unless a full sentence follows (Svenska skrivregler): "Exempel: workshop
# om ...", but "Exempel: En delegation studerar ...". A title that goes on with a bare noun of the site's page
# kinds is never a sentence.
NOUN_AFTER_COLON = re.compile(r":\s+(Workshop|Studiebesök|Seminarium|Metod)\b")


def test_a_noun_phrase_after_a_colon_in_a_title_starts_lower_case():
    problems = [f"{path.relative_to(ROOT)}: {title!r}" for path in SV_PAGES
                for title in [front_matter_title(path) if path.read_text(encoding="utf-8").startswith("---") else ""]
                if title and NOUN_AFTER_COLON.search(title)]
    assert not problems, "lower case after the colon, e.g. 'Exempel: workshop om ...':\n" + "\n".join(problems)
    assert NOUN_AFTER_COLON.search("Exempel: Workshop om vision och metod")
    assert not NOUN_AFTER_COLON.search("Exempel: En delegation från en partnerregion studerar")
