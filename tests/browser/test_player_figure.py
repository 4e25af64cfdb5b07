"""The exercise figure in the player, in real headless Chromium with a controlled clock: it
is where the pacer says (start, top, held, back) at each of the pacer's phase changes, on each
side, still during rests, two still poses with reduced motion, and cheap to draw."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.test_player import SET_UP as READY
from tests.browser.test_player import STRENGTH, open_player, runner

NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def drawn(page: Any) -> list[list[float]]:
    """Every path of the player's figure (room and body), as its numbers."""
    ds = page.evaluate(
        "Array.from(document.querySelectorAll('[data-ui=figure] svg path'),"
        " p => p.getAttribute('d'))"
    )
    return [[float(n) for n in NUMBER.findall(d or "")] for d in ds]


def served(page: Any, exercise: str, seconds: float, side: str = "first") -> list[list[float]]:
    """The same figure as the server draws it at that moment (``GET .../figure.svg?t=``)."""
    url = f"{page.base}/exercises/{exercise}/figure.svg?t={seconds}&side={side}"
    svg = page.request.get(url).text()
    return [[float(n) for n in NUMBER.findall(d)] for d in re.findall(r' d="([^"]*)"', svg)]


def apart(a: list[list[float]], b: list[list[float]]) -> float:
    """How far apart two drawings are: the largest difference of any coordinate (SVG units of
    5 mm); the floor line, which spans the picture, is left out."""
    assert len(a) == len(b), (len(a), len(b))
    worst = 0.0
    for pa, pb in zip(a, b, strict=True):
        assert len(pa) == len(pb)
        if len(pa) == 4 and pa[1] == pa[3]:  # a horizontal line: the floor
            continue
        worst = max([worst, *(abs(x - y) for x, y in zip(pa, pb, strict=True))])
    return worst


def first_exercise(page: Any) -> str:
    return str(page.evaluate("window.StridebackPlayer.session.items[0].exercise"))


class Clock:
    """The page's fake clock, counted from the tap on Start."""

    def __init__(self, page: Any) -> None:
        self.page, self.ms = page, 0

    def to(self, ms: int) -> None:
        self.page.clock.run_for(ms - self.ms)
        self.ms = ms


@pytest.mark.django_db(transaction=True)
def test_the_figure_is_at_each_pose_when_the_pacer_changes_phase(phone: Any, login: Any) -> None:
    # Phase 1's first exercise: 10 reps at 3-2-3, as the library's dose (so the server's
    # figure URL moves to the same tempo).
    open_player(phone, login, runner("anterior-knee-pain"), STRENGTH)
    exercise = first_exercise(phone)
    phone.get_by_role("button", name="Start").click()
    clock = Clock(phone)
    figure = phone.locator("[data-ui=figure] svg")
    assert figure.get_attribute("role") == "img"
    assert figure.get_attribute("aria-label")
    start, top = served(phone, exercise, 0), served(phone, exercise, 3)
    assert apart(top, start) > 10  # the figure really moves between start and top
    assert apart(drawn(phone), start) <= 1.5  # getting ready: the start pose, still
    clock.to(READY - 500)
    assert apart(drawn(phone), start) <= 1.5

    # Reps 1 and 2 at the pacer's phase changes ("up", "hold", "down", the next "up") and
    # inside the hold: the figure is where the server draws it at that moment of a rep.
    for rep in (0, 1):
        for at in (0, 1500, 3000, 4000, 5000, 6500):
            clock.to(READY + rep * 8000 + at)
            assert apart(drawn(phone), served(phone, exercise, at / 1000)) <= 2.0, (rep, at)
    clock.to(READY + 2 * 8000)
    assert apart(drawn(phone), start) <= 1.5


@pytest.mark.django_db(transaction=True)
def test_the_figure_is_big_at_360_px_and_pause_stays_in_reach(
    phone: Any, login: Any, shot: Any
) -> None:
    open_player(phone, login, runner("anterior-knee-pain"), STRENGTH)
    phone.get_by_role("button", name="Start").click()
    Clock(phone).to(READY + 3000)
    box = phone.locator("[data-ui=figure] svg").bounding_box()
    assert box["width"] >= 300 and box["height"] >= 160
    pause = phone.get_by_role("button", name="Pause").bounding_box()
    assert pause["y"] + pause["height"] / 2 <= 740  # in reach without scrolling
    shot(phone, "player-figure-360")
    phone.emulate_media(color_scheme="dark")
    shot(phone, "player-figure-360-dark")


