"""A region's batch of history records from CSV, all or nothing.

The file has a header line; each row is one record of one kind. ``statewide_number`` names the
child (either printed form); an optional ``id`` corrects that existing record of the region
instead of adding one; a state admin's import names the region (``region_id``). Every other
column is a field of the kind's input schema, parsed from text by the same schema as the API
(an empty cell is "no value"). Every row is checked (types, code lists, dates, the child and the
region) before anything is written; one bad row and the whole file is refused with every row's
errors, so a batch is never half imported.
"""

from __future__ import annotations

import csv
import hashlib
import io
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from marshmallow import Schema, ValidationError
from sqlalchemy.orm import Session

from campo import errors
from campo.audit.services import record_event
from campo.auth.permissions import Actor, require_role, visible_region_id
from campo.errors import N_, CampoError, Message
from campo.families.models import Child
from campo.families.studentnumbers import StudentNumberError, parse_student_number
from campo.history import schemas, services
from campo.history.services import WRITERS, Kind

MAX_ROWS = 50_000

_INPUT: dict[str, type[Schema]] = {
    "enrollments": schemas.EnrollmentInSchema,
    "services": schemas.ServiceInSchema,
    "academic-indicators": schemas.AcademicIndicatorInSchema,
    "courses": schemas.CourseInSchema,
    "assessments": schemas.AssessmentInSchema,
}
UNKNOWN_CHILD = N_("No child you can see has this statewide number.")
BAD_NUMBER = N_("This statewide student number is not valid. Please check each digit.")
UNKNOWN_RECORD = N_("Your region has no record of this kind with this id.")
NOT_A_UUID = N_("Not a valid UUID.")
TOO_MANY_ROWS = N_("The file has too many rows; split it into files of at most 50,000 rows.")


@dataclass
class ImportResult:
    kind: str
    rows: int
    created: int
    updated: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
        }


# What spreadsheets write when asked for CSV: a Spanish-language Excel separates with ";"
# (the comma is its decimal mark), "Unicode text" is tab-separated UTF-16.
DELIMITERS = (",", ";", "\t")


