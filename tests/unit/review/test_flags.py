"""Attention flags from a COE's stored evaluation, duplicate check and signatures (no database)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from campo.eligibility.models import Coe, CoeChild, CoeStatus
from campo.review.services import attention_flags, comments_required


def coe(
    *,
    status: CoeStatus = CoeStatus.SUBMITTED,
    results: list[dict[str, Any]] | None = None,
    comments: dict[str, str] | None = None,
    needed: list[str] | None = None,
    check: dict[str, Any] | None = None,
    decisions: tuple[str | None, ...] = (None,),
) -> Coe:
    row = Coe(
        id=uuid.uuid4(),
        status=status,
        answers={"comments": comments or {}, "children": [{} for _ in decisions]},
        evaluation={"results": results or [], "derived": {"comments_required": needed or []}},
        duplicate_check=check if check is not None else {"children": []},
        form_id="coe",
        form_version="1.1",
        language="es",
        interview_place=None,
        content_hash="0" * 64,
    )
    row.children = [
        CoeChild(position=i, match_decision=decision) for i, decision in enumerate(decisions)
    ]
    return row


def codes(flags) -> dict[str, tuple[str, ...]]:
    return {flag.code: flag.detail for flag in flags}


def test_a_failed_error_rule_and_a_warning_are_flagged_with_their_keys():
    results = [
        {"code": "R1.under_22_on_qad", "severity": "error", "outcome": "fail", "child": 1},
        {"code": "R4.foreign_move_needs_comment", "severity": "warning", "outcome": "fail"},
        {"code": "R2.x", "severity": "error", "outcome": "pass", "child": None},
        {"code": "R3.y", "severity": "warning", "outcome": "not_applicable", "child": None},
    ]
    found = codes(attention_flags(coe(results=results), []))
    assert found["rule_failed"] == ("R1.under_22_on_qad@1",)
    assert found["rule_warning"] == ("R4.foreign_move_needs_comment",)


def test_a_rule_that_could_not_be_evaluated_counts_as_failed():
    results = [{"code": "R9.z", "severity": "error", "outcome": "error", "child": None}]
    assert codes(attention_flags(coe(results=results), []))["rule_failed"] == ("R9.z",)


@pytest.mark.parametrize(
    ("status", "check", "pending"),
    [
        (CoeStatus.SUBMITTED, None, True),
        (CoeStatus.SUBMITTED, {"children": []}, False),
        (CoeStatus.DRAFT, None, False),
    ],
)
def test_a_submitted_coe_without_a_duplicate_check_is_pending(status, check, pending):
    row = coe(status=status, check=check)
    if check is None:
        row.duplicate_check = None
    assert ("duplicate_pending" in codes(attention_flags(row, []))) is pending


def test_an_open_candidate_flags_the_child_until_someone_decides():
    check = {
        "children": [
            {"position": 0, "candidates": [{"band": "possible"}]},
            {"position": 1, "candidates": [{"band": "unlikely"}]},
        ]
    }
    assert codes(attention_flags(coe(check=check, decisions=(None, None)), []))[
        "duplicate_unresolved"
    ] == ("0",)
    assert "duplicate_unresolved" not in codes(
        attention_flags(coe(check=check, decisions=("new", None)), [])
    )


def test_missing_signatures_are_flagged_except_on_a_draft():
    assert codes(attention_flags(coe(), []))["signature_invalid"] == ("interviewee", "recruiter")
    assert "signature_invalid" not in codes(attention_flags(coe(status=CoeStatus.DRAFT), []))


def test_required_comments_are_flagged_missing_or_offered_for_reading():
    missing = coe(needed=["sought_work", "other"], comments={"other": "Came with an uncle."})
    assert comments_required(missing) == [
        {"key": "sought_work", "given": False},
        {"key": "other", "given": True},
    ]
    flags = {f.code: f for f in attention_flags(missing, [])}
    assert flags["comment_missing"].detail == ("sought_work",)
    assert flags["comment_missing"].severity == "attention"

    written = coe(needed=["other"], comments={"other": "  Came with an uncle. "})
    flags = {f.code: f for f in attention_flags(written, [])}
    assert "comment_missing" not in flags
    assert flags["comment_required"].severity == "info"
    assert flags["comment_required"].detail == ("other",)

    blank = coe(needed=["other"], comments={"other": "   "})
    assert "comment_missing" in codes(attention_flags(blank, []))
