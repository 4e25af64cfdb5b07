"""Clinicians' clinic profiles and their own private notes. (Who follows whom, ``CareLink``,
is in ``accounts.models``: a link between two accounts.)"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ClinicianProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinician_profile"
    )
    clinic_name = models.CharField(max_length=200, blank=True)
    clinic_phone = models.CharField(max_length=50, blank=True)
    clinic_address = models.CharField(max_length=300, blank=True)


class ClinicalNote(models.Model):
    """Private to the clinician who wrote it; never shown to the runner."""

    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="clinical_notes"
    )
    runner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]


class RuleSetChange(models.Model):
    """A clinician switched one runner's rule set in one programme (from -> to, by whom,
    when): the history shown on the patient page. The rule set in force is on the
    ``Enrollment``; these rows only remember the switches."""

    runner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    programme_id = models.SlugField(max_length=80)
    rule_set_from = models.CharField(max_length=40)
    rule_set_to = models.CharField(max_length=40)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-id"]
