"""Bulk import of legacy child records through the duplicate check.

Each row is checked against the store (one index lookup per batch) and against the rows of
the same file already imported (an in-memory index built with the same blocking keys). A row
whose best candidate is "likely" the same child is linked to it, not created; every other row
becomes a new child with a new statewide number. Inserts are batched, so a state's whole
population loads in minutes.
"""

from __future__ import annotations

import csv
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TextIO

import sqlalchemy as sa
from sqlalchemy.orm import Session

from campo.audit.services import record_event
from campo.auth.permissions import Actor
from campo.db import utcnow
from campo.families.models import Child, StudentNumberIssue, parent_name_key
from campo.families.studentnumbers import make_student_number
from campo.matching.identity import Identity
from campo.matching.keys import blocking_keys, query_keys
from campo.matching.models import ChildMatchKey
from campo.matching.rank import rank
from campo.matching.services import identity_of_child

COLUMNS = (
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
SEXES = {"F": "female", "M": "male"}
BATCH = 2000


@dataclass(frozen=True)
class Row:
    line: int
    source_id: str | None
    identity: Identity


@dataclass
class ImportReport:
    rows: int = 0
    created: int = 0
    linked_to_store: int = 0
    linked_in_file: int = 0
    refused: list[tuple[int, str]] = field(default_factory=list)
    # line, source id, child id, how (store/file), score
    links: list[tuple[int, str | None, uuid.UUID, str, int]] = field(default_factory=list)
    # line -> the child the row is now (created or linked)
    child_of_line: dict[int, uuid.UUID] = field(default_factory=dict)


def _text(value: str | None, limit: int) -> str | None:
    value = (value or "").strip()
    return value[:limit] or None


def parse_row(line: int, record: dict[str, str]) -> Row:
    """A CSV record as an identity; raise ValueError with a reason if it cannot be a child."""
    birth = (record.get("birth_date") or "").strip()
    try:
        birth_date = date.fromisoformat(birth) if birth else None
    except ValueError:
        raise ValueError(f"birth_date {birth!r} is not YYYY-MM-DD") from None
    sex = (record.get("sex") or "").strip().upper() or None
    if sex not in (None, "F", "M"):
        raise ValueError(f"sex {sex!r} is not M or F")
    identity = Identity(
        first_name=_text(record.get("first_name"), 50),
        middle_name=_text(record.get("middle_name"), 50),
        last_name_1=_text(record.get("last_name_1"), 50),
        last_name_2=_text(record.get("last_name_2"), 50),
        sex=sex,
        birth_date=birth_date,
        birth_city=_text(record.get("birth_city"), 80),
        birth_state=_text(record.get("birth_state"), 40),
        birth_country=_text(record.get("birth_country"), 3),
        parent1_first=_text(record.get("parent1_first"), 50),
        parent1_last=_text(record.get("parent1_last"), 50),
        parent2_first=_text(record.get("parent2_first"), 50),
        parent2_last=_text(record.get("parent2_last"), 50),
    )
    if not identity.first_name or not (identity.last_name_1 or identity.last_name_2):
        raise ValueError("a first name and a last name are needed")
    if birth_date is None:
        raise ValueError("a birth date is needed")
    return Row(line, _text(record.get("id"), 64), identity)


def read_csv(handle: TextIO) -> Iterator[tuple[int, dict[str, str]]]:
    """Records of a CSV with the import layout (extra columns are ignored), with line numbers."""
    reader = csv.DictReader(handle)
    missing = {"first_name", "last_name_1", "birth_date"} - set(reader.fieldnames or ())
    if missing:
        raise ValueError(f"missing columns: {', '.join(sorted(missing))}")
    for record in reader:
        yield reader.line_num, record


def _batches(records: Iterable[tuple[int, dict[str, str]]], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in records:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


class _FileIndex:
    """Children created by this import, findable by blocking key before they are committed."""

    def __init__(self) -> None:
        self.by_key: dict[str, list[tuple[uuid.UUID, Identity]]] = defaultdict(list)

    def add(self, child_id: uuid.UUID, identity: Identity) -> None:
        for key in blocking_keys(identity):
            self.by_key[key].append((child_id, identity))

    def candidates(self, keys: Iterable[str]) -> dict[uuid.UUID, Identity]:
        found: dict[uuid.UUID, Identity] = {}
        for key in keys:
            for child_id, identity in self.by_key.get(key, ()):
                found[child_id] = identity
        return found


def _store_candidates(
    session: Session, keys_per_row: list[frozenset[str]], store_has_children: bool
) -> tuple[dict[str, list[uuid.UUID]], dict[uuid.UUID, Identity]]:
    if not store_has_children:
        return {}, {}
    wanted = sorted(set().union(*keys_per_row))
    by_key: dict[str, list[uuid.UUID]] = defaultdict(list)
    for start in range(0, len(wanted), 5000):
        chunk = wanted[start : start + 5000]
        for child_id, key in session.execute(
            sa.select(ChildMatchKey.child_id, ChildMatchKey.key).where(ChildMatchKey.key.in_(chunk))
        ):
            by_key[key].append(child_id)
    ids = {child_id for ids in by_key.values() for child_id in ids}
    identities: dict[uuid.UUID, Identity] = {}
    id_list = sorted(ids)
    for start in range(0, len(id_list), 5000):
        for child in session.scalars(
            sa.select(Child).where(Child.id.in_(id_list[start : start + 5000]))
        ):
            identities[child.id] = identity_of_child(child)
    return by_key, identities


def import_children(
    session: Session,
    records: Iterable[tuple[int, dict[str, str]]],
    *,
    actor: Actor,
    region_id: int,
    state_code: str,
    batch_size: int = BATCH,
) -> ImportReport:
    """Load legacy children: link each to a known child when likely the same, else create it."""
    report = ImportReport()
    in_file = _FileIndex()
    store_has_children = session.scalar(sa.select(sa.func.count()).select_from(Child)) > 0
    for batch in _batches(records, batch_size):
        rows: list[Row] = []
        for line, record in batch:
            report.rows += 1
            try:
                rows.append(parse_row(line, record))
            except ValueError as error:
                report.refused.append((line, str(error)))
        keys_per_row = [query_keys(row.identity) for row in rows]
        store_by_key, store_identities = _store_candidates(
            session, keys_per_row, store_has_children
        )
        new_children: list[dict[str, Any]] = []
        for row, keys in zip(rows, keys_per_row, strict=True):
            candidates: dict[uuid.UUID, tuple[str, Identity]] = {}
            for key in keys:
                for child_id in store_by_key.get(key, ()):
                    candidates[child_id] = ("store", store_identities[child_id])
            for child_id, identity in in_file.candidates(keys).items():
                candidates.setdefault(child_id, ("file", identity))
            best = rank(
                row.identity,
                ((child_id, identity) for child_id, (_where, identity) in candidates.items()),
                limit=1,
                minimum_band="likely",
            )
            if best:
                child_id, match = best[0]
                where = candidates[child_id][0]
                report.links.append((row.line, row.source_id, child_id, where, match.score))
                if where == "store":
                    report.linked_to_store += 1
                else:
                    report.linked_in_file += 1
                report.child_of_line[row.line] = child_id
                continue
            child_id = uuid.uuid4()
            in_file.add(child_id, row.identity)
            report.child_of_line[row.line] = child_id
            new_children.append(_child_values(child_id, row.identity, region_id))
        _insert_children(session, new_children, actor=actor, state_code=state_code)
        report.created += len(new_children)
        record_event(
            session,
            actor=actor,
            action="children.imported",
            entity_type="child",
            region_id=region_id,
            details={
                "rows": len(batch),
                "created": len(new_children),
                "linked": len(rows) - len(new_children),
            },
        )
    return report


def _child_values(child_id: uuid.UUID, identity: Identity, region_id: int) -> dict[str, Any]:
    return {
        "id": child_id,
        "region_id": region_id,
        "first_name": identity.first_name,
        "middle_name": identity.middle_name,
        "last_name1": identity.last_name_1 or identity.last_name_2,
        "last_name2": identity.last_name_2 if identity.last_name_1 else None,
        "sex": SEXES.get(identity.sex or ""),
        "birth_date": identity.birth_date,
        "multiple_birth": False,
        # Legacy records carry no verification code: 9999 (other) says so honestly.
        "birth_date_verification": "9999",
        "birth_city": identity.birth_city,
        "birth_state": identity.birth_state,
        "birth_country": identity.birth_country,
        "parent1_first_name": identity.parent1_first,
        "parent1_last_name": identity.parent1_last,
        "parent2_first_name": identity.parent2_first,
        "parent2_last_name": identity.parent2_last,
        "parent_name_key": parent_name_key(
            identity.parent1_first,
            identity.parent1_last,
            identity.parent2_first,
            identity.parent2_last,
        ),
        "_identity": identity,
    }


def _insert_children(
    session: Session, children: list[dict[str, Any]], *, actor: Actor, state_code: str
) -> None:
    if not children:
        return
    # Serials are allocated in one block (the largest so far, plus one, onwards) so numbers
    # are written with their rows in one statement; a concurrent issuer that takes the same
    # serial fails on the primary key, and nothing is issued twice.
    first = (session.scalar(sa.select(sa.func.max(StudentNumberIssue.serial))) or 0) + 1
    serials = list(range(first, first + len(children)))
    numbers = [make_student_number(state_code, serial) for serial in serials]
    # Core inserts (not the ORM's bulk path): a state's population goes through here.
    connection = session.connection()
    now = utcnow()
    connection.execute(
        StudentNumberIssue.__table__.insert(),
        [
            {"serial": serial, "number": number, "issued_by_id": actor.user.id, "issued_at": now}
            for serial, number in zip(serials, numbers, strict=True)
        ],
    )
    if session.get_bind().dialect.name == "postgresql":
        # Explicit serials do not move PostgreSQL's sequence; later single issues would collide.
        session.execute(
            sa.text(
                "SELECT setval(pg_get_serial_sequence('student_number_issues', 'serial'), :last)"
            ),
            {"last": serials[-1]},
        )
    identities = [child.pop("_identity") for child in children]
    connection.execute(
        Child.__table__.insert(),
        [
            {**child, "statewide_number": number}
            for child, number in zip(children, numbers, strict=True)
        ],
    )
    connection.execute(
        ChildMatchKey.__table__.insert(),
        [
            {"child_id": child["id"], "key": key}
            for child, identity in zip(children, identities, strict=True)
            for key in sorted(blocking_keys(identity))
        ],
    )


def write_report(report: ImportReport, path: Path) -> None:
    """The links made and the rows refused, one per line, for a person to review."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["line", "source_id", "outcome", "child_id", "score", "reason"])
        for line, source_id, child_id, where, score in report.links:
            writer.writerow([line, source_id or "", f"linked_{where}", child_id, score, ""])
        for line, reason in report.refused:
            writer.writerow([line, "", "refused", "", "", reason])
