"""Errors shared across the app: bad input a person can fix, named by its field."""


class CommandError(Exception):
    """A problem the user can fix: printed as one line, exit code 2."""


class InputError(ValueError):
    """Bad input to a service: ``field`` names it, ``code`` names the message that says what
    is wrong (``words.errors.ERRORS``). Pages show it beside the field, the API as a 422."""

    def __init__(self, field: str, code: str) -> None:
        super().__init__(f"{field}: {code}")
        self.field = field
        self.code = code
