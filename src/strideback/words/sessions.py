"""A session's words: a run's segment kinds and the session player's texts (``braces`` turns
gettext's placeholders into the player script's).

The words come out in the active language (``gettext_lazy``).
"""

from __future__ import annotations

import re

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext_lazy

# a run session's segment kind -> its words
SEGMENTS: dict[str, Promise] = {
    "walk": _("walk %(minutes)s min"),
    "run": _("run %(minutes)s min"),
}

# The session player's words, by the names its script uses.
PLAYER: dict[str, Promise] = {
    "show.or_km": _("or %(km)s km"),
    "player.title": _("Today's session"),
    "player.phase_week": _("Phase %(phase)s · week %(week)s"),
    "player.run_week_day": _("Week %(week)s, day %(day)s"),
    "player.minutes_total": _("%(minutes)s min in total"),
    "player.exercises_heading": _("Today's exercises"),
    "player.segments_heading": _("Today's walking and running"),
    "player.nothing": _("Nothing like this is planned for that day."),
    "player.logged": _(
        "This session is already in your diary for that day. You can see it in your calendar."
    ),
    "player.back": _("Back to today"),
    "player.start": _("Start"),
    "player.intro_sound": _(
        "Turn your sound up: every rep is counted out loud and "
        "marked with a beep. Everything is also shown on screen, "
        "and the screen stays on."
    ),
    "player.intro_sound_run": _(
        "Turn your sound up: every change between walking and "
        "running is called out loud with a beep, and a longer "
        "stretch tells you when one minute is left. Everything is"
        " also shown on screen, and the screen stays on."
    ),
    "player.noscript": _("The player needs JavaScript. You can still read the exercises here."),
    "player.how": _("How to do it"),
    "player.remember": _("Remember"),
    "player.controls": _("Controls"),
    "player.pause": _("Pause"),
    "player.resume": _("Resume"),
    "player.paused": _("Paused"),
    "player.start_now": _("Start now"),
    "player.skip_rest": _("Skip rest"),
    "player.skip_set": _("Skip set"),
    "player.skip_segment": pgettext_lazy("session player", "Skip"),
    "player.next_exercise": _("Next exercise"),
    "player.done": pgettext_lazy("session player", "Done"),
    "player.end": _("End session"),
    "player.sound_on": _("Sound on"),
    "player.sound_off": _("Sound off"),
    "player.exercise_of": _("Exercise %(n)s of %(total)s"),
    "player.set_of": _("Set %(n)s of %(total)s"),
    "player.rep_of": _("Rep %(n)s of %(total)s"),
    "player.segment_of": _("Part %(n)s of %(total)s"),
    "player.side_first": _("First side"),
    "player.side_second": _("Other side"),
    "player.side_left": _("Left side"),
    "player.side_right": _("Right side"),
    "player.get_ready": _("Get ready"),
    "player.rest_for": _("Rest for %(seconds)s seconds. Breathe easy."),
    "player.rest_default": _(
        "Rest for %(seconds)s seconds. The programme gives no "
        "rest time, so we use %(seconds)s seconds."
    ),
    "player.next_set": _("Then set %(n)s of %(total)s."),
    "player.rm_hint": _("Heaviest you can do %(reps)s times"),
    "player.untimed_hint": _("Take the time you need. Tap Done when the set is finished."),
    "player.total_left": _("%(time)s left in total"),
    "player.progress": pgettext_lazy("session player", "Progress"),
    "cue.up": _("Up"),
    "cue.hold": _("Hold"),
    "cue.down": _("Down"),
    "cue.relax": _("Relax"),
    "cue.out": pgettext_lazy("pacer", "Out"),
    "cue.in": pgettext_lazy("pacer", "In"),
    "cue.push": pgettext_lazy("pacer", "Push"),
    "cue.rep_up": _("%(n)s, up"),
    "cue.rep_down": _("%(n)s, down"),
    "cue.rep_out": _("%(n)s, out"),
    "cue.rep_hold": _("%(n)s, hold"),
    "cue.rep_push": _("%(n)s, push"),
    "cue.hold_for": _("Hold for %(seconds)s seconds"),
    "cue.push_for": _("Push for %(seconds)s seconds"),
    "cue.go": _("Go"),
    "cue.go_short": _("Go"),
    "cue.go_steps": _("Go: %(steps)s steps each way"),
    "cue.get_ready": _("Get ready: %(name)s"),
    "cue.get_ready_run": _("Get ready. We start in a moment."),
    "cue.rest": _("Rest"),
    "cue.switch": _("Switch sides"),
    "cue.switch_to_left": _("Switch to your left side"),
    "cue.switch_to_right": _("Switch to your right side"),
    "cue.run": pgettext_lazy("spoken cue", "Run"),
    "cue.walk": _("Walk"),
    "cue.run_one": ngettext_lazy("Run for 1 minute", "Run for %(minutes)s minutes", 1),
    "cue.run_many": ngettext_lazy("Run for 1 minute", "Run for %(minutes)s minutes", 2),
    "cue.walk_one": ngettext_lazy("Walk for 1 minute", "Walk for %(minutes)s minutes", 1),
    "cue.walk_many": ngettext_lazy("Walk for 1 minute", "Walk for %(minutes)s minutes", 2),
    "cue.halfway": _("Halfway"),
    "cue.one_minute": _("One minute left"),
    "cue.done": _("Done. Well done!"),
    "log.title": _("How did it feel?"),
    "log.lead": _("Ten seconds. Everything is filled in – change only what isn't right."),
    "log.sets_done": _("Sets done"),
    "log.of_planned": _("of %(planned)s"),
    "log.minutes_run": _("Minutes run"),
    "log.less": _("Fewer"),
    "log.more": _("More"),
    "log.pain_during": _("Pain during the session"),
    "log.pain_after": _("Pain now, afterwards"),
    "log.no_pain": _("0 = no pain"),
    "log.worst": _("10 = worst imaginable"),
    "log.band_ok": _("%(value)s – fine, within your limit of %(limit)s."),
    "log.band_caution": _(
        "%(value)s – above your limit of %(limit)s. The plan will take that into account."
    ),
    "log.band_over": _(
        "%(value)s – well above your limit of %(limit)s. Take it easier; the plan will adjust."
    ),
    "log.painful": _("Which exercise hurt? (optional)"),
    "log.swelling": _("Any swelling?"),
    "log.yes": _("Yes"),
    "log.no": _("No"),
    "log.note": _("Note (optional)"),
    "log.save": _("Save"),
    "log.saved": _("Saved. Good work!"),
    "log.queued": _("Saved on this phone. It will be sent as soon as you are back online."),
    "log.error": _("Could not save (%(field)s): %(message)s"),
    "log.back_to_session": _("Back to the session"),
    "offline.title": _("You are offline"),
    "offline.lead": _(
        "This phone hasn't saved that page yet. Today's session "
        "and the player still work if you have opened them "
        "before."
    ),
    "offline.waiting": _("Logs waiting to be sent: %(count)s"),
    "offline.banner": _(
        "You are offline. The session still works, and your log will be sent later."
    ),
}


def braces(text: str) -> str:
    """'Run for %(minutes)s minutes' -> 'Run for {minutes} minutes', for the player script."""
    return re.sub(r"%\((\w+)\)s", r"{\1}", text).replace("%%", "%")
