"""Sync storm: many tablets push their queued COEs at once to the real server, then we count.

The server is gunicorn with several workers on loopback against a PostgreSQL database this
script wipes, migrates and fills with the regions and one recruiter account per tablet. Every
tablet signs in (before the clock starts), then sends its queue the way pwa/src/sync.js does:
for each COE a PUT under its client-made UUID, then the submission with both signatures;
network failures, timeouts, 5xx, 408 and 429 are retried with backoff. On top of that the
tablets send deliberate duplicates: a share of PUTs and submissions is sent again after the
answer (a lost acknowledgement), and a share is sent twice at the same moment from two
connections (a tablet and its retry racing).

After the storm the database must hold exactly one COE per client UUID, submitted, with its
two children, its two current signatures and one family; nothing missing, nothing doubled.

    .venv/bin/python bench/sync_storm.py \\
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/campo_bench_storm

Exit status 1 when the database check fails.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import requests
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.factories import complete_answers, signatures, state_today  # noqa: E402

from campo.accounts import services as accounts_services  # noqa: E402
from campo.accounts.models import Region, Role  # noqa: E402
from campo.accounts.services import create_user  # noqa: E402
from campo.db import Database  # noqa: E402
from campo.demo.data import load_regions  # noqa: E402

PASSWORD = "storm-password-1"  # noqa: S105 - the bench accounts of a wiped database
RETRYABLE = {408, 429, 500, 502, 503, 504}
FIRST_NAMES = ["Ana", "Luis", "Rosa", "Jesús", "María", "Pedro", "Lupe", "Chuy", "Ximena", "Iván"]
SURNAMES = ["García", "López", "Hernández", "Núñez", "Peña", "Ruiz", "Díaz", "Cruz", "Ortiz"]


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Stats:
    lock: threading.Lock = field(default_factory=threading.Lock)
    latency: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter[str] = field(default_factory=Counter)
    retries: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    accepted: set[str] = field(default_factory=set)

    def record(self, kind: str, seconds: float, outcome: str) -> None:
        with self.lock:
            self.latency[kind].append(seconds * 1000)
            self.statuses[f"{kind} {outcome}"] += 1


def prepare_database(url: str, tablets: int) -> list[str]:
    """Wipe and migrate the database; make one recruiter per tablet (regions 16 and 23)."""
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()
    database = Database(url)
    database.upgrade()
    usernames = [f"storm{number:03d}" for number in range(tablets)]
    # One Argon2 hash for every bench account (same password): hashing is slow on purpose.
    accounts_services.hash_password = functools.cache(accounts_services.hash_password)
    with database.transaction() as session:
        load_regions(session)
        codes = [
            code
            for code in ("16", "23")
            if session.scalar(sa.select(Region.id).where(Region.code == code))
        ]
        for number, username in enumerate(usernames):
            create_user(
                session,
                username=username,
                full_name=f"Storm Recruiter {number}",
                password=PASSWORD,
                role=Role.RECRUITER,
                region_code=codes[number % len(codes)],
                language="es",
            )
    database.engine.dispose()
    return usernames


def start_server(url: str, port: int, workers: int, threads: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": url, "CAMPO_ENV": "development"}
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "--workers", str(workers),
        "--bind", f"127.0.0.1:{port}",
        "--backlog", "2048",
        "--timeout", "60",
        "--log-level", "warning",
    ]  # fmt: skip
    if threads > 1:
        command += ["--worker-class", "gthread", "--threads", str(threads)]
    command.append("campo.app:create_app()")
    log_path = Path(tempfile.mkstemp(prefix="storm-gunicorn-", suffix=".log")[1])
    print(f"gunicorn log: {log_path}")
    with log_path.open("wb") as log:
        server = subprocess.Popen(  # noqa: S603 - our own gunicorn, fixed arguments
            command, env=env, cwd=ROOT, start_new_session=True, stdout=log, stderr=log
        )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/api/health", timeout=5).ok:
                return server
        except requests.RequestException:
            pass
        if server.poll() is not None:
            raise SystemExit("gunicorn exited at start")
        time.sleep(0.5)
    stop_server(server)
    raise SystemExit("gunicorn did not answer within 120 s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def sign_in(base: str, username: str) -> str:
    for attempt in range(10):
        try:
            answer = requests.post(
                f"{base}/api/v1/auth/login",
                json={"username": username, "password": PASSWORD},
                timeout=30,
            )
        except requests.RequestException:
            answer = None
        if answer is not None and answer.ok:
            return str(answer.json()["access_token"])
        time.sleep(0.5 * (attempt + 1))
    raise SystemExit(f"{username} could not sign in")


def queued_coe(rng: random.Random, today: date) -> dict[str, Any]:
    """One queued COE with two children, names varied so the duplicate check has work."""
    answers = complete_answers(today, children=2)
    surname, second = rng.choice(SURNAMES), rng.choice(SURNAMES)
    answers["family"]["parent1_last_name"] = surname
    answers["family"]["parent2_last_name"] = second
    for child in answers["children"]:
        child["last_name1"], child["last_name2"] = surname, second
        child["first_name"] = f"{rng.choice(FIRST_NAMES)} {rng.choice(FIRST_NAMES)}"
    answers["move"]["worker_last_name"] = surname
    return {
        "id": str(uuid.uuid4()),
        "put": {"language": "es", "form_version": "1.1", "answers": answers},
        "signatures": signatures(f"Ignacio {surname}"),
    }


class Tablet:
    def __init__(
        self, base: str, token: str, queue: list[dict[str, Any]], options: Any, number: int
    ) -> None:
        self.base = base
        self.headers = {"Authorization": f"Bearer {token}", "Accept-Language": "es"}
        self.queue = queue
        self.options = options
        self.rng = random.Random(options.seed * 1000 + number)  # noqa: S311 - load shape
        self.http = requests.Session()

    def call(self, kind: str, method: str, url: str, body: Any, stats: Stats, *, http=None) -> Any:
        """One request as sync.js's attempt(): retried on network errors, timeouts and 5xx."""
        http = http or self.http
        for attempt in range(self.options.max_attempts):
            started = time.perf_counter()
            try:
                answer = http.request(
                    method, self.base + url, json=body, headers=self.headers, timeout=30
                )
            except requests.RequestException as error:
                stats.record(kind, time.perf_counter() - started, type(error).__name__)
                outcome = None
            else:
                stats.record(kind, time.perf_counter() - started, str(answer.status_code))
                if answer.status_code not in RETRYABLE:
                    return answer
                outcome = answer.status_code
            with stats.lock:
                stats.retries[f"{kind} {outcome or 'network'}"] += 1
            time.sleep(min(5.0, 0.2 * 2**attempt) * (0.8 + 0.4 * self.rng.random()))
        return None

    def twice_at_once(self, kind: str, method: str, url: str, body: Any, stats: Stats) -> Any:
        """The same request from two connections at the same moment; the first answer wins."""
        other = requests.Session()
        answers: list[Any] = [None]
        racer = threading.Thread(
            target=lambda: answers.__setitem__(
                0, self.call(kind + "_race", method, url, body, stats, http=other)
            )
        )
        racer.start()
        answer = self.call(kind, method, url, body, stats)
        racer.join()
        other.close()
        for candidate in (answer, answers[0]):
            if candidate is not None and candidate.status_code < 300:
                return candidate
        return answer

    def send(self, coe: dict[str, Any], stats: Stats) -> None:
        url = f"/api/v1/coes/{coe['id']}"
        roll = self.rng.random()
        if roll < self.options.race_share:
            answer = self.twice_at_once("put", "PUT", url, coe["put"], stats)
        else:
            answer = self.call("put", "PUT", url, coe["put"], stats)
            if answer is not None and roll < self.options.race_share + self.options.repeat_share:
                answer = self.call("put_repeat", "PUT", url, coe["put"], stats)
        if answer is None or answer.status_code >= 300:
            self.fail(coe, "PUT", answer, stats)
            return
        body = {"base_version": answer.json()["version"], "signatures": coe["signatures"]}
        roll = self.rng.random()
        if roll < self.options.race_share:
            answer = self.twice_at_once("submit", "POST", url + "/submit", body, stats)
        else:
            answer = self.call("submit", "POST", url + "/submit", body, stats)
            if answer is not None and roll < self.options.race_share + self.options.repeat_share:
                answer = self.call("submit_repeat", "POST", url + "/submit", body, stats)
        if answer is None or answer.status_code != 200:
            self.fail(coe, "submit", answer, stats)
            return
        with stats.lock:
            stats.accepted.add(coe["id"])

    def fail(self, coe: dict[str, Any], step: str, answer: Any, stats: Stats) -> None:
        detail = "no answer" if answer is None else f"{answer.status_code} {answer.text[:200]}"
        with stats.lock:
            stats.failures.append(f"{coe['id']} {step}: {detail}")

    def run(self, start: threading.Barrier, stats: Stats) -> None:
        start.wait()
        for coe in self.queue:
            self.send(coe, stats)
        self.http.close()


