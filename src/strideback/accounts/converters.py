"""The `<id:...>` URL part: a row id, a whole number a database row can have. A larger one
(`/clinic/patients/99999999999999999999/`) matches no page: a 404, not a database overflow."""

from __future__ import annotations

from django.urls import register_converter

from strideback.core.text import MAX_ID


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("not a row id")
        return number

    def to_url(self, value: int) -> str:
        return str(int(value))


register_converter(IdConverter, "id")
