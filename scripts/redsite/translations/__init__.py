"""Cross-language checks: is every page translated, current, and built like its English source?

One module per job, so that each user imports only what it needs (the build imports `freshness` alone):

- `freshness`: what a translation records (`source_hash`) and its state: current, stale, pending, missing, orphan;
- `stamp`: write `source_hash` into translation files (`make stamp`);
- `untranslated`: passages and front-matter text left in English;
- `structure`: headings, admonitions, tables, code blocks, images and links that differ from the English;
- `link_check`: links and anchors that do not resolve in a language;
- `terminology`: glossary terms a translated passage does not render as the glossary does (passages paired
  by `pairing`, terms matched by `term_matching`);
- `report`: every check over every page, as one `TranslationReport` (the validator and the status page);
- `formats`: that report as text, Markdown, JSON, GitHub annotations and the status page's HTML.

Staleness never looks at file dates or commits. A translation records, in its
front-matter field `source_hash`, the version of the English page it was made
from; it is current while that equals `source_hash(english)`. What the hash
covers is described in `freshness.normalised_source`.
"""
