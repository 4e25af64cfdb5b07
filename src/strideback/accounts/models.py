"""People: runners and clinicians, who log in with their e-mail address."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone


class Role(models.TextChoices):
    RUNNER = "runner", "Runner"
    CLINICIAN = "clinician", "Clinician"


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("email: an e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(unique=True)
    name = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=16, choices=Role.choices, default=Role.RUNNER)
    language = models.CharField(max_length=2, default="en")
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    @property
    def display_name(self) -> str:
        """The name a person chose, or their e-mail address where they gave none: the one
        rule for showing a person (patient list and page, invitations, handout cover)."""
        return self.name or self.email

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    def __str__(self) -> str:
        return self.email

    @property
    def is_clinician(self) -> bool:
        return self.role == Role.CLINICIAN


class CareLinkStatus(models.TextChoices):
    INVITED = "invited", "Invited"
    ACTIVE = "active", "Active"
    STOPPED = "stopped", "Stopped"


def _token() -> str:
    return secrets.token_urlsafe(24)


class CareLink(models.Model):
    """A clinician following a runner. Only ACTIVE links give the clinician any access."""

    clinician = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="patient_links"
    )
    runner = models.ForeignKey(
        "accounts.User",
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
        # The table was made by the clinic app before the model moved here; it keeps its name.
        db_table = "clinic_carelink"
        indexes = [
            models.Index(fields=["clinician", "status"], name="clinic_care_clinici_d80399_idx")
        ]


def _invite_token() -> str:
    return secrets.token_urlsafe(24)


class PhysioInvite(models.Model):
    """A runner's invitation to their own physiotherapist (``accounts.physio_invites``); a
    clinician who accepts it follows the runner (``clinic.physio_join``)."""

    runner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="physio_invites")
    email = models.EmailField()
    token = models.CharField(max_length=64, unique=True, default=_invite_token)
    created_at = models.DateTimeField(default=timezone.now)
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
