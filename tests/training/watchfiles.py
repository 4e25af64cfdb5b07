"""Real-shaped watch exports, written here (no downloads): GPX as Garmin Connect and Strava
write it, TCX as Garmin and Polar write it, FIT built with fit-tool as a watch records it
(file id, timer events, one record a second-ish, a lap, a session and the activity)."""

from __future__ import annotations

import datetime as dt

from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.activity_message import ActivityMessage
from fit_tool.profile.messages.event_message import EventMessage
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.lap_message import LapMessage
from fit_tool.profile.messages.record_message import RecordMessage
from fit_tool.profile.messages.session_message import SessionMessage
from fit_tool.profile.profile_type import Event, EventType, FileType, Manufacturer, Sport

LAT0, LON0 = 55.6761, 12.5683  # Copenhagen
M_PER_DEG_LAT = 111_320.0


def track(
    start: dt.datetime, minutes: int, speed_ms: float, step_s: int = 10, pause_s: int = 0
) -> list[tuple[dt.datetime, float, float, float]]:
    """(time, lat, lon, cumulative metres) heading north at ``speed_ms``; with ``pause_s`` the
    runner stands still that long half way (a traffic light)."""
    points = []
    distance = 0.0
    when = start
    n = minutes * 60 // step_s
    for i in range(n + 1):
        points.append((when, LAT0 + distance / M_PER_DEG_LAT, LON0, distance))
        when += dt.timedelta(seconds=step_s)
        if pause_s and i == n // 2:
            for _ in range(pause_s // step_s):
                points.append((when, LAT0 + distance / M_PER_DEG_LAT, LON0, distance))
                when += dt.timedelta(seconds=step_s)
        distance += speed_ms * step_s
    return points


def gpx(points: list[tuple[dt.datetime, float, float, float]], kind: str = "running") -> bytes:
    rows = "\n".join(
        f'      <trkpt lat="{lat:.7f}" lon="{lon:.7f}"><ele>12.0</ele>'
        f"<time>{t.strftime('%Y-%m-%dT%H:%M:%SZ')}</time></trkpt>"
        for t, lat, lon, _ in points
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<gpx creator="StravaGPX" version="1.1" xmlns="http://www.topografix.com/GPX/1/1"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.topografix.com/GPX/1/1 http://www.topografix.com/GPX/1/1/gpx.xsd">
 <metadata><time>{points[0][0].strftime("%Y-%m-%dT%H:%M:%SZ")}</time></metadata>
 <trk>
  <name>Morning Run</name>
  <type>{kind}</type>
  <trkseg>
{rows}
  </trkseg>
 </trk>
</gpx>
""".encode()


def tcx(points: list[tuple[dt.datetime, float, float, float]], sport: str = "Running") -> bytes:
    start = points[0][0].strftime("%Y-%m-%dT%H:%M:%S.000Z")
    total = (points[-1][0] - points[0][0]).total_seconds()
    rows = "\n".join(
        f"<Trackpoint><Time>{t.strftime('%Y-%m-%dT%H:%M:%S.000Z')}</Time>"
        f"<Position><LatitudeDegrees>{lat:.7f}</LatitudeDegrees>"
        f"<LongitudeDegrees>{lon:.7f}</LongitudeDegrees></Position>"
        f"<AltitudeMeters>12.0</AltitudeMeters><DistanceMeters>{d:.1f}</DistanceMeters>"
        f"<HeartRateBpm><Value>{140 + i % 10}</Value></HeartRateBpm></Trackpoint>"
        for i, (t, lat, lon, d) in enumerate(points)
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
 <Activities>
  <Activity Sport="{sport}">
   <Id>{start}</Id>
   <Lap StartTime="{start}">
    <TotalTimeSeconds>{total:.1f}</TotalTimeSeconds>
    <DistanceMeters>{points[-1][3]:.1f}</DistanceMeters>
    <Calories>300</Calories>
    <Intensity>Active</Intensity>
    <TriggerMethod>Manual</TriggerMethod>
    <Track>
{rows}
    </Track>
   </Lap>
   <Creator xsi:type="Device_t"><Name>Polar Vantage V2</Name></Creator>
  </Activity>
 </Activities>
</TrainingCenterDatabase>
""".encode()


def _ms(when: dt.datetime) -> int:
    return round(when.timestamp() * 1000)


def fit(
    points: list[tuple[dt.datetime, float, float, float]],
    sport: Sport = Sport.RUNNING,
    sessions: int = 1,
) -> bytes:
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    start, end = points[0][0], points[-1][0]
    file_id = FileIdMessage()
    file_id.type = FileType.ACTIVITY
    file_id.manufacturer = Manufacturer.GARMIN.value
    file_id.product = 3113
    file_id.time_created = _ms(start)
    file_id.serial_number = 0x12345678
    builder.add(file_id)
    event = EventMessage()
    event.event, event.event_type, event.timestamp = Event.TIMER, EventType.START, _ms(start)
    builder.add(event)
    for i, (t, lat, lon, d) in enumerate(points):
        record = RecordMessage()
        record.timestamp = _ms(t)
        record.position_lat, record.position_long = lat, lon
        record.distance = d
        record.heart_rate = 140 + i % 10
        builder.add(record)
    event = EventMessage()
    event.event, event.event_type, event.timestamp = Event.TIMER, EventType.STOP_ALL, _ms(end)
    builder.add(event)
    elapsed = (end - start).total_seconds()
    moving = elapsed - sum(
        (b[0] - a[0]).total_seconds()
        for a, b in zip(points, points[1:], strict=False)
        if b[3] == a[3]
    )
    for _ in range(sessions):
        lap = LapMessage()
        lap.timestamp, lap.start_time = _ms(end), _ms(start)
        lap.total_elapsed_time, lap.total_timer_time = elapsed, moving
        lap.total_distance = points[-1][3]
        builder.add(lap)
        session = SessionMessage()
        session.timestamp, session.start_time = _ms(end), _ms(start)
        session.sport = sport
        session.total_elapsed_time, session.total_timer_time = elapsed, moving
        session.total_distance = points[-1][3]
        session.first_lap_index, session.num_laps = 0, 1
        builder.add(session)
    activity = ActivityMessage()
    activity.timestamp = _ms(end)
    activity.total_timer_time = moving
    activity.num_sessions = sessions
    builder.add(activity)
    return bytes(builder.build().to_bytes())


__all__ = ["fit", "gpx", "tcx", "track"]
