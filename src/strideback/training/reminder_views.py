"""The reminder pages: the runner's choices (/settings/reminders/), and the page behind a
reminder's "stop these" and "keep them" links. Those need no login: the signed token names the
runner. A GET shows one button (so a mail scanner that opens links changes nothing); the POST
acts. Mail clients' one-click unsubscribe (RFC 8058) posts to the same address."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.dates import WEEKDAYS
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from strideback.core.i18n import t
from strideback.training import push, reminder_links, reminder_messages, reminders
from strideback.training.views import runner_page

# Each field as the page labels it, and what is wrong with it (translated when shown).
FIELD_ERRORS = {
    "time": ("rem.time_of_day", "rem.error_time"),
    "channels": ("rem.how", "rem.error_channels"),
    "weekdays": ("rem.days", "rem.error_weekdays"),
    "time_zone": ("rem.time_zone", "rem.error_time_zone"),
}

ACTIONS = {
    "stop": (reminder_links.STOP_SALT, reminder_links.stop, "rem.stop_page_title"),
    "keep": (reminder_links.KEEP_SALT, reminder_links.keep, "rem.keep_page_title"),
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
    context["lang"] = reminder_messages.language(user)
    if request.method == "POST":
        act(user)
        context["done"] = True
    return render(request, "training/reminder_link.html", context)


@runner_page("settings")
@require_http_methods(["GET", "POST"])
def reminder_settings(request: HttpRequest) -> HttpResponse:
    user = request.user
    error = None
    shown = reminders.choices(user)
    if request.method == "POST":
        form = request.POST
        days = [int(d) for d in form.getlist("weekdays") if d.isdigit()]
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
            messages.success(request, t("rem.saved", getattr(request, "lang", "en")))
            return HttpResponseRedirect("/settings/reminders/")
    typed = request.POST.get("time", "") if error else ""
    context = {
        "chosen": shown,
        "time": shown.time.strftime("%H:%M") if shown.time else typed,
        "weekdays": [(n, WEEKDAYS[n], n in shown.weekdays) for n in range(7)],
        "push_key": push.public_key(),
        "error": error,
        "section": "settings",
    }
    return render(request, "training/reminder_settings.html", context, status=400 if error else 200)
