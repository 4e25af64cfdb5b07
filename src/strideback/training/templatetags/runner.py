"""Template filters for the runner's pages: dates in the page language."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import translation
from django.utils.dateformat import format as date_format
from django.utils.translation import pgettext

register = template.Library()


def _lang() -> str:
    lang = (translation.get_language() or "en")[:2]
    return lang if lang in ("da", "en", "de", "nb") else "en"


@register.filter
def day(value: dt.date | None) -> str:
    """'Monday 23 November' in the page language."""
    if value is None:
        return ""
    return date_format(value, pgettext("date format", "l j F"))  # type: ignore[arg-type]


@register.filter
def short_day(value: dt.date | None) -> str:
    """'Mon 23 Nov' in the page language; the day and the month never split over two lines."""
    if value is None:
        return ""
    text = date_format(value, pgettext("short date format", "D j M"))  # type: ignore[arg-type]
    head, _, month = text.rpartition(" ")
    return f"{head}\u00a0{month}" if head else text


@register.filter
def month(value: dt.date | None) -> str:
    """The month's name in the page language ('November', 'november')."""
    if value is None:
        return ""
    return date_format(value, "F")  # type: ignore[arg-type]
