"""`strideback manage send_reminders [--now ISO-DATETIME]`: send the reminders due now.

Run it from cron every 15 minutes (``*/15 * * * * strideback manage send_reminders``). It is
safe to run twice, or on several app servers against one PostgreSQL database: each runner's
reminder of the day is claimed with a unique row before it is sent, so none goes out twice.
Prints how many it sent.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from strideback.training import reminders


class Command(BaseCommand):
    help = "Send the reminders (e-mail, Web Push) due now; prints how many it sent."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--now",
            help="the moment to send for, as an ISO date and time (default: now); "
            "without a time zone it is the server's",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        now = _moment(options["now"])
        sent = reminders.send_due(now)
        self.stdout.write(f"Sent {sent} reminder{'' if sent == 1 else 's'}.")


def _moment(value: str | None) -> dt.datetime:
    if not value:
        return timezone.now()
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(
            f"--now: must be a date and time like 2026-12-07T18:00, got {value!r}", returncode=2
        ) from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment
