from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def create_throttle_table(sender: AppConfig, using: str = "default", **_: Any) -> None:
    """`migrate` also makes the login throttle's cache table (a no-op when it exists or when
    the throttle counts in Redis), on SQLite and PostgreSQL alike."""
    from django.core.management import call_command

    call_command("createcachetable", database=using, verbosity=0)


class AccountsConfig(AppConfig):
    name = "strideback.accounts"
    label = "accounts"

    def ready(self) -> None:
        from strideback.accounts import ratelimit  # noqa: F401 - connects the login signals

        post_migrate.connect(create_throttle_table, sender=self, dispatch_uid="throttle-table")
