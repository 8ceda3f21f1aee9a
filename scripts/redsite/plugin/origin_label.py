"""The origin label under a method's title: RED's own method, later practice of RED's
lead partner, or related practice in the Baltic Sea Region, in the reader's language."""

from __future__ import annotations

from redsite.model import ContentModel
from redsite.origin import origin_label, origin_of
from redsite.render import fragment, t


def origin_header(meta: dict, lang: str, model: ContentModel) -> str:
    origin = origin_of(meta, model)
    if origin is None:
        return ""
    return fragment("origin_label.html", origin=origin, field=t("field_origin", lang),
                    label=origin_label(meta, lang, model))
