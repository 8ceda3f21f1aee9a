"""The plugin's settings: `plugins: - red: {pdf, outputs, nav, search}` in mkdocs.yml, checked by MkDocs.

Every key has a type and a default below. A key the schema does not know is a warning that names its whole
path (`plugins.red.pdf.wokers`, with the nearest known key), so `mkdocs build --strict` stops on a typo; a
value of the wrong kind is an error named the same way. The plugin never reads the environment: mkdocs.yml
takes CI's and `make serve`'s overrides with MkDocs' own `!ENV` tag (`skip: !ENV [RED_SKIP_PDF, false]`).
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c

from redsite.downloads import pdf

PLUGIN = "red"  # its entry point's name in pyproject.toml, as mkdocs.yml lists it


class Flag(c.OptionallyRequired[bool]):
    """true or false; also 1 or 0, which `!ENV` makes of `RED_SKIP_PDF=1` (YAML itself reads yes/no/on/off).
    An empty variable is no value: the default."""

    def run_validation(self, value: object) -> bool:
        if isinstance(value, bool):
            return value
        if value in (0, 1) and isinstance(value, int):
            return bool(value)
        raise base.ValidationError(f"{value!r} is not true or false (1 or 0 also do), e.g. `skip: true`")


class WholeNumber(c.OptionallyRequired[int]):
    """A whole number of at least `minimum`; `meaning` says what it counts and what it does, for the error."""

    def __init__(self, minimum: int, meaning: str, default: int | None = None) -> None:
        super().__init__(default=default)
        self.minimum, self.meaning = minimum, meaning

    def run_validation(self, value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < self.minimum:
            raise base.ValidationError(f"{value!r} is not a whole number of {self.meaning}")
        return value


class Seconds(c.OptionallyRequired[float]):
    def run_validation(self, value: object) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise base.ValidationError(f"{value!r} is not a number of seconds above 0, e.g. 120")
        return float(value)


class Slugs(c.OptionallyRequired[frozenset]):
    """Page slugs, as a list or comma-separated (`!ENV` gives a variable's text)."""

    def run_validation(self, value: object) -> frozenset:
        items = value.split(",") if isinstance(value, str) else value
        if not isinstance(items, list):
            raise base.ValidationError(f"{value!r} is not a list of page slugs, e.g. `[forum-building]`")
        return frozenset(str(item).strip() for item in items if str(item).strip())


class PdfConfig(base.Config):
    skip = Flag(default=False)  # no PDF guides, and no DOCX/ODT guides or offline zips either (`make serve`)
    workers = WholeNumber(0, "processes (0 or more; 0: one per CPU core), e.g. 2", default=0)
    cache_dir = c.Type(str, default=".cache/pdf")  # relative to mkdocs.yml; PDFs by the hash of their inputs
    handbook_limit = c.Optional(WholeNumber(  # above it, a language's handbook comes in volumes (pdf.volumes)
        1, "methods (1 or more), e.g. 50: a handbook with more methods is published as one volume per origin, "
           "split into numbered parts; leave it out to keep every method of a language in one handbook"))
    only = c.Optional(Slugs())  # benchmarks only: render just these methods' guides and a handbook of them


class OutputsConfig(base.Config):
    skip = Flag(default=False)  # no DOCX/ODT guides or offline zips (they are skipped with the PDFs too)
    cache_dir = c.Optional(c.Type(str))  # without it: beside the PDF cache, e.g. .cache/pdf-editable


class NavConfig(base.Config):
    section_limit = c.Optional(WholeNumber(  # redsite.site_nav
        0, "pages (0 or more), e.g. `section_limit: 60`; a section with more pages lists only its catalog "
           "page in the nav; leave it out to list every page"))


class SearchConfig(base.Config):
    stall_seconds = Seconds(default=120.0)  # Pagefind silent this long while replies are due: the build fails


class Section(c.SubConfig):
    """A sub-config whose warnings and errors name the full path of the key (`plugins.red.pdf.workers`)."""

    def pre_validation(self, config: base.Config, key_name: str) -> None:
        super().pre_validation(config, key_name)
        self.path = f"plugins.{PLUGIN}.{key_name}"

    def run_validation(self, value: object) -> base.Config:
        if value is None:  # `pdf:` with nothing under it
            value = {}
        if not isinstance(value, dict):
            raise base.ValidationError(f"{self.path} is {value!r}; it must hold settings, e.g. `{self.path}: "
                                       f"{{{self.config_class._schema[0][0]}: ...}}`")
        config = self.config_class(config_file_path=self._config_file_path)
        config.load_dict(value)
        failed, warnings = config.validate()
        self.warnings.extend(describe_warning(self.path, key, message, config) for key, message in warnings)
        if failed:
            key, error = failed[0]
            raise base.ValidationError(f"{self.path}.{key}: {error}")
        return config


class RedSiteConfig(base.Config):
    pdf = Section[PdfConfig]()
    outputs = Section[OutputsConfig]()
    nav = Section[NavConfig]()
    search = Section[SearchConfig]()

    def validate(self):
        failed, warnings = super().validate()
        return failed, [(key, describe_warning(f"plugins.{PLUGIN}", key, message, self))
                        for key, message in warnings]


def describe_warning(path: str, key: str, message: str, config: base.Config) -> str:
    """MkDocs' 'Unrecognised configuration name: wokers' as the key's full path and the nearest known key."""
    if not message.startswith("Unrecognised configuration name"):
        return message
    known = [name for name, _ in config._schema]
    nearest = difflib.get_close_matches(key, known, n=1)
    guess = f"; did you mean {path}.{nearest[0]}?" if nearest else ""
    return f"unknown setting {path}.{key}{guess} (the settings of {path}: {', '.join(known)})"


@dataclass(frozen=True)
class OutputSettings:
    """The DOCX/ODT guides and the offline zips. They are skipped whenever the PDFs are (`make serve`):
    the zips take the PDFs in, and a build without PDFs is a quick one."""

    skip: bool
    cache_dir: Path  # DOCX/ODT by content hash, like the PDFs


@dataclass(frozen=True)
class BuildSettings:
    """The checked settings as the build uses them: folders resolved against mkdocs.yml's folder."""

    pdf: pdf.Settings
    outputs: OutputSettings
    nav_section_limit: int | None = None  # a section with more pages lists only its catalog (redsite.site_nav)
    search_stall_seconds: float = 120.0


def build_settings(config: RedSiteConfig, project_dir: Path) -> BuildSettings:
    pdf_cache = project_dir / config.pdf.cache_dir
    pdf_settings = pdf.Settings(skip=config.pdf.skip, workers=config.pdf.workers or os.cpu_count() or 1,
                                cache_dir=pdf_cache, handbook_limit=config.pdf.handbook_limit,
                                only=config.pdf.only or None)
    documents_cache = (project_dir / config.outputs.cache_dir if config.outputs.cache_dir
                       else pdf_cache.with_name(f"{pdf_cache.name}-editable"))
    return BuildSettings(pdf=pdf_settings,
                         outputs=OutputSettings(config.pdf.skip or config.outputs.skip, documents_cache),
                         nav_section_limit=config.nav.section_limit,
                         search_stall_seconds=config.search.stall_seconds)


def checked(settings: dict, config_file_path: str | None = None) -> tuple[RedSiteConfig, list, list]:
    """`settings` (what mkdocs.yml gives the plugin) checked as MkDocs checks them: (config, errors, warnings)."""
    config = RedSiteConfig(config_file_path=config_file_path)
    config.load_dict(settings)
    failed, warnings = config.validate()
    return config, failed, warnings


def plugin_settings_in(config_file: Path) -> dict:
    """What a mkdocs.yml gives this plugin, `!ENV` read from the environment, not yet checked ({} if unlisted)."""
    from mkdocs.utils.yaml import yaml_load

    with config_file.open("rb") as stream:
        plugins = yaml_load(stream).get("plugins") or []
    for item in plugins:
        if isinstance(item, dict) and PLUGIN in item:
            return item[PLUGIN] or {}
    return {}
