"""A method page's downloads as one compact group: one button that names the formats opens the buttons of the
formats (the PDF's and the editable versions', as their own modules write them) and what the licence allows."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

from redsite.render import fragment, t


def guide_group(buttons: str, formats: Sequence[str], note: str, lang: str, fallback: bool) -> str:
    """The group around `buttons` (the formats' buttons, HTML) and the licence `note` (HTML); its own button names
    the `formats` ("PDF", "DOCX", …) in the order of the buttons. An English page standing in for a missing
    translation says that the guide is in English."""
    label = t("pdf_download_guide_english" if fallback else "pdf_download_guide", lang)
    return fragment("guide_downloads.html", summary=f"{label} ({', '.join(formats)})", buttons=Markup(buttons),
                    note=Markup(note))
