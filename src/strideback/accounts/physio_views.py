"""POST /settings/physio/: a runner invites their own physiotherapist by e-mail (from the
settings page, Today's stop block and the stop page); back to the page it came from."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.mail import send_mail
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_POST

from strideback.accounts import physio_invites
from strideback.accounts.models import User
from strideback.core.languages import LANGUAGES, Lang

# The pages with the invitation form (URL names); the answer goes back to the one it came from.
BACK_TO = ("settings", "today", "start_stop")


# Why an invitation could not be made, by the error's code.
PROBLEMS = {
    "invalid": gettext_lazy("enter an e-mail address, such as physio@example.org."),
    "yourself": gettext_lazy("that is your own address; enter your physiotherapist's."),
}


@login_required
@require_POST
def invite_physio(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    lang: Lang = getattr(request, "lang", "en")
    back = request.POST.get("next", "")
    back = back if back in {reverse(name) for name in BACK_TO} else reverse("settings")
    try:
        found = physio_invites.invite_physio(
            user, request.POST.get("email", ""), now=timezone.now()
        )
    except physio_invites.PhysioInviteError as exc:
        if exc.field == "role":
            return redirect("clinic_patients")
        message = PROBLEMS[exc.code]
        messages.error(request, gettext("Your physiotherapist's e-mail") + f": {message}")
        return HttpResponseRedirect(back + "#physio")
    name = user.display_name
    link = request.build_absolute_uri(reverse("clinic_join", args=[found.token]))
    mail_lang = next((code for code in LANGUAGES if code == user.language), lang)
    with translation.override(mail_lang):  # in the runner's own language
        subject = gettext("%(name)s invites you to follow their training in Strideback") % {
            "name": name
        }
        body = gettext(
            "%(name)s trains with Strideback, a self-training coach "
            "for runners with knee and foot pain, and would like you "
            "to follow along.\n\nOpen the link and log in with your "
            "clinician account (with two-step verification) to "
            "accept:\n%(link)s\n\nIf you have no clinician account, your"
            " clinic can make one."
        ) % {"name": name, "link": link}
    send_mail(subject, body, None, [found.email])
    messages.success(
        request, gettext("The invitation is on its way to %(email)s.") % {"email": found.email}
    )
    return HttpResponseRedirect(back + "#physio")
