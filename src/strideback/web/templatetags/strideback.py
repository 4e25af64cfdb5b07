"""Template tags: `{% t "key" name=value %}` prints an interface text in the page language."""

from __future__ import annotations

from django import template

from strideback.core.i18n import t as translate

register = template.Library()


@register.simple_tag(takes_context=True)
def t(context: template.Context, key: str, **params: object) -> str:
    return translate(key, context.get("lang", "en"), **params)
