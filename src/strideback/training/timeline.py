"""One timeline for the runner and their physio: pain (during, after, next morning), sessions
done, run minutes and distance, the load of repetition-maximum exercises, questionnaire scores
with their smallest important change, phase changes and rule-set changes. Each chart is
server-drawn SVG (``charts``) with its numbers in a table beside it.

The runner's ``/progress/`` and the clinician's ``/clinic/patients/<id>/timeline/`` render
the same answer with the same template (``training/_timeline.html``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext

from strideback.accounts.models import User
from strideback.core.content.library import default_library
from strideback.core.languages import Lang
from strideback.training import charts, outcomes
from strideback.training.models import Enrollment, ImportedRun
from strideback.training.progress import PROGRESS_WEEKS, ProgressPage, progress
from strideback.words import in_language
from strideback.words.explain import rule_set_name


@dataclass(frozen=True)
class ScoreRow:
    date: dt.date
    score: float
    change: float
    important: int  # +1 an important improvement since the first score, -1 worse, 0 neither


@dataclass(frozen=True)
class ScoreSeries:
    id: str
    title: str
    low: float
    high: float
    higher_is_better: bool
    smallest_important_change: float
    source: str
    rows: tuple[ScoreRow, ...]
    chart: SafeString


@dataclass(frozen=True)
class LoadRow:
    date: dt.date
    load_kg: float
    sets: int
    reps: str


@dataclass(frozen=True)
class LoadSeries:
    exercise: str
    name: str
    rows: tuple[LoadRow, ...]
    chart: SafeString


@dataclass(frozen=True)
class WeekRun:
    monday: dt.date
    minutes: float
    km: float


@dataclass(frozen=True)
class RuleSetEvent:
    date: dt.date
    programme: str
    name: str
    by_clinician: bool


@dataclass(frozen=True)
class TimelinePage:
    progress: ProgressPage
    pain_chart: SafeString
    sessions_chart: SafeString
    run_chart: SafeString
    distance_chart: SafeString
    runs: tuple[WeekRun, ...]
    has_runs: bool
    has_distance: bool
    questionnaires: tuple[ScoreSeries, ...]
    loads: tuple[LoadSeries, ...]
    rule_sets: tuple[RuleSetEvent, ...]


def _runs(user: User, page: ProgressPage) -> tuple[WeekRun, ...]:
    km: dict[dt.date, float] = {}
    for run in ImportedRun.objects.filter(user=user, entry__date__gte=page.since).select_related(
        "entry"
    ):
        monday = run.entry.date - dt.timedelta(days=run.entry.date.weekday())
        km[monday] = km.get(monday, 0.0) + run.distance_m / 1000
    return tuple(
        WeekRun(w.monday, float(w.run_minutes), round(km.get(w.monday, 0.0), 2)) for w in page.weeks
    )


def _rule_sets(user: User, lang: Lang) -> tuple[RuleSetEvent, ...]:
    """The rule set each programme started with, and a clinician's switch with its day."""
    library = default_library()
    out = []
    for e in Enrollment.objects.filter(user=user, active=True).order_by("start", "id"):
        programme = library.programmes.get(e.programme_id)
        if programme is None or programme.kind != "exercises":
            continue
        title = programme.text.get(lang).title
        default = programme.rule_sets[0]
        out.append(RuleSetEvent(e.start, title, rule_set_name(default, lang), False))
        if e.rule_set and e.rule_set != default and e.rule_set_at is not None:
            day = e.rule_set_at.date()
            out.append(RuleSetEvent(day, title, rule_set_name(e.rule_set, lang), True))
    return tuple(sorted(out, key=lambda r: r.date))


