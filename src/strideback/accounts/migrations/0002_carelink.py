"""CareLink moves from the clinic app to accounts (a link between two accounts). The table
stays as it is (``clinic_carelink``): only Django's idea of which app owns it changes."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import strideback.accounts.models


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("clinic", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="CareLink",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("invited_email", models.EmailField(blank=True, max_length=254)),
                        (
                            "token",
                            models.CharField(
                                default=strideback.accounts.models._token,
                                max_length=64,
                                unique=True,
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("invited", "Invited"),
                                    ("active", "Active"),
                                    ("stopped", "Stopped"),
                                ],
                                default="invited",
                                max_length=10,
                            ),
                        ),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("accepted_at", models.DateTimeField(blank=True, null=True)),
                        ("stopped_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "clinician",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="patient_links",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "runner",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="clinician_links",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "clinic_carelink",
                        "indexes": [
                            models.Index(
                                fields=["clinician", "status"],
                                name="clinic_care_clinici_d80399_idx",
                            )
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                condition=models.Q(("status", "active")),
                                fields=("clinician", "runner"),
                                name="one_active_link_per_pair",
                            )
                        ],
                    },
                ),
            ],
        ),
    ]
