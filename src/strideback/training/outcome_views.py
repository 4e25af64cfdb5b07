"""The runner's outcome pages: answering a questionnaire, the run log with the watch upload
(and the phone's share sheet). Each view reads the request, calls one service, renders."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from strideback.training import answering
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
