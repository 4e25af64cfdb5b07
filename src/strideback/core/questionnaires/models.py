"""The questionnaire schema: items with scored options or a number range, subscales, the rule
that turns answers into a score, the smallest important change, the licence and the citation.

Like the programme schema, every model forbids unknown fields, so a typo is an error.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from strideback.core.content.models import Model, Slug, Text, Translated


class Option(Model):
    id: Slug
    points: int
    text: Translated[Text]


class Item(Model):
    """One question: either single choice (``options``) or a whole number ``min``..``max``.

    ``optional`` items may be left out (PSFS activities four and five); ``not_applicable``
    items accept the answer "na", which leaves them out of their subscale (the FFI's rule).
    """

    id: Slug
    text: Translated[Text]
    options: list[Option] = []
    min: int | None = None
    max: int | None = None
    anchors: Translated[Annotated[list[Text], Field(min_length=2, max_length=2)]] | None = None
    optional: bool = False
    not_applicable: bool = False

    @model_validator(mode="after")
    def _options_or_range(self) -> Item:
        numeric = self.min is not None or self.max is not None
        if numeric == bool(self.options):
            raise ValueError("an item has either options or min and max, not both or neither")
        if numeric and (self.min is None or self.max is None or self.max <= self.min):
            raise ValueError("a numeric item needs min and max, with max above min")
        ids = [o.id for o in self.options]
        for option_id in ids:
            if ids.count(option_id) > 1:
                raise ValueError(f"option id '{option_id}' is used twice")
        if self.anchors is not None and not numeric:
            raise ValueError("anchors are for numeric items only")
        return self

    @property
    def lowest(self) -> int:
        return min(o.points for o in self.options) if self.options else int(self.min or 0)

    @property
    def highest(self) -> int:
        return max(o.points for o in self.options) if self.options else int(self.max or 0)


class Subscale(Model):
    id: Slug
    title: Translated[Text]
    items: list[Slug] = Field(min_length=1)


class Scoring(Model):
    """How answers become a score.

    - ``sum``: the sum of the points (Kujala, GROC with its one item);
    - ``mean``: the mean of the answered items (PSFS);
    - ``percent``: each subscale is its points as a percentage of the most its applicable
      items could score; the total is the mean of the subscale percentages (FFI).
    """

    method: Literal["sum", "mean", "percent"]
    higher_is_better: bool
    smallest_important_change: Annotated[float, Field(gt=0)]
    smallest_important_change_source: Text


class QuestionnaireText(Model):
    title: Text
    instructions: Text


class Questionnaire(Model):
    id: Slug
    abbreviation: Text
    citation: Text
    licence: Text
    versions: Text | None = None
    # False for an instrument that measures change by itself (the GROC): not asked at the start.
    ask_at_baseline: bool = True
    text: Translated[QuestionnaireText]
    scoring: Scoring
    subscales: list[Subscale] = []
    items: list[Item] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Questionnaire:
        ids = [i.id for i in self.items]
        for item_id in ids:
            if ids.count(item_id) > 1:
                raise ValueError(f"item id '{item_id}' is used twice")
        in_subscales: list[str] = []
        for sub in self.subscales:
            for ref in sub.items:
                if ref not in ids:
                    raise ValueError(f"subscale '{sub.id}' names unknown item '{ref}'")
            in_subscales += sub.items
        if self.scoring.method == "percent":
            if not self.subscales:
                raise ValueError("percent scoring needs subscales")
            missing = [i for i in ids if i not in in_subscales]
            if missing:
                raise ValueError(f"item '{missing[0]}' is in no subscale")
            if any(in_subscales.count(i) > 1 for i in in_subscales):
                raise ValueError("an item may belong to one subscale only")
        return self

    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(item_id)
