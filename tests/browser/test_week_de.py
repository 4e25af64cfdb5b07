"""Issue #16 "Done when": a runner's first week in German, in headless Chromium.

Day 0 in the browser: onboarding with a red-flag tick made by mistake and corrected before
anything is saved, starting in phase 4 with running; reminders chosen (e-mail and this
browser's notifications, subscribed through the page to a local push service that decrypts
what it gets); a strength session ended after one set, resumed at set 2 and finished; a run
stopped early and corrected on its page; their physio invited by e-mail and linked after a
two-step login. Then the week: ``send_reminders --now`` each evening, and the e-mails and pushes
arrive on the right days only (the morning pain check after day 0, then the training days).
Every new page is checked with axe; the reminder is rendered on each channel as a screenshot.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from strideback.accounts.models import CareLink, CareLinkStatus, User
from strideback.clinic import patients
from strideback.training import today
from strideback.training.journal import enrollment_for
from strideback.training.models import Enrollment, JournalEntry, Profile
from tests.training.test_push import PushService, b64

READY = 10_000
SET = 80_000  # phase 4's first exercise is timed like phase 1's: 10 reps at 3-2-3


def _hold(page: Any) -> None:
    now = page.evaluate("Date.now()")
    page.clock.pause_at(dt.datetime.fromtimestamp(now / 1000 + 1))


def _axe_clean(page: Any, axe: Any, state: str) -> None:
    page.clock.resume()
    violations = axe(page)
    assert violations == [], f"{state}: {violations}"


def _save_without_pain(page: Any) -> None:
    for button in page.get_by_role("button", name="Kein Schmerz").all():
        button.click()
    page.get_by_role("button", name="Speichern", exact=True).click()
    page.get_by_role("link", name="Zurück zu heute").click()


def _stub_push(page: Any, service: PushService) -> None:
    """This browser's push subscription is the local push service's (headless Chromium has no
    push service of its own): the page's own code subscribes and sends it to the API."""
    keys = {
        "endpoint": service.endpoint,
        "keys": {"p256dh": service.p256dh, "auth": b64(service.auth)},
    }
    page.context.grant_permissions(["notifications"], origin=page.base)
    page.add_init_script(
        "PushManager.prototype.subscribe = async function () {"
        f"  const json = {json.dumps(keys)};"
        "  return { toJSON: () => json };"
        "};"
    )


def _onboard(page: Any, axe: Any, shot: Any, service: PushService) -> None:
    page.goto(page.base + "/start/")
    page.locator("#area-front_of_knee").check()
    page.get_by_role("button", name="Weiter").click()
    # A tick not meant: shown back, corrected, nothing saved.
    page.locator("input[name=red_flags]").first.check()
    page.get_by_role("button", name="Weiter").click()
    assert page.locator("h1").inner_text() == "Haben Sie das so gemeint?"
    _axe_clean(page, axe, "red-flag confirm")
    shot(page, "week-de-red-flag-confirm")
    page.get_by_role("button", name="Nein, Antworten ändern").click()
    tick = page.locator("input[name=red_flags]:checked")
    assert tick.count() == 1
    tick.uncheck()
    page.get_by_role("button", name="Weiter").click()
    page.wait_for_url(re.compile(r"/start/goal/$"))
    page.locator("input[name=goal][value=back_to_5k]").check()
    page.get_by_role("button", name="Weiter").click()
    page.wait_for_url(re.compile(r"/start/programmes/"))
    page.get_by_label("Beginnen in Phase").select_option("4")
    page.get_by_label("Ja, ohne Knieschmerzen").check()
    page.get_by_role("button", name="Los geht's").click()
    page.wait_for_url(re.compile(r"/start/reminders/$"))
    _axe_clean(page, axe, "reminders step")
    page.get_by_label("Mich erinnern").check()
    page.get_by_label("Uhrzeit").fill("18:00")
    page.get_by_label("E-Mail", exact=True).check()
    page.get_by_label("Mitteilung auf diesem Gerät").check()
    shot(page, "week-de-reminders-step")
    page.get_by_role("button", name="Speichern und zu heute").click()
    page.wait_for_url(re.compile(r"/today/$"))


