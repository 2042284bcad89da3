"""How fast the regional dashboard answers for a region with many COEs.

    .venv/bin/python bench/regional_dashboard.py [--coes 5000] [--url postgresql+psycopg://...]

Loads the demo into an empty database (a temporary SQLite file by default; with --url, a
PostgreSQL database whose public schema is DROPPED first), then copies the demo's submitted
region-16 COE (answers, evaluation, duplicate check, children, signatures) into --coes COEs of
region 16: 30% submitted (waiting 0-60 days), 40% approved, 10% returned, 10% rejected, 10%
drafts. Then times, through the Flask test client as `regional1`, each dashboard request
(median and worst of 7 after one warm-up).
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
from flask_jwt_extended import create_access_token

from campo.accounts.models import User
from campo.app import create_app
from campo.config import Config
from campo.db import Database, utcnow
from campo.demo.data import load_demo
from campo.eligibility.models import Coe, CoeChild, CoeStatus
from campo.lib.dates import today_in_state
from campo.signatures.models import Signature

RUNS = 7
STATUSES = (
    [CoeStatus.SUBMITTED] * 3
    + [CoeStatus.APPROVED] * 4
    + [
        CoeStatus.RETURNED,
        CoeStatus.REJECTED,
        CoeStatus.DRAFT,
    ]
)
REQUESTS = (
    ("summary", "/api/v1/regional/summary"),
    ("queue, first 20", "/api/v1/review/queue?page_size=20"),
    ("list, first 20", "/api/v1/regional/coes?page_size=20"),
    ("list, name search", "/api/v1/regional/coes?q=ramirez&page_size=20"),
    ("list, duplicates unresolved", "/api/v1/regional/coes?duplicates=unresolved"),
    ("CSV, all submitted", "/api/v1/regional/coes.csv?status=submitted"),
)


def _columns(row: object, table: sa.Table) -> dict[str, object]:
    return {column.key: getattr(row, column.key) for column in table.columns}


def load(database: Database, count: int) -> None:
    random.seed(7)
    with database.transaction() as session:
        load_demo(
            session,
            password="bench-password",  # noqa: S106 - a throwaway database
            state_code="CA",
            today=today_in_state(Config().TIME_ZONE),
        )
    with database.transaction() as session:
        template = session.scalars(
            sa.select(Coe).where(Coe.status == CoeStatus.SUBMITTED).order_by(Coe.created_at)
        ).first()
        if template is None:
            raise SystemExit("the demo has no submitted COE to copy")
        recruiters = [
            template.recruiter_id,
            *session.scalars(sa.select(User.id).where(User.username == "supervisor1")),
        ]
        coe_row = _columns(template, Coe.__table__)
        child_rows = [_columns(child, CoeChild.__table__) for child in template.children]
        signature_rows = [
            _columns(s, Signature.__table__)
            for s in session.scalars(sa.select(Signature).where(Signature.coe_id == template.id))
        ]
        now = utcnow()
        coes, children, signatures = [], [], []
        for _copy in range(count):
            coe_id = uuid.uuid4()
            status = random.choice(STATUSES)  # noqa: S311 - test data, not secrets
            submitted = now - timedelta(days=random.uniform(0, 60))  # noqa: S311
            coes.append(
                {
                    **coe_row,
                    "id": coe_id,
                    "status": status,
                    "recruiter_id": random.choice(recruiters),  # noqa: S311
                    "submitted_at": None if status is CoeStatus.DRAFT else submitted,
                    "decided_at": submitted + timedelta(days=2)
                    if status in (CoeStatus.APPROVED, CoeStatus.REJECTED, CoeStatus.RETURNED)
                    else None,
                    "updated_at": submitted,
                }
            )
            children += [{**row, "id": uuid.uuid4(), "coe_id": coe_id} for row in child_rows]
            signatures += [{**row, "id": uuid.uuid4(), "coe_id": coe_id} for row in signature_rows]
        session.execute(sa.insert(Coe), coes)
        session.execute(sa.insert(CoeChild), children)
        session.execute(sa.insert(Signature), signatures)
    if database.url.startswith("postgresql"):
        with database.engine.begin() as connection:
            connection.execute(sa.text("ANALYZE"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--coes", type=int, default=5000)
    parser.add_argument("--url", help="PostgreSQL URL; its public schema is dropped first")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="campo-bench-"))
    url = args.url or f"sqlite:///{folder / 'bench.sqlite3'}"
    if args.url:
        engine = sa.create_engine(args.url)
        with engine.begin() as connection:
            connection.execute(sa.text("DROP SCHEMA IF EXISTS public CASCADE"))
            connection.execute(sa.text("CREATE SCHEMA public"))
        engine.dispose()
    database = Database(url)
    database.upgrade()
    started = time.perf_counter()
    load(database, args.coes)
    print(f"{url.split(':')[0]}: {args.coes} COEs loaded in {time.perf_counter() - started:.1f} s")

    config = Config()
    config.DATABASE_URL = url
    config.INSTANCE_DIR = folder
    app = create_app(config)
    client = app.test_client()
    with app.app_context():
        session = app.extensions["campo.db"].new_session()
        user_id = session.scalar(sa.select(User.id).where(User.username == "regional1"))
        session.close()
        headers = {"Authorization": "Bearer " + create_access_token(identity=str(user_id))}
    for name, path in REQUESTS:
        timings = []
        for run in range(RUNS + 1):
            started = time.perf_counter()
            response = client.get(path, headers=headers)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise SystemExit(f"{path}: {response.get_data(as_text=True)[:300]}")
            if run:
                timings.append(elapsed)
        size = len(response.get_data())
        print(
            f"{name:30s} median {statistics.median(timings):7.1f} ms   worst {max(timings):7.1f} ms"
            f"   {size / 1024:8.1f} KB"
        )
    app.extensions["campo.db"].engine.dispose()
    database.engine.dispose()


if __name__ == "__main__":
    main()
