"""Codes as words: every code the app shows (a reason, a red flag, a weekday, a
status, an error) maps to its interface text here, one explicit message each, so that
``makemessages`` sees every string. The words come out in the active language.
"""

from __future__ import annotations

import re

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext_lazy

# ISO weekday number -> its name
WEEKDAYS: dict[int, Promise] = {
    1: _("Monday"),
    2: _("Tuesday"),
    3: _("Wednesday"),
    4: _("Thursday"),
    5: _("Friday"),
    6: _("Saturday"),
    7: _("Sunday"),
}

# month number -> its name
MONTHS: dict[int, Promise] = {
    1: _("January"),
    2: _("February"),
    3: _("March"),
    4: _("April"),
    5: _("May"),
    6: _("June"),
    7: _("July"),
    8: _("August"),
    9: _("September"),
    10: _("October"),
    11: _("November"),
    12: _("December"),
}

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

# red flag -> the safety question
RED_FLAG_QUESTIONS: dict[str, Promise] = {
    "knee_locked": _("Does your knee lock, or can you not straighten it fully?"),
    "giving_way_after_injury": _(
        "Has your knee given way since you hurt it, for example in a fall or a twist?"
    ),
    "cannot_bear_weight": _("Since an injury, are you unable to take four steps on the leg?"),
    "knee_changed_shape": _("Has your knee changed shape, or does the kneecap look out of place?"),
    "rapid_swelling_after_injury": _(
        "Did your knee swell up within a couple of hours of an injury?"
    ),
    "hot_red_swollen_fever": _(
        "Is the joint hot, red and swollen, and do you have a fever or feel unwell?"
    ),
    "constant_night_pain": _(
        "Do you have constant pain, also at night and at rest, that doesn't ease?"
    ),
    "numbness_or_tingling": _("Do you have numbness, tingling or burning in your leg or foot?"),
    "calf_swelling": _("Is one of your calves swollen, warm or tender?"),
    "unexplained_weight_loss": _("Have you lost weight without trying?"),
    "bilateral_heel_morning_stiffness": _(
        "Do both heels hurt, with stiffness for more than 30 minutes in the morning?"
    ),
    "heel_squeeze_pain": _("Does it hurt when you squeeze your heel from both sides?"),
    "bone_pain_on_hopping": _(
        "Does a spot on the bone hurt when you press it, or when you hop on that leg?"
    ),
}

# red flag -> its short name
RED_FLAG_LABELS: dict[str, Promise] = {
    "knee_locked": _("a knee that locks or won't straighten"),
    "giving_way_after_injury": _("a knee that gives way after an injury"),
    "cannot_bear_weight": _("not being able to bear weight after an injury"),
    "knee_changed_shape": _("a knee that has changed shape"),
    "rapid_swelling_after_injury": _("swelling within hours of an injury"),
    "hot_red_swollen_fever": _("a hot, red, swollen joint with fever"),
    "constant_night_pain": _("constant pain, also at night and at rest"),
    "numbness_or_tingling": _("numbness, tingling or burning"),
    "calf_swelling": _("a swollen, warm or tender calf"),
    "unexplained_weight_loss": _("weight loss without trying"),
    "bilateral_heel_morning_stiffness": _("pain in both heels with long morning stiffness"),
    "heel_squeeze_pain": _("pain when the heel is squeezed"),
    "bone_pain_on_hopping": _("bone pain when pressed or when hopping"),
}

