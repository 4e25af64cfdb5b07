from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "strideback.training"
    label = "training"
