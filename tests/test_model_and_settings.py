"""Units: field types parsed by the model, page paths per language,
the build's settings from mkdocs.yml with environment overrides, and the first-difference walker."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.utils.yaml import yaml_load

from conftest import REPO
from redsite.model import FieldType, load_model
from redsite.plugin.config import build_settings, checked, plugin_settings_in
from redsite.translations.structure import first_difference

MODEL = load_model()


def test_field_types_are_parsed_once_by_the_model():
    assert FieldType.parse("list[enum:themes]") == FieldType("enum", "themes", True)
    assert FieldType.parse("enum:content_types").item == FieldType("enum", "content_types", False)
    assert FieldType.parse("list[str]").is_prose and not FieldType.parse("list[source]").is_prose
    assert FieldType.parse("bool").is_language_neutral and not FieldType.parse("date").is_language_neutral
    for bad in ("list[enum]", "number", "str:x"):
        with pytest.raises(ValueError, match="unknown field type"):
            FieldType.parse(bad)
    themes = next(spec for spec in MODEL.common_fields if spec.name == "themes")
    assert themes.parsed.vocabulary == "themes" and themes.parsed.is_list


def test_all_fields_and_fields_of_a_type():
    names = [spec.name for spec in MODEL.all_fields]
    assert len(names) == len(set(names))
    assert {"title", "host", "organiser", "source_hash", "pending"} <= set(names)
    assert [spec.name for spec in MODEL.fields_of("workshop")][-3:] == ["date", "place", "organiser"]
    assert MODEL.vocabulary_keys("content_types") == list(MODEL.content_types)


def test_page_paths_per_language():
    assert MODEL.folder_of("sv") == "docs_sv"
    assert MODEL.page_path("methods/x.md", "ru") == "docs_ru/methods/x.md"
    assert MODEL.split_page_path("docs_sv/methods/x.md") == ("sv", "methods/x.md")
    assert MODEL.split_page_path("docs/about.md") == ("en", "about.md")
    assert MODEL.split_page_path("data/glossary.yml") is None


RED_VARIABLES = ("RED_SKIP_PDF", "RED_PDF_WORKERS", "RED_PDF_CACHE", "RED_PDF_HANDBOOK_LIMIT", "RED_PDF_ONLY",
                 "RED_SKIP_OUTPUTS", "RED_OUTPUTS_CACHE")


def settings_of(raw: dict, project_dir: Path):
    config, failed, warnings = checked(raw)
    assert not failed and not warnings, (failed, warnings)
    return build_settings(config, project_dir)


def settings_of_mkdocs_yml(monkeypatch, **environ):
    """The real mkdocs.yml's plugin settings with these RED_* variables set (and no other)."""
    for name in RED_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    return settings_of(plugin_settings_in(REPO / "mkdocs.yml"), REPO)


def test_build_settings_come_from_mkdocs_yml_and_environment_overrides_them(tmp_path, monkeypatch):
    settings = settings_of({"pdf": {"skip": False, "workers": 3, "cache_dir": "cache/pdf"}}, tmp_path).pdf
    assert (settings.skip, settings.workers, settings.cache_dir) == (False, 3, tmp_path / "cache" / "pdf")
    overridden = settings_of_mkdocs_yml(monkeypatch, RED_SKIP_PDF="1", RED_PDF_WORKERS="1").pdf
    assert overridden.skip and overridden.workers == 1
    for word in ("true", "yes", "on", "1"):
        assert settings_of_mkdocs_yml(monkeypatch, RED_SKIP_PDF=word).pdf.skip
    assert not settings_of_mkdocs_yml(monkeypatch, RED_SKIP_PDF="").pdf.skip  # empty: not set
    assert not settings_of_mkdocs_yml(monkeypatch, RED_SKIP_PDF="0").pdf.skip
    assert settings_of({}, tmp_path).pdf.cache_dir == tmp_path / ".cache" / "pdf"


def test_mkdocs_yml_declares_the_plugin_settings(monkeypatch):
    for name in RED_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    raw = plugin_settings_in(REPO / "mkdocs.yml")
    assert set(raw["pdf"]) == {"skip", "workers", "cache_dir", "handbook_limit", "only"}
    assert Path(raw["pdf"]["cache_dir"]) == Path(".cache/pdf")
    assert raw["outputs"] == {"skip": False, "cache_dir": None}  # the DOCX/ODT cache follows the PDF cache
    config = yaml_load((REPO / "mkdocs.yml").read_bytes())
    names = [next(iter(item)) if isinstance(item, dict) else item for item in config["plugins"]]
    assert names.index("red") > names.index("i18n")  # after static-i18n, as its events expect
    assert "hooks" not in config and "red" not in config["extra"]
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    for name in RED_VARIABLES:  # the variables CI, the Makefile and the benchmarks set
        assert f"!ENV [{name}," in text or f"!ENV {name}" in text, name


def test_output_settings_follow_the_pdf_skip_and_have_their_own_overrides(tmp_path, monkeypatch):
    raw = {"pdf": {"skip": False}, "outputs": {"skip": False, "cache_dir": "cache/docs"}}
    settings = settings_of(raw, tmp_path).outputs
    assert not settings.skip and settings.cache_dir == tmp_path / "cache" / "docs"
    assert settings_of_mkdocs_yml(monkeypatch, RED_SKIP_PDF="1").outputs.skip  # make serve
    only_outputs = settings_of_mkdocs_yml(monkeypatch, RED_SKIP_OUTPUTS="1")
    assert only_outputs.outputs.skip and not only_outputs.pdf.skip
    moved = settings_of_mkdocs_yml(monkeypatch, RED_PDF_CACHE=str(tmp_path / "p")).outputs
    assert moved.cache_dir == tmp_path / "p-editable"  # beside the PDF cache unless set
    moved = settings_of_mkdocs_yml(monkeypatch, RED_OUTPUTS_CACHE=str(tmp_path / "o")).outputs
    assert moved.cache_dir == tmp_path / "o"


def test_first_difference():
    assert first_difference([2, 2, 3], [2, 3, 3]) == 1
    assert first_difference([2, 2], [2, 2, 3]) == 2
    assert first_difference([], []) == 0