@pytest.mark.django_db(transaction=True)
def test_with_reduced_motion_the_figure_shows_start_and_end_side_by_side(
    phone: Any, login: Any, shot: Any
) -> None:
    phone.emulate_media(reduced_motion="reduce")
    open_player(phone, login, runner("anterior-knee-pain"), STRENGTH)
    exercise = first_exercise(phone)
    phone.get_by_role("button", name="Start").click()
    clock = Clock(phone)
    clock.to(READY + 1500)
    panels = phone.locator("[data-ui=figure] svg > g")
    assert panels.count() == 2
    still = drawn(phone)
    start, end = served(phone, exercise, 0), served(phone, exercise, 3)
    half = len(still) // 2
    assert apart(still[:half], start) <= 1.5
    # The second panel is the end pose, drawn to the right of the first.
    assert apart(still[half:], end) <= 1.5
    assert "translate(" in (panels.nth(1).get_attribute("transform") or "")
    for at in (3000, 4500, 6500):  # nothing moves
        clock.to(READY + at)
        assert drawn(phone) == still
    shot(phone, "player-figure-reduced-motion-360")


WORDS = [
    "player.get_ready",
    "cue.up",
    "cue.down",
    "cue.out",
    "cue.in",
    "cue.hold",
    "cue.push",
    "cue.relax",
    "cue.rest",
    "cue.switch",
    "cue.go_short",
]

# Every line of text in the pacer, checked against the circle it sits in: each corner of
# each line's box must lie inside the ring (the circle less its border).
OUTSIDE = """(el) => {
  const ring = el.closest('.pacer');
  const box = ring.getBoundingClientRect();
  const border = parseFloat(getComputedStyle(ring).borderTopWidth);
  const cx = box.left + box.width / 2, cy = box.top + box.height / 2;
  const r = box.width / 2 - border;
  const range = document.createRange();
  range.selectNodeContents(el);
  const out = [];
  for (const line of range.getClientRects()) {
    for (const [x, y] of [[line.left, line.top], [line.right, line.top],
                          [line.left, line.bottom], [line.right, line.bottom]]) {
      const d = Math.hypot(x - cx, y - cy);
      if (d > r + 0.5) out.push(Math.round(d - r));
    }
  }
  return out;
}"""


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("locale", ["en-GB", "da-DK", "de-DE", "nb-NO"])
def test_every_pacer_word_fits_its_circle_at_360_px(
    make_page: Any, login: Any, shot: Any, locale: str
) -> None:
    page = make_page(locale=locale)
    open_player(page, login, runner("anterior-knee-pain", locale[:2]), STRENGTH)
    page.locator("[data-action=start]").click()
    Clock(page).to(1000)
    assert page.locator("[data-ui=figure]").is_visible()  # the smaller circle, beside a figure
    word, count = page.locator("[data-ui=word]"), page.locator("[data-ui=count]")
    texts = page.evaluate("window.StridebackPlayer.texts")
    overflowing = {}
    for key in WORDS:
        word.evaluate("(el, text) => { el.textContent = text; }", texts[key])
        count.evaluate("(el) => { el.textContent = '30'; }")
        out = word.evaluate(OUTSIDE) + count.evaluate(OUTSIDE)
        if out:
            overflowing[texts[key]] = max(out)
        if key == "player.get_ready":
            shot(page, f"pacer-get-ready-{locale}")
    assert overflowing == {}, f"px outside the circle: {overflowing}"


