"""The `strideback` command: help, listing, showing programmes, and clear errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from strideback.cli import COMMANDS, main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "strideback", *args], capture_output=True, text=True
    )


def test_help_lists_every_command_with_a_description() -> None:
    out = run("--help").stdout
    for name in COMMANDS:
        assert name in out
    assert "print a programme as text or as public JSON" in out


def test_programmes_lists_id_title_and_languages(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["programmes"]) == 0
    lines = capsys.readouterr().out.splitlines()
    ids = [line.split()[0] for line in lines]
    assert ids == sorted(
        [
            "anterior-knee-pain",
            "return-to-run-5k",
            "runners-knee-mobility",
            "medial-knee-pain",
            "leg-axis",
            "plantar-heel-pain",
        ]
    )
    assert all(line.endswith("[da, en, de, nb]") for line in lines)


def test_show_phase_three_in_danish_reads_like_a_handout(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["show", "anterior-knee-pain", "--phase", "3", "--lang", "da"]) == 0
    out = capsys.readouterr().out
    assert "Fase 3 (uge 9-12)" in out
    assert "Fase 2" not in out and "Fase 4" not in out
    assert "3 × 50 sekunders hold" in out  # the plank in phase 3
    assert "3 × 10 gentagelser à 5 sekunder" in out  # standing short foot
    assert "tempo 3-2-3 sek. (op, hold, ned)" in out
    assert out.count("Sådan gør du:") == 7  # seven exercises in phase 3
    assert max(len(line) for line in out.splitlines()) <= 80


def test_show_json_is_the_public_programme_format(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "anterior-knee-pain", "--format", "json", "--lang", "de"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["id"] == "anterior-knee-pain"
    assert data["languages"] == ["da", "en", "de", "nb"]
    phase5 = data["phases"][4]
    assert phase5["weeks"] == {"from": 17, "to": None}
    positions = [item["position"] for item in phase5["items"]]
    assert "5.a" in positions and "5.b" in positions
    alt = next(item for item in phase5["items"] if item["position"] == "5.b")
    assert alt["alternative_to"] == "5.a"
    assert set(alt["dose"]) >= {
        "sets",
        "reps",
        "hold_seconds",
        "steps_each_way",
        "tempo_seconds",
        "per_side",
        "load",
    }


def test_show_run_plan_json_has_weeks_sessions_and_segments(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["show", "return-to-run-5k", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["weeks"]) == 12
    first = data["weeks"][0]["sessions"][0]
    assert first["day"] == 1
    assert [(s["kind"], s["minutes"]) for s in first["segments"]] == [
        ("walk", 5),
        ("run", 1),
        ("walk", 5),
        ("run", 1),
        ("walk", 3),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "knee"], "unknown programme 'knee' (choose one of: anterior-knee-pain, "),
        (
            ["show", "anterior-knee-pain", "--phase", "9"],
            "'anterior-knee-pain' has no phase 9 (choose one of: 1, 2, 3, 4, 5)",
        ),
        (
            ["show", "leg-axis", "--lang", "fr"],
            "unknown language 'fr' (choose one of: da, en, de, nb)",
        ),
        (
            ["show", "return-to-run-5k", "--phase", "1"],
            "'return-to-run-5k' is a run plan and has no phases",
        ),
    ],
)
def test_bad_choices_are_one_line_errors_naming_the_valid_ones(
    args: list[str], message: str
) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    [line] = result.stderr.strip().splitlines()
    assert message in line


def test_the_built_in_library_passes_the_content_check() -> None:
    result = run("content", "check")
    assert result.returncode == 0, result.stdout
    assert result.stdout.startswith("ok: 6 programmes")
