from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "strideback.api"
    label = "api"

    def ready(self) -> None:
        from strideback.api import tokens
        from strideback.training import export

        tokens.connect()
        export.add_part("api_tokens", tokens.export_tokens)
