"""What counts as text Strideback can store: no NUL character (PostgreSQL refuses one in a text
column, and no person types one), and where an id is a number, one a database row can have."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

# The largest id (and offset) a database row can have: a signed 64-bit integer.
MAX_ID = 2**63 - 1

NUL_MESSAGE = "must not contain a NUL character (code 0)"


def nul_paths(value: object, path: str = "") -> Iterator[str]:
    """The dotted paths of every string (key or value) in ``value`` holding a NUL character."""
    if isinstance(value, str):
        if "\x00" in value:
            yield path
    elif isinstance(value, Mapping):
        for key, item in value.items():
            here = f"{path}.{key}" if path else str(key)
            if isinstance(key, str) and "\x00" in key:
                yield here
            else:
                yield from nul_paths(item, here)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from nul_paths(item, f"{path}.{index}" if path else str(index))
