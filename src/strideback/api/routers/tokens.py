"""My personal API tokens: list, create (from a logged-in session only) and revoke."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from strideback.api.auth import USER_AUTH, has_second_factor, session_only
from strideback.api.errors import ApiError
from strideback.api.models import ApiToken
from strideback.api.schemas import ERRORS, RowId, TokenCreated, TokenIn, TokenOut
from strideback.api.tokens import TokenNameError, create_token, revoke_token, user_tokens

router = Router(tags=["tokens"], auth=USER_AUTH)


def token_out(token: ApiToken) -> dict[str, object]:
    return {
        "id": token.pk,
        "name": token.name,
        "hint": token.hint,
        "created_at": token.created_at,
        "last_used_at": token.last_used_at,
        "revoked_at": token.revoked_at,
    }


@router.get("", response={200: list[TokenOut], **ERRORS}, summary="My tokens")
def list_tokens(request: HttpRequest) -> list[dict[str, object]]:
    return [token_out(t) for t in user_tokens(request.auth)]


@router.post(
    "",
    response={201: TokenCreated, **ERRORS},
    summary="Create a token (logged-in session only; the secret is shown once)",
)
def new_token(request: HttpRequest, payload: TokenIn) -> Status[dict[str, object]]:
    if not session_only(request):
        raise ApiError(403, "create tokens from a logged-in session, not with another token")
    if request.auth.is_clinician and not has_second_factor(request, request.auth):
        raise ApiError(403, "verify your sign-in with the authenticator app first")
    try:
        token, secret = create_token(request.auth, payload.name)
    except TokenNameError as exc:
        raise ApiError(422, str(exc).removeprefix("name: "), "name") from None
    return Status(201, {**token_out(token), "token": secret})


@router.delete("/{token_id}", response={204: None, **ERRORS}, summary="Revoke a token")
def delete_token(request: HttpRequest, token_id: RowId) -> Status[None]:
    if revoke_token(request.auth, token_id) is None:
        raise ApiError(404, "no such token", "token_id")
    return Status(204, None)
