"""Clinicians, the runners who share their plan with them, and the clinician's own notes."""

from __future__ import annotations

import secrets

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


class CareLinkStatus(models.TextChoices):
    INVITED = "invited", "Invited"
    ACTIVE = "active", "Active"
    STOPPED = "stopped", "Stopped"


def _token() -> str:
    return secrets.token_urlsafe(24)


class CareLink(models.Model):
    """A clinician following a runner. Only ACTIVE links give the clinician any access."""

    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="patient_links"
    )
    runner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="clinician_links",
    )
    invited_email = models.EmailField(blank=True)
    token = models.CharField(max_length=64, unique=True, default=_token)
    status = models.CharField(
        max_length=10, choices=CareLinkStatus.choices, default=CareLinkStatus.INVITED
    )
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    stopped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["clinician", "runner"],
                condition=models.Q(status="active"),
                name="one_active_link_per_pair",
            )
        ]
        indexes = [models.Index(fields=["clinician", "status"])]


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
