"""CareLink now belongs to accounts (accounts/0002); the table is left where it is."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0001_initial"),
        ("accounts", "0002_carelink"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[migrations.DeleteModel(name="CareLink")],
        ),
    ]
