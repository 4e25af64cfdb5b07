"""/clinic/join/<token>/: a clinician (logged in, after the two-step check) accepts a runner's
invitation to follow their training (``clinic.physio_join``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from strideback.accounts import physio_invites
from strideback.accounts.models import User
from strideback.clinic import physio_join
from strideback.clinic.access import clinician
from strideback.core.i18n import t


@clinician
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, token: str) -> HttpResponse:
    found = physio_invites.invitation(token)
    if found is None:
        raise Http404("no such invitation")
    me: User = request.user  # type: ignore[assignment]
    lang = getattr(request, "lang", "en")
    runner = found.runner
    name = runner.name or runner.email
    used = found.accepted_by_id not in (None, me.pk)
    if request.method == "POST" and not used:
        link = physio_join.accept(me, token, now=timezone.now())
        messages.success(request, t("physio.joined", lang, name=name))
        return HttpResponseRedirect(f"/clinic/patients/{link.runner_id}/")
    context = {"name": name, "email": runner.email, "used": used, "section": "patients"}
    return render(request, "clinic/join.html", context, status=409 if used else 200)
