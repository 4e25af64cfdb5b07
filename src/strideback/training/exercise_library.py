"""The exercise library as pages show it: every exercise with its still (the public library at
/exercises/, Today, the clinician's screens), and one exercise in full (its own page).

A still is the figure URL's SVG at one moment (``figure.svg?t=``): the same drawing the
command line, the player and the handout draw, cached by the browser like any image.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext, pgettext

from strideback.core.content.library import Library
from strideback.core.content.models import Exercise
from strideback.core.figures.exercise import label, timing_for
from strideback.core.figures.picture import key_times
from strideback.core.languages import Lang
from strideback.words import in_language
from strideback.words.describe import dose_text, weeks_text


@dataclass(frozen=True)
class Still:
    """One pose of an exercise's figure: the image's address, its text alternative and a
    caption (start, end, hold or step n)."""

    src: str
    alt: str
    caption: str


@dataclass(frozen=True)
class Card:
    """An exercise in a list: its page, name, purpose, body areas and its still."""

    id: str
    url: str
    name: str
    purpose: str
    regions: tuple[str, ...]
    still: Still


@dataclass(frozen=True)
class Prescribed:
    """Where a library programme gives the exercise, and how much."""

    programme_id: str
    programme: str
    phase: int
    weeks: str
    dose: str


@dataclass(frozen=True)
class Version:
    url: str
    name: str


@dataclass(frozen=True)
class Detail:
    """Everything the exercise's own page shows."""

    card: Card
    steps: tuple[str, ...]
    cues: tuple[str, ...]
    mistakes: tuple[str, ...]
    note: str | None
    equipment: tuple[str, ...]
    per_side: bool
    poses: tuple[Still, ...]
    doses: tuple[Prescribed, ...]
    easier: Version | None
    harder: Version | None
    steps_source: str
    sources: tuple[str, ...]


def page_url(exercise_id: str) -> str:
    return reverse("exercise_page", args=[exercise_id])


def figure_url(exercise_id: str, at: float) -> str:
    return f"{reverse('exercise_figure', args=[exercise_id])}?t={at:g}"


def still_time(library: Library, exercise_id: str) -> float:
    """The moment a single still shows: where the movement goes (the end of the rep), the held
    pose of a hold, the first step of a walk."""
    figure = library.exercise(exercise_id).figure
    times = key_times(figure, timing_for(library, exercise_id))
    return times[-1] if figure.motion == "rep" else times[0]


def still(library: Library, exercise_id: str, lang: Lang) -> Still:
    exercise = library.exercise(exercise_id)
    return Still(
        figure_url(exercise_id, still_time(library, exercise_id)), label(exercise, lang), ""
    )


@in_language
def poses(library: Library, exercise_id: str, lang: Lang) -> tuple[Still, ...]:
    """The key poses, as the handout prints them: start and end (a hold once, a walk's steps)."""
    exercise = library.exercise(exercise_id)
    figure = exercise.figure
    times = key_times(figure, timing_for(library, exercise_id))
    text = exercise.text.get(lang)
    alt = label(exercise, lang)
    if figure.motion == "hold" or len(times) == 1:
        captions = [gettext("Hold this position")]
    elif figure.motion == "cycle":
        captions = [gettext("Step %(number)s") % {"number": n + 1} for n in range(len(times))]
    else:
        captions = [pgettext("figure pose", "Start"), pgettext("figure pose", "End")]
    out = []
    for n, (at, caption) in enumerate(zip(times, captions, strict=True)):
        # the first pose is described by the first step; the others by the pose's name
        text_alt = alt if n == 0 else f"{text.name}: {caption}"
        out.append(Still(figure_url(exercise_id, at), text_alt, caption))
    return tuple(out)


def card(library: Library, exercise: Exercise, lang: Lang) -> Card:
    text = exercise.text.get(lang)
    return Card(
        id=exercise.id,
        url=page_url(exercise.id),
        name=text.name,
        purpose=text.purpose,
        regions=tuple(library.term("region", r.value, lang) for r in exercise.region),
        still=still(library, exercise.id, lang),
    )


def programmes_of(library: Library, exercise_id: str) -> list[str]:
    return sorted(
        p.id
        for p in library.programmes.values()
        if any(item.exercise == exercise_id for phase in p.phases for item in phase.items)
    )


def cards(
    library: Library, lang: Lang, programme: str | None = None, region: str | None = None
) -> list[Card]:
    """Every exercise (those of one programme, of one body area), in alphabetical order of
    its name in ``lang``."""
    chosen = [
        e
        for e in library.exercises.values()
        if (programme is None or programme in programmes_of(library, e.id))
        and (region is None or region in {r.value for r in e.region})
    ]
    return sorted((card(library, e, lang) for e in chosen), key=lambda c: c.name.casefold())


def programme_filter(library: Library, lang: Lang) -> list[tuple[str, str]]:
    """The exercise programmes to filter by, (id, title), by title."""
    return sorted(
        ((p.id, p.text.get(lang).title) for p in library.programmes.values() if p.phases),
        key=lambda c: c[1].casefold(),
    )


def region_filter(library: Library, lang: Lang) -> list[tuple[str, str]]:
    """The body areas the exercises train, (code, words), in the vocabulary's order."""
    used = {r.value for e in library.exercises.values() for r in e.region}
    return [
        (code, library.term("region", code, lang))
        for code in library.terms["region"]
        if code in used
    ]


@in_language
def detail(library: Library, exercise_id: str, lang: Lang) -> Detail:
    exercise = library.exercise(exercise_id)
    text = exercise.text.get(lang)
    doses = []
    sources: dict[str, str] = {}
    for pid in programmes_of(library, exercise_id):
        programme = library.programme(pid)
        title = programme.text.get(lang).title
        for phase in programme.phases:
            for item in phase.items:
                if item.exercise == exercise_id:
                    doses.append(
                        Prescribed(
                            pid,
                            title,
                            phase.number,
                            weeks_text(phase.weeks, lang),
                            dose_text(item.dose, lang),
                        )
                    )
        src = programme.source
        sources[src.seed] = ", ".join(x for x in (src.seed, src.title, src.publisher) if x)
        for cited in programme.doses_from:
            sources[cited] = gettext("Doses: %(citation)s") % {"citation": cited}

    def version(other: str | None) -> Version | None:
        if other is None or other not in library.exercises:
            return None
        return Version(page_url(other), library.exercise(other).text.get(lang).name)

    return Detail(
        card=card(library, exercise, lang),
        steps=tuple(text.steps),
        cues=tuple(text.cues),
        mistakes=tuple(text.mistakes),
        note=text.note,
        equipment=tuple(library.term("equipment", e.value, lang) for e in exercise.equipment),
        per_side=exercise.per_side,
        poses=poses(library, exercise_id, lang),
        doses=tuple(doses),
        easier=version(exercise.easier) or version(_easier_of(library, exercise_id)),
        harder=version(exercise.harder) or version(_harder_of(library, exercise_id)),
        steps_source=gettext("The steps follow the programme's source.")
        if exercise.steps_from == "seed"
        else gettext(
            "The source shows this movement without written steps: the steps are Strideback's own."
        ),
        sources=tuple(sources.values()),
    )


def _easier_of(library: Library, exercise_id: str) -> str | None:
    """An exercise that names this one as its harder version."""
    for e in library.exercises.values():
        if e.harder == exercise_id:
            return e.id
    return None


def _harder_of(library: Library, exercise_id: str) -> str | None:
    for e in library.exercises.values():
        if e.easier == exercise_id:
            return e.id
    return None
