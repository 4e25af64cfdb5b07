from django.apps import AppConfig


class ClinicConfig(AppConfig):
    name = "strideback.clinic"
    label = "clinic"

    def ready(self) -> None:
        from strideback.clinic import prescriptions
        from strideback.training import export

        export.add_part("rule_set_changes", prescriptions.export_rule_set_changes)
