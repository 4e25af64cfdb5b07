"""Errors shared by the command line and its commands."""


class CommandError(Exception):
    """A problem the user can fix: printed as one line, exit code 2."""
