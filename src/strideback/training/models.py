"""What a runner follows and what they logged. No rules here: those live in ``core.engine``.

Rows become core objects in ``training.convert`` (one place per concept).
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone


class Area(models.TextChoices):
    """Where it hurts (onboarding)."""

    FRONT_OF_KNEE = "front_of_knee", "Front of or under the kneecap"
    INSIDE_OF_KNEE = "inside_of_knee", "Inside of the knee"
    OUTSIDE_OF_KNEE = "outside_of_knee", "Outside of the knee"
    HEEL = "heel", "Heel or sole of the foot"


class Goal(models.TextChoices):
    BACK_TO_5K = "back_to_5k", "Back to 5 km"
    KEEP_RUNNING = "keep_running", "Keep running without pain"


def _default_time_zone() -> str:
    return str(settings.TIME_ZONE)


class Profile(models.Model):
    """The runner's onboarding answers and private calendar token."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="runner_profile"
    )
    areas = models.JSONField(default=list)  # list of Area values
    goal = models.CharField(max_length=20, choices=Goal.choices, blank=True)
    onboarded_at = models.DateTimeField(null=True, blank=True)
    calendar_token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)
    # The runner's own time zone (reminder times and 'today' for the sender), an IANA name.
    time_zone = models.CharField(max_length=64, default=_default_time_zone)
    # Reminders (opt-in): ``training.reminders`` reads these, ``core.reminders`` decides.
    reminders_on = models.BooleanField(default=False)
    reminder_time = models.TimeField(null=True, blank=True)
    # A clinician's choice of questionnaires for this patient: {"add": [ids], "skip": [ids]}.
    questionnaires = models.JSONField(default=dict, blank=True)
    reminder_weekdays = models.JSONField(default=list, blank=True)  # 0 = Monday; []: plan's days
    reminder_channels = models.JSONField(default=list, blank=True)  # "email", "push"
    # When the 'keep these reminders?' question went out (None: not asked, or answered).
    reminders_asked_keep_at = models.DateTimeField(null=True, blank=True)
    # Reminders sent before this (turned on, or answered 'keep') do not count as ignored.
    reminders_counted_from = models.DateTimeField(null=True, blank=True)

    def reset_calendar_token(self) -> None:
        self.calendar_token = secrets.token_urlsafe()
        self.save(update_fields=["calendar_token"])


class Enrollment(models.Model):
    """A runner following one library programme from a start date, possibly as prescribed.

    ``adjustments`` is a clinician's list of changes to the library programme (validated and
    applied by ``core.engine``/``core.content`` code, never interpreted here); ``thresholds``
    overrides the programme's threshold table for this runner.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrollments"
    )
    programme_id = models.SlugField(max_length=80)
    start = models.DateField()
    active = models.BooleanField(default=True)
    prescribed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="prescriptions",
    )
    adjustments = models.JSONField(default=list, blank=True)
    thresholds = models.JSONField(default=dict, blank=True)
    # The rule set this runner follows here ("": the programme's default), and who chose it
    # when (a clinician; the choices are the programme's ``rule_sets``).
    rule_set = models.CharField(max_length=40, blank=True, default="")
    rule_set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    rule_set_at = models.DateTimeField(null=True, blank=True)
    # The phase the runner started in (at its first week), and someone's word on the phases
    # before it: done without knee pain (True), with it (False), or not said (None); who said
    # it and when. The seed's running gate reads it (``core.engine.gate``).
    start_phase = models.PositiveSmallIntegerField(default=1)
    earlier_pain_free = models.BooleanField(null=True, blank=True)
    earlier_stated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    earlier_stated_at = models.DateTimeField(null=True, blank=True)
    note_to_runner = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "programme_id"],
                condition=models.Q(active=True),
                name="one_active_enrollment_per_programme",
            )
        ]
        indexes = [models.Index(fields=["user", "active"])]


class EntryKind(models.TextChoices):
    STRENGTH = "strength", "Strength"
    RUN = "run", "Run"
    CHECK = "check", "Check"


class JournalEntry(models.Model):
    """One logged session or check. ``idempotency_key`` makes a retried offline post harmless."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal"
    )
    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.SET_NULL, null=True, blank=True, related_name="entries"
    )
    date = models.DateField()
    kind = models.CharField(max_length=10, choices=EntryKind.choices)
    completed = models.BooleanField(default=True)
    sets_done = models.PositiveSmallIntegerField(null=True, blank=True)
    pain_during = models.PositiveSmallIntegerField(null=True, blank=True)
    pain_after = models.PositiveSmallIntegerField(null=True, blank=True)
    pain_next_morning = models.PositiveSmallIntegerField(null=True, blank=True)
    swelling = models.BooleanField(default=False)
    red_flags = models.JSONField(default=list, blank=True)
    painful_exercises = models.JSONField(default=list, blank=True)
    run_minutes = models.FloatField(null=True, blank=True)
    run_week = models.PositiveSmallIntegerField(null=True, blank=True)
    run_day = models.PositiveSmallIntegerField(null=True, blank=True)
    note = models.TextField(blank=True)
    idempotency_key = models.CharField(max_length=64, null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "idempotency_key"], name="one_entry_per_idempotency_key"
            ),
            models.CheckConstraint(
                condition=models.Q(pain_during__lte=10)
                & models.Q(pain_after__lte=10)
                & models.Q(pain_next_morning__lte=10),
                name="pain_is_0_to_10",
            ),
        ]
        indexes = [models.Index(fields=["user", "date"])]

    @property
    def ended_early(self) -> bool:
        """Not completed, but with something done (sets, or minutes of running): shown as
        'ended early', not 'skipped', in the calendar and the clinic journal."""
        return not self.completed and bool(self.sets_done or self.run_minutes)


