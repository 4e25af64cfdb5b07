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
