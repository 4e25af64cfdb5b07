"""Score a questionnaire: check every answer, then apply the file's scoring rule.

An answer is an option id (single choice), a whole number within the item's range, or "na"
where the item allows "not applicable". Every problem is an ``AnswerError`` naming the item.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from strideback.core.questionnaires.models import Item, Questionnaire

NOT_APPLICABLE = "na"

Answer = str | int


class AnswerError(ValueError):
    """One answer is missing, unknown or out of range; ``item`` names it."""

    def __init__(self, item: str, message: str) -> None:
        self.item = item
        super().__init__(f"{item}: {message}")


@dataclass(frozen=True)
class Score:
    score: float
    subscales: dict[str, float] = field(default_factory=dict)
    points: dict[str, int | None] = field(default_factory=dict)


def _points(item: Item, answer: object) -> int | None:
    """The points for one answer, or None for "not applicable"."""
    if item.not_applicable and answer == NOT_APPLICABLE:
        return None
    if item.options:
        for option in item.options:
            if option.id == answer:
                return option.points
        valid = ", ".join(o.id for o in item.options)
        raise AnswerError(item.id, f"unknown option {answer!r} (choose one of: {valid})")
    if isinstance(answer, bool) or not isinstance(answer, int):
        if isinstance(answer, float) and answer.is_integer():
            answer = int(answer)
        else:
            na = f' or "{NOT_APPLICABLE}"' if item.not_applicable else ""
            raise AnswerError(
                item.id,
                f"must be a whole number from {item.min} to {item.max}{na}, got {answer!r}",
            )
    assert isinstance(answer, int)
    if item.min is not None and item.max is not None and not item.min <= answer <= item.max:
        raise AnswerError(
            item.id, f"must be a whole number from {item.min} to {item.max}, got {answer}"
        )
    return answer


def check_answers(q: Questionnaire, answers: Mapping[str, object]) -> dict[str, int | None]:
    """Points per answered item; raises ``AnswerError`` for the first problem, in item order."""
    known = {i.id for i in q.items}
    for key in answers:
        if key not in known:
            raise AnswerError(key, f"unknown item (items are: {', '.join(i.id for i in q.items)})")
    points: dict[str, int | None] = {}
    for item in q.items:
        if item.id not in answers or answers[item.id] is None:
            if item.optional:
                continue
            raise AnswerError(item.id, "missing answer")
        points[item.id] = _points(item, answers[item.id])
    return points


def score(q: Questionnaire, answers: Mapping[str, object]) -> Score:
    points = check_answers(q, answers)
    method = q.scoring.method
    if method == "percent":
        subscales = {}
        for sub in q.subscales:
            given = [points[i] for i in sub.items if points.get(i) is not None]
            most = sum(q.item(i).highest for i in sub.items if points.get(i) is not None)
            if not given or most == 0:
                raise AnswerError(sub.items[0], f"every item of '{sub.id}' is not applicable")
            subscales[sub.id] = round(100 * sum(p for p in given if p is not None) / most, 1)
        total = round(sum(subscales.values()) / len(subscales), 1)
        return Score(total, subscales, points)
    values = [p for p in points.values() if p is not None]
    if not values:
        raise AnswerError(q.items[0].id, "missing answer")
    total = float(sum(values)) if method == "sum" else round(sum(values) / len(values), 1)
    subscales = {
        sub.id: float(sum(points[i] or 0 for i in sub.items if i in points)) for sub in q.subscales
    }
    return Score(total, subscales, points)


def score_range(q: Questionnaire) -> tuple[float, float]:
    """The lowest and highest score the rule can give (for charts and checks)."""
    if q.scoring.method == "percent":
        return 0.0, 100.0
    lows = [i.lowest for i in q.items]
    highs = [i.highest for i in q.items]
    if q.scoring.method == "sum":
        return float(sum(lows)), float(sum(highs))
    return float(min(lows)), float(max(highs))


def important_change(q: Questionnaire, before: float, after: float) -> int:
    """+1 when the change from ``before`` to ``after`` is an important improvement, -1 an
    important worsening, 0 neither (within the smallest important change)."""
    change = after - before if q.scoring.higher_is_better else before - after
    if abs(change) < q.scoring.smallest_important_change:
        return 0
    return 1 if change > 0 else -1
