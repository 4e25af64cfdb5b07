from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "strideback.accounts"
    label = "accounts"