def _questionnaires(user: User, first: dt.date, on: dt.date, lang: Lang) -> list[ScoreSeries]:
    out = []
    for s in outcomes.outcomes(user, lang)["questionnaires"]:
        rows = tuple(
            ScoreRow(p["date"], p["score"], p["change"], p["important"]) for p in s["points"]
        )
        start = min(first, rows[0].date)
        base = rows[0].score
        sic = s["smallest_important_change"]
        desc = gettext(
            "%(count)s scores from %(low)s to %(high)s. The shaded band is the first score "
            "plus or minus the smallest important change (%(sic)s): a score outside it is a "
            "change that matters."
        ) % {"count": len(rows), "low": f"{s['min']:g}", "high": f"{s['max']:g}", "sic": f"{sic:g}"}
        chart = charts.series_chart(
            [(r.date, r.score) for r in rows],
            start,
            on,
            s["min"],
            s["max"],
            s["title"],
            desc,
            f"score-chart-{s['id']}",
            band=(base - sic, base + sic),
        )
        out.append(
            ScoreSeries(
                s["id"],
                s["title"],
                s["min"],
                s["max"],
                s["higher_is_better"],
                sic,
                s["source"],
                rows,
                chart,
            )
        )
    return out


def _loads(user: User, first: dt.date, on: dt.date, lang: Lang) -> list[LoadSeries]:
    library = default_library()
    by_exercise: dict[str, list[LoadRow]] = {}
    for d in sorted(outcomes.loads(user), key=lambda d: d["date"]):
        by_exercise.setdefault(d["exercise"], []).append(
            LoadRow(d["date"], d["load_kg"], d["sets"], ", ".join(str(r) for r in d["reps"]))
        )
    out = []
    for exercise, rows in by_exercise.items():
        found = library.exercises.get(exercise)
        name = found.text.get(lang).name if found is not None else exercise
        top = max(r.load_kg for r in rows)
        high = max(5.0, float(int(top / 5) * 5 + 5))
        chart = charts.series_chart(
            [(r.date, r.load_kg) for r in rows],
            min(first, rows[0].date),
            on,
            0.0,
            high,
            gettext("Load added: %(exercise)s") % {"exercise": name},
            gettext("The heaviest load of each session in kg, %(count)s sessions.")
            % {"count": len(rows)},
            f"load-chart-{exercise}",
        )
        out.append(LoadSeries(exercise, name, tuple(rows), chart))
    return out


@in_language
def timeline(user: User, on: dt.date, lang: Lang, weeks: int = PROGRESS_WEEKS) -> TimelinePage:
    page = progress(user, on, lang, weeks=weeks)
    mondays = [w.monday for w in page.weeks]
    runs = _runs(user, page)
    return TimelinePage(
        progress=page,
        pain_chart=charts.pain_chart(
            page.pain,
            page.since,
            on,
            page.limit,
            gettext("Pain over time"),
            gettext(
                "%(count)s entries on a 0-10 scale: during, right after "
                "and next morning. The limit is %(limit)s."
            )
            % {"count": len(page.pain), "limit": page.limit},
        ),
        sessions_chart=charts.bar_chart(
            mondays,
            [(w.done, w.planned) for w in page.weeks],
            gettext("Sessions: done against planned"),
            gettext("%(done)s of %(planned)s planned strength sessions done, week by week.")
            % {"done": page.done, "planned": page.planned},
            "sessions-chart",
        ),
        run_chart=charts.bar_chart(
            mondays,
            [(w.run_minutes, None) for w in page.weeks],
            gettext("Running minutes per week"),
            gettext("%(minutes)s minutes of running in all over this period.")
            % {"minutes": round(page.run_minutes)},
            "run-chart",
            step=10,
        ),
        distance_chart=charts.bar_chart(
            mondays,
            [(r.km, None) for r in runs],
            gettext("Distance per week (km, from the watch)"),
            gettext("%(km)s km in all over this period, from the runs imported from a watch.")
            % {"km": f"{sum(r.km for r in runs):.1f}"},
            "distance-chart",
        ),
        runs=runs,
        has_runs=any(w.runs for w in page.weeks),
        has_distance=any(r.km for r in runs),
        questionnaires=tuple(_questionnaires(user, page.since, on, lang)),
        loads=tuple(_loads(user, page.since, on, lang)),
        rule_sets=_rule_sets(user, lang),
    )
