"""A method page's downloads as one compact group: one button that names the formats opens the buttons of the
formats (the PDF's and the editable versions', as their own modules write them) and what the licence allows."""

from __future__ import annotations

import re

from markupsafe import Markup

from redsite.render import fragment, t

# The format in each button's label: "… (PDF<!-- size -->)" or "… (DOCX, 25 kB)".
FORMAT = re.compile(r"\((PDF|DOCX|ODT)\b")


def guide_group(buttons: str, note: str, lang: str, fallback: bool) -> str:
    """The group around `buttons` (the format buttons' HTML) and the licence `note`; the group's button names the
    formats found in the buttons, in their order. '' when there are no buttons."""
    formats = list(dict.fromkeys(FORMAT.findall(buttons)))
    if not formats:
        return ""
    label = t("pdf_download_guide_english" if fallback else "pdf_download_guide", lang)
    return fragment("guide_downloads.html", summary=f"{label} ({', '.join(formats)})", buttons=Markup(buttons),
                    note=Markup(note))
