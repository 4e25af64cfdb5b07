"""The tokens page; mounted at the site root (``path("", include(...))``)."""

from django.urls import path

import strideback.accounts.converters  # noqa: F401 - registers <id:...>
from strideback.api import views

urlpatterns = [
    path("settings/tokens", views.tokens, name="api_tokens"),
    path("settings/tokens/<id:token_id>/revoke", views.revoke, name="api_token_revoke"),
]
