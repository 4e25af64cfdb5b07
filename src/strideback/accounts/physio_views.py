"""POST /settings/physio/: a runner invites their own physiotherapist by e-mail (from the
settings page, Today's stop block and the stop page); back to the page it came from."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.mail import send_mail
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from strideback.accounts import physio_invites
from strideback.accounts.models import User
from strideback.core.i18n import t
from strideback.core.languages import LANGUAGES, Lang

BACK_TO = ("/settings/", "/today/", "/start/stop/")


@login_required
@require_POST
def invite_physio(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    lang: Lang = getattr(request, "lang", "en")
    back = request.POST.get("next", "")
    back = back if back in BACK_TO else "/settings/"
    try:
        found = physio_invites.invite_physio(
            user, request.POST.get("email", ""), now=timezone.now()
        )
    except physio_invites.PhysioInviteError as exc:
        if exc.field == "role":
            return HttpResponseRedirect("/clinic/")
        message = t(f"physio.error_{exc.code}", lang)
        messages.error(request, f"{t('physio.field_email', lang)}: {message}")
        return HttpResponseRedirect(back + "#physio")
    name = user.name or user.email
    link = request.build_absolute_uri(f"/clinic/join/{found.token}/")
    mail_lang = next((code for code in LANGUAGES if code == user.language), lang)
    send_mail(
        t("physio.mail_subject", mail_lang, name=name),
        t("physio.mail_body", mail_lang, name=name, link=link),
        None,
        [found.email],
    )
    messages.success(request, t("physio.sent", lang, email=found.email))
    return HttpResponseRedirect(back + "#physio")
