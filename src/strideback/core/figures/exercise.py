"""An exercise's figure: the timing it moves to (the dose's, as the pacer counts it, or, where
no dose is given, the first dose the library prescribes), its text alternative, and its SVG."""

from __future__ import annotations

from strideback.core.content.library import Library
from strideback.core.content.models import Dose, Exercise
from strideback.core.figures.motion import Timing
from strideback.core.figures.picture import svg_at
from strideback.core.languages import Lang


def timing_of(dose: Dose) -> Timing:
    return Timing(
        reps=dose.reps,
        hold_seconds=dose.hold_seconds,
        tempo=(float(dose.tempo[0]), float(dose.tempo[1]), float(dose.tempo[2]))
        if dose.tempo
        else None,
        steps=dose.steps_each_way is not None,
    )


def library_dose(library: Library, exercise_id: str) -> Dose | None:
    """The first dose any programme gives the exercise (programmes and phases in order)."""
    for programme in sorted(library.programmes.values(), key=lambda p: p.id):
        for phase in programme.phases:
            for item in phase.items:
                if item.exercise == exercise_id:
                    return item.dose
    return None


def timing_for(library: Library, exercise_id: str) -> Timing:
    dose = library_dose(library, exercise_id)
    return timing_of(dose) if dose is not None else Timing()


def label(exercise: Exercise, lang: Lang) -> str:
    """The figure's short text alternative: the exercise's name and how it starts,
    from its written steps."""
    text = exercise.text.get(lang)
    return f"{text.name}: {text.steps[0]}"


def exercise_svg(
    library: Library, exercise_id: str, at: float, lang: Lang, second_side: bool = False
) -> str:
    """The exercise's figure ``at`` seconds into one repetition of its library dose, as SVG
    (the command line and the figure URL both serve this)."""
    exercise = library.exercise(exercise_id)
    timing = timing_for(library, exercise_id)
    return svg_at(exercise.figure, timing, at, label(exercise, lang), second_side)
