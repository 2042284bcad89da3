"""Time the student locator against a loaded store: name and birth date, name only, parents.

    campo import children STORE.csv --region 16        # a store from bench/matching/generate.py
    python bench/locator.py --queries QUERIES.csv [--database-url URL] [--limit 500]

Each query of QUERIES.csv is searched three ways, as region 23's recruiter (so most hits take the
other-region path): its names and birth date (the duplicate check's keys), its names alone (the
prefix ranges over the same keys), and the first parent's names with the birth date. Prints the
median, p95 and maximum time per search and the mean number of hits; the work is rolled back.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import statistics
import time
from pathlib import Path

import sqlalchemy as sa

from campo.accounts.models import User
from campo.auth.permissions import Actor
from campo.config import Config
from campo.db import Database
from campo.locator.services import search_children
from campo.matching.identity import Identity


def identity(row: dict[str, str], mode: str) -> Identity:
    birth = datetime.date.fromisoformat(row["birth_date"]) if row["birth_date"] else None
    names = {
        "first_name": row["first_name"] or None,
        "middle_name": row["middle_name"] or None,
        "last_name_1": row["last_name_1"] or None,
        "last_name_2": row["last_name_2"] or None,
    }
    if mode == "name and birth date":
        return Identity(**names, birth_date=birth)
    if mode == "name only":
        return Identity(**names)
    return Identity(
        parent1_first=row["parent1_first"] or None,
        parent1_last=row["parent1_last"] or None,
        birth_date=birth,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=Path, required=True)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--limit", type=int, default=500)
    args = parser.parse_args()
    database = Database(args.database_url or Config().DATABASE_URL)
    with args.queries.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))[: args.limit]
    modes = ("name and birth date", "name only", "parents and birth date")
    with database.engine.connect() as connection:
        transaction = connection.begin()
        session = sa.orm.Session(bind=connection)
        user = session.scalar(sa.select(User).where(User.username == "recruiter2"))
        actor = Actor(user, client_address="bench")
        children = session.scalar(sa.text("SELECT count(*) FROM children"))
        print(f"{children} children, {len(rows)} queries, {database.engine.dialect.name}")
        for mode in modes:
            timings, hits = [], []
            for row in rows:
                query = identity(row, mode)
                if mode == "parents and birth date" and not (
                    query.parent1_last and query.birth_date
                ):
                    continue
                started = time.perf_counter()
                found = search_children(
                    session, actor=actor, identity=query, statewide_number=None, state_code="CA"
                )
                timings.append((time.perf_counter() - started) * 1000)
                hits.append(len(found))
            timings.sort()
            p95 = timings[int(len(timings) * 0.95) - 1]
            print(
                f"{mode:<24} n={len(timings):<5} p50 {statistics.median(timings):6.1f} ms"
                f"  p95 {p95:6.1f} ms  max {timings[-1]:6.1f} ms"
                f"  hits/search {statistics.mean(hits):.1f}"
            )
        transaction.rollback()


if __name__ == "__main__":
    main()
