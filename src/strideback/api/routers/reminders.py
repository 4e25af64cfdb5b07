"""My reminders: the time, channels and days I chose (in my own time zone), and the browsers
that receive them by Web Push. The rules are ``core.reminders``; ``training.reminders`` keeps
the choices."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field, StrictBool, StrictInt

from strideback.api.auth import USER_AUTH
from strideback.api.errors import ApiError
from strideback.api.schemas import ERRORS, In
from strideback.training import push, reminders

router = Router(tags=["me"], auth=USER_AUTH)

HH_MM = r"^[0-9]{2}:[0-9]{2}$"


class RemindersIn(In):
    enabled: StrictBool
    time: str | None = Field(default=None, pattern=HH_MM, description="HH:MM, my local time")
    channels: list[str] = Field(default_factory=list, max_length=2, description="email, push")
    weekdays: list[StrictInt] = Field(
        default_factory=list, max_length=7, description="0 = Monday; empty: my plan's days"
    )
    time_zone: str | None = Field(default=None, max_length=64, description="e.g. Europe/Berlin")


class RemindersOut(Schema):
    enabled: bool = Field(description="whether reminders are on")
    time: str | None = Field(description="the time of day they come, as HH:MM")
    channels: list[str] = Field(description="how they come: email and/or push")
    weekdays: list[int] = Field(description="0 = Monday; empty: the days of my plan")
    time_zone: str = Field(description="the time zone the time is in")
    push_public_key: str = Field(description="the server key a browser subscribes with")


def _out(chosen: reminders.Choices) -> dict[str, Any]:
    return {
        "enabled": chosen.enabled,
        "time": chosen.time.strftime("%H:%M") if chosen.time else None,
        "channels": list(chosen.channels),
        "weekdays": list(chosen.weekdays),
        "time_zone": chosen.time_zone,
        "push_public_key": push.public_key(),
    }


@router.get("", response={200: RemindersOut, **ERRORS}, summary="My reminder choices")
def get_reminders(request: HttpRequest) -> dict[str, Any]:
    return _out(reminders.choices(request.auth))


@router.put(
    "",
    response={200: RemindersOut, **ERRORS},
    summary="Turn reminders on (a time and at least one channel) or off",
)
def put_reminders(request: HttpRequest, payload: RemindersIn) -> dict[str, Any]:
    try:
        chosen = reminders.save_choices(
            request.auth,
            payload.enabled,
            payload.time,
            payload.channels,
            payload.weekdays,
            payload.time_zone,
        )
    except reminders.ReminderError as exc:
        raise ApiError(422, exc.message, exc.field) from None
    return _out(chosen)


class PushKeys(In):
    p256dh: str = Field(min_length=20, max_length=200)
    auth: str = Field(min_length=8, max_length=100)


class SubscriptionIn(In):
    """A browser's ``PushSubscription.toJSON()``."""

    endpoint: str = Field(pattern=r"^https?://", max_length=1000)
    keys: PushKeys
    expirationTime: StrictInt | None = None  # noqa: N815 (the browser's name)


class SubscriptionOut(Schema):
    id: int = Field(description="the subscription id")
    endpoint: str = Field(description="the browser's push endpoint")


@router.post(
    "/push-subscriptions",
    response={201: SubscriptionOut, **ERRORS},
    summary="Receive my reminders in this browser (Web Push)",
)
def subscribe(request: HttpRequest, payload: SubscriptionIn) -> Status[dict[str, Any]]:
    sub = push.subscribe(request.auth, payload.endpoint, payload.keys.p256dh, payload.keys.auth)
    return Status(201, {"id": sub.pk, "endpoint": sub.endpoint})