@pytest.mark.django_db(transaction=True)
def test_getting_ready_takes_the_exercises_time_and_the_runner_can_add_more(
    phone: Any, login: Any
) -> None:
    # Lying down with a band on: 30 s to get ready (the exercise's own), then 10 s more.
    open_player(phone, login, runner("anterior-knee-pain"), STRENGTH)
    phone.get_by_role("button", name="Start").click()
    clock = Clock(phone)
    clock.to(READY - 2500)  # "3" has been said
    phone.get_by_role("button", name="10 s more").click()
    clock.to(READY + 10_000 + 500)
    cues = [(c["t"], c["id"], c["text"]) for c in said(phone)]
    assert [c[:2] for c in cues if c[1] == "count"] == [
        (READY - 3000, "count"),
        (READY + 7000, "count"),
        (READY + 8000, "count"),
        (READY + 9000, "count"),
    ]
    assert (READY + 10_000, "up", "1, out") in cues
    assert not phone.get_by_role(
        "button", name="10 s more"
    ).is_visible()  # only while getting ready


def said(page: Any) -> list[dict[str, Any]]:
    return page.evaluate("window.StridebackPlayer.log.filter(e => e.type === 'say')")


@pytest.mark.django_db(transaction=True)
def test_the_walk_run_player_shows_a_walking_then_a_running_figure(
    phone: Any, login: Any, shot: Any
) -> None:
    from tests.browser.test_player import READY as RUN_READY
    from tests.browser.test_player import RUN

    # Week 1, day 1 of the 5 km plan: walk 5 minutes, then run 1 minute, ...
    open_player(phone, login, runner("return-to-run-5k"), RUN)
    phone.get_by_role("button", name="Start").click()
    clock = Clock(phone)
    figure = phone.locator("[data-ui=figure] svg")
    clock.to(RUN_READY + 1000)
    assert figure.get_attribute("aria-label") == "Walk"
    walking = drawn(phone)
    clock.to(RUN_READY + 1300)
    assert apart(drawn(phone), walking) > 5  # the legs move
    clock.to(RUN_READY + 5 * 60_000 + 1000)
    assert figure.get_attribute("aria-label") == "Run"
    running = drawn(phone)
    clock.to(RUN_READY + 5 * 60_000 + 1200)
    assert apart(drawn(phone), running) > 5
    shot(phone, "player-run-figure-360")
    assert phone.errors == []


MEASURE = """async (ms) => {
  const stats = window.StridebackPlayer.figure;
  const before = { ...stats };
  const gaps = [];
  let last = null;
  await new Promise((done) => {
    const end = performance.now() + ms;
    const step = (t) => {
      if (last !== null) gaps.push(t - last);
      last = t;
      if (t < end) requestAnimationFrame(step); else done();
    };
    requestAnimationFrame(step);
  });
  gaps.sort((a, b) => a - b);
  const frames = stats.frames - before.frames;
  return {
    frames,
    figureMs: (stats.busyMs - before.busyMs) / Math.max(1, frames),
    figureMaxMs: stats.maxMs,
    medianGap: gaps[Math.floor(gaps.length / 2)],
    p95Gap: gaps[Math.floor(gaps.length * 0.95)],
  };
}"""


@pytest.mark.django_db(transaction=True)
def test_frame_time_of_the_moving_figure_at_360_px(phone: Any, login: Any) -> None:
    # The real clock: the figure moves on every animation frame for 3 s of reps. It rewrites
    # paths only, so the browser lays the page out about once a second (the count), not once
    # a frame; the figures are printed (pytest -s) for the note.
    phone.errors = []
    login(phone, runner("anterior-knee-pain"))
    phone.goto(phone.base + STRENGTH, timeout=30_000)
    phone.wait_for_selector("[data-player][data-ready=true]")
    phone.get_by_role("button", name="Start").click()
    phone.get_by_role("button", name="Start now").click()  # straight into the reps
    cdp = phone.context.new_cdp_session(phone)
    cdp.send("Performance.enable")

    def metrics() -> dict[str, float]:
        return {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}

    before = metrics()
    result = phone.evaluate(MEASURE, 3000)
    after = metrics()
    frames = max(1, result["frames"])
    layout_ms = (after["LayoutDuration"] - before["LayoutDuration"]) * 1000 / frames
    style_ms = (after["RecalcStyleDuration"] - before["RecalcStyleDuration"]) * 1000 / frames
    print(
        f"\nfigure frame time at 360 px: {result['frames']} frames in 3 s, "
        f"figure update {result['figureMs']:.3f} ms a frame (max {result['figureMaxMs']:.2f}), "
        f"layout {layout_ms:.3f} ms and style {style_ms:.3f} ms a frame "
        f"({after['LayoutCount'] - before['LayoutCount']:.0f} layouts), "
        f"frame interval median {result['medianGap']:.1f} ms, p95 {result['p95Gap']:.1f} ms"
    )
    assert result["frames"] >= 30  # it really animates, frame after frame
    assert result["figureMs"] < 4  # a small part of a 16.7 ms frame
    # Chrome lays out an SVG whose path changed; contained in the figure's box that is the
    # figure's own few paths, never the page (a page layout takes milliseconds).
    assert layout_ms < 1.0
    assert phone.errors == []


