"""Checking answers against a form definition: shape, types, code lists, required and relevant.

Drafts are checked for shape and types only (a draft may be incomplete); a submission is also
checked for every required, relevant answer. Text is trimmed and blank text counts as missing,
on the tablet and here alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from campo.formdefs.definitions import Field, FormDefinition, Section
from campo.formdefs.logic import ExpressionError, evaluate, truthy

MIN_YEAR, MAX_YEAR = 1900, 2100


@dataclass(frozen=True)
class FieldProblem:
    """One answer that is wrong: where (``children.0.birth_date``) and a stable code."""

    path: str
    code: str

    def as_dict(self) -> dict[str, str]:
        return {"path": self.path, "code": self.code}


# Stable codes; their messages are in campo.formdefs.messages.
UNKNOWN = "field.unknown"
REQUIRED = "field.required"
NOT_TEXT = "field.not_text"
TOO_LONG = "field.too_long"
BAD_FORMAT = "field.bad_format"
NOT_DATE = "field.not_date"
NOT_BOOLEAN = "field.not_boolean"
NOT_IN_LIST = "field.not_in_list"
NOT_OBJECT = "section.not_object"
NOT_LIST = "section.not_list"
TOO_FEW = "section.too_few"
TOO_MANY = "section.too_many"


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _type_problem(field: Field, value: Any, codes: dict[str, tuple[str, ...]]) -> str | None:
    spec = field.spec
    if field.type in ("text", "textarea"):
        if not isinstance(value, str):
            return NOT_TEXT
        if len(value.strip()) > spec["max_length"]:
            return TOO_LONG
        if "pattern" in spec and not re.fullmatch(spec["pattern"], value.strip()):
            return BAD_FORMAT
    elif field.type == "date":
        if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return NOT_DATE
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return NOT_DATE
        if not MIN_YEAR <= day.year <= MAX_YEAR:
            return NOT_DATE
    elif field.type == "boolean":
        if not isinstance(value, bool):
            return NOT_BOOLEAN
    elif field.type == "choice" and not (isinstance(value, str) and value in codes[spec["codes"]]):
        return NOT_IN_LIST
    return None


def normalized(answers: Any) -> dict[str, Any]:
    """The answers with text trimmed and blank text as null (what rules and relevance see)."""

    def clean(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, str):
            return value.strip() or None
        return value

    return clean(answers) if isinstance(answers, dict) else {}


def context(
    answers: dict[str, Any],
    today: str,
    *,
    child: dict[str, Any] | None = None,
    index: int = 0,
    derived: dict[str, Any] | None = None,
    child_derived: dict[str, Any] | None = None,
    children_derived: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The data every expression is evaluated over."""
    data: dict[str, Any] = {
        "answers": answers,
        "today": today,
        "derived": derived or {},
        "children_derived": children_derived or [],
    }
    if child is not None:
        data.update(child=child, child_index=index, child_derived=child_derived or {})
    return data


def _holds(expression: Any, data: dict[str, Any]) -> bool:
    try:
        return truthy(evaluate(expression, data))
    except ExpressionError:
        return True  # a broken condition must not hide a field; the definition tests catch it


def validate_answers(
    form: FormDefinition, answers: Any, *, today: str, complete: bool
) -> list[FieldProblem]:
    """Every problem with ``answers``; with ``complete`` also every missing required answer."""
    if not isinstance(answers, dict):
        return [FieldProblem("answers", NOT_OBJECT)]
    problems: list[FieldProblem] = []
    known = {section.key for section in form.sections}
    problems += [FieldProblem(key, UNKNOWN) for key in answers if key not in known]
    view = normalized(answers)
    for section in form.sections:
        value = answers.get(section.key)
        if section.repeat is None:
            problems += _check_group(form, section, value, view, today, complete)
        else:
            problems += _check_repeat(form, section, value, view, today, complete)
    return problems


def _check_group(
    form: FormDefinition,
    section: Section,
    value: Any,
    view: dict[str, Any],
    today: str,
    complete: bool,
    *,
    prefix: str | None = None,
    child: dict[str, Any] | None = None,
    index: int = 0,
) -> list[FieldProblem]:
    prefix = prefix or section.key
    if value is None:
        value = {}
    if not isinstance(value, dict):
        return [FieldProblem(prefix, NOT_OBJECT)]
    problems = [
        FieldProblem(f"{prefix}.{key}", UNKNOWN) for key in value if section.field(key) is None
    ]
    data = context(view, today, child=child, index=index)
    for field in section.fields:
        answer = value.get(field.key)
        if _blank(answer):
            if complete and _holds(field.relevant, data) and _holds(field.required, data):
                problems.append(FieldProblem(f"{prefix}.{field.key}", REQUIRED))
            continue
        code = _type_problem(field, answer, form.codes)
        if code is not None:
            problems.append(FieldProblem(f"{prefix}.{field.key}", code))
    return problems


def _check_repeat(
    form: FormDefinition,
    section: Section,
    value: Any,
    view: dict[str, Any],
    today: str,
    complete: bool,
) -> list[FieldProblem]:
    if value is None:
        value = []
    if not isinstance(value, list):
        return [FieldProblem(section.key, NOT_LIST)]
    minimum, maximum = section.repeat or (0, 0)
    problems = []
    if len(value) > maximum:
        return [FieldProblem(section.key, TOO_MANY)]
    if complete and len(value) < minimum:
        problems.append(FieldProblem(section.key, TOO_FEW))
    entries = view.get(section.key) if isinstance(view.get(section.key), list) else []
    for index, entry in enumerate(value):
        child_view = entries[index] if index < len(entries) else {}
        child_view = child_view if isinstance(child_view, dict) else {}
        problems += _check_group(
            form,
            section,
            entry,
            view,
            today,
            complete,
            prefix=f"{section.key}.{index}",
            child=child_view,
            index=index,
        )
    return problems


def _groups(
    form: FormDefinition, view: dict[str, Any], today: str
) -> Iterator[tuple[Section, dict[str, Any], dict[str, Any]]]:
    """Each answered group (a section, or one child) with the data its expressions see."""
    for section in form.sections:
        value = view.get(section.key)
        if section.repeat is None:
            if isinstance(value, dict):
                yield section, value, context(view, today)
        elif isinstance(value, list):
            for index, entry in enumerate(value):
                if isinstance(entry, dict):
                    yield section, entry, context(view, today, child=entry, index=index)


def relevant_view(form: FormDefinition, answers: Any, *, today: str) -> dict[str, Any]:
    """What the rules judge: the normalized answers without the ones the form would not keep.

    An answer that does not fit its field (a date that is not a date, a code not in the list)
    counts as missing, so no rule misjudges it; its field problem says what is wrong. Then
    every answer that is not relevant is removed.
    """
    view = normalized(answers)
    for section, group, _data in list(_groups(form, view, today)):
        for field in section.fields:
            value = group.get(field.key)
            if value is not None and _type_problem(field, value, form.codes):
                group[field.key] = None
    for section, group, data in list(_groups(form, view, today)):
        for field in section.fields:
            if field.key in group and not _holds(field.relevant, data):
                group[field.key] = None
    return view
