"""The physiotherapist's workspace, mounted at /clinic/."""

from django.urls import path

import strideback.accounts.converters  # noqa: F401 - registers <id:...>
from strideback.clinic import (
    join_signup,
    join_views,
    library_views,
    otp,
    patient_list_views,
    patient_views,
    prescription_views,
    profile_views,
)

urlpatterns = [
    path("", patient_list_views.patient_list, name="clinic_patients"),
    path("2fa/", otp.setup, name="clinic_otp_setup"),
    path("verify/", otp.verify, name="clinic_otp_verify"),
    path("invite/", patient_list_views.invite, name="clinic_invite"),
    path("join/<str:token>/", join_views.join, name="clinic_join"),
    path("join/<str:token>/signup/", join_signup.join_signup, name="clinic_join_signup"),
    path("profile/", profile_views.clinic_profile, name="clinic_profile"),
    path("library/", library_views.library, name="clinic_library"),
    path(
        "library/<slug:programme_id>/handout.pdf",
        library_views.library_handout,
        name="clinic_library_pdf",
    ),
    path("patients/<id:runner_id>/", patient_views.patient_page, name="clinic_patient"),
    path(
        "patients/<id:runner_id>/prescribe", prescription_views.prescribe, name="clinic_prescribe"
    ),
    path("patients/<id:runner_id>/adjust", prescription_views.adjust, name="clinic_adjust"),
    path(
        "patients/<id:runner_id>/rule-set",
        prescription_views.choose_rule_set,
        name="clinic_rule_set",
    ),
    path("patients/<id:runner_id>/notes", patient_views.add_note, name="clinic_note"),
    path(
        "patients/<id:runner_id>/timeline/", patient_views.patient_timeline, name="clinic_timeline"
    ),
    path(
        "patients/<id:runner_id>/questionnaires",
        patient_views.choose_questionnaires,
        name="clinic_questionnaires",
    ),
    path(
        "patients/<id:runner_id>/clear-red-flag", patient_views.clear_red_flag, name="clinic_clear"
    ),
    path("patients/<id:runner_id>/stop", patient_views.stop, name="clinic_stop"),
    path(
        "patients/<id:runner_id>/handout.pdf", library_views.patient_handout, name="clinic_handout"
    ),
]
