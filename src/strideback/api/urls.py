"""The JSON API, mounted at /api/v1/."""

from ninja import NinjaAPI

api = NinjaAPI(title="Strideback API", version="1", urls_namespace="api-v1")

urlpatterns = [*api.urls[0]]
