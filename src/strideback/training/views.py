"""The runner's pages. Each view: read the request, call one service, render. The date comes
from ``timezone.localdate()`` here, at the edge, never inside the services or the core."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from strideback.accounts import physio_invites
from strideback.accounts import services as account_services
from strideback.accounts.models import User
from strideback.core.content.library import default_library
from strideback.core.languages import Lang
from strideback.errors import InputError
from strideback.training import (
    asking,
    calendar,
    export,
    onboarding,
    programmes,
    timeline,
    words,
)
from strideback.training import morning as morning_service
from strideback.training import today as today_service
from strideback.training.models import Area, Goal
from strideback.words.errors import ERRORS

View = Callable[..., HttpResponse]
# The reason that waits for the runner's word on an unlogged phase (Settings answers it).
NO_LOG = "running_gate_no_log"


def runner_page(section: str = "") -> Callable[[View], View]:
    """Log-in required, runners only (clinicians go to their workspace)."""

    def wrap(view: View) -> View:
        @wraps(view)
        def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if getattr(request.user, "is_clinician", False):
                return redirect("clinic_patients")
            request.section = section  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return inner

    return wrap


def _origin(request: HttpRequest) -> str:
    """ "https://host", for links that leave the site (the calendar's events)."""
    return f"{request.scheme}://{request.get_host()}"


def _lang(request: HttpRequest) -> Lang:
    return getattr(request, "lang", "en")  # type: ignore[no-any-return]


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _render(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    context.setdefault("section", getattr(request, "section", ""))
    return render(request, template, context, status=status)


# --- onboarding ------------------------------------------------------------------------


@runner_page("today")
@require_http_methods(["GET", "POST"])
def start_where(request: HttpRequest) -> HttpResponse:
    user, error = _user(request), None
    chosen = request.POST.getlist("areas") if request.method == "POST" else None
    if chosen is not None:
        try:
            onboarding.save_areas(user, chosen)
        except InputError as exc:
            error = exc
        else:
            return redirect("start_safety")
    current = chosen if chosen is not None else onboarding.profile(user).areas
    context = {"areas": Area.values, "chosen": current, "error": error, "step": 1}
    return _render(request, "training/start_where.html", context, 400 if error else 200)


@runner_page("today")
@require_http_methods(["GET", "POST"])
def start_safety(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    prof = onboarding.profile(user)
    if not prof.areas:
        return redirect("start")
    error = None
    ticked: list[str] = []
    lang = _lang(request)
    if request.method == "POST":
        ticked = request.POST.getlist("red_flags")
        answer = request.POST.get("answer", "")
        try:
            flags = onboarding.read_red_flags(ticked)
        except InputError as exc:
            error = exc
        else:
            if flags and answer != "change":
                # A tick stops self-training until a clinician clears it: the runner sees
                # their answers first and confirms them (or corrects a tick they did not mean).
                if answer == "confirm":
                    onboarding.screen_red_flags(user, ticked, timezone.localdate())
                    return redirect("start_stop")
                views = [(f.value, words.flag_question(f.value, lang)) for f in flags]
                context = {"ticked": views, "step": 2}
                return _render(request, "training/start_safety_confirm.html", context)
            if not flags:
                return redirect("start_goal")
    questions = [
        (f.value, words.flag_question(f.value, lang))
        for f in onboarding.red_flag_questions(prof.areas)
    ]
    context = {"questions": questions, "error": error, "step": 2, "ticked": ticked}
    return _render(request, "training/start_safety.html", context, 400 if error else 200)


@runner_page("today")
def start_stop(request: HttpRequest) -> HttpResponse:
    flags = onboarding.red_flag_stop(_user(request))
    if not flags:
        return redirect("start_goal")
    views = [(f.value, f.urgency.value) for f in flags]
    context = {"flags": flag_views(views, _lang(request)), **physio_context(_user(request))}
    return _render(request, "training/stop.html", context)


def physio_context(user: User) -> dict[str, Any]:
    """Who follows the runner (whom to call), or the runner's invitations still pending."""
    return {
        "physio_clinicians": programmes.clinicians(user),
        "physio_pending": physio_invites.pending(user),
    }


def flag_views(flags: list[tuple[str, str]], lang: Lang) -> list[dict[str, str]]:
    """Red flags with the advice to show, most urgent first (as the service ordered them)."""
    return [
        {
            "code": code,
            "urgency": urgency,
            "question": words.flag_question(code, lang),
            "advice": words.flag_advice(code, lang),
        }
        for code, urgency in flags
    ]


@runner_page("today")
@require_http_methods(["GET", "POST"])
def start_goal(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if onboarding.red_flag_stop(user):
        return redirect("start_stop")
    prof = onboarding.profile(user)
    if not prof.areas:
        return redirect("start")
    today = timezone.localdate()
    errors: dict[str, str] = {}
    goal = request.POST.get("goal", prof.goal or Goal.KEEP_RUNNING)
    start_text = request.POST.get("start", today.isoformat())
    if request.method == "POST":
        start = _parse_date(start_text)
        try:
            onboarding.check_start(start or dt.date.min, today)
        except InputError as exc:
            errors[exc.field] = exc.code
        try:
            onboarding.save_goal(user, goal)
        except InputError as exc:
            errors[exc.field] = exc.code
        if not errors:
            return HttpResponseRedirect(f"{reverse('start_programmes')}?start={start}")
    context = {
        "goals": Goal.values,
        "goal": goal,
        "start": start_text,
        "today": today,
        "errors": errors,
        "step": 3,
    }
    return _render(request, "training/start_goal.html", context, 400 if errors else 200)


def _number(text: str) -> int | None:
    try:
        return int(text.strip())
    except ValueError:
        return None


def _parse_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


@runner_page("today")
@require_http_methods(["GET", "POST"])
def start_programmes(request: HttpRequest) -> HttpResponse:
    user, lang, today = _user(request), _lang(request), timezone.localdate()
    prof = onboarding.profile(user)
    if not prof.areas or onboarding.red_flag_stop(user):
        return redirect("start")
    start = _parse_date(request.POST.get("start") or request.GET.get("start", "")) or today
    options = onboarding.suggestions(prof.areas, prof.goal, lang)
    library = default_library()
    phases = onboarding.phase_choices(library, [o.programme_id for o in options])
    error = None
    start_phase = _number(request.POST.get("start_phase", "1"))
    earlier = request.POST.get("earlier", "")
    if request.method == "POST":
        try:
            if start_phase is None or start_phase not in phases:
                raise InputError("start_phase", "onb.error_start_phase")
            onboarding.enroll(
                user,
                request.POST.getlist("programmes"),
                start,
                today,
                start_phase=start_phase,
                earlier_pain_free=onboarding.earlier_answer(earlier) if start_phase > 1 else None,
            )
        except InputError as exc:
            error = exc
        else:
            return redirect("start_reminders")
    chosen = request.POST.getlist("programmes") if request.method == "POST" else None
    context = {
        "options": options,
        "chosen": chosen,
        "start": start,
        "error": error,
        "step": 4,
        "phases": phases,
        "start_phase": start_phase or 1,
        "earlier": earlier,
    }
    return _render(request, "training/start_programmes.html", context, 400 if error else 200)


# --- settings and my data --------------------------------------------------------------


@runner_page("settings")
def settings_page(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    lang = _lang(request)
    page = today_service.kept_today(user, timezone.localdate(), lang)
    waiting = {t.programme_id for t in page.tracks if any(w.code == NO_LOG for w in t.why)}
    context = {
        "programmes": programmes.programmes(user, lang),
        "earlier": programmes.earlier_phases(user, lang, waiting),
        "clinicians": programmes.clinicians(user),
        **physio_context(user),
    }
    return _render(request, "training/settings.html", context)


@runner_page("settings")
@require_POST
def settings_name(request: HttpRequest) -> HttpResponse:
    """The runner's display name (optional): what a physiotherapist who follows them sees."""
    try:
        account_services.set_name(_user(request), request.POST.get("name", ""))
    except account_services.NameInvalid:
        messages.error(request, gettext("Your name: keep it under 150 characters, on one line."))
    else:
        messages.success(request, gettext("Your name is saved."))
    return HttpResponseRedirect(reverse("settings") + "#s-name")


@runner_page("settings")
def export_json(request: HttpRequest) -> HttpResponse:
    data = export.export_data(_user(request))
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="strideback-my-data.json"'
    return response


@runner_page("settings")
def export_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(export.export_csv(_user(request)), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="strideback-journal.csv"'
    return response


@runner_page("settings")
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    user, error = _user(request), None
    if request.method == "POST":
        try:
            export.delete_account(user, request.POST.get("confirm", ""))
        except InputError as exc:
            error = exc
        else:
            logout(request)
            messages.success(request, gettext("Your account and all your data have been deleted."))
            return redirect("home")
    return _render(request, "training/delete.html", {"error": error}, 400 if error else 200)


@runner_page("settings")
@require_POST
def earlier_phases(request: HttpRequest, enrollment_id: int) -> HttpResponse:
    """The runner says the phases before their log went without knee pain (or not)."""
    answer = onboarding.earlier_answer(request.POST.get("earlier", ""))
    anchor = f"{reverse('settings')}#earlier-{enrollment_id}"
    if answer is None:
        messages.error(
            request,
            gettext("%(field)s: %(problem)s")
            % {
                "field": gettext("Earlier phases without knee pain"),
                "problem": gettext("pick yes or no."),
            },
        )
        return HttpResponseRedirect(anchor)
    try:
        programmes.state_earlier_phases(_user(request), enrollment_id, answer, timezone.now())
    except LookupError:
        raise Http404("no such programme") from None
    except PermissionError:
        messages.error(request, gettext("Your physiotherapist gave this answer: ask them."))
        return HttpResponseRedirect(anchor)
    messages.success(request, gettext("Saved."))
    return HttpResponseRedirect(anchor)


@runner_page("settings")
@require_POST
def stop_programme(request: HttpRequest, enrollment_id: int) -> HttpResponse:
    try:
        programmes.stop_programme(_user(request), enrollment_id)
    except LookupError:
        from django.http import Http404

        raise Http404("no such programme") from None
    return redirect("settings")


# --- today and the next-morning check ---------------------------------------------------


def pain_scale(limit: int, suggested: int | None = None) -> list[dict[str, Any]]:
    """0-10 with a colour zone each: within the programme's limit, above it, or high (> 5)."""
    scale = []
    for value in range(11):
        zone = "ok" if value <= limit else ("over" if value <= max(limit, 5) else "high")
        scale.append({"value": value, "zone": zone, "suggested": value == suggested})
    return scale


@runner_page("today")
def today(request: HttpRequest) -> HttpResponse:
    user, lang, on = _user(request), _lang(request), timezone.localdate()
    page = today_service.kept_today(user, on, lang)
    if not page.onboarded and not page.stop:
        return redirect("start")
    context: dict[str, Any] = {
        "page": page,
        "flags": flag_views([(f.code, f.urgency) for f in page.stop], _lang(request)),
    }
    if page.stop:
        context.update(physio_context(user))
    else:
        context["due_questionnaires"] = asking.due_card(user, on, lang)
    if page.morning is not None and not request.GET.get("later"):
        context["scale"] = pain_scale(page.morning.limit, page.morning.suggested)
        return _render(request, "training/morning.html", context)
    return _render(request, "training/today.html", context)


@runner_page("today")
@require_POST
def morning(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    raw = request.POST.get("pain", "")
    try:
        morning_service.record_next_morning(
            user, int(raw) if raw.isdecimal() else -1, timezone.localdate()
        )
    except InputError as exc:
        messages.error(request, gettext("Pain this morning") + f": {ERRORS[exc.code]}")
        return redirect("today")
    messages.success(request, gettext("Thanks, that's saved."))
    return redirect("today")


# --- calendar ----------------------------------------------------------------------------


@runner_page("calendar")
def calendar_page(request: HttpRequest) -> HttpResponse:
    user, lang, on = _user(request), _lang(request), timezone.localdate()
    wanted = request.GET.get("month", "")
    if wanted:
        try:
            year, month = (int(p) for p in wanted.split("-"))
            start, end = calendar.month_range(year, month)
        except ValueError:
            return _bad_request(
                request,
                gettext_lazy("Month"),
                gettext_lazy("give the month as YYYY-MM, e.g. 2026-11."),
            )
    else:
        # Now: last week and the next four, which is what a runner looks for on a phone.
        start = on - dt.timedelta(days=on.weekday() + 7)
        end = start + dt.timedelta(weeks=5, days=-1)
    page = calendar.calendar(user, start, end, on, lang)
    feed = request.build_absolute_uri(reverse("calendar_feed", args=[page.token]))
    context = {
        "page": page,
        "now": not wanted,
        "this_month": on.replace(day=1),
        "feed": feed,
        "webcal": "webcal://" + feed.split("://", 1)[1],
    }
    return _render(request, "training/calendar.html", context)


def _bad_request(request: HttpRequest, field: Promise, problem: Promise) -> HttpResponse:
    text = f"{field}: {problem}"
    return HttpResponse(text, status=400, content_type="text/plain; charset=utf-8")


def _ics_response(body: bytes, download: bool) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    if download:
        response["Content-Disposition"] = 'attachment; filename="strideback.ics"'
    response["Cache-Control"] = "no-store"  # a runner's sessions: kept by no cache on the way
    return response


@runner_page("calendar")
def calendar_download(request: HttpRequest) -> HttpResponse:
    user, lang = _user(request), _lang(request)
    body = calendar.calendar_ics(user, timezone.localdate(), lang, _origin(request))
    return _ics_response(body, download=True)


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private subscription: no log-in, only the secret token in the URL."""
    user = calendar.user_for_calendar_token(token)
    if user is None:
        from django.http import Http404

        raise Http404("no such calendar")
    lang: Lang = user.language if user.language in ("da", "en", "de", "nb") else "en"  # type: ignore[assignment]
    body = calendar.calendar_ics(user, timezone.localdate(), lang, _origin(request))
    return _ics_response(body, download=False)


@runner_page("calendar")
@require_POST
def calendar_reset(request: HttpRequest) -> HttpResponse:
    calendar.reset_calendar_token(_user(request))
    messages.success(
        request,
        gettext("New link made. The old one no longer works; subscribe again with the new one."),
    )
    return HttpResponseRedirect(reverse("calendar") + "#subscribe")


# --- progress ------------------------------------------------------------------------------


@runner_page("progress")
def progress_page(request: HttpRequest) -> HttpResponse:
    user, lang, on = _user(request), _lang(request), timezone.localdate()
    page = timeline.timeline(user, on, lang)
    return _render(request, "training/progress.html", {"page": page.progress, "t": page})


@runner_page("settings")
@require_POST
def stop_sharing(request: HttpRequest, clinician_id: int) -> HttpResponse:
    try:
        account_services.stop_sharing(_user(request), clinician_id, now=timezone.now())
    except account_services.NotLinked:
        raise Http404("no such clinician") from None
    messages.success(request, gettext("Sharing has stopped."))
    return redirect("settings")
