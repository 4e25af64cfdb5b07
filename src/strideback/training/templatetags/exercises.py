"""``{% exercise_still id as s %}``: an exercise's still (image address and text alternative in
the page language) for any page that lists exercises (Today, the clinician's screens)."""

from __future__ import annotations

from django import template
from django.utils import translation

from strideback.core.content.library import default_library
from strideback.core.languages import LANGUAGES, Lang
from strideback.training.exercise_library import Still, still

register = template.Library()


def _lang() -> Lang:
    lang = (translation.get_language() or "en")[:2]
    for code in LANGUAGES:
        if code == lang:
            return code
    return "en"


@register.simple_tag
def exercise_still(exercise_id: str) -> Still | None:
    """The still of a library exercise; None for an id the library does not know."""
    library = default_library()
    if exercise_id not in library.exercises:
        return None
    return still(library, exercise_id, _lang())
