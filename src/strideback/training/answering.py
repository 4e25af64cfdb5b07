"""The answering page of one questionnaire: the form the page draws (every item numbered, in
the runner's language) and the posted form read back into answers.

The answers are stored by ``responses.record_response``, as the API stores them; a problem is
a ``FormProblem`` naming the question by its number and words, so the page can say which one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.translation import gettext

from strideback.accounts.models import User
from strideback.core.languages import Lang
from strideback.core.questionnaires.models import Item, Questionnaire
from strideback.core.questionnaires.scoring import NOT_APPLICABLE, score_range
from strideback.errors import InputError
from strideback.training.models import QuestionnaireResponse
from strideback.training.responses import NAMED_ITEMS, record_response
from strideback.words import in_language


@dataclass(frozen=True)
class Choice:
    value: str
    text: str


@dataclass
class FormItem:
    number: int
    id: str
    text: str
    choices: list[Choice]
    scale: bool  # a 0-10 row of numbers rather than worded options
    low: str = ""  # the scale's end words
    high: str = ""
    bottom: int = 0  # the scale's ends
    top: int = 10
    optional: bool = False
    named: bool = False  # the runner names the activity (PSFS)
    name: str = ""
    value: str = ""
    error: str = ""


@dataclass
class QuestionnaireForm:
    id: str
    title: str
    instructions: str
    citation: str
    items: list[FormItem]
    errors: list[FormItem] = field(default_factory=list)


class FormProblem(ValueError):
    def __init__(self, item: FormItem, message: str) -> None:
        self.item = item
        super().__init__(message)


def _choices(item: Item, lang: Lang) -> list[Choice]:
    if item.options:
        return [Choice(o.id, o.text.get(lang)) for o in item.options]
    out = [Choice(str(n), str(n)) for n in range(int(item.min or 0), int(item.max or 0) + 1)]
    if item.not_applicable:
        out.append(Choice(NOT_APPLICABLE, gettext("Does not apply")))
    return out


def last_names(user: User, q: Questionnaire) -> list[str]:
    """The activities the runner named last time, to rate the same ones again (PSFS)."""
    if q.id not in NAMED_ITEMS:
        return []
    last = (
        QuestionnaireResponse.objects.filter(user=user, questionnaire_id=q.id)
        .order_by("-answered_on", "-id")
        .values_list("activities", flat=True)
        .first()
    )
    return list(last or [])


@in_language
def blank_form(q: Questionnaire, lang: Lang, names: Sequence[str] = ()) -> QuestionnaireForm:
    text = q.text.get(lang)
    named = q.id in NAMED_ITEMS
    items = []
    for number, item in enumerate(q.items, start=1):
        anchors = item.anchors.get(lang) if item.anchors is not None else ["", ""]
        items.append(
            FormItem(
                number=number,
                id=item.id,
                text=item.text.get(lang),
                choices=_choices(item, lang),
                scale=not item.options,
                low=anchors[0],
                high=anchors[1],
                bottom=int(item.min or 0),
                top=int(item.max or 0),
                optional=item.optional,
                named=named,
                name=names[number - 1] if named and number <= len(names) else "",
            )
        )
    return QuestionnaireForm(q.id, text.title, text.instructions, q.citation, items)


def _problem(form: QuestionnaireForm, item_id: str, message: str) -> FormProblem:
    item = next(i for i in form.items if i.id == item_id)
    item.error = message
    form.errors = [item]
    return FormProblem(item, message)


@in_language
def submit(
    user: User,
    q: Questionnaire,
    posted: Mapping[str, str],
    on: dt.date,
    lang: Lang,
) -> tuple[QuestionnaireForm, QuestionnaireResponse | None]:
    """Read the posted form (``<item>``: the answer, ``name-<item>``: a named activity) and
    store it. Returns the form with the runner's answers kept and, on a problem, the item
    that has it (and no response)."""
    form = blank_form(q, lang)
    answers: dict[str, object] = {}
    names: list[str] = []
    for item in form.items:
        item.value = posted.get(item.id, "").strip()
        item.name = posted.get(f"name-{item.id}", "").strip()
        if item.value:
            if item.scale and item.value != NOT_APPLICABLE:
                answers[item.id] = int(item.value) if item.value.isdecimal() else item.value
            else:
                answers[item.id] = item.value
    try:
        for item in form.items:
            _check_item(form, item, answers, names)
        return form, record_response(user, q, answers, on, names)
    except FormProblem:
        return form, None
    except InputError as exc:  # a value the form never offers: name the item all the same
        item_id = exc.field.split(".", 1)[-1].split("[", 1)[0]
        if item_id not in {i.id for i in form.items}:
            item_id = form.items[0].id
        _problem(form, item_id, _wrong(next(i for i in form.items if i.id == item_id)))
        return form, None


def _wrong(item: FormItem) -> str:
    return gettext("Question %(number)s: choose one of the answers shown.") % {
        "number": item.number
    }


def _check_item(
    form: QuestionnaireForm, item: FormItem, answers: Mapping[str, object], names: list[str]
) -> None:
    if item.value and item.value not in {c.value for c in item.choices}:
        raise _problem(form, item.id, _wrong(item))
    if item.named:
        if item.value and not item.name:
            raise _problem(
                form,
                item.id,
                gettext("Activity %(number)s has a number but no name: write what it is.")
                % {"number": item.number},
            )
        if item.name and not item.value:
            raise _problem(
                form,
                item.id,
                gettext("Activity %(number)s has a name but no number: rate it from 0 to 10.")
                % {"number": item.number},
            )
        if len(item.name) > 200:
            raise _problem(
                form,
                item.id,
                gettext("Activity %(number)s: the name can be at most 200 characters.")
                % {"number": item.number},
            )
        if item.value:
            names.append(item.name)
    if not item.value and not item.optional:
        if item.named:
            message = gettext("Activity %(number)s is not filled in: name it and rate it.")
        else:
            message = gettext("Question %(number)s is not answered yet.")
        raise _problem(form, item.id, message % {"number": item.number})


@in_language
def score_text(q: Questionnaire, response: QuestionnaireResponse, lang: Lang) -> str:
    """The score in words, with its range and direction: 'Kujala …: 72 of 0-100 (higher is
    better).'"""
    low, high = score_range(q)
    better = (
        gettext("higher is better") if q.scoring.higher_is_better else gettext("lower is better")
    )
    return gettext("%(title)s: %(score)s on a scale of %(low)s to %(high)s (%(better)s).") % {
        "title": q.text.get(lang).title,
        "score": f"{response.score:g}",
        "low": f"{low:g}",
        "high": f"{high:g}",
        "better": better,
    }
