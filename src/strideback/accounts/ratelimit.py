"""The login throttle: one count for every way in (``/login/``, ``/admin/login/``, the password
reset and the clinician's 6-digit code), shared by all worker processes.

Within any 15 minutes:
- an account takes at most 5 wrong passwords or codes, whichever page they come through
  (after ``/login/`` locks it, ``/admin/login/`` and the code step are locked too);
- one client address takes at most 10 wrong passwords or codes and password-reset requests
  together, whichever accounts they name (20 e-mails from one address are throttled too);
- one e-mail address gets at most 5 password-reset mails.
A locked-out runner can still ask for a reset mail (unless the address is locked); setting a
new password, or a complete login, clears the account's count.

The counts live in the ``throttle`` cache (settings.CACHES): the database (a cache table made by
``migrate``) or Redis when ``STRIDEBACK_REDIS_URL`` is set. Each attempt claims one of N slots
with ``cache.add``, which is atomic in both (a unique key), so parallel attempts through several
workers cannot both take the last slot; each slot expires 15 minutes after it was taken.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import caches
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext

CACHE = "throttle"
WINDOW_SECONDS = 15 * 60
WINDOW_MINUTES = WINDOW_SECONDS // 60
ACCOUNT_LIMIT = 5  # wrong passwords or codes per account
ADDRESS_LIMIT = 10  # wrong passwords or codes and reset requests per client address
RESET_LIMIT = 5  # reset mails per e-mail address
LIMITS = {"account": ACCOUNT_LIMIT, "address": ADDRESS_LIMIT, "reset": RESET_LIMIT}


def client_address(request: HttpRequest) -> str:
    """The client's address: the socket's peer, or behind the TLS proxy (STRIDEBACK_HTTPS=1)
    the address the proxy appended last to X-Forwarded-For (earlier entries are the client's
    own claims)."""
    if getattr(settings, "STRIDEBACK_BEHIND_PROXY", False):
        forwarded = request.headers.get("X-Forwarded-For", "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return str(request.META.get("REMOTE_ADDR", ""))


def _slots(kind: str, who: str) -> list[str]:
    digest = hashlib.sha256(f"{kind}|{who.strip().lower()}".encode()).hexdigest()[:32]
    return [f"strideback:throttle:{kind}:{digest}:{n}" for n in range(LIMITS[kind])]


def _full(kind: str, who: str) -> bool:
    return len(caches[CACHE].get_many(_slots(kind, who))) >= LIMITS[kind]


def _hit(kind: str, who: str) -> None:
    cache = caches[CACHE]
    for key in _slots(kind, who):
        if cache.add(key, 1, WINDOW_SECONDS):
            return


def login_blocked(request: HttpRequest, email: str) -> bool:
    return _full("account", email) or _full("address", client_address(request))


def login_failed(request: HttpRequest | None, email: str) -> None:
    _hit("account", email)
    if request is not None:
        _hit("address", client_address(request))


def clear_account(email: str) -> None:
    caches[CACHE].delete_many(_slots("account", email))


def reset_blocked(request: HttpRequest, email: str) -> bool:
    return _full("reset", email) or _full("address", client_address(request))


def reset_requested(request: HttpRequest, email: str) -> None:
    _hit("reset", email)
    _hit("address", client_address(request))


def too_many(request: HttpRequest, message: str) -> HttpResponse:
    """The 429 page every throttled way in answers with."""
    return render(request, "accounts/too_many.html", {"message": message}, status=429)


def too_many_logins(request: HttpRequest) -> HttpResponse:
    return too_many(
        request,
        gettext("Too many wrong attempts. Wait %(minutes)s minutes, or reset your password.")
        % {"minutes": WINDOW_MINUTES},
    )


def throttled_login(field: str) -> Callable[[Callable[..., HttpResponse]], Any]:
    """Refuse a login form's POST while its account or client address is locked (the e-mail in
    `field`); wrong passwords are counted by `count_failure` whatever page sent them."""

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method == "POST" and login_blocked(request, request.POST.get(field, "")):
                return too_many_logins(request)
            return view(request, *args, **kwargs)

        wrapped.__name__ = getattr(view, "__name__", "login")
        wrapped.__doc__ = view.__doc__
        return wrapped

    return decorate


@receiver(user_login_failed, dispatch_uid="strideback-throttle-failure")
def count_failure(
    sender: object, credentials: dict[str, Any], request: Any = None, **_: Any
) -> None:
    """Every wrong password given to Django's authenticate(), from any page, counts."""
    email = str(credentials.get("username") or credentials.get("email") or "")
    login_failed(request if isinstance(request, HttpRequest) else None, email)


@receiver(user_logged_in, dispatch_uid="strideback-throttle-success")
def clear_on_login(sender: object, request: Any, user: Any, **_: Any) -> None:
    """A complete login clears the account's count; for an account with an authenticator app
    the password is only the first step, so its count clears once the code is right."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        clear_account(user.get_username())
