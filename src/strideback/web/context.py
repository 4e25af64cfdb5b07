from __future__ import annotations

from django.http import HttpRequest

from strideback.core.languages import LANGUAGE_NAMES


def language(request: HttpRequest) -> dict[str, object]:
    return {"lang": getattr(request, "lang", "en"), "language_names": LANGUAGE_NAMES}
