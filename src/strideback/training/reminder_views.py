"""The page behind a reminder's "stop these" and "keep them" links: no login, the signed token
names the runner. A GET shows one button (so a mail scanner that opens links changes nothing);
the POST acts. Mail clients' one-click unsubscribe (RFC 8058) posts to the same address."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from strideback.training import reminder_links, reminder_messages

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
