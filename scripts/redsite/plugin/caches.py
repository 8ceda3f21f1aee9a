"""What outlives one build, in one place.

MkDocs keeps one RedSitePlugin for the whole process (a plugin with on_startup is reused across `mkdocs serve`
rebuilds), and mkdocs-static-i18n runs one build per language inside it. What the plugin instance holds is
reset by the outer build's on_config (BuildState.start, SearchIndexing.start); the modules below keep caches
of their own for the whole process, because each is keyed by what it depends on, so none is stale after an edit:

| cache | keyed by | why it outlives a build |
|---|---|---|
| `model.load_model`, `render.ui_strings`, `render._templates` | the package's own files | read once per process |
| `pages._PARSED`, `pages._FRONT_MATTER` | path, language, modification time | a rebuild parses only edited pages |
| `data_files._parse_cached` | path, modification time, size | every language's glossary shares one parse |
| `outline.parse_outline`, `freshness._normalised_body` | the text itself (bounded) | as pages |
| `terminology._page_text`, `term_matching.stem_cache`, `.stemmer_for` | text, language | as pages |
| `pairing.pair_blocks`, `.block_kinds` | the texts | as pages |
| `untranslated._mostly_latin` | the sample text | pure |
| `page_security.template_script_patterns`, `._parsed_attributes` | theme folders, a tag's text | pure |
| `typography._TAGS` | a tag's text (bounded) | pure |
| `pdf.inputs.code_fingerprint`, `pdf.engine._STYLESHEETS` | the loaded code, the styles' fingerprint | per process |
| `plugin.i18n.strings_in` | language | from `render.ui_strings` |
| `plugin.template_cache.SHARED` | template name, file; Jinja checks the source | the theme compiles once |
| `RedSitePlugin.typeset` (`typography.TypesetMemo`) | the text it typesets (bounded) | header, menu, footer recur |

A one-shot build lets go of the per-page entries once its content check and translation report are done
(`release_page_memory`, from BuildState.content_checked); `mkdocs serve` keeps them.
"""

from __future__ import annotations

from redsite import pages
from redsite.translations.report import forget_page_caches


def release_page_memory() -> None:
    """Keep only the pages' front matter, and drop the report's per-page caches (outlines, stems, terms)."""
    pages.drop_bodies()
    forget_page_caches()
