"""Runs from the watch: read GPX, TCX and FIT files (the exports of Garmin, Polar, Suunto, Coros
and Strava) with well-kept parsers: gpxpy, tcxreader and fitdecode.

``read_runs`` returns each activity in the file as a ``Run`` (start, elapsed and moving time,
distance, pace) and every activity that is not a run with the reason it is refused. It never
touches the database; ``runs_import`` stores them.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

import fitdecode
import gpxpy
import gpxpy.gpx
from tcxreader.tcxreader import TCXReader

MAX_BYTES = 20 * 1024 * 1024
# Below this speed a stretch between two track points counts as stopped (gpxpy's own default).
STOPPED_KMH = 1.0
# Strideback's own rule: an activity averaging faster than this is not a run (a ride, a drive).
FASTEST_RUN_KMH = 25.0
RUN_SPORTS = {"running", "run", "trail_running", "trail running", "treadmill", "treadmill_running"}


class RunFileError(ValueError):
    """The file cannot be read as a run: one line saying why, and a ``code`` for the pages'
    words (``empty``, ``too_big``, ``unreadable``, ``not_a_watch_file``, ``no_times``,
    ``no_activity``) with the file's ``format``."""

    def __init__(self, message: str, code: str = "unreadable", format: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.format = format


@dataclass(frozen=True)
class Run:
    start: dt.datetime  # aware, UTC
    duration_s: int  # from start to end, pauses included
    moving_s: int  # time spent moving
    distance_m: float
    sport: str
    source: str  # "gpx", "tcx" or "fit"

    @property
    def pace_s_per_km(self) -> int | None:
        if self.distance_m < 1:
            return None
        return round(self.moving_s / (self.distance_m / 1000))

    def as_json(self) -> dict[str, object]:
        return {
            "start": self.start.isoformat().replace("+00:00", "Z"),
            "date": self.start.date().isoformat(),
            "duration_s": self.duration_s,
            "moving_s": self.moving_s,
            "distance_m": round(self.distance_m, 1),
            "pace_s_per_km": self.pace_s_per_km,
            "sport": self.sport,
            "source": self.source,
        }


@dataclass(frozen=True)
class Refused:
    start: dt.datetime | None
    sport: str
    reason: str
    code: str = "not_a_run"  # or "no_time", "too_fast" (then ``kmh`` says how fast)
    kmh: float = 0.0

    def as_json(self) -> dict[str, object]:
        start = self.start.isoformat().replace("+00:00", "Z") if self.start else None
        return {"start": start, "sport": self.sport, "reason": self.reason}


@dataclass(frozen=True)
class Activity:
    """What a parser found, before Strideback decides whether it is a run."""

    start: dt.datetime | None
    duration_s: float
    moving_s: float
    distance_m: float
    sport: str


def _utc(when: dt.datetime) -> dt.datetime:
    if when.tzinfo is None:  # TCX and FIT times are UTC by definition
        return when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC)


def moving_seconds(points: Iterable[tuple[dt.datetime, float]]) -> float:
    """Seconds between successive (time, cumulative distance in m) points faster than
    ``STOPPED_KMH``."""
    total = 0.0
    previous: tuple[dt.datetime, float] | None = None
    for when, distance in points:
        if previous is not None:
            seconds = (when - previous[0]).total_seconds()
            if seconds > 0 and (distance - previous[1]) / seconds * 3.6 >= STOPPED_KMH:
                total += seconds
        previous = (when, distance)
    return total


def _gpx(data: bytes) -> list[Activity]:
    try:
        parsed = gpxpy.parse(data.decode("utf-8-sig"))
    except (gpxpy.gpx.GPXException, UnicodeDecodeError, ValueError) as exc:
        raise RunFileError(
            f"is not a readable GPX file ({_first_line(exc)})", "unreadable", "gpx"
        ) from exc
    found = []
    for track in parsed.tracks:
        bounds = track.get_time_bounds()
        if bounds.start_time is None or bounds.end_time is None:
            raise RunFileError(
                "is a GPX route without times, not a recorded run", "no_times", "gpx"
            )
        moving = track.get_moving_data(stopped_speed_threshold=STOPPED_KMH)
        found.append(
            Activity(
                start=_utc(bounds.start_time),
                duration_s=(bounds.end_time - bounds.start_time).total_seconds(),
                moving_s=moving.moving_time if moving else 0.0,
                distance_m=track.length_2d(),
                sport=(track.type or "running").strip().lower(),
            )
        )
    return found


