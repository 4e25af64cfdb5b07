"""The tokens page; mounted at the site root (``path("", include(...))``)."""

from django.urls import path

from strideback.api import views

urlpatterns = [
    path("settings/tokens", views.tokens, name="api_tokens"),
    path("settings/tokens/<int:token_id>/revoke", views.revoke, name="api_token_revoke"),
]
