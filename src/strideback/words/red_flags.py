"""Red flags as words: the safety question, the short name, what to do and how urgently.

The words come out in the active language (``gettext_lazy``).
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

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