def verify(url: str, expected: dict[str, int]) -> dict[str, Any]:
    """One COE per client UUID, submitted, with its children, signatures and family; no extra."""
    engine = sa.create_engine(url)
    with engine.connect() as connection:

        def rows(sql: str) -> dict[str, int]:
            return {str(key): int(value) for key, value in connection.execute(sa.text(sql))}

        coes = rows("SELECT id, 1 FROM coes")
        submitted = rows("SELECT id, 1 FROM coes WHERE status = 'submitted'")
        children = rows("SELECT coe_id, count(*) FROM coe_children GROUP BY coe_id")
        signatures = rows("SELECT coe_id, count(*) FROM signatures GROUP BY coe_id")
        submit_events = rows(
            "SELECT entity_id, count(*) FROM audit_events WHERE action = 'coe.submitted' "
            "GROUP BY entity_id"
        )
        families = connection.scalar(sa.text("SELECT count(*) FROM families"))
    engine.dispose()
    norm = {str(uuid.UUID(key)): value for key, value in expected.items()}

    def fix(mapping: dict[str, int]) -> dict[str, int]:
        return {str(uuid.UUID(key)): value for key, value in mapping.items()}

    coes, submitted, children = fix(coes), fix(submitted), fix(children)
    signatures, submit_events = fix(signatures), fix(submit_events)
    return {
        "expected": len(norm),
        "coes": len(coes),
        "missing": sorted(set(norm) - set(coes)),
        "unexpected": sorted(set(coes) - set(norm)),
        "not_submitted": sorted(set(norm) - set(submitted)),
        "wrong_children": sorted(k for k, n in norm.items() if children.get(k, 0) != n),
        "wrong_signatures": sorted(k for k in norm if signatures.get(k, 0) != 2),
        "submitted_twice": sorted(k for k in norm if submit_events.get(k, 0) != 1),
        "families": families,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True, help="a PostgreSQL database to WIPE")
    parser.add_argument("--tablets", type=int, default=200)
    parser.add_argument("--coes", type=int, default=50, help="queued COEs per tablet")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=1, help="threads per worker (gthread)")
    parser.add_argument("--repeat-share", type=float, default=0.10, help="requests sent again")
    parser.add_argument("--race-share", type=float, default=0.05, help="sent twice at once")
    parser.add_argument("--max-attempts", type=int, default=12)
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--json", type=Path, help="write the results here too")
    options = parser.parse_args()
    if not options.database_url.startswith("postgresql"):
        parser.error("the storm runs against PostgreSQL")

    load_before = os.getloadavg()
    print(f"load average before: {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}")
    usernames = prepare_database(options.database_url, options.tablets)
    port = free_port()
    server = start_server(options.database_url, port, options.workers, options.threads)
    base = f"http://127.0.0.1:{port}"
    try:
        with ThreadPoolExecutor(options.workers * 2) as pool:
            tokens = list(pool.map(lambda username: sign_in(base, username), usernames))
        rng = random.Random(options.seed)  # noqa: S311 - test data
        today = state_today()
        queues = [[queued_coe(rng, today) for _ in range(options.coes)] for _ in tokens]
        expected = {coe["id"]: 2 for queue in queues for coe in queue}
        stats = Stats()
        start = threading.Barrier(len(tokens) + 1)
        tablets = [
            Tablet(base, token, queue, options, number)
            for number, (token, queue) in enumerate(zip(tokens, queues, strict=True))
        ]
        threads = [
            threading.Thread(target=tablet.run, args=(start, stats), daemon=True)
            for tablet in tablets
        ]
        for thread in threads:
            thread.start()
        start.wait()
        started = time.perf_counter()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        load_after = os.getloadavg()
        stop_server(server)

    check = verify(options.database_url, expected)
    ok = (
        not any(
            check[key]
            for key in (
                "missing",
                "unexpected",
                "not_submitted",
                "wrong_children",
                "wrong_signatures",
                "submitted_twice",
            )
        )
        and check["families"] == check["expected"]
    )
    requests_sent = sum(len(values) for values in stats.latency.values())
    result = {
        "tablets": options.tablets,
        "coes_per_tablet": options.coes,
        "workers": options.workers,
        "threads": options.threads,
        "seconds": round(elapsed, 1),
        "coes_accepted": len(stats.accepted),
        "coes_per_second": round(len(stats.accepted) / elapsed, 1),
        "requests": requests_sent,
        "requests_per_second": round(requests_sent / elapsed, 1),
        "latency_ms": {
            kind: {
                "n": len(values),
                "p50": round(percentile(values, 0.50), 1),
                "p95": round(percentile(values, 0.95), 1),
                "p99": round(percentile(values, 0.99), 1),
                "mean": round(statistics.fmean(values), 1),
            }
            for kind, values in sorted(stats.latency.items())
        },
        "answers": dict(sorted(stats.statuses.items())),
        "retries": dict(sorted(stats.retries.items())),
        "failures": stats.failures[:20],
        "failure_count": len(stats.failures),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
        "database": {k: (v if isinstance(v, int) else len(v)) for k, v in check.items()},
        "database_ok": ok,
    }
    print(json.dumps(result, indent=2, ensure_ascii=False))
    if options.json:
        options.json.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
