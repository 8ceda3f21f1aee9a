"""URLs as a reader's browser reads them, for the checks that keep media on the site's own host.

A browser does not load an attribute's text as written. The WHATWG URL parser first strips leading and
trailing C0 control characters and spaces and removes every tab and newline inside; in a URL of a special
scheme (http, https, ...), and so in every relative URL of a page served over http(s), a backslash is a
slash. So `/\\evil.example/p.gif` and `/&#9;/evil.example/q.gif` (the entity is a tab once the attribute is
decoded) are both `//evil.example/...`: another host. The checks look at what the browser will request.
"""

from __future__ import annotations

import html
import re

C0_AND_SPACE = "".join(map(chr, range(0x21)))
TAB_OR_NEWLINE = re.compile("[\t\n\r]")
SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")


def as_browser_reads(value: str, *, decode_entities: bool = False) -> str:
    """The URL the WHATWG parser starts from (see above). `decode_entities`: `value` is an attribute as
    written in HTML source, so its character references are decoded first, as the HTML parser does."""
    if decode_entities and "&" in value:
        value = html.unescape(value)
    value = TAB_OR_NEWLINE.sub("", value.strip(C0_AND_SPACE))
    return value.replace("\\", "/")


def is_remote(value: str, *, decode_entities: bool = False) -> bool:
    """Whether a media URL makes the browser contact something other than the page's own host: any scheme
    (http:, data:, ...) or a scheme-relative '//host'."""
    url = as_browser_reads(value, decode_entities=decode_entities)
    return url.startswith("//") or SCHEME.match(url) is not None
