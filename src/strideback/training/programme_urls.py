"""The library programmes as pages, mounted at /programmes/."""

from django.urls import path

from strideback.training import programme_pages

urlpatterns = [
    path("<slug:programme_id>/", programme_pages.programme_page, name="programme_page"),
]