def _tcx(data: bytes) -> list[Activity]:
    # tcxreader reads from a path; the upload goes to a private temporary file for it.
    handle, path = tempfile.mkstemp(suffix=".tcx")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        exercise = TCXReader().read(path, only_gps=False)
    except (ET.ParseError, KeyError, ValueError, TypeError, AttributeError) as exc:
        raise RunFileError(
            f"is not a readable TCX file ({_first_line(exc)})", "unreadable", "tcx"
        ) from exc
    finally:
        os.unlink(path)
    points = [
        (_utc(p.time), float(p.distance))
        for p in exercise.trackpoints
        if p.time is not None and p.distance is not None
    ]
    if exercise.start_time is None or exercise.end_time is None:
        raise RunFileError("is a TCX file without a recorded activity", "no_activity", "tcx")
    return [
        Activity(
            start=_utc(exercise.start_time),
            duration_s=(exercise.end_time - exercise.start_time).total_seconds(),
            moving_s=moving_seconds(points) if points else float(exercise.duration or 0),
            distance_m=float(exercise.distance or 0),
            sport=str(exercise.activity_type or "running").lower(),
        )
    ]


def _fit(data: bytes) -> list[Activity]:
    sessions = []
    try:
        with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.RAISE) as fit:
            for frame in fit:
                if isinstance(frame, fitdecode.FitDataMessage) and frame.name == "session":
                    sessions.append({f.name: f.value for f in frame.fields})
    except (fitdecode.FitError, ValueError, KeyError, EOFError) as exc:
        raise RunFileError(
            f"is not a readable FIT file ({_first_line(exc)})", "unreadable", "fit"
        ) from exc
    found = []
    for s in sessions:
        start = s.get("start_time")
        elapsed = float(s.get("total_elapsed_time") or 0)
        moving = s.get("total_moving_time") or s.get("total_timer_time") or elapsed
        sport = s.get("sport")
        found.append(
            Activity(
                start=_utc(start) if isinstance(start, dt.datetime) else None,
                duration_s=elapsed,
                moving_s=float(moving),
                distance_m=float(s.get("total_distance") or 0),
                sport=str(sport if sport is not None else "running").lower(),
            )
        )
    return found


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:160] if text else type(exc).__name__


def _kind(data: bytes) -> str:
    if len(data) >= 12 and data[8:12] == b".FIT":
        return "fit"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<?xml") or head.startswith(b"<"):
        if b"<trainingcenterdatabase" in head:
            return "tcx"
        if b"<gpx" in head:
            return "gpx"
    raise RunFileError("is not a GPX, TCX or FIT file", "not_a_watch_file")


def _judge(activity: Activity, source: str) -> Run | Refused:
    sport = activity.sport.replace("-", "_")
    if sport not in RUN_SPORTS and activity.sport not in RUN_SPORTS:
        return Refused(activity.start, activity.sport, f"is a {activity.sport} activity, not a run")
    if activity.start is None or activity.duration_s <= 0:
        return Refused(
            activity.start, activity.sport, "has no start time or duration", code="no_time"
        )
    moving = activity.moving_s or activity.duration_s
    if activity.distance_m > 0 and activity.distance_m / moving * 3.6 > FASTEST_RUN_KMH:
        kmh = activity.distance_m / moving * 3.6
        return Refused(
            activity.start,
            activity.sport,
            f"averages {kmh:.0f} km/h, faster than a run ({FASTEST_RUN_KMH:.0f} km/h at most)",
            code="too_fast",
            kmh=kmh,
        )
    return Run(
        start=activity.start.replace(microsecond=0),
        duration_s=round(activity.duration_s),
        moving_s=round(moving),
        distance_m=activity.distance_m,
        sport=activity.sport,
        source=source,
    )


def read_runs(data: bytes) -> tuple[list[Run], list[Refused]]:
    """Every activity in a GPX, TCX or FIT file: the runs, and the others with a reason.

    Raises ``RunFileError`` for a file that is empty, too big, unreadable or holds no activity.
    """
    if not data.strip():
        raise RunFileError("is empty", "empty")
    if len(data) > MAX_BYTES:
        raise RunFileError(f"is larger than {MAX_BYTES // (1024 * 1024)} MB", "too_big")
    source = _kind(data)
    activities = {"gpx": _gpx, "tcx": _tcx, "fit": _fit}[source](data)
    if not activities:
        raise RunFileError(f"holds no recorded activity ({source.upper()})", "no_activity", source)
    runs: list[Run] = []
    refused: list[Refused] = []
    for activity in activities:
        judged = _judge(activity, source)
        if isinstance(judged, Run):
            runs.append(judged)
        else:
            refused.append(judged)
    return runs, refused
