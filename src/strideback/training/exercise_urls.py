"""The public exercise library, mounted at /exercises/."""

from django.urls import path

from strideback.training import figures

urlpatterns = [
    path("<slug:exercise_id>/figure.svg", figures.figure_svg, name="exercise_figure"),
]
