"""The runner's pages (the session player and the PWA files are mounted separately)."""

from django.urls import path

from strideback.training import views

urlpatterns = [
    path("today/", views.today, name="today"),
    path("today/morning/", views.morning, name="morning"),
    path("start/", views.start_where, name="start"),
    path("start/safety/", views.start_safety, name="start_safety"),
    path("start/stop/", views.start_stop, name="start_stop"),
    path("start/goal/", views.start_goal, name="start_goal"),
    path("start/programmes/", views.start_programmes, name="start_programmes"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/my-data.json", views.export_json, name="export_json"),
    path("settings/my-journal.csv", views.export_csv, name="export_csv"),
    path("settings/delete/", views.delete_account, name="delete_account"),
    path("settings/programmes/<int:enrollment_id>/stop/", views.stop_programme),
]
