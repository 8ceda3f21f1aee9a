"""Units that the issue-14 split exposed: field types parsed by the model, page paths per language,
the build's settings from mkdocs.yml with environment overrides, and the first-difference walker."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import REPO
from redsite.hooks.state import BuildSettings
from redsite.model import FieldType, load_model
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


def test_build_settings_come_from_mkdocs_yml_and_environment_overrides_them(tmp_path):
    extra = {"red": {"pdf": {"skip": False, "workers": 3, "cache_dir": "cache/pdf"}}}
    settings = BuildSettings.from_config(extra, {}, tmp_path).pdf
    assert (settings.skip, settings.workers, settings.cache_dir) == (False, 3, tmp_path / "cache" / "pdf")
    overridden = BuildSettings.from_config(extra, {"RED_SKIP_PDF": "1", "RED_PDF_WORKERS": "1"}, tmp_path).pdf
    assert overridden.skip and overridden.workers == 1
    assert BuildSettings.from_config({"red": {"pdf": {"skip": True}}}, {"RED_SKIP_PDF": ""}, tmp_path).pdf.skip
    assert BuildSettings.from_config(None, {}, tmp_path).pdf.cache_dir == tmp_path / ".cache" / "pdf"


def test_mkdocs_yml_declares_the_pdf_settings():
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    extra = yaml.safe_load(text[text.index("\nextra:"):text.index("\nextra_css:")])["extra"]
    assert set(extra["red"]["pdf"]) == {"skip", "workers", "cache_dir", "handbook_limit"}
    assert Path(extra["red"]["pdf"]["cache_dir"]) == Path(".cache/pdf")
    assert set(extra["red"]["outputs"]) == {"skip"}  # the DOCX/ODT cache follows the PDF cache


def test_output_settings_follow_the_pdf_skip_and_have_their_own_overrides(tmp_path):
    extra = {"red": {"pdf": {"skip": False}, "outputs": {"skip": False, "cache_dir": "cache/docs"}}}
    settings = BuildSettings.from_config(extra, {}, tmp_path).outputs
    assert not settings.skip and settings.cache_dir == tmp_path / "cache" / "docs"
    assert BuildSettings.from_config(extra, {"RED_SKIP_PDF": "1"}, tmp_path).outputs.skip  # make serve
    only_outputs = BuildSettings.from_config(extra, {"RED_SKIP_OUTPUTS": "1"}, tmp_path)
    assert only_outputs.outputs.skip and not only_outputs.pdf.skip
    moved = BuildSettings.from_config(None, {"RED_PDF_CACHE": str(tmp_path / "p")}, tmp_path).outputs
    assert moved.cache_dir == tmp_path / "p-editable"  # beside the PDF cache unless set
    assert BuildSettings.from_config(extra, {"RED_OUTPUTS_CACHE": str(tmp_path / "o")}, tmp_path).outputs.cache_dir \
        == tmp_path / "o"


def test_first_difference():
    assert first_difference([2, 2, 3], [2, 3, 3]) == 1
    assert first_difference([2, 2], [2, 2, 3]) == 2
    assert first_difference([], []) == 0
