"""Sign up, log in (rate-limited), log out, password reset and accepting a clinician's invite."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.core.mail import send_mail
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from strideback.accounts import ratelimit, services
from strideback.accounts.forms import EmailForm, LoginForm, NewPasswordForm, SignupForm
from strideback.accounts.models import User
from strideback.core.languages import LANGUAGES, Lang
from strideback.web.middleware import set_language_cookie
from strideback.words.errors import INVITE_PROBLEMS


def _lang(request: HttpRequest) -> Lang:
    return getattr(request, "lang", "en")  # type: ignore[no-any-return]


def _next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    lang = _lang(request)
    form = SignupForm(request.POST or None, lang=lang)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.sign_up(
                form.cleaned_data["email"],
                form.cleaned_data["password"],
                lang,
                name=form.cleaned_data.get("name", ""),
            )
        except services.EmailTaken:
            form.add_error(
                "email", gettext("There is already an account with this address. Log in instead.")
            )
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return HttpResponseRedirect(_next(request, reverse("start")))
    context = {"form": form, "next": _next(request, "")}
    return render(request, "accounts/signup.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@ratelimit.throttled_login("email")
def login_view(request: HttpRequest) -> HttpResponse:
    lang = _lang(request)
    form = LoginForm(request.POST or None, lang=lang)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].strip().lower()
        # A wrong password is counted by the throttle (Django's user_login_failed signal).
        user = authenticate(request, username=email, password=form.cleaned_data["password"])
        if user is None:
            form.add_error("password", gettext("That e-mail and password don't match."))
        else:
            login(request, user)
            return _remember_language(HttpResponseRedirect(_next(request, reverse("home"))), user)
    context = {"form": form, "next": _next(request, "")}
    return render(request, "accounts/login.html", context, status=400 if form.errors else 200)


def _remember_language(response: HttpResponse, user: object) -> HttpResponse:
    """The language saved on the account follows the runner to a new device."""
    lang = getattr(user, "language", "")
    if lang in LANGUAGES:
        set_language_cookie(response, lang)
    return response


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("home")


@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    lang = _lang(request)
    form = EmailForm(request.POST or None, lang=lang)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if ratelimit.reset_blocked(request, email):
            return ratelimit.too_many(
                request,
                gettext("Too many password reset requests. Wait %(minutes)s minutes and try again.")
                % {"minutes": ratelimit.WINDOW_MINUTES},
            )
        ratelimit.reset_requested(request, email)
        found = services.password_reset_link(email)
        if found is not None:
            _send_reset_mail(request, *found)
        return render(request, "accounts/password_reset_sent.html")
    status = 400 if form.errors else 200
    return render(request, "accounts/password_reset.html", {"form": form}, status=status)


def _send_reset_mail(request: HttpRequest, user: User, uidb64: str, token: str) -> None:
    lang: Lang = user.language if user.language in ("da", "en", "de", "nb") else _lang(request)  # type: ignore[assignment]
    link = request.build_absolute_uri(reverse("password_reset_confirm", args=[uidb64, token]))
    with translation.override(lang):  # in the runner's own language
        subject = gettext("Reset your Strideback password")
        body = gettext(
            "Hello\n\nOpen this link to choose a new Strideback "
            "password:\n\n%(link)s\n\nIf you didn't ask for this, just "
            "delete this e-mail.\n"
        ) % {"link": link}
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


@require_http_methods(["GET", "POST"])
def password_reset_confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    lang = _lang(request)
    user = services.user_for_reset(uidb64, token)
    if user is None:
        return render(request, "accounts/password_reset_invalid.html", status=400)
    form = NewPasswordForm(user, request.POST or None, lang=lang)
    if request.method == "POST" and form.is_valid():
        services.set_password(user, form.cleaned_data["password"])
        ratelimit.clear_account(user.email)  # the way out of a lock-out
        messages.success(
            request, gettext("Your password has been changed. Log in with the new one.")
        )
        return redirect("login")
    status = 400 if form.errors else 200
    return render(request, "accounts/password_reset_confirm.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, token: str) -> HttpResponse:
    found = services.invite(token)
    if found is None:
        raise Http404("no such invite")
    if request.method == "POST":
        return _accept(request, token)
    return render(request, "accounts/invite.html", {"invite": found, "path": request.path})


@login_required
def _accept(request: HttpRequest, token: str) -> HttpResponse:
    try:
        services.accept_invite(request.user, token, timezone.now())  # type: ignore[arg-type]
    except services.InviteError as exc:
        messages.error(request, INVITE_PROBLEMS[exc.code])
        return HttpResponseRedirect(request.path)
    messages.success(request, gettext("Your clinician can now follow your training."))
    return redirect("today")
