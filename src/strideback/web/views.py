"""Pages that belong to no app: the health check, the home page and the language switch."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from strideback.core.languages import LANGUAGES
from strideback.web.middleware import set_language_cookie


@never_cache
@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "not healthy"
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Runners go straight to Today, clinicians to their workspace; others see the intro."""
    user = request.user
    if user.is_authenticated:
        return redirect("clinic_patients" if getattr(user, "is_clinician", False) else "today")
    return render(request, "web/home.html")


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    lang = request.POST.get("language", "")
    if lang not in LANGUAGES:
        return HttpResponseBadRequest(
            f"language: must be one of {', '.join(LANGUAGES)}", content_type="text/plain"
        )
    target = request.POST.get("next")
    if not target or not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = reverse("home")
    response = HttpResponseRedirect(target)
    set_language_cookie(response, lang)
    user = request.user
    if user.is_authenticated and getattr(user, "language", None) != lang:
        user.language = lang  # type: ignore[union-attr]
        user.save(update_fields=["language"])  # type: ignore[union-attr]
    return response
