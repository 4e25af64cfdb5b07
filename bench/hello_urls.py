"""The app's URLs plus ``/bench/hello``: the smallest Django JSON view (``bench/api.py``)."""

from django.http import HttpRequest, JsonResponse
from django.urls import path

from strideback.web.urls import urlpatterns as app_urlpatterns


def hello(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"hello": "world"})


urlpatterns = [path("bench/hello", hello), *app_urlpatterns]
