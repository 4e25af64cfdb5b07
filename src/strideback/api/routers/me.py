"""Me: my account, my plan, today, the current decision with its reasons, my calendar.

The data comes from ``training.services`` (the same functions the pages call).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from strideback.api.auth import USER_AUTH
from strideback.api.schemas import ERRORS

router = Router(tags=["me"], auth=USER_AUTH)


class MeOut(Schema):
    id: int
    email: str
    name: str
    role: str
    language: str


@router.get("", response={200: MeOut, **ERRORS}, summary="My account")
def me(request: HttpRequest) -> dict[str, Any]:
    user = request.auth
    return {
        "id": user.pk,
        "email": user.email,
        "name": user.name,
        "role": user.role,
        "language": user.language,
    }
