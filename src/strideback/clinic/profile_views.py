"""The clinic's own profile: its name and the clinician's details.

Views are thin: read the form, call the clinic service, render. Every view is behind
``access.clinician`` (login, clinician role, TOTP step).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import (
    HttpRequest,
    HttpResponse,
)
from django.shortcuts import redirect, render
from django.utils.translation import gettext

from strideback.accounts import services as account_services
from strideback.clinic import patients
from strideback.clinic.access import clinician
from strideback.clinic.view_common import clinician_of


@clinician
def clinic_profile(request: HttpRequest) -> HttpResponse:
    me = clinician_of(request)
    if request.method == "POST":
        try:
            account_services.set_name(me, request.POST.get("name", ""))
        except account_services.NameInvalid:
            messages.error(
                request, gettext("Your name: keep it under 150 characters, on one line.")
            )
            return redirect("clinic_profile")
        patients.update_profile(
            me,
            clinic_name=request.POST.get("clinic_name", "")[:200],
            clinic_phone=request.POST.get("clinic_phone", "")[:50],
            clinic_address=request.POST.get("clinic_address", "")[:300],
        )
        messages.success(request, gettext("Saved."))
        return redirect("clinic_profile")
    return render(
        request, "clinic/profile.html", {"profile": patients.profile(me), "section": "profile"}
    )
