"""The runner's outcome pages: answering a questionnaire, the run log with the watch upload
(and the phone's share sheet). Each view reads the request, calls one service, renders."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from strideback.training import answering, run_log
from strideback.training.responses import questionnaire
from strideback.training.views import _lang, _render, _user, runner_page


@runner_page("today")
@require_http_methods(["GET", "POST"])
def questionnaire_page(request: HttpRequest, questionnaire_id: str) -> HttpResponse:
    found = questionnaire(questionnaire_id)
    if found is None:
        raise Http404("no such questionnaire")
    user, lang = _user(request), _lang(request)
    if request.method == "POST":
        form, stored = answering.submit(
            user, found, request.POST.dict(), timezone.localdate(), lang
        )
        if stored is not None:
            messages.success(
                request,
                gettext("Thanks, your answers are saved.")
                + " "
                + answering.score_text(found, stored, lang),
            )
            return redirect("today")
        return _render(request, "training/questionnaire.html", {"form": form}, status=400)
    form = answering.blank_form(found, lang, answering.last_names(user, found))
    return _render(request, "training/questionnaire.html", {"form": form})


def _upload(request: HttpRequest) -> None:
    """Store the posted watch file (field ``file``) and say what happened, as messages."""
    sent = request.FILES.get("file")
    if sent is None:
        messages.error(request, gettext("Choose a GPX, TCX or FIT file first."))
        return
    result = run_log.upload(_user(request), sent.read(), sent.size)
    for line in result.lines:
        (messages.success if result.ok else messages.error)(request, line)


@runner_page("progress")
@require_http_methods(["GET", "POST"])
def runs_page(request: HttpRequest) -> HttpResponse:
    """The run log, with the upload of a file from the watch."""
    if request.method == "POST":
        _upload(request)
        return redirect("runs")
    rows = run_log.run_log(_user(request), timezone.localdate())
    return _render(request, "training/runs.html", {"runs": rows})


@csrf_exempt
@require_POST
def runs_share(request: HttpRequest) -> HttpResponse:
    """The installed app as a share target: the phone's share sheet posts the file here
    (``share_target`` in the manifest). The phone's own navigation carries no CSRF token, so
    this view takes no token but refuses a post another site started (``Sec-Fetch-Site``);
    the session cookie is SameSite=Lax, so another site's form arrives logged out anyway."""
    if request.headers.get("Sec-Fetch-Site", "none") not in ("none", "same-origin"):
        return HttpResponseForbidden("file: share from your phone's share sheet")
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("runs"))
    if getattr(request.user, "is_clinician", False):
        return HttpResponseForbidden("runners only")
    _upload(request)
    return redirect("runs")
