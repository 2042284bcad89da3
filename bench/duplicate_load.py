"""The duplicate check under concurrent load: POST /api/v1/duplicates/check, N clients at once.

The server is gunicorn on loopback against a PostgreSQL database that already holds the
children, loaded through the production import (see "Load and faults" in the README):

    .venv/bin/python bench/matching/generate.py --store 1000000 --queries 2000 --seed 21 \\
        --out /tmp/m1m
    DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/campo_bench_dup \\
        .venv/bin/campo db upgrade && .venv/bin/campo demo  # regions and the demo accounts
    DATABASE_URL=... .venv/bin/campo import children /tmp/m1m/STORE.csv --region 16
    .venv/bin/python bench/duplicate_load.py \\
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/campo_bench_dup \\
        --queries /tmp/m1m/QUERIES.csv

Each client signs in as a demo recruiter of region 16 (where the children were imported) and
sends the generator's queries, identities as recruiters type them (re-entries with accents
dropped, surnames swapped, nicknames... and new children), one after the other. Reports the
latency p50/p95/p99 seen by the clients, the throughput and the answers' status codes.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import sys
import threading
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import requests
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sync_storm import free_port, percentile, start_server, stop_server  # noqa: E402

FIELDS = (
    "first_name",
    "middle_name",
    "last_name_1",
    "last_name_2",
    "sex",
    "birth_date",
    "birth_city",
    "birth_state",
    "birth_country",
    "parent1_first",
    "parent1_last",
    "parent2_first",
    "parent2_last",
)


def read_queries(path: Path) -> list[dict[str, Any]]:
    """The generator's queries as check bodies; a mistyped date is left out (it is a 422)."""
    queries = []
    with path.open(newline="", encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            body: dict[str, Any] = {name: (record.get(name) or None) for name in FIELDS}
            try:
                date.fromisoformat(body["birth_date"] or "")
            except ValueError:
                continue
            body["birth_country"] = (body["birth_country"] or "")[:3] or None
            queries.append(body)
    return queries


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--queries", type=Path, required=True, help="QUERIES.csv")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=4000, help="in all")
    parser.add_argument("--warmup", type=int, default=200, help="requests not measured")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers")
    parser.add_argument("--username", default="recruiter1")
    parser.add_argument("--password", default=os.environ.get("CAMPO_DEMO_PASSWORD", "campo-demo"))
    parser.add_argument("--json", type=Path)
    options = parser.parse_args()

    engine = sa.create_engine(options.database_url)
    with engine.connect() as connection:
        children = connection.scalar(sa.text("SELECT count(*) FROM children"))
        keys = connection.scalar(sa.text("SELECT count(*) FROM child_match_keys"))
    engine.dispose()
    queries = read_queries(options.queries)
    print(f"{children:,} children, {keys:,} match keys; {len(queries):,} queries")

    port = free_port()
    server = start_server(options.database_url, port, options.workers, 1)
    base = f"http://127.0.0.1:{port}"
    load_before = os.getloadavg()
    try:
        answer = requests.post(
            f"{base}/api/v1/auth/login",
            json={"username": options.username, "password": options.password},
            timeout=30,
        )
        answer.raise_for_status()
        headers = {"Authorization": f"Bearer {answer.json()['access_token']}"}

        lock = threading.Lock()
        latencies: list[float] = []
        statuses: Counter[str] = Counter()
        candidates: list[int] = []
        counter = iter(range(options.warmup + options.requests))

        def client() -> None:
            http = requests.Session()
            while True:
                with lock:
                    number = next(counter, None)
                if number is None:
                    break
                body = queries[number % len(queries)]
                started = time.perf_counter()
                try:
                    reply = http.post(
                        f"{base}/api/v1/duplicates/check", json=body, headers=headers, timeout=30
                    )
                    status = str(reply.status_code)
                except requests.RequestException as error:
                    reply, status = None, type(error).__name__
                elapsed = (time.perf_counter() - started) * 1000
                if number < options.warmup:
                    continue
                with lock:
                    latencies.append(elapsed)
                    statuses[status] += 1
                    if reply is not None and reply.ok:
                        candidates.append(len(reply.json()))
            http.close()

        threads = [threading.Thread(target=client) for _ in range(options.clients)]
        started = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        load_after = os.getloadavg()
    finally:
        stop_server(server)

    result = {
        "children": children,
        "clients": options.clients,
        "workers": options.workers,
        "requests": len(latencies),
        "seconds": round(elapsed, 1),
        "checks_per_second": round(len(latencies) / elapsed, 1),
        "latency_ms": {
            "p50": round(percentile(latencies, 0.50), 1),
            "p95": round(percentile(latencies, 0.95), 1),
            "p99": round(percentile(latencies, 0.99), 1),
            "mean": round(statistics.fmean(latencies), 1),
        },
        "answers": dict(statuses),
        "candidates_mean": round(statistics.fmean(candidates), 2) if candidates else None,
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
    }
    print(json.dumps(result, indent=2))
    if options.json:
        options.json.write_text(json.dumps(result, indent=2) + "\n")
    return 0 if set(statuses) == {"200"} else 1


if __name__ == "__main__":
    sys.exit(main())