@pytest.mark.django_db(transaction=True)
def test_the_figure_switches_sides_with_the_cue_and_rests_during_the_rest(
    make_page: Any, login: Any
) -> None:
    # Plantar heel pain, weeks 1-2: 3 x 12 heel raises at 3-2-3 on each leg, 2 minutes' rest.
    page = make_page()
    open_player(page, login, runner("plantar-heel-pain"), STRENGTH)
    exercise = first_exercise(page)
    page.locator("[data-action=start]").click()
    clock = Clock(page)
    ready, rep, switch = 10_000, 8_000, 5_000
    clock.to(ready + 3000)  # right leg, top of rep 1
    assert apart(drawn(page), served(page, exercise, 3)) <= 2.0
    side_two = ready + 12 * rep + switch
    clock.to(ready + 12 * rep + 1000)  # "Switch to your left side": the left leg's start
    assert apart(drawn(page), served(page, exercise, 0, "second")) <= 1.5
    assert apart(served(page, exercise, 0, "second"), served(page, exercise, 0)) > 5
    for at in (0, 3000, 5000):
        clock.to(side_two + at)
        assert apart(drawn(page), served(page, exercise, at / 1000, "second")) <= 2.0, at
    clock.to(side_two + 12 * rep + 1000)  # resting: the start pose, still
    assert "Rest" in page.locator("[data-ui=live]").inner_text()
    resting = drawn(page)
    assert apart(resting, served(page, exercise, 0)) <= 1.5
    clock.to(side_two + 12 * rep + 30_000)
    assert drawn(page) == resting


@pytest.mark.django_db(transaction=True)
def test_a_timed_hold_shows_the_hold_pose_throughout(phone: Any, login: Any) -> None:
    open_player(phone, login, runner("anterior-knee-pain"), STRENGTH)
    phone.get_by_role("button", name="Start").click()
    phone.get_by_role("button", name="Next exercise").click()  # the plank
    assert phone.evaluate("window.StridebackPlayer.runner.step.item") == 1
    exercise = phone.evaluate("window.StridebackPlayer.session.items[1].exercise")
    assert exercise == "plank"
    phone.get_by_role("button", name="Start now").click()
    clock = Clock(phone)
    held = served(phone, exercise, 0)
    for at in (500, 10_000, 25_000):
        clock.to(at)
        assert apart(drawn(phone), held) <= 1.5, at


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("locale", ["da-DK", "de-DE"])
def test_the_run_clock_fits_its_circle_at_360_px(make_page: Any, login: Any, locale: str) -> None:
    from tests.browser.test_player import READY as RUN_READY
    from tests.browser.test_player import RUN

    page = make_page(locale=locale)
    open_player(page, login, runner("return-to-run-5k", locale[:2]), RUN)
    page.locator("[data-action=start]").click()
    clock = Clock(page)
    clock.to(1000)
    word = page.locator("[data-ui=word]")
    assert word.evaluate(OUTSIDE) == []  # getting ready: the word and the count
    clock.to(RUN_READY + 1000)  # a 5-minute walk: the clock reads 4:59
    count = page.locator("[data-ui=count]")
    count.evaluate("(el) => { el.textContent = '20:00'; }")  # the longest a segment shows
    assert count.evaluate(OUTSIDE) == []
