"""The build's side of the site, by concern; scripts/hooks.py hands each MkDocs event to these modules.

- `state`: the settings of a build (from mkdocs.yml's `extra.red`, environment variables as overrides)
  and the one object that remembers things between events;
- `content`: front-matter and data checks, `<!-- red:... -->` directives, notices, fact and source boxes;
- `i18n`: the nav per language, edit links and dates, template context, hreflang, 404 pages, search split;
- `outputs`: downloads (PDF guides and handbooks).
"""
