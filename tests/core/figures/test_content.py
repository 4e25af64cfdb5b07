"""A figure is content: a missing or broken one fails `strideback content check`."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from strideback.core.content.library import DEFAULT_ROOT, check_library


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(DEFAULT_ROOT, root)
    return root


def _edit(root: Path, exercise: str, change) -> None:  # type: ignore[no-untyped-def]
    path = root / "exercises" / f"{exercise}.yaml"
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def test_a_missing_figure_fails_the_check(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _edit(root, "plank", lambda s: re.sub(r"^figure:\n(?:(?:  .*)?\n)*", "", s, flags=re.M))
    library, problems = check_library(root)
    assert library is None
    assert [(p.file, p.path) for p in problems] == [("exercises/plank.yaml", "figure")]


def test_an_unknown_joint_or_a_joint_past_its_range_is_named(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _edit(root, "plank", lambda s: s.replace("neck: -10", "nek: -10"))
    _edit(root, "mini-squat-band", lambda s: s.replace("r_knee: 60", "r_knee: 170"))
    _, problems = check_library(root)
    text = "\n".join(f"{p.file}: {p.path}: {p.message}" for p in problems)
    assert "exercises/plank.yaml: figure.poses.end.angles" in text
    assert "unknown joint 'nek'" in text
    assert "r_knee 170 is outside 0..150 degrees" in text


def test_a_pose_touching_a_wall_that_is_not_there_is_an_error(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _edit(root, "plank", lambda s: s.replace("r_toe: floor", "r_toe: wall"))
    _, problems = check_library(root)
    assert any("no wall in props" in p.message for p in problems)


def test_the_pacers_words_sides_and_time_to_get_ready_are_checked(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    _edit(root, "plank", lambda s: s.replace("cues: hold_relax", "cues: up_down"))
    _edit(root, "bridge-one-leg", lambda s: s.replace("  side: right\n", ""))
    _edit(
        root,
        "side-lying-hip-external-rotation-band",
        lambda s: s.replace("get_ready: 30", "get_ready: 20"),
    )
    _edit(root, "mini-squat-band", lambda s: s.replace("cues: down_up", "cues: sideways"))
    _, problems = check_library(root)
    found = {(p.file.split("/")[-1], p.message) for p in problems}
    assert ("plank.yaml", "figure.cues: a hold is cued hold_relax or push_relax") in found
    assert (
        "bridge-one-leg.yaml",
        "figure.side: done on each side, so say which side is first",
    ) in found
    assert (
        "side-lying-hip-external-rotation-band.yaml",
        "figure.get_ready: at least 30 seconds for this set-up, got 20",
    ) in found
    assert any(f == "mini-squat-band.yaml" and "sideways" in m for f, m in found), found


def test_every_exercise_has_pacer_words_and_a_side_when_done_on_each_side() -> None:
    from strideback.core.content.library import default_library
    from strideback.core.figures.spec import ready_needed

    for exercise in default_library().exercises.values():
        figure = exercise.figure
        assert figure.get_ready >= ready_needed(figure, list(exercise.equipment))
        assert (figure.side is not None) == exercise.per_side, exercise.id


def test_a_missing_or_broken_walking_figure_fails_the_check(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    (root / "figures" / "run.yaml").unlink()
    walk = root / "figures" / "walk.yaml"
    walk.write_text(walk.read_text(encoding="utf-8").replace("r_knee: 5,", "r_knee: 170,"))
    library, problems = check_library(root)
    assert library is None
    found = {(p.file, p.message) for p in problems}
    assert ("figures/run.yaml", "is missing: the walk/run player shows it") in found
    assert any(f == "figures/walk.yaml" and "r_knee 170" in m for f, m in found), found