# red flag -> what to do, how urgently
RED_FLAG_ADVICE: dict[str, Promise] = {
    "knee_locked": _(
        "Contact your doctor or an urgent care clinic today: a "
        "knee that locks needs to be examined."
    ),
    "giving_way_after_injury": _(
        "Contact your doctor or an urgent care clinic today: a ligament or meniscus may be injured."
    ),
    "cannot_bear_weight": _(
        "Have the leg checked today by a doctor or at an urgent care clinic: it may need an X-ray."
    ),
    "knee_changed_shape": _(
        "Go to the emergency department now, or call emergency "
        "services: this can be a fracture or a dislocation."
    ),
    "rapid_swelling_after_injury": _(
        "Contact your doctor or an urgent care clinic today: "
        "quick swelling after an injury can mean bleeding in the "
        "joint."
    ),
    "hot_red_swollen_fever": _(
        "Go to the emergency department now, or call emergency "
        "services: this can be an infection in the joint."
    ),
    "constant_night_pain": _(
        "Book an appointment with your doctor within a few days: "
        "constant pain at rest is not training pain."
    ),
    "numbness_or_tingling": _(
        "Book an appointment with your doctor within a few days. "
        "If it spreads or you lose strength, get help today."
    ),
    "calf_swelling": _(
        "Contact a doctor today: a swollen calf can be a blood "
        "clot. Call emergency services if you get short of breath"
        " or have chest pain."
    ),
    "unexplained_weight_loss": _(
        "Book an appointment with your doctor within a few days, "
        "and mention both the weight loss and the pain."
    ),
    "bilateral_heel_morning_stiffness": _(
        "Book an appointment with your doctor within a few days: "
        "this can be an inflammatory condition that needs "
        "different treatment."
    ),
    "heel_squeeze_pain": _(
        "Stop running and jumping, and book a doctor or "
        "physiotherapist within a few days: it may be a stress "
        "fracture."
    ),
    "bone_pain_on_hopping": _(
        "Stop running and hopping, and book a doctor or "
        "physiotherapist within a few days: it may be a bone "
        "stress injury."
    ),
}

# a red flag's urgency -> its heading
URGENCIES: dict[str, Promise] = {
    "emergency": _("Now: emergency department"),
    "same_day": _("Today: call your doctor or out-of-hours service"),
    "soon": _("Within a few days: book a doctor or physiotherapist"),
}

# a run session's segment kind -> its words
SEGMENTS: dict[str, Promise] = {
    "walk": _("walk %(minutes)s min"),
    "run": _("run %(minutes)s min"),
}

# where it hurts -> the choice's label
AREAS: dict[str, Promise] = {
    "front_of_knee": _("Front of the knee or under the kneecap"),
    "inside_of_knee": _("Inside of the knee"),
    "outside_of_knee": _("Outside of the knee"),
    "heel": _("Heel or sole of the foot"),
}

# where it hurts -> the body map's label
SPOTS: dict[str, Promise] = {
    "front_of_knee": _("Front"),
    "inside_of_knee": _("Inside"),
    "outside_of_knee": _("Outside"),
    "heel": _("Heel"),
}

# the runner's goal -> its label
GOALS: dict[str, Promise] = {
    "back_to_5k": _("Back to running 5 km"),
    "keep_running": _("Keep running, without pain"),
}

# programme id -> why it fits
WHY: dict[str, Promise] = {
    "anterior-knee-pain": _(
        "For pain at the front of the knee: strength for hips, "
        "trunk and feet in five phases, taking load off the "
        "kneecap. This is the main programme."
    ),
    "runners-knee-mobility": _(
        "A good extra: five mobility exercises for runners with pain around the kneecap."
    ),
    "return-to-run-5k": _(
        "Your goal is 5 km: walk-run intervals that begin only once your knee is ready, in phase 4."
    ),
    "medial-knee-pain": _(
        "For pain on the inside of the knee: foot arch, leg axis "
        "and thigh muscle work so the knee stops caving in."
    ),
    "leg-axis": _(
        "For pain on the outside of the knee: train your leg axis"
        " in front of a mirror so hip, knee and foot line up."
    ),
    "plantar-heel-pain": _(
        "For pain in the heel or sole: heavy, slow heel raises "
        "that make the tissue under your foot stronger."
    ),
}

# an onboarding field -> its label
ONBOARDING_FIELDS: dict[str, Promise] = {
    "areas": _("Where it hurts"),
    "red_flags": _("Safety questions"),
    "goal": _("Goal"),
    "start": _("Start date"),
    "programmes": _("Programmes"),
    "start_phase": _("Start in phase"),
}

