"""Runs from the watch: ``POST /api/v1/journal/import`` with a GPX, TCX or FIT file."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import Field

from strideback.api.auth import USER_AUTH
from strideback.api.errors import ApiError
from strideback.api.schemas import ERRORS
from strideback.training.models import ImportedRun
from strideback.training.run_import import import_file
from strideback.training.runfiles import MAX_BYTES, RunFileError

router = Router(tags=["journal"], auth=USER_AUTH)


class ImportedRunOut(Schema):
    start: dt.datetime = Field(description="when the run started")
    date: dt.date = Field(description="the journal day it is logged on")
    duration_s: int = Field(description="its duration in seconds")
    moving_s: int = Field(description="seconds moving")
    distance_m: float = Field(description="the distance in metres")
    pace_s_per_km: int | None = Field(description="seconds per km while moving")
    source: str = Field(description="the file format it came from: gpx, tcx or fit")
    entry_id: int = Field(description="the journal entry it is logged as")
    run_week: int | None = Field(description="the run plan week it counts for")
    run_day: int | None = Field(description="the run plan day it counts for")


class RefusedOut(Schema):
    start: dt.datetime | None = Field(description="when the activity started, if known")
    sport: str = Field(description="the sport the file names")
    reason: str = Field(description="why it was not logged")


class ImportOut(Schema):
    stored: list[ImportedRunOut] = Field(description="runs logged now")
    already_there: list[ImportedRunOut] = Field(description="runs logged before")
    refused: list[RefusedOut] = Field(description="activities not logged, with the reason")


def imported_out(run: ImportedRun) -> dict[str, object]:
    pace = round(run.moving_s / (run.distance_m / 1000)) if run.distance_m >= 1 else None
    return {
        "start": run.start,
        "date": run.entry.date,
        "duration_s": run.duration_s,
        "moving_s": run.moving_s,
        "distance_m": run.distance_m,
        "pace_s_per_km": pace,
        "source": run.source,
        "entry_id": run.entry_id,
        "run_week": run.entry.run_week,
        "run_day": run.entry.run_day,
    }


@router.post(
    "",
    response={200: ImportOut, 201: ImportOut, **ERRORS},
    summary="Import runs from a watch file (GPX, TCX or FIT)",
    description="Multipart form with the field `file`. 201 when a run was stored (matched to "
    "the run planned that day); 200 when every run in it was already there (nothing is stored "
    "twice); 422 for a file that is empty, broken, not a watch file, or holds no run (a ride "
    "is refused with its reason).",
)
def import_runs(request: HttpRequest, file: File[UploadedFile]) -> Status[dict[str, object]]:
    if file.size is not None and file.size > MAX_BYTES:
        raise ApiError(422, f"is larger than {MAX_BYTES // (1024 * 1024)} MB", "file")
    try:
        result = import_file(request.auth, file.read())
    except RunFileError as exc:
        raise ApiError(422, str(exc), "file") from None
    if not result.stored and not result.already:
        reasons = "; ".join(f"the activity {r.reason}" for r in result.refused)
        raise ApiError(422, f"holds no run: {reasons}", "file")
    body = {
        "stored": [imported_out(r) for r in result.stored],
        "already_there": [imported_out(r) for r in result.already],
        "refused": [r.as_json() for r in result.refused],
    }
    return Status(201 if result.stored else 200, body)
