from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "strideback.training"
    label = "training"

    def ready(self) -> None:
        from strideback.training import snapshots

        snapshots.connect()