# why an invitation cannot be accepted
INVITE_PROBLEMS: dict[str, Promise] = {
    "used": _("This invitation has already been used."),
    "stopped": _("This invitation has been withdrawn."),
    "unknown": _("We can't find that invitation."),
    "clinician": _("You are logged in as a clinician. This invitation is for a runner."),
}

# a journal entry's kind -> its calendar title
CALENDAR_KINDS: dict[str, Promise] = {
    "strength": _("Strength training"),
    "run": pgettext_lazy("calendar entry", "Run"),
    "check": _("Check"),
}

# a calendar mark's status -> its words
CALENDAR_STATUSES: dict[str, Promise] = {
    "done": _("done"),
    "painful": _("painful"),
    "missed": _("missed"),
    "skipped": pgettext_lazy("calendar status", "skipped"),
    "partial": _("partly done"),
    "planned": _("planned"),
    "flag": _("needs a check-up"),
}

# a journal entry's kind, in the clinician's journal
ENTRY_KINDS: dict[str, Promise] = {
    "strength": _("Strength"),
    "run": pgettext_lazy("journal entry kind", "Run"),
    "check": _("Check"),
}

# a clinician flag -> its label
CLINIC_FLAGS: dict[str, Promise] = {
    "red_flag": _("Red flag"),
    "pain_above_limit": _("Pain above limit"),
    "pain_rising": _("Pain rising"),
    "running_paused": pgettext_lazy("clinician flag", "Running paused"),
    "missed_sessions": _("Missed sessions"),
}

# a clinician flag -> its one-line summary
FLAG_SUMMARIES: dict[str, Promise] = {
    "red_flag": _("Self-training stopped since %(since)s."),
    "pain_above_limit": _("Up to %(worst)s/10 in the last 7 days."),
    "pain_rising": _("Average %(before)s → %(now)s out of 10, week on week."),
    "running_paused": _("Pain with running on %(since)s."),
    "missed_sessions": _("Only %(done)s of %(expected)s sessions done in %(days)s days."),
}

# an exercise's variant -> its words
ADJUSTMENT_KINDS: dict[str, Promise] = {
    "dose": _("Change the dose"),
    "easier": _("Easier variant"),
    "harder": _("Harder variant"),
    "skip": pgettext_lazy("adjustment kind", "Skip"),
}

# an editable threshold -> its form label
THRESHOLDS: dict[str, Promise] = {
    "pain_during_max": _("Pain during training, at most"),
    "pain_after_max": _("Pain after training, at most"),
    "pain_next_morning_max": _("Pain next morning, at most"),
    "running_gate_pain_max": _("Running gate: pain at most"),
    "run_pain_during_max": _("Pain during a run, at most"),
    "run_pain_after_max": _("Pain after a run, at most"),
}

# a journal field -> its label
CLINIC_FIELDS: dict[str, Promise] = {
    "pain_during": _("Pain during"),
    "pain_after": _("Pain after"),
    "pain_next_morning": pgettext_lazy("pain field", "Next morning"),
    "sets": _("sets"),
    "reps": _("reps"),
    "hold_seconds": _("hold (s)"),
}

# a prescription field -> its form label
CLINIC_NAMED: dict[str, Promise] = {
    "sets": _("Sets"),
    "reps": _("Reps"),
    "hold": _("Hold (s)"),
    "remove": _("Remove"),
}