class RedFlagClearance(models.Model):
    """A clinician's (or, without one, the runner's own documented) clearance of a red-flag stop."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clearances"
    )
    cleared_on = models.DateField()
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField(blank=True)
    # The clinician found the runner's tick was a mistake: the stop is lifted as a correction
    # (the check entry stays in the journal as it was saved).
    by_mistake = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)


def _nonce() -> str:
    """The default of a column migration 0002 made (and 0003 removed); migrations import it."""
    return secrets.token_hex(8)


class Snapshot(models.Model):
    """Answers computed from a runner's data, kept until that data changes (``training.snapshots``).

    ``generation`` goes up in the same transaction as every change to the runner's data; an
    answer is kept with the generation, day, language and code version it was computed for and
    served only while all four still hold. Never time-based: a stale red-flag stop is unsafe.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="snapshot",
    )
    generation = models.BigIntegerField(default=0)
    # Small columns first and the texts last: SQLite reads a row's columns in order, so the
    # patient list (which reads the keys, not the texts) never walks through a long text.
    today_key = models.CharField(max_length=100, null=True)
    row_key = models.CharField(max_length=100, null=True)
    # The patient list's sort keys, so a sorted list needs no parsing of the texts.
    row_urgency = models.IntegerField(null=True)
    row_last_entry = models.DateField(null=True)
    row_worst = models.IntegerField(null=True)
    row_week = models.IntegerField(null=True)
    row_body = models.TextField(null=True)
    today_body = models.TextField(null=True)


class ImportedRun(models.Model):
    """A run read from a watch file (GPX, TCX, FIT), stored once per runner and start time and
    counted in the journal through its run ``entry``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="imported_runs"
    )
    entry = models.OneToOneField(JournalEntry, on_delete=models.CASCADE, related_name="watch")
    start = models.DateTimeField()
    duration_s = models.PositiveIntegerField()
    moving_s = models.PositiveIntegerField()
    distance_m = models.FloatField()
    source = models.CharField(max_length=3)  # gpx, tcx or fit
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(fields=["user", "start"], name="one_import_per_run_start")
        ]


class QuestionnaireResponse(models.Model):
    """A runner's answers to an outcome questionnaire (item id -> option id or number), with
    the score the questionnaire's rule gave them. ``activities`` are the PSFS activities the
    runner named, in item order."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="questionnaire_responses"
    )
    questionnaire_id = models.SlugField(max_length=80)
    answered_on = models.DateField()
    answers = models.JSONField(default=dict)
    activities = models.JSONField(default=list, blank=True)
    score = models.FloatField()
    subscales = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["answered_on", "id"]
        # One answer per questionnaire and day: sent twice (a double tap, a resend), the
        # later one replaces the first instead of counting twice.
        constraints = [
            models.UniqueConstraint(
                fields=["user", "questionnaire_id", "answered_on"],
                name="one_response_per_questionnaire_and_day",
            )
        ]


class Reminder(models.Model):
    """A reminder sent (or being sent): at most one per runner and local day, and the unique
    row is the claim, so two senders at once (two app servers, a retried cron) never both
    send it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    day = models.DateField()  # the runner's local day
    kind = models.CharField(max_length=10)  # core.reminders.Kind
    channels = models.JSONField(default=list, blank=True)  # the channels that delivered it
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="one_reminder_a_day")]


class PushSubscription(models.Model):
    """A browser's Web Push subscription (its endpoint and the keys to encrypt for it)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    endpoint = models.URLField(max_length=1000)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "endpoint"], name="one_subscription_per_browser"
            )
        ]


class SetLoad(models.Model):
    """Load (kg added) and reps done in one set of a repetition-maximum exercise, logged in the
    player after each set. One row per runner, day, exercise and set: sending a set again
    (offline retry, correction) replaces it, never adds a second."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="set_loads"
    )
    date = models.DateField()
    exercise = models.SlugField(max_length=80)
    set_number = models.PositiveSmallIntegerField()
    load_kg = models.FloatField()
    reps = models.PositiveSmallIntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date", "exercise", "set_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "date", "exercise", "set_number"], name="one_row_per_set"
            )
        ]