def _strength_ended_early_then_resumed(page: Any, axe: Any, shot: Any) -> None:
    page.get_by_role("link", name="Training starten").click()
    page.wait_for_selector("[data-player][data-ready=true]")
    _hold(page)
    page.get_by_role("button", name="Starten").click()
    page.clock.run_for(READY + SET + 1_000)
    page.get_by_role("button", name="Training beenden").click()
    assert page.locator("#sets_done").input_value() == "1"
    page.clock.resume()
    _save_without_pain(page)
    assert page.get_by_text("Teilweise erledigt: vorzeitig beendet").is_visible()
    _axe_clean(page, axe, "today, partly done")
    shot(page, "week-de-today-partly-done")
    page.get_by_role("link", name="Fortsetzen").click()
    page.wait_for_selector("[data-player][data-ready=true]")
    _hold(page)
    page.get_by_role("button", name="Starten").click()
    assert "Satz 2 von 3" in page.locator("[data-ui=where]").inner_text()
    for _ in range(60):  # to the end; an untimed exercise waits for its Done tap
        if page.locator("[data-part=log]").is_visible():
            break
        done = page.locator("[data-action=done]")
        if done.is_visible():
            done.click()
        page.clock.run_for(60_000)
    page.clock.resume()
    _save_without_pain(page)


def _run_stopped_then_corrected(page: Any, axe: Any, shot: Any) -> JournalEntry:
    page.get_by_role("link", name="Lauf starten").click()
    page.wait_for_selector("[data-player][data-ready=true]")
    _hold(page)
    page.get_by_role("button", name="Starten").click()
    page.clock.run_for(READY + 8 * 60_000)
    page.get_by_role("button", name="Training beenden").click()
    page.clock.resume()
    _save_without_pain(page)
    run = JournalEntry.objects.get(kind="run")
    assert not run.completed and run.run_minutes
    page.locator(f"a[href='/journal/{run.pk}/edit/']").click()
    _axe_clean(page, axe, "correct a run")
    shot(page, "week-de-correct-run")
    page.get_by_label("Gelaufene Minuten").fill("12")
    page.get_by_role("button", name="Korrektur speichern").click()
    assert page.get_by_text("Korrigiert.").is_visible()
    run.refresh_from_db()
    assert run.run_minutes == 12
    return run


def _physio_invited_and_linked(page: Any, make_page: Any, runner: User) -> User:
    page.goto(page.base + "/settings/")
    page.get_by_label("E-Mail Ihrer Physiotherapie").fill("physio@example.de")
    page.get_by_role("button", name="Einladung senden").click()
    (invite,) = [m for m in mail.outbox if m.to == ["physio@example.de"]]
    assert "lädt Sie ein" in invite.subject
    link = re.search(r"https?://\S+/clinic/join/\S+/", invite.body)
    assert link is not None
    physio = patients.create_clinician("physio@example.de", "pw-long-enough", name="Anna Weber")
    physio.language = "de"
    physio.save()
    client = Client()
    client.force_login(physio)
    device = TOTPDevice.objects.create(user=physio, name="phone", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id  # the two-step login was done
    session.save()
    other = make_page(locale="de-DE")
    other.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": other.base}]
    )
    other.goto(
        link.group(0).replace(re.match(r"https?://[^/]+", link.group(0)).group(0), other.base)
    )
    other.get_by_role("button", name="Annehmen und begleiten").click()
    assert CareLink.objects.filter(
        clinician=physio, runner=runner, status=CareLinkStatus.ACTIVE
    ).exists()
    page.goto(page.base + "/settings/")
    assert page.get_by_text("Anna Weber").first.is_visible()
    return physio


def _screenshots(page: Any, shot: Any, email: Any, pushed: dict[str, Any]) -> None:
    """The reminder on each channel: the e-mail as a mail client shows a plain-text mail, and
    the push as the service worker hands it to the system's notification."""
    page.set_content(
        '<main style="font:16px sans-serif;max-width:34rem;margin:1rem">'
        f"<p><b>Von:</b> {html.escape(email.from_email)}<br><b>An:</b> {html.escape(email.to[0])}"
        f"<br><b>Betreff:</b> {html.escape(email.subject)}</p><hr>"
        f'<pre style="white-space:pre-wrap;font:inherit">{html.escape(email.body)}</pre></main>'
    )
    shot(page, "reminder-email-de")
    page.set_content(
        '<div style="font:15px sans-serif;width:330px;margin:1rem;padding:12px;border-radius:12px;'
        'box-shadow:0 2px 8px #0004;background:#fff">'
        '<div style="color:#555;font-size:12px">Strideback · localhost</div>'
        f"<b>{html.escape(pushed['title'])}</b>"
        f'<div style="white-space:pre-wrap">{html.escape(pushed["body"])}</div>'
        '<div style="margin-top:8px;color:#0b6e4f;font-weight:600">'
        f"{html.escape(pushed['stop_label'])}</div></div>"
    )
    shot(page, "reminder-push-de")


