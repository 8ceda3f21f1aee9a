"""The catalog as open data: per language and content type, every page's front matter with its addresses, as JSON
(with a JSON Schema made from the content model) and CSV; and each method page's schema.org JSON-LD.

- `records`: a page's record (front matter, page URL, the other language versions, downloads, last update);
- `schema`: the JSON Schema (draft 2020-12) of a dataset, from the content model;
- `tables`: the CSV, safe to open in a spreadsheet;
- `structured_data`: the JSON-LD of a page, safe inside a <script> element;
- `publish`: the files, where they live in the site, and the links under each catalog.
"""

from redsite.open_data.publish import Build, catalog_links, write_files
from redsite.open_data.records import Downloads
from redsite.open_data.structured_data import json_ld_for_page

__all__ = ["Build", "Downloads", "catalog_links", "json_ld_for_page", "write_files"]
