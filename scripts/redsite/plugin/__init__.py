"""The MkDocs plugin `red` (mkdocs.yml: `plugins: [i18n, red]`): the build's side of the site, by concern.
`events.RedSitePlugin` hands each MkDocs event to these modules; only they touch MkDocs' objects
(config, files, pages, templates), the rest of `redsite` is plain functions the validator shares.

- `config`: the settings in mkdocs.yml (`plugins: - red: {pdf, outputs, nav, search}`), checked by MkDocs;
- `build_state`: the one object that remembers things between events, from one build's start to its end;
- `caches`: what outlives one build, and why that is safe;
- `content`: front-matter and data checks, `<!-- red:... -->` directives, notices, fact and source boxes;
- `origin_label`: a method's origin under its title;
- `i18n`: the nav per language, edit links and dates, template context, 404 pages;
- `reader`: keyboard, screen-reader and phone corrections (skip link to the title, interface strings,
  no head hreflang links, named menu toggles);
- `downloads`: the PDF, DOCX and ODT guides, feeds and offline copies, and the links to them;
- `search`: the site search (Pagefind): what each page gives the index, and the index, built last;
- `security`: escaped titles, local media only, the Content-Security-Policy, a reproducible sitemap;
- `template_cache`: Material's templates compiled once per process.
"""

from redsite.plugin.events import RedSitePlugin

__all__ = ["RedSitePlugin"]
