"""/clinic/join/<token>/: a clinician (logged in, after the two-step check) accepts a runner's
invitation to follow their training (``clinic.physio_join``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from strideback.accounts import physio_invites
from strideback.accounts.models import User
from strideback.clinic import join_signup, physio_join
from strideback.clinic.access import clinician


@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, token: str) -> HttpResponse:
    if not request.user.is_authenticated and join_signup.signup_allowed():
        return join_signup.anonymous_join(request, token)  # log in, or sign up
    return _join(request, token)


@clinician
def _join(request: HttpRequest, token: str) -> HttpResponse:
    found = physio_invites.invitation(token)
    if found is None:
        raise Http404("no such invitation")
    me: User = request.user  # type: ignore[assignment]
    runner = found.runner
    name = runner.display_name
    used = found.accepted_by_id not in (None, me.pk)
    if request.method == "POST" and not used:
        link = physio_join.accept(me, token, now=timezone.now())
        messages.success(request, gettext("You now follow %(name)s.") % {"name": name})
        return redirect("clinic_patient", runner_id=link.runner_id)
    context = {"name": name, "email": runner.email, "used": used, "section": "patients"}
    return render(request, "clinic/join.html", context, status=409 if used else 200)
