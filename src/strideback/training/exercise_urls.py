"""The public exercise library, mounted at /exercises/."""

from django.urls import path

from strideback.training import exercise_pages, figures

urlpatterns = [
    path("", exercise_pages.library_page, name="exercise_library"),
    path("<slug:exercise_id>/", exercise_pages.exercise_page, name="exercise_page"),
    path("<slug:exercise_id>/figure.svg", figures.figure_svg, name="exercise_figure"),
]
