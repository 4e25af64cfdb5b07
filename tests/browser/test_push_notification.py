"""The service worker shows a pushed reminder as one notification, with a "stop these" action:
the push is delivered through Chromium's DevTools protocol, as a push service would."""

from __future__ import annotations

import json
from typing import Any

import pytest

from strideback.accounts.models import User


@pytest.mark.django_db(transaction=True)
def test_a_pushed_reminder_becomes_a_notification_with_a_stop_action(
    phone: Any, login: Any
) -> None:
    user = User.objects.create_user("push@example.com", "pw-123456789", language="de")
    login(phone, user)
    phone.context.grant_permissions(["notifications"], origin=phone.base)
    cdp = phone.context.new_cdp_session(phone)
    registrations: list[dict[str, Any]] = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda e: registrations.extend(e["registrations"]),
    )
    cdp.send("ServiceWorker.enable")
    phone.goto(phone.base + "/settings/")
    phone.evaluate(
        "navigator.serviceWorker.register('/sw.js', {scope: '/'})"
        ".then(() => navigator.serviceWorker.ready).then(() => true)"
    )
    phone.wait_for_timeout(200)
    live = [r for r in registrations if not r.get("isDeleted")]
    assert live, "the service worker registered"
    message = {
        "title": "Ihr Training heute",
        "body": "Phase 1 · 6 Übungen · etwa 35 Min.",
        "url": phone.base + "/today/",
        "stop_url": phone.base + "/reminders/stop/abc/",
        "stop_label": "Diese Erinnerungen abbestellen",
        "lang": "de",
    }
    for _ in range(2):  # twice: still one notification (replaced by tag, not stacked)
        cdp.send(
            "ServiceWorker.deliverPushMessage",
            {
                "origin": phone.base + "/",
                "registrationId": live[-1]["registrationId"],
                "data": json.dumps(message),
            },
        )
    phone.wait_for_timeout(1000)  # both pushes handled
    shown = phone.wait_for_function(
        """async () => {
          const reg = await navigator.serviceWorker.ready;
          const all = await reg.getNotifications();
          return all.length ? all.map((n) => ({title: n.title, body: n.body, tag: n.tag,
            actions: n.actions.map((a) => [a.action, a.title]), data: n.data})) : null;
        }""",
        polling=100,
    ).json_value()
    assert len(shown) == 1
    (note,) = shown
    assert note["title"] == "Ihr Training heute" and note["body"].startswith("Phase 1")
    assert note["actions"] == [["stop", "Diese Erinnerungen abbestellen"]]
    assert note["data"]["stop_url"].endswith("/reminders/stop/abc/")
