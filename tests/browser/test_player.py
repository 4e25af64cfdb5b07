"""The session player in real headless Chromium at phone size, with a controlled clock.

Playwright's fake clock (``page.clock``) drives the page's timers, so a 15-minute walk/run
session takes a moment and every cue can be checked to the millisecond. The player logs every
spoken cue and beep to ``window.StridebackPlayer.log`` (what a runner would hear) and writes
every cue to its aria-live line (what a runner who can't hear would read).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from strideback.accounts.models import User
from strideback.training.models import Enrollment, JournalEntry

TODAY = dt.date(2026, 3, 2)
STRENGTH = f"/play/{TODAY.isoformat()}/strength/"
RUN = f"/play/{TODAY.isoformat()}/run/"
READY = 10_000  # the run starts with ten seconds to get ready, and so do standing exercises
SET_UP = 30_000  # the knee programme's first exercise: a band to put on, then lie down


def runner(programme: str, language: str = "en", email: str = "runner@example.com") -> User:
    user = User.objects.create_user(email, "pw-123456789", language=language)
    Enrollment.objects.create(user=user, programme_id=programme, start=TODAY)
    return user


def open_player(page: Any, login: Any, user: User, path: str) -> None:
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    login(page, user)
    page.clock.install(time=dt.datetime(2026, 3, 2, 7, 0))
    page.goto(page.base + path, timeout=30_000)  # the first page of a run warms the caches
    page.wait_for_selector("[data-player][data-ready=true]")
    page.clock.pause_at(dt.datetime(2026, 3, 2, 8, 0))


def said(page: Any) -> list[dict[str, Any]]:
    return page.evaluate("window.StridebackPlayer.log.filter(e => e.type === 'say')")


def beeps(page: Any) -> list[dict[str, Any]]:
    return page.evaluate("window.StridebackPlayer.log.filter(e => e.type === 'beep')")


def live(page: Any) -> str:
    return page.locator("[data-ui=live]").inner_text()


@pytest.mark.django_db(transaction=True)
def test_the_pacer_counts_a_full_set_of_3_2_3_reps_on_time(phone: Any, login: Any) -> None:
    # Phase 1, exercise 1: 3 x 10 reps at 3-2-3, no rest given (so 60 s, and it says so).
    open_player(phone, login, runner("anterior-knee-pain"), STRENGTH)
    phone.get_by_role("button", name="Start").click()
    assert live(phone).startswith("Get ready: ")
    phone.clock.run_for(SET_UP + 80_000 + 1_000)

    cues = [(c["t"], c["id"], c["text"]) for c in said(phone)]
    ready = [c for c in cues if c[0] < SET_UP]
    assert [c[1] for c in ready] == ["ready", "count", "count", "count"]
    assert [c[0] for c in ready] == [0, SET_UP - 3000, SET_UP - 2000, SET_UP - 1000]
    reps = [c for c in cues if SET_UP <= c[0] < SET_UP + 80_000]
    assert len(reps) == 30
    expected = []
    for n in range(10):
        start = SET_UP + n * 8000
        expected += [(start, "up"), (start + 3000, "hold"), (start + 5000, "down")]
    assert [(c[0], c[1]) for c in reps] == expected
    # The band moves the knees out and in: the exercise's own words.
    assert reps[0][2] == "1, out" and reps[27][2] == "10, out"
    assert (reps[1][2], reps[2][2]) == ("Hold", "In")
    rest = [c for c in cues if c[0] >= SET_UP + 80_000]
    assert rest[0] == (SET_UP + 80_000, "rest", "Rest")

    # Each cue has its own beep, at the same moment.
    sounds = {(b["t"], b["pattern"]) for b in beeps(phone)}
    assert {(SET_UP, "start"), (SET_UP + 3000, "hold"), (SET_UP + 5000, "down")} <= sounds
    assert (SET_UP + 80_000, "rest") in sounds

    # On screen: where we are, the rest, and why it is 60 seconds.
    assert "Set 1 of 3" in phone.locator("[data-ui=where]").inner_text()
    assert "60 seconds" in phone.locator("[data-ui=hint]").inner_text()
    assert live(phone) == "Rest"

    # After the rest, set 2 starts with rep 1 again.
    phone.clock.run_for(60_000)
    assert said(phone)[-1]["text"] == "1, out"
    assert said(phone)[-1]["t"] == SET_UP + 80_000 + 60_000
    assert "Set 2 of 3" in phone.locator("[data-ui=where]").inner_text()
    assert live(phone) == "Rep 1 of 10: Out"


@pytest.mark.django_db(transaction=True)
def test_a_walk_run_session_speaks_danish_on_time(phone_da: Any, login: Any) -> None:
    # Week 1, day 1: walk 5, run 1, walk 5, run 1, walk 3 = 15 minutes.
    open_player(phone_da, login, runner("return-to-run-5k", "da"), RUN)
    phone_da.get_by_role("button", name="Start").click()
    phone_da.clock.run_for(READY + 3 * 60_000)
    assert phone_da.locator("[data-ui=count]").inner_text() == "2:00"
    assert phone_da.locator("[data-ui=name]").inner_text() == "Gå"
    phone_da.clock.run_for(13 * 60_000)

    cues = [(c["t"], c["text"]) for c in said(phone_da) if c["id"] != "count"]
    minute = 60_000
    assert cues == [
        (0, "Gør dig klar. Vi begynder om lidt."),
        (READY, "Gå i 5 minutter"),
        (READY + 4 * minute, "Ét minut tilbage"),
        (READY + 5 * minute, "Løb i 1 minut"),
        (READY + 6 * minute, "Gå i 5 minutter"),
        (READY + 7.5 * minute, "Halvvejs"),
        (READY + 10 * minute, "Ét minut tilbage"),
        (READY + 11 * minute, "Løb i 1 minut"),
        (READY + 12 * minute, "Gå i 3 minutter"),
        (READY + 14 * minute, "Ét minut tilbage"),
        (READY + 15 * minute, "Færdig. Godt klaret!"),
    ]
    assert {c["lang"] for c in said(phone_da)} == {"da-DK"}
    patterns = [b["pattern"] for b in beeps(phone_da) if b["pattern"] != "tick"]
    assert patterns[:3] == ["rest", "start", "rest"]  # walk, run, walk
    assert patterns[-1] == "done"
    # The log opens by itself, with the minutes run filled in.
    assert phone_da.locator("#run_minutes").input_value() == "2"
    assert phone_da.get_by_role("heading", name="Hvordan gik det?").is_visible()


@pytest.mark.django_db(transaction=True)
def test_pause_resume_skip_and_end_early(phone: Any, login: Any) -> None:
    open_player(phone, login, runner("anterior-knee-pain"), STRENGTH)
    phone.get_by_role("button", name="Start").click()
    phone.get_by_role("button", name="Start now").click()  # skip the ten seconds
    phone.clock.run_for(4_000)
    assert live(phone) == "Rep 1 of 10: Hold"
    pause = phone.locator("[data-action=pause]")
    pause.click()
    assert pause.inner_text() == "Resume" and live(phone) == "Paused"
    count = len(said(phone))
    phone.clock.run_for(30_000)
    assert len(said(phone)) == count, "nothing is said while paused"
    pause.click()
    phone.clock.run_for(1_000)
    assert said(phone)[-1]["id"] == "down"
    phone.get_by_role("button", name="Skip set").click()
    assert live(phone) == "Rest"
    phone.get_by_role("button", name="Next exercise").click()
    assert "Exercise 2 of 6" in phone.locator("[data-ui=where]").inner_text()
    phone.get_by_role("button", name="End session").click()
    assert phone.get_by_role("heading", name="How did it feel?").is_visible()
    assert phone.locator("#sets_done").input_value() == "0", "a skipped set is not a set done"
    phone.get_by_role("button", name="Back to the session").click()
    assert phone.locator("[data-action=pause]").inner_text() == "Resume"


@pytest.mark.django_db(transaction=True)
def test_holds_per_side_and_untimed_items_in_the_timeline(phone: Any, login: Any) -> None:
    open_player(phone, login, runner("anterior-knee-pain"), STRENGTH)
    cues = phone.evaluate(
        """async () => {
          const m = await import('/static/strideback/player.js');
          const texts = window.StridebackPlayer.texts;
          const item = (dose) => ({name: 'X', steps: [], cues: [], setup: [], dose});
          const session = {kind: 'strength', default_rest_seconds: 60, items: [
            item({sets: 2, hold_seconds: 20, per_side: true, rest_seconds: 30}),
            item({sets: 1}),
            item({sets: 1, reps: 12, tempo_seconds: [3, 2, 3], repetition_maximum: true}),
          ]};
          return m.timeline(session, texts).map(c => [c.at, c.id, c.type]);
        }"""
    )
    main = [c for c in cues if c[1] != "count"]
    assert main[:8] == [
        [0, "ready", "ready"],
        [10_000, "hold", "work"],  # side 1
        [30_000, "switch", "switch"],
        [35_000, "hold", "work"],  # side 2
        [55_000, "rest", "rest"],  # 30 s, from the dose
        [85_000, "hold", "work"],
        [105_000, "switch", "switch"],
        [110_000, "hold", "work"],
    ]
    # The untimed mobilisation waits for a Done tap: its cue has no end of its own.
    untimed = [c for c in cues if c[1] == "go"]
    assert len(untimed) == 1 and untimed[0][2] == "wait"
    assert sum(1 for c in cues if c[1] == "up") == 12


@pytest.mark.django_db(transaction=True)
def test_every_control_works_by_keyboard(phone: Any, login: Any) -> None:
    user = runner("anterior-knee-pain")
    open_player(phone, login, user, STRENGTH)
    phone.locator("[data-action=start]").focus()
    phone.keyboard.press("Enter")
    assert phone.evaluate("document.activeElement.dataset.action") == "pause"
    phone.keyboard.press("Space")
    assert phone.locator("[data-action=pause]").get_attribute("aria-pressed") == "true"
    phone.keyboard.press("Space")
    assert phone.locator("[data-action=pause]").get_attribute("aria-pressed") == "false"
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.dataset.action") == "skip"
    phone.keyboard.press("Enter")  # start now
    phone.clock.run_for(100)
    assert said(phone)[-1]["id"] == "up"
    for _ in range(3):
        phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.dataset.action") == "end"
    phone.keyboard.press("Enter")
    # The log: choose pain with the arrow keys, save with Enter.
    phone.locator("input[name=pain_during][value='0']").focus()
    phone.keyboard.press("ArrowRight")
    assert phone.locator("input[name=pain_during]:checked").get_attribute("value") == "1"
    phone.locator("[data-action=no-pain][data-target=after]").focus()
    phone.keyboard.press("Enter")
    phone.locator(".log-save").focus()
    phone.keyboard.press("Enter")
    phone.wait_for_selector("[data-ui=status][data-state=saved]")
    assert JournalEntry.objects.get(user=user).pain_during == 1


@pytest.mark.django_db(transaction=True)
def test_logging_takes_two_taps_and_lands_once(phone: Any, login: Any) -> None:
    user = runner("anterior-knee-pain")
    open_player(phone, login, user, STRENGTH)
    phone.get_by_role("button", name="Start").click()
    phone.clock.run_for(SET_UP + 80_000)  # one full set
    phone.get_by_role("button", name="End session").click()
    assert phone.locator("#sets_done").input_value() == "1"
    assert phone.locator("[data-ui=sets_planned]").inner_text() == "of 18"
    painful = phone.get_by_role("group", name="Which exercise hurt? (optional)")
    assert not painful.is_visible(), "no pain, no question"
    phone.locator("label:has(input[name=pain_during][value='3'])").click()
    assert "above your limit of 0" in phone.locator("[data-ui=band_during]").inner_text()
    painful.get_by_text("Plank", exact=True).click()
    phone.get_by_role("group", name="Pain now, afterwards").get_by_role(
        "button", name="No pain"
    ).click()
    phone.get_by_role("button", name="Save").click()
    phone.wait_for_selector("[data-ui=status][data-state=saved]")
    assert phone.locator("[data-ui=status]").inner_text() == "Saved. Good work!"
    entry = JournalEntry.objects.get(user=user)
    assert (entry.sets_done, entry.pain_during, entry.pain_after) == (1, 3, 0)
    assert entry.completed is False and entry.swelling is False
    assert entry.painful_exercises == ["plank"]
    assert entry.idempotency_key and len(entry.idempotency_key) == 32
    assert phone.errors == []


@pytest.mark.django_db(transaction=True)
def test_no_pain_is_pre_filled_and_the_form_says_which_scale_is_missing(
    phone: Any, login: Any
) -> None:
    user = runner("anterior-knee-pain")
    JournalEntry.objects.create(
        user=user, date=TODAY - dt.timedelta(days=2), kind="strength", pain_during=4, pain_after=4
    )
    open_player(phone, login, user, STRENGTH)
    phone.get_by_role("button", name="Start").click()
    phone.get_by_role("button", name="End session").click()
    assert phone.locator("input[name^=pain_]:checked").count() == 0  # not last time's 4, not 0
    phone.get_by_role("button", name="Save").click()
    status = phone.locator("[data-ui=status]")
    assert status.inner_text() == (
        "Pain during the session: choose a number, or “No pain”. "
        "Pain now, afterwards: choose a number, or “No pain”."
    )
    assert phone.locator("fieldset[data-pain=during]").get_attribute("aria-invalid") == "true"
    phone.get_by_role("group", name="Pain during the session").get_by_role(
        "button", name="No pain"
    ).click()
    phone.get_by_role("button", name="Save").click()
    assert status.inner_text() == "Pain now, afterwards: choose a number, or “No pain”."
    assert not JournalEntry.objects.filter(user=user, date=TODAY).exists()
    phone.locator("label:has(input[name=pain_after][value='2'])").click()
    phone.get_by_role("button", name="Save").click()
    phone.wait_for_selector("[data-ui=status][data-state=saved]")
    entry = JournalEntry.objects.get(user=user, date=TODAY)
    assert (entry.pain_during, entry.pain_after) == (0, 2)


def _axe_clean(page: Any, axe: Any, state: str) -> None:
    # axe-core needs timers: let the fake clock flow while it runs, then hold it again.
    page.clock.resume()
    violations = axe(page)
    now = page.evaluate("Date.now()")
    page.clock.pause_at(dt.datetime.fromtimestamp(now / 1000 + 1))
    assert violations == [], f"{state}: {violations}"


def _no_sideways_scroll(page: Any) -> None:
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize(("size", "locale"), [("phone", "en-GB"), ("desktop", "de-DE")])
@pytest.mark.django_db(transaction=True)
def test_every_screen_of_a_strength_session_is_accessible(
    make_page: Any, login: Any, axe: Any, shot: Any, size: str, locale: str
) -> None:
    viewport = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}
    page = make_page(viewport[size], locale)
    width = viewport[size]["width"]
    open_player(page, login, runner("anterior-knee-pain", locale[:2]), STRENGTH)
    _axe_clean(page, axe, "intro")
    _no_sideways_scroll(page)
    shot(page, f"player-intro-{width}")
    page.locator("[data-action=start]").click()
    page.clock.run_for(SET_UP + 1_000)
    page.locator("summary").click()  # open "how to do it"
    _axe_clean(page, axe, "pacer")
    _no_sideways_scroll(page)
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, f"player-pacer-{width}")
    page.clock.run_for(80_000)
    page.evaluate("window.scrollTo(0, 0)")
    shot(page, f"player-rest-{width}")
    page.locator("[data-action=end]").click()
    page.locator("label:has(input[name=pain_during][value='2'])").click()
    _axe_clean(page, axe, "log")
    _no_sideways_scroll(page)
    shot(page, f"player-log-{width}")
    # Every pain button is a tap target of at least 48 x 48 px (a thumb-sized tap target)
    for box in page.locator(".pain-scale span").evaluate_all(
        "spans => spans.filter(s => s.offsetParent).map(s => s.getBoundingClientRect())"
        ".map(r => [r.width, r.height])"
    ):
        assert min(box) >= 48, box
    assert page.errors == []


@pytest.mark.django_db(transaction=True)
def test_the_run_screen_is_accessible(phone: Any, login: Any, axe: Any, shot: Any) -> None:
    open_player(phone, login, runner("return-to-run-5k"), RUN)
    _axe_clean(phone, axe, "run intro")
    shot(phone, "player-run-intro-360")
    phone.locator("[data-action=start]").click()
    phone.clock.run_for(READY + 5 * 60_000 + 20_000)
    _axe_clean(phone, axe, "running")
    _no_sideways_scroll(phone)
    shot(phone, "player-run-360")


WAKE_LOCK_STUB = """
window.__wakeLocks = [];
Object.defineProperty(navigator, 'wakeLock', {configurable: true, value: {
  request: async (type) => {
    const listeners = [];
    const sentinel = {type, released: false,
      addEventListener: (name, fn) => listeners.push(fn),
      release: async () => { sentinel.released = true; listeners.forEach(fn => fn()); }};
    window.__wakeLocks.push(sentinel);
    return sentinel;
  }}});