def _decode(data: bytes) -> str:
    """UTF-8 (with or without a BOM), UTF-16 with its BOM, else Windows-1252: the encoding
    Excel in Spanish or English saves "CSV" in, where ñ and accents are single bytes."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise CampoError(errors.HISTORY_IMPORT_UNREADABLE) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise CampoError(errors.HISTORY_IMPORT_UNREADABLE) from None


def _delimiter(text: str) -> str:
    """The separator that makes statewide_number a column of the header line (else a comma)."""
    header = text.split("\n", 1)[0]
    for delimiter in DELIMITERS:
        if "statewide_number" in (name.strip().strip('"') for name in header.split(delimiter)):
            return delimiter
    return ","


def _read(data: bytes) -> tuple[list[str], list[dict[str, str]]]:
    text = _decode(data)
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        header = [name.strip() for name in (reader.fieldnames or [])]
        rows = [
            {key.strip(): (value or "").strip() for key, value in row.items() if key is not None}
            for row in reader
        ]
    except csv.Error:
        raise CampoError(errors.HISTORY_IMPORT_UNREADABLE) from None
    if not header or "statewide_number" not in header:
        raise CampoError(
            errors.HISTORY_IMPORT_UNREADABLE,
            fields={"statewide_number": [N_("The header line needs a statewide_number column.")]},
        )
    return header, rows


def import_csv(
    session: Session,
    *,
    actor: Actor,
    kind: Kind,
    data: bytes,
    region_id: int | None,
    state_code: str = "CA",
) -> ImportResult:
    """Check every row, then write all of them, or none (HISTORY_IMPORT_INVALID)."""
    require_role(actor, *WRITERS)
    region = services.record_region(session, actor, region_id)
    header, rows = _read(data)
    problems: list[dict[str, Any]] = []

    def problem(line: int, field: str, message: Message, code: str = "history.invalid") -> None:
        problems.append({"line": line, "field": field, "code": code, "message": message})

    if len(rows) > MAX_ROWS:
        problem(1, "_", TOO_MANY_ROWS, "history.too_many_rows")
        raise CampoError(errors.HISTORY_IMPORT_INVALID, problems=_sorted(problems))
    numbers: dict[int, str] = {}
    for line, row in enumerate(rows, start=2):
        try:
            numbers[line] = parse_student_number(row.get("statewide_number", ""), state_code)
        except StudentNumberError:
            problem(line, "statewide_number", BAD_NUMBER, "student_number.invalid")
    children = {
        child.statewide_number: child
        for child in session.scalars(
            sa.select(Child).where(Child.statewide_number.in_(set(numbers.values())))
        )
    }
    own = visible_region_id(actor)
    regions = services.child_regions(session, [c.id for c in children.values()])
    ids: dict[int, uuid.UUID] = {}
    for line, row in enumerate(rows, start=2):
        if row.get("id"):
            try:
                ids[line] = uuid.UUID(row["id"])
            except ValueError:
                problem(line, "id", NOT_A_UUID)
    existing = (
        {
            record.id: record
            for record in session.scalars(
                sa.select(kind.model).where(
                    kind.model.id.in_(set(ids.values())), kind.model.region_id == region
                )
            )
        }
        if ids
        else {}
    )
    schema = _INPUT[kind.name]()
    planned: list[tuple[Child, dict[str, Any], Any]] = []
    for line, row in enumerate(rows, start=2):
        child = children.get(numbers.get(line, ""))
        if line in numbers and (
            child is None or (own is not None and own not in regions.get(child.id, set()))
        ):
            problem(line, "statewide_number", UNKNOWN_CHILD, "child.not_found")
            child = None
        record = existing.get(ids[line]) if line in ids else None
        if line in ids and (record is None or (child is not None and record.child_id != child.id)):
            problem(line, "id", UNKNOWN_RECORD, "history.not_found")
        fields = {k: v for k, v in row.items() if k not in ("statewide_number", "id") and v != ""}
        try:
            values = schema.load(fields, partial=line in ids)
        except ValidationError as error:
            for field, messages in _flat(error.messages).items():
                for message in messages:
                    problem(line, field, message)
            continue
        if child is None or (line in ids and record is None):
            continue
        merged = (
            {name: values.get(name, getattr(record, name)) for name in kind.fields}
            if record is not None
            else values
        )
        for field, messages in services.check_values(kind, merged, child).items():
            for message in messages:
                problem(line, field, message)
        planned.append((child, values, record))
    if problems:
        raise CampoError(errors.HISTORY_IMPORT_INVALID, problems=_sorted(problems))
    created = updated = 0
    for child, values, record in planned:
        if record is None:
            new = kind.model(
                child_id=child.id,
                region_id=region,
                created_by_id=actor.user.id,
                updated_by_id=actor.user.id,
            )
            services.apply_values(kind, new, values)
            session.add(new)
            created += 1
        elif services.apply_values(kind, record, values):
            record.updated_by_id = actor.user.id
            updated += 1
    session.flush()
    record_event(
        session,
        actor=actor,
        action=f"{kind.entity}.import",
        entity_type=kind.entity,
        region_id=region,
        changed_fields=[name for name in header if name in kind.fields],
        details={
            "rows": len(rows),
            "created": created,
            "updated": updated,
            "sha256": hashlib.sha256(data).hexdigest(),
        },
    )
    return ImportResult(kind.name, len(rows), created, updated)


def _flat(messages: Mapping[str, Any] | list[Any] | Any, prefix: str = "") -> dict[str, list[str]]:
    if isinstance(messages, Mapping):
        flat: dict[str, list[str]] = {}
        for key, value in messages.items():
            flat.update(_flat(value, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    if isinstance(messages, list):
        return {prefix or "_": [str(m) for m in messages]}
    return {prefix or "_": [str(messages)]}


def _sorted(problems: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(problems, key=lambda p: (p["line"], p["field"]))
