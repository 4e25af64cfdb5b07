"""The tokens page, /settings/tokens: create, name and revoke personal API tokens.

Server-rendered, works without JavaScript. A new token's secret is shown once, on the page
answering the POST (never stored, never put in a URL or the session).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from strideback.api.auth import has_second_factor
from strideback.api.tokens import TokenNameError, create_token, revoke_token, user_tokens


def _page(request: HttpRequest, status: int = 200, **context: object) -> HttpResponse:
    context = {"tokens": user_tokens(request.user), "section": "settings", **context}
    return render(request, "api/tokens.html", context, status=status)


def _needs_second_factor(request: HttpRequest) -> bool:
    return request.user.is_clinician and not has_second_factor(request, request.user)


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _page(request)
    if _needs_second_factor(request):
        return _page(
            request, 403, error=gettext("Verify your sign-in with the authenticator app first.")
        )
    name = request.POST.get("name", "")
    try:
        token, secret = create_token(request.user, name)
    except TokenNameError:
        return _page(
            request,
            400,
            error=gettext("Name: give the token a name of at most 100 characters."),
            name=name,
        )
    return _page(request, created=token, secret=secret)


@login_required
@require_POST
def revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    revoke_token(request.user, token_id)  # someone else's id changes nothing
    return redirect("api_tokens")