# an input error's code -> what is wrong
ERRORS: dict[str, Promise] = {
    "onb.error_areas": _("pick at least one place."),
    "onb.error_red_flags": _("one answer could not be read. Please try again."),
    "onb.error_goal": _("pick one of the two goals."),
    "onb.error_start": _("enter a date from the last four weeks up to three months ahead."),
    "onb.error_programmes": _("pick at least one programme."),
    "onb.error_start_phase": _("pick a phase that every programme you chose has."),
    "onb.error_stopped": _("a clinician needs to look at your safety answers first."),
    "morning.error_pain": _("pick a number from 0 to 10."),
    "settings.error_confirm": _("that's not the e-mail you're logged in with."),
    "cal.error_month": _("give the month as YYYY-MM, e.g. 2026-11."),
    "cal.error_range": _("pick at most two months at a time, ending after the start."),
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

# A seed document's number -> what the runner knows it as (the source of a rule)
SEED_DOCUMENTS: dict[str, Promise] = {
    "000": _("the hospital's handout on knee pain at the front of the knee"),
    "001": _("the article on exercises for runner's knee"),
    "002": _("the experts' article on pain at the inside of the knee"),
    "003": _("the article on knee pain after jogging"),
    "004": _("the article on heel pain (plantar fasciitis)"),
}

# What in a rule is Strideback's reading where its source is a seed or a study
# (``core.engine.rules``: each ``Source.note``; a test checks every one is here)
RULE_NOTES: dict[str, Promise] = {
    "'after' read as the next morning too": _("“after” read as the next morning too"),
    "after seed 000's pain-free rule": _("after the hospital handout's pain-free rule"),
    "repeating the week at the end of a phase is Strideback's": _(
        "repeating the week at the end of a phase is Strideback's own"
    ),
    "repeating the week is Strideback's": _("repeating the week is Strideback's own"),
    "showing it for 2 days is Strideback's": _("showing it for 2 days is Strideback's own"),
    "the 3 symptom-free days and the earlier run week are Strideback's": _(
        "the 3 symptom-free days and the earlier run week are Strideback's own"
    ),
    "the 4-week window is Strideback's": _("the 4-week window is Strideback's own"),
    "the 7-day baseline is Strideback's": _("the 7-day baseline is Strideback's own"),
    "the count is Strideback's": _("the number of sessions is Strideback's own"),
    "the counts and the factor are Strideback's": _(
        "the numbers of sessions and how much fewer are Strideback's own"
    ),
    "the day between runs is Strideback's": _("the day between runs is Strideback's own"),
    "the gate weeks in the open-ended last phase and the stated answer are Strideback's": _(
        "the weeks that count in the last phase and saying the earlier phases were "
        "pain-free are Strideback's own"
    ),
    "the seed's pain-free training, read as next morning too": _(
        "the handout's pain-free training, read as the next morning too"
    ),
}

LABELS: dict[str, dict[str, Promise]] = {
    "REASONS": REASONS,
    "CAUSES": CAUSES,
    "ACTIONS": ACTIONS,
    "RED_FLAG_QUESTIONS": RED_FLAG_QUESTIONS,
    "RED_FLAG_LABELS": RED_FLAG_LABELS,
    "RED_FLAG_ADVICE": RED_FLAG_ADVICE,
    "URGENCIES": URGENCIES,
    "SEGMENTS": SEGMENTS,
    "AREAS": AREAS,
    "SPOTS": SPOTS,
    "GOALS": GOALS,
    "WHY": WHY,
    "ONBOARDING_FIELDS": ONBOARDING_FIELDS,
    "INVITE_PROBLEMS": INVITE_PROBLEMS,
    "CALENDAR_KINDS": CALENDAR_KINDS,
    "CALENDAR_STATUSES": CALENDAR_STATUSES,
    "ENTRY_KINDS": ENTRY_KINDS,
    "CLINIC_FLAGS": CLINIC_FLAGS,
    "FLAG_SUMMARIES": FLAG_SUMMARIES,
    "ADJUSTMENT_KINDS": ADJUSTMENT_KINDS,
    "THRESHOLDS": THRESHOLDS,
    "CLINIC_FIELDS": CLINIC_FIELDS,
    "CLINIC_NAMED": CLINIC_NAMED,
    "ERRORS": ERRORS,
}


def braces(text: str) -> str:
    """'Run for %(minutes)s minutes' -> 'Run for {minutes} minutes', for the player script."""
    return re.sub(r"%\((\w+)\)s", r"{\1}", text).replace("%%", "%")
