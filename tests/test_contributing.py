"""The contributor's guide, its templates and the automation agree with the code they describe."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import REPO
from redsite import scaffold
from redsite.model import load_model
from redsite.translations.report import KINDS

MODEL = load_model()
GUIDES = [REPO / "CONTRIBUTING.md", *(REPO / language.tree / "contribute.md" for language in MODEL.languages)]
GITHUB = REPO / ".github"


def makefile_targets() -> set[str]:
    return set(re.findall(r"^([a-z][\w-]*):", (REPO / "Makefile").read_text(encoding="utf-8"), re.MULTILINE))


@pytest.mark.parametrize("guide", GUIDES, ids=lambda path: path.relative_to(REPO).as_posix())
def test_every_command_in_the_guide_exists(guide):
    text = guide.read_text(encoding="utf-8")
    targets = set(re.findall(r"`make ([a-z][\w-]*)", text))
    assert {"serve", "check", "test", "build", "stamp"} <= targets
    assert targets <= makefile_targets()
    scripts = set(re.findall(r"python (scripts/[\w/]+\.py)", text))
    assert {"scripts/new_page.py", "scripts/check_translations.py"} <= scripts
    assert all((REPO / script).is_file() for script in scripts), scripts
    for option in re.findall(r"check_translations\.py (--[a-z]+)", text):
        assert option in (REPO / "scripts" / "redsite" / "cli" / "check_translations.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("guide", GUIDES, ids=lambda path: path.relative_to(REPO).as_posix())
def test_the_guide_explains_every_kind_of_validator_message(guide):
    kinds = re.findall(r"^\| `([a-z-]+)` \|", guide.read_text(encoding="utf-8"), re.MULTILINE)
    assert sorted(kinds) == sorted(KINDS)


def test_the_guides_example_is_what_the_scaffolder_writes():
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    match = re.search(r'python scripts/new_page.py (\S+) "([^"]+)"', text)
    type_name, title = match.groups()
    pages = [f"{language.tree}/{MODEL.content_types[type_name].folder}/{scaffold.slugify(title)}.md"
             for language in MODEL.languages]
    assert all(page in text for page in pages), pages


def test_issue_forms_offer_the_models_values():
    method = yaml.safe_load((GITHUB / "ISSUE_TEMPLATE" / "propose-a-method.yml").read_text(encoding="utf-8"))
    translation = yaml.safe_load(
        (GITHUB / "ISSUE_TEMPLATE" / "report-a-translation-problem.yml").read_text(encoding="utf-8"))
    for form in (method, translation):
        assert form["name"] and form["description"]
        ids = [item["id"] for item in form["body"] if item["type"] != "markdown"]
        assert len(ids) == len(set(ids))
        assert all(item["attributes"].get("label") for item in form["body"] if item["type"] != "markdown")
    work_packages = next(item for item in method["body"] if item.get("id") == "work-packages")
    assert work_packages["attributes"]["options"] == [
        labels[MODEL.default_language.code] for labels in MODEL.vocabularies["work_packages"].values()]
    origin = next(item for item in method["body"] if item.get("id") == "origin")
    assert origin["attributes"]["options"] == [
        labels[MODEL.default_language.code] for labels in MODEL.vocabularies["origins"].values()]
    language = next(item for item in translation["body"] if item.get("id") == "language")
    assert language["attributes"]["options"] == [f"{lang.name} ({lang.code})" for lang in MODEL.translations]


def workflow(name: str) -> dict:
    return yaml.safe_load((GITHUB / "workflows" / name).read_text(encoding="utf-8"))


def steps(name: str) -> list[dict]:
    return [step for job in workflow(name)["jobs"].values() for step in job["steps"]]


def test_pull_requests_run_the_validator_first_then_the_content_checks_or_the_full_suite():
    found = steps("pull-request.yml")
    runs = [step.get("run", "") for step in found]
    checkout = next(step for step in found if step.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0 and checkout["with"]["persist-credentials"] is False
    validator = next(index for index, run in enumerate(runs) if "check_changed.py" in run)
    assert "--github" in runs[validator] and "--base" in runs[validator]
    assert "build_report(" in (REPO / "scripts" / "redsite" / "cli" / "check_changed.py").read_text(encoding="utf-8")
    # the annotations come before any test, and every later step runs whatever the validator said
    content = next(index for index, run in enumerate(runs) if "make check-content" in run)
    full = next(index for index, run in enumerate(runs) if run.strip() == ".ci/run")
    assert validator < min(content, full) and "!cancelled()" in found[validator]["if"]
    assert all("!cancelled()" in step.get("if", "") for step in found[validator + 1:] if "if" in step)
    assert all("!cancelled()" in step.get("if", "") for step in found[validator + 1:] if step.get("name"))
    assert "content-only == 'true'" in found[content]["if"] and "content-only != 'true'" in found[full]["if"]
    # ProperDocs runs once per pull request: inside .ci/run
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test\n" in ci and ci.count("\nmake test-properdocs") == 1
    assert not any("test-properdocs" in run for run in runs)
    # the preview: the offline copies as an artifact, and the summary that says where each page is in it
    upload = next(step for step in found if step.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["name"] == "site-preview" and upload["with"]["path"].rstrip("/") == "preview"
    assert any("preview_summary.py" in run and "GITHUB_STEP_SUMMARY" in run and "--artifact site-preview" in run
               for run in runs)


def test_the_content_checks_keep_the_guides_caches_that_mkdocs_yml_names():
    """The PDF and DOCX/ODT caches a content-only pull request restores are the folders the build writes."""
    found = steps("pull-request.yml")
    cache = next(step for step in found if step.get("uses", "").startswith("actions/cache")
                 and "pdf" in step["with"]["path"])
    assert "content-only == 'true'" in cache["if"]
    mkdocs = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    pdf_cache = re.search(r"cache_dir: !ENV \[RED_PDF_CACHE, ([^\]]+)\]", mkdocs).group(1)
    assert cache["with"]["path"].split() == [pdf_cache, pdf_cache + "-editable"]  # outputs: beside the PDFs


def test_workflows_pin_every_action_by_commit_and_grant_only_what_each_job_needs():
    for name in ("pull-request.yml", "deploy.yml"):
        text = (GITHUB / "workflows" / name).read_text(encoding="utf-8")
        uses = re.findall(r"uses: (\S+)(.*)", text)
        assert uses, name
        for action, comment in uses:
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), (name, action)
            assert re.fullmatch(r"\s+# v\d+\.\d+\.\d+", comment), (name, action, comment)
        assert workflow(name)["permissions"] == {}, name
        assert workflow(name)["env"]["NO_MKDOCS_2_WARNING"] == "1", name
    assert workflow("pull-request.yml")["jobs"]["checks"]["permissions"] == {"contents": "read"}
    jobs = workflow("deploy.yml")["jobs"]
    assert jobs["build"]["permissions"] == {"contents": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    dependabot = yaml.safe_load((GITHUB / "dependabot.yml").read_text(encoding="utf-8"))
    assert {update["package-ecosystem"] for update in dependabot["updates"]} == {"pip", "github-actions"}
    assert "zizmor --offline --min-severity high .github/workflows" in (REPO / "Makefile").read_text(encoding="utf-8")


def test_main_is_built_with_pages_and_repository_urls_and_deployed():
    build_steps = steps("deploy.yml")
    uses = [step.get("uses", "").split("@")[0] for step in build_steps]
    assert {"actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses)
    build = next(step for step in build_steps if step.get("run") == "make build")
    assert build["env"]["SITE_URL"] == ("${{ vars.SITE_URL || format('https://{0}.github.io/{1}/', "
                                        "github.repository_owner, github.event.repository.name) }}")
    assert build["env"]["REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    mkdocs = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "site_url: !ENV [SITE_URL" in mkdocs and "repo_url: !ENV [REPO_URL" in mkdocs


def test_pre_commit_hooks_use_the_repositorys_tools():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert "ruff" in hooks["ruff"]["entry"]
    script = hooks["translations"]["entry"].split()[-1]
    assert (REPO / script).is_file()
    assert re.match(hooks["translations"]["files"].split()[0], "docs_sv/methods/x.md")


STYLE_TOPICS = ["Form of address", "Dashes and quotation marks", "Numbers and dates", "Terms", "Headings and links"]


def test_the_style_guide_gives_every_language_the_same_rules_and_the_guides_link_to_it():
    text = (REPO / "docs" / "style-guide.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.MULTILINE)[1:]
    by_language = {section.splitlines()[0]: re.findall(r"^### (.+)$", section, re.MULTILINE) for section in sections}
    assert len(by_language) == len(MODEL.languages) + 1  # one section per language, and the common rules
    for language in ("English", "Swedish", "Russian"):
        assert by_language[language] == STYLE_TOPICS, language
    for guide in GUIDES:
        assert "style-guide.md" in guide.read_text(encoding="utf-8"), guide
    for language in MODEL.languages:
        assert (REPO / language.tree / "style-guide.md").is_file(), language.code
    assert "- Style guide: style-guide.md" in (REPO / "mkdocs.yml").read_text(encoding="utf-8")
