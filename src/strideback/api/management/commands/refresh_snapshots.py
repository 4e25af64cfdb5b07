"""Compute and keep every runner's Today and every patient-list row for a day (default: today).

Run it shortly after midnight (cron: ``5 0 * * * strideback manage refresh_snapshots``), so
that the first Today of the day and the first patient list are as quick as the rest. Nothing
depends on it: without it each answer is computed at its first request of the day instead.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from strideback.accounts.models import Role, User
from strideback.clinic.patient_list import patient_list_json
from strideback.core.languages import LANGUAGES, Lang
from strideback.training.today import kept_today_text


class Command(BaseCommand):
    help = "Compute and keep every runner's Today and every patient-list row for a day."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="the day, as YYYY-MM-DD (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        on = _day(options["date"])
        began = time.perf_counter()
        runners = User.objects.filter(
            role=Role.RUNNER, is_active=True, enrollments__active=True
        ).distinct()
        count = 0
        for runner in runners.iterator():
            kept_today_text(runner, on, _lang(runner.language))
            count += 1
        clinicians = User.objects.filter(role=Role.CLINICIAN, is_active=True)
        lists = 0
        for clinician in clinicians.iterator():
            patient_list_json(clinician, on)
            lists += 1
        seconds = time.perf_counter() - began
        self.stdout.write(
            f"Kept Today for {count} runners and the patient lists of {lists} clinicians "
            f"for {on.isoformat()} in {seconds:.1f} s."
        )


def _day(value: str | None) -> dt.date:
    if not value:
        return timezone.localdate()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date: must be a date as YYYY-MM-DD, got {value!r}") from None


def _lang(value: str) -> Lang:
    return next((lang for lang in LANGUAGES if lang == value), "en")
