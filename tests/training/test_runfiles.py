"""Runs from the watch, read from real-shaped GPX, TCX and FIT files (see watchfiles.py)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from fit_tool.profile.profile_type import Sport

from strideback.cli import main
from strideback.training.runfiles import RunFileError, read_runs
from tests.training.watchfiles import fit, gpx, tcx, track

START = dt.datetime(2026, 12, 1, 7, 0, tzinfo=dt.UTC)
# 30 minutes at 2.8 m/s with a one-minute stop at a traffic light half way.
POINTS = track(START, 30, 2.8, pause_s=60)


@pytest.mark.parametrize("write", [gpx, tcx, fit], ids=["gpx", "tcx", "fit"])
def test_each_format_gives_start_duration_moving_time_distance_and_pace(write) -> None:
    runs, refused = read_runs(write(POINTS))
    assert refused == []
    [run] = runs
    assert run.start == START
    assert run.duration_s == 31 * 60  # the stop included
    assert run.moving_s == 30 * 60  # the stop left out
    assert run.distance_m == pytest.approx(5040, abs=2)  # 1800 s x 2.8 m/s
    assert run.pace_s_per_km == pytest.approx(357, abs=1)  # 5:57 min/km
    assert run.as_json()["start"] == "2026-12-01T07:00:00Z"


def test_a_ride_is_refused_with_a_reason() -> None:
    runs, refused = read_runs(fit(POINTS, Sport.CYCLING))
    assert runs == []
    assert refused[0].reason == "is a cycling activity, not a run"


def test_an_untyped_gpx_that_is_far_too_fast_is_refused() -> None:
    fast = track(START, 30, 9.0)  # 32 km/h
    runs, refused = read_runs(gpx(fast, kind=""))
    assert runs == []
    assert refused[0].reason == "averages 32 km/h, faster than a run (25 km/h at most)"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"hello, I am a spreadsheet", "is not a GPX, TCX or FIT file"),
        (b"<?xml version='1.0'?><gpx><trk><trkseg><trkpt lat='x'", "is not a readable GPX file"),
        (b"<?xml version='1.0'?><TrainingCenterDatabase><Act", "is not a readable TCX file"),
    ],
)
def test_broken_files_are_one_line_errors(data: bytes, message: str) -> None:
    with pytest.raises(RunFileError) as caught:
        read_runs(data)
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_a_fit_file_cut_short_is_refused() -> None:
    data = fit(POINTS)
    with pytest.raises(RunFileError, match="^is not a readable FIT file"):
        read_runs(data[: len(data) // 2])


def test_cli_prints_the_runs_as_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "run.fit"
    path.write_bytes(fit(POINTS))
    assert main(["import-runs", str(path), "--format", "json"]) == 0
    [run] = json.loads(capsys.readouterr().out)
    assert run["start"] == "2026-12-01T07:00:00Z"
    assert run["duration_s"] == 1860 and run["moving_s"] == 1800
    assert run["distance_m"] == pytest.approx(5040, abs=2)
    assert main(["import-runs", str(path)]) == 0
    assert capsys.readouterr().out.startswith("2026-12-01 07:00 UTC  5.04 km in 30:00 moving")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "run.gpx is empty"),
        (gpx(track(START, 20, 6.0), kind="cycling"), "holds no run: the activity is a cycling"),
    ],
)
def test_cli_errors_are_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    path = tmp_path / "run.gpx"
    path.write_bytes(content)
    assert main(["import-runs", str(path)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
