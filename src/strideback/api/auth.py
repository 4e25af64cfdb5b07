"""Who is calling: a personal API token (`Authorization: Bearer <token>`) or the page session.

- A token is looked up by the SHA-256 of its secret; unknown or revoked -> 401. A request that
  sends an Authorization header is judged by that header alone (no fallback to the session).
- The session keeps Django's CSRF protection for unsafe methods (send `X-CSRFToken`).
- Clinician endpoints also need role clinician and a second factor: a session must have passed
  the TOTP check (django-otp); a token cannot carry a per-session OTP, so a clinician's token is
  accepted only while the clinician has a confirmed TOTP device. Creating a token needs the
  session (and, for a clinician, a verified one), so a leaked token cannot mint another.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice
from ninja.errors import AuthenticationError, AuthorizationError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from strideback.accounts.models import User
from strideback.api.tokens import user_for_secret

TOKEN = "token"
SESSION = "session"


class TokenAuth(HttpBearer):
    """`Authorization: Bearer sb_...`: a personal API token."""

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get("Authorization")
        if not header:
            return None
        scheme, _, secret = header.strip().partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise AuthenticationError(401, "Authorization: expected 'Bearer <token>'")
        return self.authenticate(request, secret.strip())

    def authenticate(self, request: HttpRequest, token: str) -> User:
        user = user_for_secret(token)
        if user is None:
            raise AuthenticationError(401, "Authorization: the token is unknown or revoked")
        request.auth_method = TOKEN  # type: ignore[attr-defined]
        request.user = user
        return user


class SessionAuth(APIKeyCookie):
    """The logged-in page session, with CSRF protection for POST, PATCH, PUT and DELETE."""

    param_name = settings.SESSION_COOKIE_NAME

    def __call__(self, request: HttpRequest) -> Any:
        if not request.user.is_authenticated:
            return None  # anonymous: 401, not a CSRF 403
        return super().__call__(request)

    def _get_key(self, request: HttpRequest) -> str | None:
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise AuthorizationError(
                403, "CSRF check failed: send the csrftoken cookie's value as X-CSRFToken"
            )
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> User:
        request.auth_method = SESSION  # type: ignore[attr-defined]
        return request.user  # type: ignore[return-value]


def has_second_factor(request: HttpRequest, user: User) -> bool:
    if getattr(request, "auth_method", None) == TOKEN:
        known = getattr(user, "token_second_factor", None)  # read with the token
        if known is not None:
            return bool(known)
        return TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified and is_verified())


def require_clinician(request: HttpRequest, user: User) -> User:
    if not user.is_clinician:
        raise AuthorizationError(403, "only clinicians may use this endpoint")
    if not has_second_factor(request, user):
        raise AuthorizationError(
            403,
            "verify your sign-in with the authenticator app first "
            "(a token works only while you have a confirmed TOTP device)",
        )
    return user


class ClinicianTokenAuth(TokenAuth):
    def authenticate(self, request: HttpRequest, token: str) -> User:
        return require_clinician(request, super().authenticate(request, token))


class ClinicianSessionAuth(SessionAuth):
    def authenticate(self, request: HttpRequest, key: str | None) -> User:
        return require_clinician(request, super().authenticate(request, key))


def session_only(request: HttpRequest) -> bool:
    return getattr(request, "auth_method", None) == SESSION


USER_AUTH = [TokenAuth(), SessionAuth()]
CLINICIAN_AUTH = [ClinicianTokenAuth(), ClinicianSessionAuth()]
