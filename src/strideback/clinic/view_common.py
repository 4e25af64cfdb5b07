"""What every clinic page shares: the day, the page's language, the clinician asking, a patient
lookup (404 for anyone who is not this clinician's active patient), the way back to the patient's
page, and a service error as a message naming the field as the form labels it.
"""

from __future__ import annotations

import datetime as dt
import re

from django.contrib import messages
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseRedirect,
)
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from strideback.accounts.models import User
from strideback.clinic import patients, prescriptions
from strideback.core.languages import Lang
from strideback.training.models import Enrollment
from strideback.words.clinic import CLINIC_FIELDS, CLINIC_NAMED, THRESHOLDS


def local_today() -> dt.date:
    return timezone.localdate()


def page_lang(request: HttpRequest) -> Lang:
    lang: Lang = getattr(request, "lang", "en")
    return lang


def clinician_of(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def show_error(request: HttpRequest, exc: patients.ClinicError, label: str | None = None) -> None:
    """The problem as a message, naming the field as the form labels it (``label``: the key
    of that label, where the field's name alone does not tell which form field it is)."""
    lang = page_lang(request)
    field = str(label) if label else field_label(exc.field, lang)
    messages.error(
        request,
        gettext("Please check %(field)s: %(message)s") % {"field": field, "message": exc.message},
    )


# Field names whose form label has a key of another name.
LABELS = {
    "programme_id": gettext_lazy("Programme"),
    "start": gettext_lazy("Start date"),
    "phase": gettext_lazy("Phase"),
    "exercise": gettext_lazy("Exercise from the library"),
    "email": gettext_lazy("Runner's e-mail (optional)"),
    "text": gettext_lazy("New note"),
    "note": gettext_lazy("Note to the patient"),
    "start_phase": gettext_lazy("Start in phase"),
}


def field_label(path: str, lang: Lang) -> str:
    """A field as the form labels it: 'adjustments[0].dose.sets' is the form's 'Sets',
    'thresholds.pain_during_max' its 'Pain during training, at most'. The API keeps the path."""
    name = re.sub(r"\[\d+\]", "", path).rsplit(".", 1)[-1]
    for found in (
        LABELS.get(name),
        THRESHOLDS.get(name),
        CLINIC_NAMED.get(name),
        CLINIC_FIELDS.get(name),
    ):
        if found is not None:
            return str(found)
    return path


def patient_of(request: HttpRequest, runner_id: int) -> User:
    return patients.patient(clinician_of(request), runner_id)


def back_to_patient(
    runner: User, anchor: str = "", enrollment: Enrollment | None = None
) -> HttpResponse:
    query = f"?enrollment={enrollment.pk}" if enrollment is not None else ""
    return HttpResponseRedirect(
        reverse("clinic_patient", args=[runner.pk]) + query + (f"#{anchor}" if anchor else "")
    )


def chosen_enrollment(
    request: HttpRequest, runner: User, found: list[Enrollment] | None = None
) -> Enrollment | None:
    """The programme the page shows and adjusts: ``?enrollment=<id>`` among the patient's
    active programmes (``found``: ``prescriptions.prescriptions``, when already read; a 404 for
    any other id), else the newest."""
    found = prescriptions.prescriptions(runner) if found is None else found
    raw = request.GET.get("enrollment", "")
    if not raw:
        return found[0] if found else None
    for enrollment in found:
        if str(enrollment.pk) == raw:
            return enrollment
    raise Http404("enrollment: not one of this patient's active programmes")
