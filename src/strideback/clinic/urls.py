"""The physiotherapist's workspace, mounted at /clinic/."""

from django.urls import path

import strideback.accounts.converters  # noqa: F401 - registers <id:...>
from strideback.clinic import join_signup, join_views, otp, views

urlpatterns = [
    path("", views.patient_list, name="clinic_patients"),
    path("2fa/", otp.setup, name="clinic_otp_setup"),
    path("verify/", otp.verify, name="clinic_otp_verify"),
    path("invite/", views.invite, name="clinic_invite"),
    path("join/<str:token>/", join_views.join, name="clinic_join"),
    path("join/<str:token>/signup/", join_signup.join_signup, name="clinic_join_signup"),
    path("profile/", views.clinic_profile, name="clinic_profile"),
    path("library/", views.library, name="clinic_library"),
    path(
        "library/<slug:programme_id>/handout.pdf", views.library_handout, name="clinic_library_pdf"
    ),
    path("patients/<id:runner_id>/", views.patient_page, name="clinic_patient"),
    path("patients/<id:runner_id>/prescribe", views.prescribe, name="clinic_prescribe"),
    path("patients/<id:runner_id>/adjust", views.adjust, name="clinic_adjust"),
    path("patients/<id:runner_id>/rule-set", views.choose_rule_set, name="clinic_rule_set"),
    path("patients/<id:runner_id>/notes", views.add_note, name="clinic_note"),
    path("patients/<id:runner_id>/timeline/", views.patient_timeline, name="clinic_timeline"),
    path(
        "patients/<id:runner_id>/questionnaires",
        views.choose_questionnaires,
        name="clinic_questionnaires",
    ),
    path("patients/<id:runner_id>/clear-red-flag", views.clear_red_flag, name="clinic_clear"),
    path("patients/<id:runner_id>/stop", views.stop, name="clinic_stop"),
    path("patients/<id:runner_id>/handout.pdf", views.patient_handout, name="clinic_handout"),
]
