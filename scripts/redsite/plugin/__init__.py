"""The build's side of the site, by concern; scripts/hooks.py hands each MkDocs event to these modules.

- `state`: the settings of a build (from mkdocs.yml's `extra.red`, environment variables as overrides)
  and the one object that remembers things between events;
- `content`: front-matter and data checks, `<!-- red:... -->` directives, notices, fact and source boxes;
- `i18n`: the nav per language, edit links and dates, template context, 404 pages;
- `reader`: keyboard, screen-reader and phone corrections (skip link to the title, interface strings,
  no head hreflang links, named menu toggles);
- `outputs`: downloads (PDF guides and handbooks);
- `search`: the site search (Pagefind): what each page gives the index, and the index, built last.
"""
