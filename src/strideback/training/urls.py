"""The runner's pages (the session player and the PWA files are mounted separately)."""

from django.urls import path

import strideback.accounts.converters  # noqa: F401 - registers <id:...>
from strideback.training import entry_edit, outcome_views, reminder_views, views

urlpatterns = [
    path("today/", views.today, name="today"),
    path("today/morning/", views.morning, name="morning"),
    path("start/", views.start_where, name="start"),
    path("start/safety/", views.start_safety, name="start_safety"),
    path("start/stop/", views.start_stop, name="start_stop"),
    path("start/goal/", views.start_goal, name="start_goal"),
    path("start/programmes/", views.start_programmes, name="start_programmes"),
    path("start/reminders/", reminder_views.start_reminders, name="start_reminders"),
    path("calendar/", views.calendar_page, name="calendar"),
    path("calendar/download.ics", views.calendar_download, name="calendar_download"),
    path("calendar/reset-link/", views.calendar_reset, name="calendar_reset"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("progress/", views.progress_page, name="progress"),
    path("runs/", outcome_views.runs_page, name="runs"),
    path("runs/share/", outcome_views.runs_share, name="runs_share"),
    path(
        "questionnaires/<slug:questionnaire_id>/",
        outcome_views.questionnaire_page,
        name="questionnaire",
    ),
    path("journal/<id:entry_id>/edit/", entry_edit.edit_entry, name="entry_edit"),
    path("settings/", views.settings_page, name="settings"),
    path("settings/name/", views.settings_name, name="settings_name"),
    path("settings/my-data.json", views.export_json, name="export_json"),
    path("settings/my-journal.csv", views.export_csv, name="export_csv"),
    path("settings/delete/", views.delete_account, name="delete_account"),
    path(
        "settings/programmes/<id:enrollment_id>/stop/", views.stop_programme, name="stop_programme"
    ),
    path(
        "settings/programmes/<id:enrollment_id>/earlier/",
        views.earlier_phases,
        name="earlier_phases",
    ),
    path("settings/clinicians/<id:clinician_id>/stop/", views.stop_sharing, name="stop_sharing"),
    path("settings/reminders/", reminder_views.reminder_settings, name="reminder_settings"),
    path(
        "reminders/stop/<str:token>/",
        reminder_views.reminder_link,
        {"action": "stop"},
        name="reminders_stop",
    ),
    path(
        "reminders/keep/<str:token>/",
        reminder_views.reminder_link,
        {"action": "keep"},
        name="reminders_keep",
    ),
]
