"""The engine's decisions as words: a reason code -> a sentence (its facts fill it), what broke a
pain rule, and the decision's action.

The words come out in the active language (``gettext_lazy``).
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# the engine's reason codes -> a sentence (its facts fill it)
REASONS: dict[str, Promise] = {
    "running_gate_phase": _(
        "No running in phase %(phase)s: you had knee pain in "
        "phase %(previous_phase)s (%(value)s/10 on %(date)s), and"
        " the handout allows running only after a phase without "
        "knee pain."
    ),
    "running_gate_no_log": _(
        "No running yet: phase %(previous_phase)s is not logged "
        "here, so we cannot tell whether it went without knee "
        "pain. If it did, say so in Settings – or ask your "
        "physiotherapist to."
    ),
    "running_gate_stated": _(
        "No running yet: on %(date)s it was noted that the "
        "training before was not free of knee pain."
    ),
    "running_gate_next_phase": _(
        "You can start running in phase %(next_phase)s if you log"
        " your training in this phase and it goes without knee "
        "pain."
    ),
    "running_gate_opens_on": _(
        "You can start running on %(opens_on)s if you log your "
        "training until then and it goes without knee pain."
    ),
    "advice_ask_physio": _(
        "%(exercise)s has hurt in %(count)s sessions, and it has "
        "no easier version here: keep to fewer repetitions or a "
        "shorter hold, and ask your physiotherapist."
    ),
    "not_started": _("Your programme starts on %(date)s."),
    "on_track": _("Carry on with phase %(phase)s: this is week %(week)s of your programme."),
    "advance": _(
        "Well done, you move up to phase %(phase)s: phase "
        "%(from_phase)s is done, and your pain stayed within the "
        "limits in its last week."
    ),
    "hold": _("You stay in phase %(phase)s this week: %(cause)s."),
    "step_back": _(
        "You go back to phase %(phase)s for a while: the pain "
        "rules were broken %(weeks)s weeks in a row (last time: "
        "%(cause)s)."
    ),
    "pain_noted": _("Keep an eye on it: %(cause)s."),
    "gap_repeat_week": _(
        "Welcome back! Your last session was on %(last)s, "
        "%(days)s days ago, so you repeat week %(week)s before "
        "moving on."
    ),
    "gap_previous_phase": _(
        "Welcome back! Your last session was on %(last)s, "
        "%(days)s days ago, so you build up again from the start "
        "of phase %(phase)s."
    ),
    "no_run_plan": _("This programme has no running plan."),
    "running_not_yet": _(
        "No running yet: it starts in phase %(min_phase)s at the "
        "earliest, and you are in phase %(phase)s."
    ),
    "running_gate_pain": _(
        "No running yet: you had %(value)s/10 pain on %(date)s, "
        "and before you start, your pain must stay at or below "
        "%(limit)s/10 for %(weeks)s weeks. If it does, you can "
        "start on %(opens_on)s."
    ),
    "running_allowed": _(
        "You may run: next up is week %(run_week)s, day %(run_day)s of the running plan."
    ),
    "pause_running": _("Running is paused, but keep up your strength training: %(cause)s."),
    "restart_countdown": _(
        "If you stay free of symptoms, you can run again from "
        "%(restart_on)s, starting at run week %(run_week)s "
        "(%(days)s of %(needed)s symptom-free days so far)."
    ),
    "resume_running": _(
        "You can run again: after %(days)s days without symptoms,"
        " you restart gently at run week %(run_week)s."
    ),
    "run_week_repeat": _("Repeat run week %(run_week)s: %(cause)s."),
    "run_gap_repeat_week": _(
        "Your last run was on %(last)s, %(days)s days ago, so you repeat run week %(run_week)s."
    ),
    "run_gap_previous_week": _(
        "Your last run was on %(last)s, %(days)s days ago, so you go back to run week %(run_week)s."
    ),
    "run_plan_done": _(
        "You have finished all %(weeks)s weeks of the running plan. Keep your runs at this level."
    ),
    "running_stopped": _("No running until a clinician has checked the warning sign."),
    "stop": _("Stop the programme for now: on %(date)s you reported %(flag)s. %(advice)s"),
    "long_run": _(
        "Your run on %(date)s lasted %(minutes)s min: longer than"
        " planned (%(planned)s min) and more than %(percent)s %% "
        "longer than your longest run in the %(window)s days "
        "before (%(longest)s min). Sudden long runs raise the "
        "risk of injury, so stick to the plan."
    ),
    "advice_technique": _(
        "%(exercise)s hurt: first check your technique against "
        "the instructions, and move slowly and with control."
    ),
    "advice_fewer_reps": _(
        "%(exercise)s has hurt in %(count)s sessions: do less for now (%(dose)s)."
    ),
    "advice_easier": _(
        "%(exercise)s has hurt in %(count)s sessions: switch to "
        "the easier version from phase %(phase)s for now, "
        "%(easier)s (%(dose)s)."
    ),
    "advice_ice": _(
        "Pain or swelling? Put an ice pack on the sore spot for "
        "%(minutes)s minutes every %(hours)s hours, with a thin "
        "cloth between the ice and your skin."
    ),
}

# what broke a pain rule -> a clause of a reason
CAUSES: dict[str, Promise] = {
    "pain_during": _(
        "your pain was %(value)s/10 during the session on %(date)s, and the limit is %(limit)s"
    ),
    "pain_after": _(
        "your pain was %(value)s/10 right after the session on %(date)s, and the limit is %(limit)s"
    ),
    "pain_next_morning": _(
        "your pain was %(value)s/10 the morning after the session"
        " on %(date)s, and the limit is %(limit)s"
    ),
    "swelling": _("you had swelling after the session on %(date)s"),
    "pain_rising": _(
        "your worst pain rose to %(value)s/10 in the week to "
        "%(date)s, from %(previous)s/10 the week before"
    ),
    "run_pain_during": _(
        "your pain was %(value)s/10 during the run on %(date)s, and the limit is %(limit)s"
    ),
    "run_pain_after": _(
        "your pain was %(value)s/10 right after the run on %(date)s, and the limit is %(limit)s"
    ),
    "run_pain_next_morning": _(
        "your pain was %(value)s/10 the morning after the run on "
        "%(date)s, and the limit is %(limit)s"
    ),
    "run_swelling": _("you had swelling after the run on %(date)s"),
}

# the decision's action -> a short label
ACTIONS: dict[str, Promise] = {
    "continue": _("Keep going"),
    "advance": _("Next phase"),
    "hold": _("Stay in this phase"),
    "step_back": _("A step back"),
    "pause_running": pgettext_lazy("decision", "Running paused"),
    "resume_running": _("Running again"),
    "stop": _("Stop and see a clinician"),
}
