"""Engine benchmark: decisions for synthetic runners with 24 weeks of journal each.

    .venv/bin/python bench/engine.py [--runners 100000] [--weeks 24] [--seed 1] [--unsorted]

Every runner follows anterior-knee-pain with return-to-run-5k (from the packaged library) and
gets their own journal: strength every other day with missed sessions and the odd break, pain
now and then, runs 3 a week from phase 4, checks, a rare red flag. Journals are made in chunks
outside the timed part, in date order as the app reads them from the database (``--unsorted``
hands them over as generated, a next-day run before a same-day check, so the engine sorts
each); only ``evaluate`` is timed, in one process (one core). Prints
runner-decisions per second by CPU time (what one core does, however busy the machine) and by
wall-clock time. The target is at least 20,000 per second.
"""

from __future__ import annotations

import argparse
import gc
import random
import time
from datetime import date, timedelta

from strideback.core.content.library import default_library
from strideback.core.content.models import Programme
from strideback.core.engine import EntryKind, JournalEntry, Pain, RedFlag, evaluate

START = date(2025, 1, 6)
CHUNK = 5_000
EXERCISES = ("plank", "side-plank", "bridge-two-leg", "single-leg-wall-press")


def _pain(rng: random.Random, sore: float) -> Pain:
    if rng.random() > sore:
        return Pain(0, 0, 0)
    return Pain(rng.randint(0, 3), rng.randint(0, 4), rng.choice((None, 0, 1, 2)))


def _strength(rng: random.Random, d: date, sore: float) -> JournalEntry:
    painful = (rng.choice(EXERCISES),) if rng.random() < 0.03 else ()
    return JournalEntry(
        d,
        EntryKind.STRENGTH,
        completed=rng.random() > 0.05,
        sets_done=None,
        pain=_pain(rng, sore),
        painful_exercises=painful,
    )


def _run(rng: random.Random, d: date, week: int, sore: float) -> JournalEntry:
    minutes = float(week + rng.randint(0, 4)) if rng.random() < 0.9 else float(week * 3)
    return JournalEntry(
        d, EntryKind.RUN, pain=_pain(rng, sore), run_minutes=minutes, swelling=rng.random() < 0.01
    )


def journal(rng: random.Random, weeks: int) -> list[JournalEntry]:
    """One runner's journal: a sore or a steady runner, with missed days and breaks."""
    sore = rng.choice((0.02, 0.05, 0.15, 0.4))
    entries: list[JournalEntry] = []
    n, last = 0, weeks * 7
    while n < last:
        if rng.random() < 0.01:
            n += rng.randint(7, 25)  # a break
            continue
        d = START + timedelta(days=n)
        if rng.random() < 0.9:
            entries.append(_strength(rng, d, sore))
        if n >= 84 and n % 7 in (0, 2, 4) and rng.random() < 0.85:
            entries.append(_run(rng, d + timedelta(days=1), (n - 84) // 7 + 1, sore))
        if rng.random() < 0.05:
            entries.append(
                JournalEntry(
                    d, EntryKind.CHECK, completed=False, pain=Pain(next_morning=rng.randint(0, 3))
                )
            )
        if rng.random() < 0.0005:
            entries.append(
                JournalEntry(
                    d,
                    EntryKind.CHECK,
                    completed=False,
                    red_flags=frozenset({rng.choice(list(RedFlag))}),
                )
            )
        n += 2
    return entries


def in_date_order(entries: list[JournalEntry]) -> list[JournalEntry]:
    """As the app hands a journal to the engine: read from the database in date order."""
    return sorted(entries, key=lambda e: e.ordinal)


def bench(
    runners: int, weeks: int, seed: int, knee: Programme, run: Programme, unsorted: bool = False
) -> tuple[float, float, int]:
    rng = random.Random(seed)
    on = START + timedelta(weeks=weeks)
    cpu, elapsed, entries, done = 0.0, 0.0, 0, 0
    while done < runners:
        chunk = [journal(rng, weeks) for _ in range(min(CHUNK, runners - done))]
        if not unsorted:
            chunk = [in_date_order(entries_of_one) for entries_of_one in chunk]
        entries += sum(len(j) for j in chunk)
        # The chunk's million objects are input, not work: keep the cyclic GC from scanning
        # them again and again while timing (timeit switches the GC off altogether).
        gc.freeze()
        c0, t0 = time.process_time(), time.perf_counter()
        for entries_of_one in chunk:
            evaluate(knee, START, entries_of_one, on, run_plan=run)
        cpu += time.process_time() - c0
        elapsed += time.perf_counter() - t0
        gc.unfreeze()
        done += len(chunk)
    return cpu, elapsed, entries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runners", type=int, default=100_000)
    parser.add_argument("--weeks", type=int, default=24)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--unsorted",
        action="store_true",
        help="hand the engine journals out of date order (it then sorts each one)",
    )
    args = parser.parse_args()
    library = default_library()
    knee, run = library.programme("anterior-knee-pain"), library.programme("return-to-run-5k")
    cpu, elapsed, entries = bench(args.runners, args.weeks, args.seed, knee, run, args.unsorted)
    print(
        f"{args.runners:,} runners, {args.weeks} weeks each, {entries / args.runners:.0f} "
        f"journal entries per runner on average"
    )
    print(
        f"evaluate: {cpu:.2f} s CPU ({cpu / args.runners * 1e6:.1f} µs per runner), "
        f"{elapsed:.2f} s wall clock"
    )
    print(f"{args.runners / cpu:,.0f} runner-decisions per second (CPU time, one core)")
    print(
        f"{args.runners / elapsed:,.0f} runner-decisions per second (wall clock; lower when "
        f"the machine is busy)"
    )


if __name__ == "__main__":
    main()
