"""Template filters for every page: a code as its words (``{{ code|label:"FAMILY" }}``)."""

from __future__ import annotations

from django import template

from strideback.words.labels import LABELS

register = template.Library()


@register.filter
def label(code: object, family: str) -> str:
    """The interface text for ``code`` in one of the families in ``words.labels``."""
    return str(LABELS[family][str(code)])
