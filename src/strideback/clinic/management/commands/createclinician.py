"""`strideback manage createclinician EMAIL --clinic NAME --phone PHONE`: a clinician account.

The password is asked for (twice) on a terminal unless --password is given; without a terminal
(cron, a script, a container) and without --password it is a one-line error, exit code 2. The
clinician sets up the authenticator app at the first visit to /clinic/.
"""

from __future__ import annotations

import getpass
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from strideback.clinic import patients


class Command(BaseCommand):
    help = "Create a clinician account with its clinic name and phone."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", default="")
        parser.add_argument("--clinic", default="", help="clinic name for the handout cover")
        parser.add_argument("--phone", default="", help="clinic phone for the handout cover")
        parser.add_argument("--language", default="en", choices=("da", "en", "de", "nb"))
        parser.add_argument("--password", help="(asked for when left out)")

    def handle(self, *args: Any, **options: Any) -> None:
        password = options["password"]
        if password is None:
            password = self._ask_password()
        if len(password) < 8:
            raise CommandError("password: must be at least 8 characters")
        try:
            user = patients.create_clinician(
                options["email"],
                password,
                name=options["name"],
                clinic_name=options["clinic"],
                clinic_phone=options["phone"],
                language=options["language"],
            )
        except patients.ClinicError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Created clinician {user.email}. Two-step login is set up at /clinic/.")

    def _ask_password(self) -> str:
        """The password, typed twice on the terminal; no terminal is a clear error (exit 2)."""
        if not sys.stdin.isatty():
            raise CommandError(
                "password: no terminal to ask on; give it with --password", returncode=2
            )
        try:
            password = getpass.getpass("Password: ")
            again = getpass.getpass("Password (again): ")
        except EOFError:
            raise CommandError("password: input ended before a password", returncode=2) from None
        if password != again:
            raise CommandError("the passwords differ", returncode=2)
        return password
