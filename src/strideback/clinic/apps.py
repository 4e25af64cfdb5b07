from django.apps import AppConfig


class ClinicConfig(AppConfig):
    name = "strideback.clinic"
    label = "clinic"
