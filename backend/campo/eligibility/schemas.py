"""Shapes of COE requests and responses. Completeness and rules live in rules.py."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields

from campo.eligibility.models import CoeStatus
from campo.eligibility.queries import SORTS
from campo.eligibility.reasons import REVIEW_REASONS
from campo.eligibility.services import Decision
from campo.lib.fields import bounded_list, choice, integer, text
from campo.signatures.models import SignerRole

LANGUAGES = ("es", "en")


class CoePutSchema(Schema):
    form_version = text(
        20,
        load_default=None,
        metadata={
            "description": "The form version the answers were captured with "
            "(GET /api/v1/forms/coe); the current one when omitted."
        },
    )
    language = choice(LANGUAGES, load_default="es")
    interview_place = text(120, allow_none=True, load_default=None)
    base_version = integer(
        allow_none=True,
        load_default=None,
        metadata={"description": "The version this content replaces."},
    )
    answers = fields.Dict(
        required=True,
        metadata={"description": "Answers keyed by section and field, as the form defines them."},
    )


def strokes_field(**kwargs: Any) -> fields.Dict:
    description = (
        "The drawn signature: {width, height, strokes: [[{x, y, time, pressure}]]}, as "
        "signature_pad's toData() gives it."
    )
    extra = kwargs.pop("metadata", {}).get("description")
    return fields.Dict(
        metadata={"description": f"{description} {extra}" if extra else description}, **kwargs
    )


class SignatureInSchema(Schema):
    role = choice((SignerRole.INTERVIEWEE.value, SignerRole.RECRUITER.value), required=True)
    signer_name = text(160, allow_none=True, load_default=None)
    strokes = strokes_field(required=True)
    signed_at = fields.AwareDateTime(allow_none=True, load_default=None)


class CoeSubmitSchema(Schema):
    base_version = integer(allow_none=True, load_default=None)
    signatures = bounded_list(fields.Nested(SignatureInSchema), max_items=4, load_default=list)


class CoeReviewSchema(Schema):
    decision = choice(Decision.ALL, required=True)
    reasons = bounded_list(
        choice(tuple(REVIEW_REASONS)), max_items=len(REVIEW_REASONS), load_default=list
    )
    comment = text(2000, allow_none=True, load_default=None)
    reviewer_strokes = strokes_field(
        allow_none=True, load_default=None, metadata={"description": "Required to approve."}
    )


class SignatureSchema(Schema):
    id = fields.UUID()
    role = fields.String()
    signer_name = fields.String()
    statement_id = fields.String()
    statement_version = fields.Integer()
    content_hash = fields.String()
    signed_at = fields.DateTime()
    current = fields.Boolean(metadata={"description": "Signed on the COE's present content."})


class CoeChildSchema(Schema):
    position = fields.Integer()
    child_id = fields.UUID(allow_none=True)
    statewide_number = fields.String(allow_none=True)
    eligibility_end_date = fields.Date(allow_none=True)
    match_decision = fields.String(
        allow_none=True, metadata={"description": "linked, new, or null while undecided"}
    )


class CoeSchema(Schema):
    id = fields.UUID()
    region_id = fields.Integer()
    family_id = fields.UUID()
    recruiter_id = fields.Integer()
    status = fields.Enum(CoeStatus, by_value=True)
    form_id = fields.String()
    form_version = fields.String()
    version = fields.Integer()
    content_hash = fields.String()
    language = fields.String()
    interview_place = fields.String(allow_none=True)
    answers = fields.Dict()
    duplicate_check = fields.Dict(
        allow_none=True,
        metadata={"description": "Candidates found for each child at submission (statewide)."},
    )
    evaluation = fields.Dict(
        allow_none=True,
        metadata={"description": "The server's evaluation: rules, problems, derived values."},
    )
    qualifying_arrival_date = fields.Date(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    submitted_at = fields.DateTime(allow_none=True)
    decided_at = fields.DateTime(allow_none=True)
    decided_by_id = fields.Integer(allow_none=True)
    decision_reasons = fields.List(fields.String(), allow_none=True)
    decision_comment = fields.String(allow_none=True)
    decision_reason_labels = fields.List(
        fields.Nested(lambda: ReviewReasonSchema()),
        metadata={"description": "The decision's reasons, labelled in the request's language."},
    )
    children = fields.List(fields.Nested(CoeChildSchema))
    signatures = fields.List(fields.Nested(SignatureSchema))


class CoeSummarySchema(Schema):
    id = fields.UUID()
    region_id = fields.Integer()
    recruiter_id = fields.Integer()
    status = fields.Enum(CoeStatus, by_value=True)
    version = fields.Integer()
    qualifying_arrival_date = fields.Date(allow_none=True)
    child_count = fields.Integer()
    family_name = fields.String(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    submitted_at = fields.DateTime(allow_none=True)


class CoeQueryArgsSchema(Schema):
    status = bounded_list(choice([s.value for s in CoeStatus]), max_items=5, load_default=list)
    mine = fields.Boolean(load_default=False)
    recruiter_id = integer(strict=False, load_default=None)
    region_id = integer(strict=False, load_default=None)
    qad_from = fields.Date(load_default=None)
    qad_to = fields.Date(load_default=None)
    updated_since = fields.AwareDateTime(load_default=None)
    q = text(80, load_default=None, metadata={"description": "Part of a child's or parent's name."})
    sort = choice(tuple(SORTS), load_default="updated")


class ReviewReasonSchema(Schema):
    code = fields.String()
    label = fields.String()