"""


@pytest.mark.django_db(transaction=True)
def test_the_screen_stays_on_and_the_lock_comes_back_after_the_tab_returns(
    phone: Any, login: Any
) -> None:
    phone.add_init_script(WAKE_LOCK_STUB)
    open_player(phone, login, runner("anterior-knee-pain"), STRENGTH)
    assert phone.evaluate("window.__wakeLocks.length") == 0
    phone.locator("[data-action=start]").click()
    phone.wait_for_function("() => window.__wakeLocks.length === 1")
    assert phone.evaluate("window.__wakeLocks[0].type") == "screen"
    # The browser drops the lock when the tab hides; the player asks again when it returns.
    phone.evaluate("window.__wakeLocks[0].release()")
    phone.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    phone.wait_for_function("() => window.__wakeLocks.length === 2")
    phone.locator("[data-action=end]").click()
    assert phone.evaluate("window.__wakeLocks[1].released") is True


@pytest.mark.django_db(transaction=True)
def test_with_reduced_motion_the_pacer_still_counts_without_moving(phone: Any, login: Any) -> None:
    phone.emulate_media(reduced_motion="reduce")
    open_player(phone, login, runner("anterior-knee-pain"), STRENGTH)
    phone.locator("[data-action=start]").click()
    phone.clock.run_for(SET_UP + 500)
    transition = phone.evaluate(
        "getComputedStyle(document.querySelector('.pacer'), '::before').transitionDuration"
    )
    assert transition == "0s"
    assert phone.locator("[data-ui=word]").inner_text() == "Out"
    assert phone.locator("[data-ui=count]").inner_text() == "3"
    phone.clock.run_for(1_000)
    assert phone.locator("[data-ui=count]").inner_text() == "2"


@pytest.mark.django_db(transaction=True)
def test_the_player_reads_well_in_dark_mode(phone: Any, login: Any, axe: Any, shot: Any) -> None:
    phone.emulate_media(color_scheme="dark")
    open_player(phone, login, runner("anterior-knee-pain"), STRENGTH)
    phone.locator("[data-action=start]").click()
    phone.clock.run_for(SET_UP + 3_500)
    _axe_clean(phone, axe, "dark pacer")
    shot(phone, "player-pacer-dark-360")
    phone.locator("[data-action=end]").click()
    phone.locator("label:has(input[name=pain_during][value='7'])").click()
    _axe_clean(phone, axe, "dark log")
    shot(phone, "player-log-dark-360")


@pytest.mark.django_db(transaction=True)
def test_after_a_stall_the_pacer_catches_up_without_a_burst_of_cues(phone: Any, login: Any) -> None:
    open_player(phone, login, runner("anterior-knee-pain"), STRENGTH)
    phone.locator("[data-action=start]").click()
    phone.clock.run_for(SET_UP)
    phone.clock.fast_forward(20_500)  # timers stalled for 20 s, as in a hidden tab
    phone.clock.run_for(1_000)
    late = [(c["t"], c["id"]) for c in said(phone) if c["t"] > SET_UP]
    # Only the cue due last is voiced; the next one still comes on the original beat.
    assert late == [(SET_UP + 20_500, "hold"), (SET_UP + 21_000, "down")]
    assert live(phone) == "Rep 3 of 10: In"


@pytest.mark.django_db(transaction=True)
def test_heel_raises_to_12rm_on_both_sides_with_the_programmes_rest(
    make_page: Any, login: Any
) -> None:
    # Plantar heel pain, weeks 1-2: 3 x 12RM at 3-2-3 on each leg, 2 minutes' rest.
    page = make_page(locale="nb-NO")
    open_player(page, login, runner("plantar-heel-pain", "nb"), STRENGTH)
    page.locator("[data-action=start]").click()
    page.clock.run_for(READY + 100)
    assert page.locator("[data-ui=hint]").inner_text() == "Så tungt at du klarer høyst 12"
    assert "Høyre side" in page.locator("[data-ui=where]").inner_text()  # right leg first
    page.clock.run_for(12 * 8_000)
    assert live(page) == "Bytt til venstre side"
    assert beeps(page)[-1]["pattern"] == "switch"
    page.clock.run_for(5_000 + 12 * 8_000)
    assert live(page) == "Pause"
    assert "120 sekunder" in page.locator("[data-ui=hint]").inner_text()
    ids = [c["id"] for c in said(page) if c["id"] in ("up", "switch", "rest")]
    assert ids == ["up"] * 12 + ["switch"] + ["up"] * 12 + ["rest"]
    assert {c["lang"] for c in said(page)} == {"nb-NO"}


@pytest.mark.django_db(transaction=True)
def test_sets_done_can_be_corrected_with_the_stepper(phone: Any, login: Any) -> None:
    user = runner("anterior-knee-pain")
    open_player(phone, login, user, STRENGTH)
    phone.locator("[data-action=start]").click()
    phone.locator("[data-action=end]").click()
    phone.get_by_role("button", name="More").click()
    phone.get_by_role("button", name="More").click()
    phone.get_by_role("button", name="Fewer").click()
    assert phone.locator("#sets_done").input_value() == "1"
    for button in phone.get_by_role("button", name="No pain").all():
        button.click()
    phone.get_by_role("button", name="Save").click()
    phone.wait_for_selector("[data-ui=status][data-state=saved]")
    assert JournalEntry.objects.get(user=user).sets_done == 1
    assert phone.errors == []


@pytest.mark.django_db(transaction=True)
def test_untimed_mobilisations_wait_for_done_on_each_side(make_page: Any, login: Any) -> None:
    page = make_page(locale="de-DE")
    open_player(page, login, runner("runners-knee-mobility", "de"), STRENGTH)
    page.get_by_role("button", name="Starten").click()
    page.get_by_role("button", name="Jetzt starten").click()
    done = page.get_by_role("button", name="Fertig")
    assert done.is_visible()
    assert page.evaluate("document.activeElement.dataset.action") == "done"
    assert "Tippen Sie auf Fertig" in page.locator("[data-ui=hint]").inner_text()
    page.clock.run_for(120_000)
    assert done.is_visible(), "an untimed set waits as long as it takes"
    page.keyboard.press("Enter")  # Done has the focus
    assert live(page) == "Wechseln Sie zur linken Seite"
    assert page.evaluate("document.activeElement.dataset.action") == "pause"
    page.clock.run_for(5_000)
    assert "Linke Seite" in page.locator("[data-ui=where]").inner_text()
    done.click()
    assert "Übung 2 von 5" in page.locator("[data-ui=where]").inner_text()
    page.get_by_role("button", name="Training beenden").click()
    assert page.locator("#sets_done").input_value() == "1"
    assert page.errors == []


@pytest.mark.django_db(transaction=True)
def test_from_today_through_the_player_and_back_to_today(phone: Any, login: Any) -> None:
    from django.utils import timezone

    user = User.objects.create_user("today@example.com", "pw-123456789")
    Enrollment.objects.create(
        user=user, programme_id="anterior-knee-pain", start=timezone.localdate()
    )
    phone.errors = []
    phone.on("pageerror", lambda error: phone.errors.append(str(error)))
    login(phone, user)
    phone.clock.install()
    phone.goto(phone.base + "/today/")
    phone.get_by_role("link", name="Start session").click()
    phone.wait_for_selector("[data-player][data-ready=true]")
    phone.clock.pause_at(phone.evaluate("Date.now()") + 1_000)
    phone.get_by_role("button", name="Start").click()
    phone.clock.run_for("40:00")  # the whole of phase 1, rests and all
    assert phone.locator("#sets_done").input_value() == "18"
    phone.clock.resume()
    for button in phone.get_by_role("button", name="No pain").all():
        button.click()
    phone.get_by_role("button", name="Save").click()
    phone.get_by_role("link", name="Back to today").click()
    assert phone.get_by_text("Done today").first.is_visible()
    entry = JournalEntry.objects.get(user=user)
    assert entry.enrollment is not None and entry.enrollment.programme_id == "anterior-knee-pain"
    assert (entry.completed, entry.sets_done) == (True, 18)
    assert phone.errors == []
