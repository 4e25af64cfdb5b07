"""The programme library and the printed handouts (a patient's, or a programme's blank one).

Views are thin: read the form, call the clinic service, render. Every view is behind
``access.clinician`` (login, clinician role, TOTP step).
"""

from __future__ import annotations

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
)
from django.shortcuts import render
from django.views.decorators.http import require_GET

from strideback.clinic import handout, patients
from strideback.clinic.access import clinician
from strideback.clinic.presenters import (
    programme_choices,
)
from strideback.clinic.view_common import (
    back_to_patient,
    chosen_enrollment,
    clinician_of,
    page_lang,
    patient_of,
    show_error,
)
from strideback.core.content.library import default_library
from strideback.core.languages import LANGUAGE_NAMES, LANGUAGES


def _pdf(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


@clinician
@require_GET
def patient_handout(request: HttpRequest, runner_id: int) -> HttpResponse:
    runner = patient_of(request, runner_id)
    enrollment = chosen_enrollment(request, runner)
    try:
        data = handout.handout_pdf(
            clinician_of(request),
            runner=runner,
            enrollment_id=enrollment.pk if enrollment else None,
        )
    except patients.ClinicError as exc:
        show_error(request, exc)
        return back_to_patient(runner)
    return _pdf(data, f"strideback-{runner.pk}")


@clinician
@require_GET
def library(request: HttpRequest) -> HttpResponse:
    lang = page_lang(request)
    context = {
        "choices": programme_choices(default_library(), lang),
        "languages": [(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
        "section": "library",
    }
    return render(request, "clinic/library.html", context)


@clinician
@require_GET
def library_handout(request: HttpRequest, programme_id: str) -> HttpResponse:
    try:
        data = handout.handout_pdf(
            clinician_of(request),
            programme_id=programme_id,
            lang=request.GET.get("lang") or page_lang(request),
        )
    except patients.ClinicError as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain")
    return _pdf(data, programme_id)
