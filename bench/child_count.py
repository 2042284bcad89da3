"""How long the statewide child count takes over a state-sized PostgreSQL database.

    .venv/bin/python bench/child_count.py [--children 1000000] [--rows 3000000]
        [--database campo_bench] [--host 127.0.0.1] [--user postgres] [--repeat 5] [--keep]

(Re)creates the database with ``createdb``-equivalent SQL, migrates it, and bulk-loads through
COPY (psycopg): the children, their families and COEs (90 % approved, one child in ten with a
second qualifying move), and ``--rows`` enrollment and service rows (two thirds school
enrollments, one third MEP services: regular, summer and intersession). Then it times, for the
2025-2026 period, the statewide Category 1 and 2 totals (the target: under 2 s), the per-region
numbers and the age/grade breakdown (the totals ``--repeat`` times, the others once), and
prints the median and the slowest. ``--keep`` reuses an already loaded database.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import psycopg
import sqlalchemy as sa
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "backend"))

from campo.accounts.models import Region, Role  # noqa: E402
from campo.accounts.services import create_user  # noqa: E402
from campo.db import Database  # noqa: E402
from campo.demo.data import load_regions  # noqa: E402
from campo.reports import counts  # noqa: E402
from campo.reports.periods import Period, open_enrollment_end  # noqa: E402

CHUNK = 100_000
EPOCH = date(2021, 1, 1)
PERIOD = Period(2025)
NULL = "\\N"  # COPY's text format for NULL
GRADES = ["PK", "KG", *(f"{n:02d}" for n in range(1, 13))]


def _day(offset: int) -> date:
    return EPOCH + timedelta(days=offset)


def _recreate(admin_url: str, name: str) -> None:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def _copy(conn: psycopg.Connection, table: str, columns: str, rows: Iterator[str]) -> int:
    """COPY tab-separated lines into ``table``, a chunk of text at a time."""
    written = 0
    with conn.cursor() as cur, cur.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        buffer = io.StringIO()
        for line in rows:
            buffer.write(line)
            written += 1
            if written % CHUNK == 0:
                copy.write(buffer.getvalue())
                buffer = io.StringIO()
        copy.write(buffer.getvalue())
    return written


def _eoe(qad: date, birth: date) -> date:
    """QAD + 36 months - 1 day, or the day before the 22nd birthday if earlier."""
    end = (
        qad.replace(year=qad.year + 3)
        if not (qad.month == 2 and qad.day == 29)
        else date(qad.year + 3, 3, 1)
    )
    end -= timedelta(days=1)
    try:
        day22 = birth.replace(year=birth.year + 22)
    except ValueError:
        day22 = date(birth.year + 22, 3, 1)
    return min(end, day22 - timedelta(days=1))


def load(url: str, children: int, rows: int, seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 - synthetic data, not secrets
    database = Database(url)
    database.upgrade()
    with database.transaction() as session:
        load_regions(session)
        create_user(
            session,
            username="bench",
            full_name="Bench",
            password="bench-password-123",  # noqa: S106 - a throwaway benchmark database
            role=Role.STATE_ADMIN,
            region_code=None,
            language="en",
        )
        region_ids = list(session.scalars(sa.select(Region.id).order_by(Region.id)))
    database.engine.dispose()
    libpq = url.replace("postgresql+psycopg://", "postgresql://")
    started = time.perf_counter()
    with psycopg.connect(libpq) as conn:
        conn.execute("SET session_replication_role = replica")  # no FK triggers during the load
        user_id = conn.execute("SELECT id FROM users WHERE username = 'bench'").fetchone()[0]
        family_ids = [uuid.uuid4() for _ in range(1000)]
        now = "2026-11-22 00:00:00+00"
        _copy(
            conn,
            "families",
            "id, region_id, name_key, language, created_by_id, created_at, updated_at",
            (
                f"{f}\t{region_ids[i % len(region_ids)]}\t\tes\t{user_id}\t{now}\t{now}\n"
                for i, f in enumerate(family_ids)
            ),
        )
        people: list[tuple[uuid.UUID, date, int]] = []

        def child_rows() -> Iterator[str]:
            for serial in range(1, children + 1):
                child_id = uuid.uuid4()
                birth = _day(rng.randrange(-18 * 365, 3 * 365))  # born 2003 .. 2023
                region = rng.choice(region_ids)
                people.append((child_id, birth, region))
                yield (
                    f"{child_id}\tCA{serial:010d}0\t{region}\tBench\tNiño{serial % 997}\t"
                    f"{birth}\tf\t1007\t{now}\t{now}\n"
                )

        _copy(
            conn,
            "children",
            "id, statewide_number, region_id, last_name1, first_name, birth_date, "
            "multiple_birth, birth_date_verification, created_at, updated_at",
            child_rows(),
        )
        coe_lines: list[str] = []

        def coe_child_rows() -> Iterator[str]:
            for child_id, birth, region in people:
                moves = 2 if rng.random() < 0.1 else 1
                qad = _day(rng.randrange(365, 365 * 5 + 240))  # 2022 .. mid-2026
                for move in range(moves):
                    if move:
                        qad = qad + timedelta(days=rng.randrange(200, 700))
                    if qad <= birth:
                        qad = birth + timedelta(days=30)
                    coe_id = uuid.uuid4()
                    status = "approved" if rng.random() < 0.9 else "submitted"
                    interview = qad + timedelta(days=rng.randrange(0, 30))
                    coe_lines.append(
                        f"{coe_id}\t{region}\t{rng.choice(family_ids)}\t{user_id}\t{status}\t"
                        f"coe\t1.1\t{{}}\t{'0' * 64}\t1\tes\t{qad}\t{interview}\t{now}\t{now}\n"
                    )
                    yield (
                        f"{uuid.uuid4()}\t{coe_id}\t0\t{child_id}\t{birth}\t{qad}\t"
                        f"{_eoe(qad, birth)}\t\n"
                    )

        _copy(
            conn,
            "coe_children",
            "id, coe_id, position, child_id, birth_date, residency_date, "
            "eligibility_end_date, name_key",
            coe_child_rows(),
        )
        _copy(
            conn,
            "coes",
            "id, region_id, family_id, recruiter_id, status, form_id, form_version, answers, "
            "content_hash, version, language, qualifying_arrival_date, interview_date, "
            "created_at, updated_at",
            iter(coe_lines),
        )
        coe_lines.clear()
        enrollments = rows * 2 // 3

        def enrollment_rows() -> Iterator[str]:
            for n in range(enrollments):
                child_id, birth, region = people[n % len(people)]
                start = _day(rng.randrange(365, 365 * 5 + 240))
                withdrawn = rng.random() < 0.6
                end = start + timedelta(days=rng.randrange(20, 300)) if withdrawn else None
                period_end = open_enrollment_end(start)
                age = (start - birth).days // 365
                grade = GRADES[min(max(age - 4, 0), len(GRADES) - 1)] if age >= 4 else NULL
                kind = "06" if rng.random() < 0.1 else "01"
                # One enrollment in seven is in another region: children move.
                where = rng.choice(region_ids) if n % 7 == 0 else region
                yield (
                    f"{uuid.uuid4()}\t{child_id}\t{where}"
                    f"\t{kind}\tEscuela {n % 5000}\t{grade}\t{start}\t{end or NULL}\t"
                    f"{end or period_end}\t{now}\t{now}\n"
                )

        _copy(
            conn,
            "school_enrollments",
            "id, child_id, region_id, enrollment_type, school_name, grade, enrollment_date, "
            "withdrawal_date, evidence_end_date, created_at, updated_at",
            enrollment_rows(),
        )

        def service_rows() -> Iterator[str]:
            for _row in range(rows - enrollments):
                child_id, _birth, region = people[rng.randrange(len(people))]
                term = rng.choices(["regular", "summer", "intersession"], [6, 3, 1])[0]
                start = _day(rng.randrange(365, 365 * 5 + 240))
                end = start + timedelta(days=rng.randrange(0, 40))
                yield (
                    f"{uuid.uuid4()}\t{child_id}\t{region}\treading\t{term}\t{start}\t{end}\t"
                    f"{now}\t{now}\n"
                )

        _copy(
            conn,
            "mep_services",
            "id, child_id, region_id, service_type, term, start_date, end_date, "
            "created_at, updated_at",
            service_rows(),
        )
        conn.commit()
    print(f"loaded in {time.perf_counter() - started:.0f} s; analyzing")
    with psycopg.connect(libpq, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")


def _time(label: str, repeat: int, run: Callable[[], object]) -> None:
    timings = []
    result: object = None
    for _run in range(repeat):
        started = time.perf_counter()
        result = run()
        timings.append(time.perf_counter() - started)
    # The machine's load (other work on the same cores) says how far from idle the run was.
    load = os.getloadavg()[0]
    print(
        f"{label:<28} median {statistics.median(timings):6.2f} s   fastest {min(timings):6.2f} s"
        f"   slowest {max(timings):6.2f} s   load {load:4.1f}   -> {result}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--children", type=int, default=1_000_000)
    parser.add_argument("--rows", type=int, default=3_000_000)
    parser.add_argument("--database", default="campo_bench")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--user", default="postgres")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--keep", action="store_true", help="reuse the loaded database")
    args = parser.parse_args()
    base = f"postgresql+psycopg://{args.user}@{args.host}:5432"
    url = f"{base}/{args.database}"
    if not args.keep:
        _recreate(f"postgresql://{args.user}@{args.host}:5432/postgres", args.database)
        load(url, args.children, args.rows, args.seed)
    engine = sa.create_engine(url)
    with Session(engine) as session:
        sizes = {
            table: session.scalar(sa.text(f"SELECT count(*) FROM {table}"))  # noqa: S608
            for table in ("children", "coes", "school_enrollments", "mep_services")
        }
        print("rows:", sizes)
        _time(
            "statewide Category 1 and 2",
            args.repeat,
            lambda: counts.statewide_totals(session, PERIOD),
        )
        _time(
            "one region's totals",
            args.repeat,
            lambda: counts.statewide_totals(session, PERIOD, 1),
        )
        _time(
            "per region",
            1,
            lambda: sum(r["category1"] for r in counts.by_region(session, PERIOD)),
        )
        _time(
            "per age/grade",
            1,
            lambda: sum(r["category1"] for r in counts.by_bucket(session, PERIOD)),
        )
    engine.dispose()


if __name__ == "__main__":
    main()