def _send(day: dt.date, zone: ZoneInfo) -> str:
    out = StringIO()
    moment = dt.datetime.combine(day, dt.time(18, 5), tzinfo=zone)
    call_command("send_reminders", "--now", moment.isoformat(), stdout=out)
    return out.getvalue().strip()


def _log_the_day(runner: User, day: dt.date) -> None:
    """The runner trains on a reminded day (the player's log, as in the first day), with the
    next morning's pain answered."""
    planned = {s.kind: s for t in today.today(runner, day, "de").tracks for s in t.today}
    for kind in ("strength", "run"):
        JournalEntry.objects.create(
            user=runner,
            enrollment=enrollment_for(runner, kind),
            date=day,
            kind=kind,
            sets_done=18 if kind == "strength" else None,
            run_minutes=20 if kind == "run" else None,
            run_week=planned[kind].run_week,
            run_day=planned[kind].run_day,
            pain_during=0,
            pain_after=0,
            pain_next_morning=0,
        )


@pytest.mark.django_db(transaction=True)
def test_a_week_in_german_without_dead_ends(
    make_page: Any, login: Any, axe: Any, shot: Any
) -> None:
    service = PushService()
    try:
        page = make_page(locale="de-DE")
        page.errors = []
        page.on("pageerror", lambda error: page.errors.append(str(error)))
        runner = User.objects.create_user("laeuferin@example.de", "pw-123456789", language="de")
        login(page, runner)
        _stub_push(page, service)
        page.clock.install()
        _onboard(page, axe, shot, service)
        assert not JournalEntry.objects.filter(user=runner).exists()  # the tick was corrected
        profile = Profile.objects.get(user=runner)
        assert profile.reminders_on and sorted(profile.reminder_channels) == ["email", "push"]
        assert runner.push_subscriptions.get().endpoint == service.endpoint
        assert {e.programme_id for e in Enrollment.objects.filter(user=runner)} == {
            "anterior-knee-pain",
            "return-to-run-5k",
        }

        _strength_ended_early_then_resumed(page, axe, shot)
        (strength,) = JournalEntry.objects.filter(user=runner, kind="strength")
        assert strength.completed and strength.sets_done and strength.sets_done > 1
        _run_stopped_then_corrected(page, axe, shot)
        _physio_invited_and_linked(page, make_page, runner)
        assert page.errors == []

        # The week: each evening after 18:00 in the runner's own time zone.
        day0 = timezone.localdate()
        zone = ZoneInfo(profile.time_zone)
        mine = lambda: [m for m in mail.outbox if m.to == [runner.email]]  # noqa: E731
        got: dict[int, tuple[list[str], list[str]]] = {}
        morning, training = "Wie fühlt es sich heute Morgen an?", "Ihr Training heute"
        for offset in range(1, 7):
            day = day0 + dt.timedelta(days=offset)
            mails, pushes = len(mine()), len(service.received)
            _send(day, zone)
            got[offset] = (
                [m.subject for m in mine()[mails:]],
                [p["message"]["title"] for p in service.received[pushes:]],
            )
            if offset == 1:  # the morning check answered
                JournalEntry.objects.filter(user=runner, date=day0).update(pain_next_morning=0)
            if got[offset][0] == [training]:
                _log_the_day(runner, day)
        assert got == {
            1: ([morning], [morning]),
            2: ([training], [training]),
            3: ([], []),
            4: ([training], [training]),
            5: ([], []),
            6: ([training], [training]),
        }
        email = next(m for m in mine() if m.subject == training)
        assert "Phase 4" in email.body and "Diese Erinnerungen abbestellen" in email.body
        pushed = next(p["message"] for p in service.received if p["message"]["title"] == training)
        _screenshots(page, shot, email, pushed)
    finally:
        service.server.shutdown()
