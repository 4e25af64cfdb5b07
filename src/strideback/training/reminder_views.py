"""The reminder pages: the runner's choices (/settings/reminders/), and the page behind a
reminder's "stop these" and "keep them" links. Those need no login: the signed token names the
runner. A GET shows one button (so a mail scanner that opens links changes nothing); the POST
acts. Mail clients' one-click unsubscribe (RFC 8058) posts to the same address."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from strideback.training import push, reminder_links, reminder_messages, reminders
from strideback.training.views import runner_page

# Each field as the page labels it, and what is wrong with it (translated when shown).
FIELD_ERRORS = {
    "time": (gettext_lazy("Time of day"), gettext_lazy("choose a time, such as 18:30.")),
    "channels": (
        gettext_lazy("How"),
        gettext_lazy("choose e-mail, a notification on this device, or both."),
    ),
    "weekdays": (gettext_lazy("Days"), gettext_lazy("choose days from Monday to Sunday.")),
    "time_zone": (gettext_lazy("Time zone"), gettext_lazy("this time zone is unknown.")),
}

ACTIONS = {
    "stop": (reminder_links.STOP_SALT, reminder_links.stop, gettext_lazy("Stop the reminders?")),
    "keep": (reminder_links.KEEP_SALT, reminder_links.keep, gettext_lazy("Keep the reminders?")),
}


@csrf_exempt  # the signed token is the authority here; no session is read or changed
@require_http_methods(["GET", "POST"])
def reminder_link(request: HttpRequest, action: str, token: str) -> HttpResponse:
    salt, act, title = ACTIONS[action]
    user = reminder_links.user_for_link(token, salt)
    context = {"action": action, "title": title, "done": False, "section": ""}
    if user is None:
        return render(
            request, "training/reminder_link.html", {**context, "invalid": True}, status=404
        )
    context["lang"] = lang = reminder_messages.language(user)
    if request.method == "POST":
        act(user)
        context["done"] = True
    with translation.override(lang):  # the page in the runner's language, as the reminder was
        return render(request, "training/reminder_link.html", context)


def _reminder_form(
    request: HttpRequest, template: str, saved_to: str, extra: dict[str, object]
) -> HttpResponse:
    """The reminder choices (time, days, channels): shown, and saved on POST (then to
    ``saved_to``); an error names its field and keeps what the runner chose."""
    user = request.user
    error = None
    shown = reminders.choices(user)
    if request.method == "POST":
        form = request.POST
        days = [int(d) for d in form.getlist("weekdays") if d.isdecimal()]
        try:
            reminders.save_choices(
                user,
                form.get("enabled") == "on",
                form.get("time") or None,
                form.getlist("channels"),
                days,
                form.get("time_zone") or None,
            )
        except reminders.ReminderError as exc:
            label, message = FIELD_ERRORS[exc.field]
            error = {"field": exc.field, "label": label, "message": message}
            # Show what the runner chose, to correct the one field (nothing was saved).
            shown = reminders.Choices(
                form.get("enabled") == "on",
                None,
                tuple(form.getlist("channels")),
                tuple(days),
                shown.time_zone,
            )
        else:
            messages.success(request, gettext("Your reminder choices are saved."))
            return redirect(saved_to)
    typed = request.POST.get("time", "") if error else ""
    context = {
        "chosen": shown,
        "time": shown.time.strftime("%H:%M") if shown.time else typed,
        "weekdays": [(n, WEEKDAYS[n], n in shown.weekdays) for n in range(7)],
        "push_key": push.public_key(),
        "error": error,
        **extra,
    }
    return render(request, template, context, status=400 if error else 200)


@runner_page("settings")
@require_http_methods(["GET", "POST"])
def reminder_settings(request: HttpRequest) -> HttpResponse:
    return _reminder_form(
        request, "training/reminder_settings.html", "reminder_settings", {"section": "settings"}
    )


@runner_page("today")
@require_http_methods(["GET", "POST"])
def start_reminders(request: HttpRequest) -> HttpResponse:
    """Onboarding's last step: reminders, opt-in (the same choices as in settings), or not
    now. The time is suggested, nothing is on until the runner ticks it."""
    return _reminder_form(request, "training/start_reminders.html", "today", {"step": 5})
