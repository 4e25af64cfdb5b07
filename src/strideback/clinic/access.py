"""Who may open a clinic page: a logged-in clinician whose session passed the second step.

Runners get 403; anonymous visitors go to the login page; a clinician without a confirmed
authenticator is sent to set one up, and one with it to type today's code.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, HttpResponseForbidden, HttpResponseRedirect
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

View = Callable[..., HttpResponse]


def has_device(user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def _login_redirect(request: HttpRequest) -> HttpResponse:
    return redirect_to_login(request.get_full_path())


def clinician(view: View, *, verified: bool = True) -> View:
    """The view runs only for a clinician; with ``verified`` only after the TOTP step."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return _login_redirect(request)
        if not getattr(user, "is_clinician", False):
            return HttpResponseForbidden("This page is for clinicians.", content_type="text/plain")
        if verified and not user.is_verified():  # type: ignore[union-attr]
            target = reverse("clinic_otp_verify" if has_device(user) else "clinic_otp_setup")
            return HttpResponseRedirect(target + "?next=" + quote(request.get_full_path()))
        return view(request, *args, **kwargs)

    return wrapper


def clinician_unverified(view: View) -> View:
    return clinician(view, verified=False)
