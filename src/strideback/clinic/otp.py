"""The second login step for clinicians: enrol an authenticator app (QR code made by segno,
inline SVG, nothing downloaded) and type its 6-digit code before any patient data."""

from __future__ import annotations

import base64

import segno
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from strideback.accounts import ratelimit
from strideback.clinic.access import clinician_unverified

DEVICE_NAME = "Strideback"


def _next(request: HttpRequest) -> str:
    target = request.GET.get("next") or request.POST.get("next")
    if not target or not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return reverse("clinic_patients")
    return target


def _pending_device(user: object) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def qr_svg(url: str) -> str:
    """An inline <svg> QR code (no XML declaration), titled for screen readers by the page."""
    svg: str = segno.make(url, error="m").svg_inline(scale=5, border=2, dark="#000", light="#fff")
    return svg


def _code(request: HttpRequest) -> str:
    return "".join(ch for ch in request.POST.get("code", "") if ch.isdecimal())


@clinician_unverified
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return HttpResponseRedirect(reverse("clinic_otp_verify") + "?next=" + _next(request))
    device = _pending_device(user)
    error = False
    if request.method == "POST":
        if device.verify_token(_code(request)):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return HttpResponseRedirect(_next(request))
        error = True
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    context = {
        "qr": qr_svg(device.config_url),
        "key": " ".join(key[i : i + 4] for i in range(0, len(key), 4)),
        "error": error,
        "next": _next(request),
    }
    return render(request, "clinic/otp_setup.html", context, status=400 if error else 200)


@clinician_unverified
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_verified():  # type: ignore[union-attr]
        return HttpResponseRedirect(_next(request))
    devices = list(TOTPDevice.objects.filter(user=user, confirmed=True))
    if not devices:
        return HttpResponseRedirect(reverse("clinic_otp_setup") + "?next=" + _next(request))
    error = False
    if request.method == "POST":
        email = user.get_username()  # type: ignore[union-attr]
        if ratelimit.login_blocked(request, email):
            return ratelimit.too_many(
                request,
                gettext("Too many wrong codes. Wait %(minutes)s minutes and try again.")
                % {"minutes": ratelimit.WINDOW_MINUTES},
            )
        code = _code(request)
        for device in devices:
            if device.verify_token(code):
                otp_login(request, device)
                ratelimit.clear_account(email)
                return HttpResponseRedirect(_next(request))
        ratelimit.login_failed(request, email)
        error = True
    context = {"error": error, "next": _next(request)}
    return render(request, "clinic/otp_verify.html", context, status=400 if error else 200)
