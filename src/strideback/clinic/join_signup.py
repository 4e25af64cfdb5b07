"""A runner's invited physiotherapist without an account: with the clinic's setting
``PHYSIO_SIGNUP`` on, they create a clinician account for the invited address through the
invitation, then set up two-step verification before they see anything of the runner (the
join page asks for it, as every clinic page does). With the setting off, only an existing
clinician accepts, after logging in."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import login, password_validation
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from strideback.accounts import physio_invites
from strideback.accounts import services as account_services
from strideback.accounts.models import PhysioInvite, User
from strideback.clinic import patients


def signup_allowed() -> bool:
    return bool(getattr(settings, "PHYSIO_SIGNUP", False))


def _invitation(token: str) -> PhysioInvite:
    found = physio_invites.invitation(token)
    if found is None or not signup_allowed():
        raise Http404("no such invitation, or signing up through one is not allowed here")
    return found


def anonymous_join(request: HttpRequest, token: str) -> HttpResponse:
    """The join link opened without logging in: log in, or (when allowed) sign up."""
    found = _invitation(token)
    login_url = reverse("login") + "?next=" + reverse("clinic_join", args=[token])
    context = {
        "name": found.runner.display_name,
        "email": found.email,
        "login_url": login_url,
        "signup_url": reverse("clinic_join_signup", args=[token]),
        "section": "",
    }
    return render(request, "clinic/join_anonymous.html", context)


@require_http_methods(["GET", "POST"])
def join_signup(request: HttpRequest, token: str) -> HttpResponse:
    found = _invitation(token)
    if request.user.is_authenticated:
        return redirect("clinic_join", token=token)
    taken = User.objects.filter(email__iexact=found.email).exists()
    errors: dict[str, str] = {}
    name = request.POST.get("name", "")
    if request.method == "POST" and not taken:
        password = request.POST.get("password", "")
        try:
            name = account_services.clean_name(name)
        except account_services.NameInvalid:
            errors["name"] = gettext("keep it under 150 characters, on one line.")
        try:
            password_validation.validate_password(password, User(email=found.email))
        except ValidationError as exc:
            errors["password"] = " ".join(exc.messages)
        if not errors:
            user = patients.create_clinician(
                found.email, password, name=name, language=found.runner.language
            )
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            # The join page sends a new clinician to set up two-step verification first.
            return redirect("clinic_join", token=token)
    context = {
        "name": found.runner.display_name,
        "email": found.email,
        "taken": taken,
        "login_url": reverse("login") + "?next=" + reverse("clinic_join", args=[token]),
        "errors": errors,
        "typed_name": name,
        "section": "",
    }
    status = 409 if taken else 400 if errors else 200
    return render(request, "clinic/join_signup.html", context, status=status)
