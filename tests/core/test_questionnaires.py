"""Questionnaires as content: the shipped files, their scoring, and a clinic's own folder.

Worked examples are added up by hand in the comments; the extremes are the all-best and
all-worst answers, which must give the ends of each published range.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from strideback.core.content.problems import ContentError
from strideback.core.questionnaires.library import SHIPPED, check_questionnaires
from strideback.core.questionnaires.models import Questionnaire
from strideback.core.questionnaires.scoring import (
    AnswerError,
    important_change,
    score,
)
from strideback.questionnaires import questionnaires


@pytest.fixture(scope="module")
def shipped() -> dict[str, Questionnaire]:
    found, problems = check_questionnaires()
    assert problems == []
    return found


def best(q: Questionnaire) -> dict[str, object]:
    top = (lambda i: i.lowest) if not q.scoring.higher_is_better else (lambda i: i.highest)
    return {
        i.id: next(o.id for o in i.options if o.points == top(i)) if i.options else top(i)
        for i in q.items
    }


def worst(q: Questionnaire) -> dict[str, object]:
    low = (lambda i: i.highest) if not q.scoring.higher_is_better else (lambda i: i.lowest)
    return {
        i.id: next(o.id for o in i.options if o.points == low(i)) if i.options else low(i)
        for i in q.items
    }


def test_the_four_shipped_questionnaires_and_their_shape(shipped: dict[str, Questionnaire]) -> None:
    assert sorted(shipped) == ["ffi", "groc", "kujala-akps", "psfs"]
    assert len(shipped["kujala-akps"].items) == 13
    ffi = shipped["ffi"]
    assert len(ffi.items) == 23
    assert [(s.id, len(s.items)) for s in ffi.subscales] == [
        ("pain", 9),
        ("disability", 9),
        ("activity-limitation", 5),
    ]
    assert all(i.min == 0 and i.max == 10 for i in ffi.items)
    psfs = shipped["psfs"]
    assert [i.optional for i in psfs.items] == [False, False, False, True, True]
    assert [o.points for o in shipped["groc"].items[0].options] == list(range(-7, 8))
    assert shipped["kujala-akps"].scoring.smallest_important_change == 10


def test_kujala_follows_the_1993_points(shipped: dict[str, Questionnaire]) -> None:
    q = shipped["kujala-akps"]
    points = {i.id: {o.id: o.points for o in i.options} for i in q.items}
    # The three places where circulating versions differ: Strideback follows Kujala 1993.
    assert points["limp"]["constant"] == 0
    assert points["squatting"]["partial-weight"] == 2
    assert list(points["jumping"].values()) == [10, 7, 2, 0]
    assert sum(max(p.values()) for p in points.values()) == 100
    assert q.versions is not None and "partial weight bearing 1 point" in q.versions


@pytest.mark.parametrize(
    ("qid", "best_score", "worst_score"),
    [("kujala-akps", 100, 0), ("ffi", 0, 100), ("psfs", 10, 0), ("groc", 7, -7)],
)
def test_extremes_give_the_ends_of_the_range(
    shipped: dict[str, Questionnaire], qid: str, best_score: float, worst_score: float
) -> None:
    q = shipped[qid]
    assert score(q, best(q)).score == best_score
    assert score(q, worst(q)).score == worst_score


def test_kujala_worked_example(shipped: dict[str, Questionnaire]) -> None:
    answers = {
        "limp": "slight",  # 3
        "support": "full",  # 5
        "walking": "more-than-2-km",  # 3
        "stairs": "slight-pain-down",  # 8
        "squatting": "repeated-painful",  # 4
        "running": "slight-pain-from-start",  # 6
        "jumping": "slight-difficulty",  # 7
        "prolonged-sitting": "pain-after-exercise",  # 8
        "pain": "slight-occasional",  # 8
        "swelling": "after-severe-exertion",  # 8
        "kneecap-movements": "none",  # 10
        "thigh-atrophy": "slight",  # 3
        "flexion-deficiency": "none",  # 5
    }
    assert score(shipped["kujala-akps"], answers).score == 78


def test_ffi_worked_example_with_items_that_do_not_apply(
    shipped: dict[str, Questionnaire],
) -> None:
    q = shipped["ffi"]
    pain = dict(
        zip(
            (i for i in q.subscales[0].items),
            (8, 9, 6, 5, 4, 3, "na", "na", 7),
            strict=True,
        )
    )  # 42 of the 70 the seven answered items could score: 60 %
    disability = {i: 2 for i in q.subscales[1].items}  # 18 of 90: 20 %
    activity = dict(zip(q.subscales[2].items, (0, 0, 0, 0, 5), strict=True))  # 5 of 50: 10 %
    result = score(q, pain | disability | activity)
    assert result.subscales == {"pain": 60.0, "disability": 20.0, "activity-limitation": 10.0}
    assert result.score == 30.0  # the mean of the three subscales


def test_psfs_is_the_mean_of_three_to_five_activities(shipped: dict[str, Questionnaire]) -> None:
    q = shipped["psfs"]
    three = {"activity-1": 3, "activity-2": 5, "activity-3": 6}
    assert score(q, three).score == 4.7  # 14 / 3
    assert score(q, three | {"activity-4": 2}).score == 4.0  # 16 / 4
    with pytest.raises(AnswerError, match="^activity-3: missing answer$"):
        score(q, {"activity-1": 3, "activity-2": 5})


@pytest.mark.parametrize(
    ("qid", "answers", "message"),
    [
        ("kujala-akps", {"limp": "none"}, "support: missing answer"),
        ("groc", {"change": "better-8"}, "change: unknown option 'better-8' (choose one of:"),
        ("groc", {"change": "same", "mood": 3}, "mood: unknown item (items are: change)"),
        ("psfs", {"activity-1": 11}, "activity-1: must be a whole number from 0 to 10, got 11"),
        ("psfs", {"activity-1": "4"}, "activity-1: must be a whole number from 0 to 10, got '4'"),
        ("psfs", {"activity-1": True}, "activity-1: must be a whole number from 0 to 10, got True"),
        ("psfs", {"activity-1": 2.5}, "activity-1: must be a whole number from 0 to 10, got 2.5"),
        ("ffi", {"worst": "na"}, "worst: must be a whole number from 0 to 10, got 'na'"),
    ],
)
def test_bad_answers_name_the_item(
    shipped: dict[str, Questionnaire], qid: str, answers: dict[str, object], message: str
) -> None:
    with pytest.raises(AnswerError) as caught:
        score(shipped[qid], answers)
    assert str(caught.value).startswith(message)


def test_ffi_items_that_do_not_apply_leave_the_denominator(
    shipped: dict[str, Questionnaire],
) -> None:
    q = shipped["ffi"]
    answers: dict[str, object] = {i.id: 0 for i in q.items}
    answers["stayed-indoors"] = 3
    assert score(q, answers).subscales["activity-limitation"] == 6.0  # 3 of 50
    answers |= {"aid-indoors": "na", "aid-outdoors": "na"}
    assert score(q, answers).subscales["activity-limitation"] == 10.0  # 3 of 30


def test_important_change_follows_the_direction_and_the_smallest_change(
    shipped: dict[str, Questionnaire],
) -> None:
    kujala, ffi = shipped["kujala-akps"], shipped["ffi"]
    assert important_change(kujala, 60, 70) == 1
    assert important_change(kujala, 60, 69) == 0
    assert important_change(kujala, 70, 60) == -1
    assert important_change(ffi, 50, 43) == 1  # lower FFI is better
    assert important_change(ffi, 50, 44) == 0
    assert important_change(ffi, 40, 50) == -1


CLINIC_FILE = {
    "id": "my-scale",
    "abbreviation": "MS",
    "citation": "A licensed scale, cited here.",
    "licence": "Licensed to the clinic.",
    "scoring": {
        "method": "sum",
        "higher_is_better": True,
        "smallest_important_change": 2,
        "smallest_important_change_source": "The licence holder's manual.",
    },
    "text": {
        lang: {"title": f"Scale {lang}", "instructions": "Answer."}
        for lang in ("da", "en", "de", "nb")
    },
    "items": [
        {
            "id": "q1",
            "text": {lang: "Question?" for lang in ("da", "en", "de", "nb")},
            "options": [
                {
                    "id": "no",
                    "points": 0,
                    "text": {lang: "No" for lang in ("da", "en", "de", "nb")},
                },
                {
                    "id": "yes",
                    "points": 4,
                    "text": {lang: "Yes" for lang in ("da", "en", "de", "nb")},
                },
            ],
        }
    ],
}


def write(folder: Path, name: str, data: object) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_clinic_folder_adds_its_own_questionnaire(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "clinic", "my-scale.yaml", CLINIC_FILE)
    monkeypatch.setenv("STRIDEBACK_QUESTIONNAIRES_DIR", str(tmp_path / "clinic"))
    found = questionnaires()
    assert "my-scale" in found and "kujala-akps" in found
    assert score(found["my-scale"], {"q1": "yes"}).score == 4


def test_broken_clinic_files_are_named_field_by_field(tmp_path: Path) -> None:
    folder = tmp_path / "clinic"
    broken = yaml.safe_load(yaml.safe_dump(CLINIC_FILE))
    del broken["text"]["nb"]
    broken["items"][0]["options"][1]["points"] = "four"
    broken["items"].append({"id": "q2", "text": broken["items"][0]["text"], "min": 5, "max": 1})
    write(folder, "my-scale.yaml", broken)
    write(folder, "kujala-akps.yaml", CLINIC_FILE | {"id": "kujala-akps"})
    write(folder, "other.yaml", CLINIC_FILE)
    (folder / "bad.yaml").write_text("id: [unclosed", encoding="utf-8")
    _, problems = check_questionnaires(folder)
    lines = [str(p) for p in problems]
    assert (
        f"{folder}/kujala-akps.yaml: id: 'kujala-akps' is already a shipped questionnaire" in lines
    )
    assert f"{folder}/other.yaml: id: 'my-scale' must match the file name 'other'" in lines
    assert any(
        line.startswith(f"{folder}/bad.yaml: line ") and "is not valid YAML" in line
        for line in lines
    )
    mine = [line for line in lines if "my-scale.yaml" in line]
    assert (
        f"{folder}/my-scale.yaml: text.nb: missing language 'nb' (every text needs da, en, de, nb)"
        in mine
    )
    assert (
        f"{folder}/my-scale.yaml: items[0].options[1].points: must be a whole number, got 'four'"
        in mine
    )
    assert any("items[1]: a numeric item needs min and max, with max above min" in m for m in mine)
    with pytest.raises(ContentError):
        from strideback.core.questionnaires.library import load_questionnaires

        load_questionnaires(folder)


def test_shipped_folder_is_inside_the_package() -> None:
    assert SHIPPED.is_dir() and (SHIPPED / "kujala-akps.yaml").is_file()
