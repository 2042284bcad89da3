"""What the audit chain costs: concurrent committing writers, and verifying a long chain.

    .venv/bin/python bench/audit_chain.py --url URL [--writers 8] [--transactions 300]
        [--events 3] [--verify-events 200000] [--reset]

Writers: ``--writers`` processes, each with its own connection, commit ``--transactions``
transactions of ``--events`` audit events each (a COE's submission records three: two
signatures and the submission), all at once, so they queue on the chain head. Prints
transactions and events per second, and the p50/p95 commit latency. Then it appends events
in bulk up to ``--verify-events`` and times ``verify_chain`` over the whole trail.

The database is migrated first. ``--reset`` drops PostgreSQL's ``public`` schema first (only
for a scratch database); a SQLite URL to a new file needs no reset.
"""

from __future__ import annotations

import argparse
import multiprocessing
import statistics
import time

import sqlalchemy as sa

from campo.audit.chain import verify_chain
from campo.audit.models import AuditEvent
from campo.audit.services import record_event
from campo.db import Database


def _record(session, count: int, index: int) -> None:  # type: ignore[no-untyped-def]
    for n in range(count):
        record_event(
            session,
            actor=None,
            action="bench.event",
            entity_type="coe",
            entity_id=f"{index}-{n}",
            changed_fields=["answers.family.phone", "status"],
            details={"version": n},
            client_address="10.0.0.1",
        )


def _writer(url: str, worker: int, transactions: int, events: int, start, queue) -> None:  # type: ignore[no-untyped-def]
    database = Database(url)
    latencies = []
    start.wait()
    for index in range(transactions):
        began = time.perf_counter()
        with database.transaction() as session:
            _record(session, events, worker * transactions + index)
        latencies.append(time.perf_counter() - began)
    queue.put(latencies)


def writers(url: str, processes: int, transactions: int, events: int) -> None:
    # Processes, as a server's workers are: threads of one process would also queue on the GIL
    # while one of them holds the chain head, which a real deployment does not.
    context = multiprocessing.get_context("fork")
    start = context.Barrier(processes + 1)
    queue = context.Queue()
    pool = [
        context.Process(target=_writer, args=(url, n, transactions, events, start, queue))
        for n in range(processes)
    ]
    for process in pool:
        process.start()
    start.wait()
    began = time.perf_counter()
    latencies: list[float] = []
    for _process in pool:
        latencies.extend(queue.get())
    seconds = time.perf_counter() - began
    for process in pool:
        process.join()
    total = processes * transactions
    ordered = sorted(latencies)
    print(
        f"{processes} writers, {total} transactions of {events} events in {seconds:.1f} s: "
        f"{total / seconds:.0f} transactions/s, {total * events / seconds:.0f} events/s; "
        f"commit p50 {statistics.median(ordered) * 1000:.1f} ms, "
        f"p95 {ordered[int(0.95 * len(ordered))] * 1000:.1f} ms"
    )


def fill_and_verify(database: Database, target: int) -> None:
    with database.engine.connect() as connection:
        have = connection.scalar(sa.select(sa.func.count()).select_from(AuditEvent)) or 0
    began = time.perf_counter()
    batch = 5000
    while have < target:
        count = min(batch, target - have)
        with database.transaction() as session:
            _record(session, count, have)
        have += count
    print(f"appended up to {have} events in {time.perf_counter() - began:.1f} s")
    began = time.perf_counter()
    with database.engine.connect() as connection, connection.begin():
        report = verify_chain(connection)
    seconds = time.perf_counter() - began
    state = "OK" if report.ok else f"BROKEN: {report.broken}"
    print(
        f"verify: {report.count} events in {seconds:.1f} s "
        f"({report.count / seconds:.0f} events/s): {state}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--transactions", type=int, default=300)
    parser.add_argument("--events", type=int, default=3)
    parser.add_argument("--verify-events", type=int, default=200_000)
    parser.add_argument("--reset", action="store_true")
    args = parser.parse_args()
    if args.reset and args.url.startswith("postgresql"):
        engine = sa.create_engine(args.url)
        with engine.begin() as connection:
            connection.execute(sa.text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(sa.text("CREATE SCHEMA public"))
        engine.dispose()
    database = Database(args.url)
    database.upgrade()
    database.engine.dispose()  # no connection crosses the fork
    writers(args.url, args.writers, args.transactions, args.events)
    fill_and_verify(database, args.verify_events)


if __name__ == "__main__":
    main()
