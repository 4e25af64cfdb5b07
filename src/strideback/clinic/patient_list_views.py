"""The patient list (sorted by who needs attention first) and inviting a runner.

Views are thin: read the form, call the clinic service, render. Every view is behind
``access.clinician`` (login, clinician role, TOTP step).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.mail import send_mail
from django.http import (
    HttpRequest,
    HttpResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from strideback.accounts.models import User
from strideback.clinic import patient_list as patient_list_service
from strideback.clinic import patients
from strideback.clinic.access import clinician
from strideback.clinic.presenters import (
    flag_lines,
)
from strideback.clinic.view_common import clinician_of, local_today, page_lang, show_error
from strideback.core.content.library import default_library
from strideback.core.languages import LANGUAGES, Lang


@clinician
@require_GET
def patient_list(request: HttpRequest) -> HttpResponse:
    sort = request.GET.get("sort", "attention")
    if sort.lstrip("-") not in patient_list_service.SORTS:
        sort = "attention"
    me = clinician_of(request)
    rows = patient_list_service.kept_patient_list(me, local_today(), sort=sort)
    lang = page_lang(request)
    library = default_library()
    items = [
        {
            "row": row,
            "programme": library.programme(row.programme_id).text.get(lang).title
            if row.programme_id
            else (
                library.programme(row.run_plan_id).text.get(lang).title if row.run_plan_id else ""
            ),
            "flags": flag_lines(row, lang),
        }
        for row in rows
    ]
    context = {
        "attention": [i for i in items if i["row"].needs_attention] if sort == "attention" else [],
        "others": [i for i in items if not i["row"].needs_attention]
        if sort == "attention"
        else items,
        "sort": sort,
        "columns": _columns(sort),
        "pending": [
            (link, request.build_absolute_uri(reverse("invite", args=[link.token])))
            for link in patients.pending_invites(me)
        ],
        "count": len(rows),
        "section": "patients",
    }
    return render(request, "clinic/patient_list.html", context)


def _columns(sort: str) -> list[dict[str, Any]]:
    out = []
    for key, label in (
        ("name", gettext_lazy("Patient")),
        ("week", gettext_lazy("Week")),
        ("last_entry", gettext_lazy("Last entry")),
        ("pain", gettext_lazy("Worst pain, 7 days")),
        ("attention", gettext_lazy("Flags")),
    ):
        active = sort.lstrip("-") == key
        descending = sort.startswith("-")
        out.append(
            {
                "key": key,
                "label": label,
                "href": f"?sort={'-' if active and not descending else ''}{key}",
                "aria": ("descending" if descending else "ascending") if active else "",
            }
        )
    return out


@clinician
@require_POST
def invite(request: HttpRequest) -> HttpResponse:
    me = clinician_of(request)
    email = request.POST.get("email", "")
    try:
        link = patients.invite(me, email, now=timezone.now())
    except patients.ClinicError as exc:
        show_error(request, exc)
        return redirect("clinic_patients")
    url = request.build_absolute_uri(reverse("invite", args=[link.token]))
    lang = page_lang(request)
    if link.invited_email:
        clinic = patients.profile(me).clinic_name or me.display_name
        # In the runner's own language when they have an account, else in the page's.
        mail_lang = _account_language(link.invited_email) or lang
        with translation.override(mail_lang):
            subject = gettext("%(clinic)s invites you to Strideback") % {"clinic": clinic}
            body = gettext(
                "Hello\n\n%(clinic)s would like to follow your training in "
                "Strideback. Open the link, log in and say yes:\n\n%(link)s"
                "\n\nYou can stop sharing at any time."
            ) % {"clinic": clinic, "link": url}
        send_mail(subject, body, None, [link.invited_email])
        messages.success(
            request, gettext("We e-mailed the link to %(email)s.") % {"email": link.invited_email}
        )
    messages.success(
        request, gettext("Invitation ready. Send this link to the runner: %(link)s") % {"link": url}
    )
    return redirect("clinic_patients")


def _account_language(email: str) -> Lang | None:
    found = User.objects.filter(email__iexact=email).values_list("language", flat=True).first()
    for lang in LANGUAGES:
        if lang == found:
            return lang
    return None
