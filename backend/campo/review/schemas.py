"""Shapes of the review queue, the review of one COE, reopening, the dashboard and comparisons."""

from __future__ import annotations

from marshmallow import Schema, fields

from campo.eligibility.models import CoeStatus
from campo.eligibility.schemas import CoeSchema, SignatureSchema
from campo.lib.fields import bounded_list, choice, integer, text
from campo.review.queries import AGE_BUCKETS, DUPLICATE_STATES, LIST_SORTS


class FlagSchema(Schema):
    code = fields.String(
        metadata={
            "description": "rule_failed, rule_warning, duplicate_pending, duplicate_unresolved, "
            "signature_invalid, comment_missing or comment_required"
        }
    )
    severity = fields.String(metadata={"description": "attention or info"})
    label = fields.String(metadata={"description": "In the request's language."})
    detail = fields.List(
        fields.String(),
        metadata={"description": "Rule keys, child positions, signer roles or comment keys."},
    )


class CoeRowSchema(Schema):
    id = fields.UUID()
    region_id = fields.Integer()
    status = fields.Enum(CoeStatus, by_value=True)
    version = fields.Integer()
    family_name = fields.String(allow_none=True)
    child_names = fields.List(fields.String())
    child_count = fields.Integer()
    recruiter_id = fields.Integer()
    recruiter_name = fields.String(allow_none=True)
    qualifying_arrival_date = fields.Date(allow_none=True)
    submitted_at = fields.DateTime(allow_none=True)
    days_waiting = fields.Integer(
        allow_none=True, metadata={"description": "Days since submission, while submitted."}
    )
    decided_at = fields.DateTime(allow_none=True)
    decided_by_name = fields.String(allow_none=True)
    updated_at = fields.DateTime()
    flags = fields.List(fields.Nested(FlagSchema))


class QueueArgsSchema(Schema):
    region_id = integer(strict=False, load_default=None)


class ListArgsSchema(Schema):
    status = bounded_list(choice([s.value for s in CoeStatus]), max_items=5, load_default=list)
    recruiter_id = integer(strict=False, load_default=None)
    region_id = integer(strict=False, load_default=None)
    q = text(80, load_default=None, metadata={"description": "Part of a child's or parent's name."})
    age = choice(
        [label for label, _first, _last in AGE_BUCKETS],
        load_default=None,
        metadata={"description": "Days waiting in the queue (submitted COEs only)."},
    )
    duplicates = choice(DUPLICATE_STATES, load_default=None)
    submitted_from = fields.Date(load_default=None)
    submitted_to = fields.Date(load_default=None)
    sort = choice(tuple(LIST_SORTS), load_default="updated")


class RuleResultSchema(Schema):
    code = fields.String()
    severity = fields.String()
    outcome = fields.String(metadata={"description": "pass, fail, not_applicable or error"})
    child = fields.Integer(allow_none=True)
    fields_ = fields.List(fields.String(), data_key="fields", attribute="fields")
    message = fields.String(metadata={"description": "In the request's language."})


class CommentNeedSchema(Schema):
    key = fields.String()
    given = fields.Boolean()


class ReviewCandidateSchema(Schema):
    child_id = fields.UUID()
    statewide_number = fields.String(allow_none=True)
    region_id = fields.Integer(allow_none=True)
    visible = fields.Boolean(
        metadata={"description": "In a region the caller sees; else only the match is shown."}
    )
    name = fields.String(allow_none=True)
    birth_date = fields.Date(allow_none=True)
    score = fields.Integer()
    band = fields.String()


class ReviewChildSchema(Schema):
    position = fields.Integer()
    name = fields.String()
    birth_date = fields.String(allow_none=True)
    child_id = fields.UUID(allow_none=True)
    statewide_number = fields.String(allow_none=True)
    eligibility_end_date = fields.Date(allow_none=True)
    match_decision = fields.String(allow_none=True)
    candidates = fields.List(fields.Nested(ReviewCandidateSchema))


class StatementSchema(Schema):
    id = fields.String()
    version = fields.Integer()
    title = fields.String(metadata={"description": "In the request's language."})
    text = fields.String(metadata={"description": "In the request's language."})


class ReviewSchema(Schema):
    coe = fields.Nested(CoeSchema)
    recruiter_name = fields.String(allow_none=True)
    decided_by_name = fields.String(allow_none=True)
    flags = fields.List(fields.Nested(FlagSchema))
    rules = fields.List(fields.Nested(RuleResultSchema))
    comments_required = fields.List(fields.Nested(CommentNeedSchema))
    children = fields.List(fields.Nested(ReviewChildSchema))
    signatures = fields.List(fields.Nested(SignatureSchema))
    can_decide = fields.Boolean(
        metadata={"description": "Whether the caller may approve, return or reject it now."}
    )
    can_reopen = fields.Boolean()
    reviewer_statement = fields.Nested(
        StatementSchema, metadata={"description": "What the reviewer certifies by signing."}
    )


class ReopenSchema(Schema):
    reason = text(2000, required=True)


class StatusCountsSchema(Schema):
    draft = fields.Integer()
    submitted = fields.Integer()
    returned = fields.Integer()
    approved = fields.Integer()
    rejected = fields.Integer()


class RecruiterCountsSchema(Schema):
    recruiter_id = fields.Integer()
    name = fields.String()
    total = fields.Integer()
    by_status = fields.Nested(StatusCountsSchema)


class AgeCountSchema(Schema):
    bucket = fields.String(metadata={"description": "Days waiting: 0-2, 3-7, 8-14, 15-30, 31+"})
    count = fields.Integer()


class DuplicateCountsSchema(Schema):
    pending = fields.Integer()
    unresolved = fields.Integer()


class SummarySchema(Schema):
    total = fields.Integer()
    by_status = fields.Nested(StatusCountsSchema)
    by_recruiter = fields.List(fields.Nested(RecruiterCountsSchema))
    queue_age = fields.List(fields.Nested(AgeCountSchema))
    oldest_waiting_days = fields.Integer(allow_none=True)
    returned_not_resubmitted = fields.Integer()
    duplicates = fields.Nested(DuplicateCountsSchema)


class SummaryArgsSchema(Schema):
    region_id = integer(strict=False, load_default=None)


class ComparedFieldSchema(Schema):
    field = fields.String()
    label = fields.String()
    submitted = fields.String(allow_none=True)
    candidate = fields.String(allow_none=True)
    differs = fields.Boolean(metadata={"description": "Not the same, accents and case aside."})
    matcher_field = fields.String()
    outcome = fields.String(allow_none=True)
    note = fields.String(allow_none=True)


class MatchNoteSchema(Schema):
    field = fields.String()
    outcome = fields.String()
    note = fields.String()


class ComparedCandidateSchema(Schema):
    child_id = fields.UUID()
    statewide_number = fields.String()
    region_id = fields.Integer()
    score = fields.Integer()
    band = fields.String()
    open = fields.Boolean(metadata={"description": "Likely or possible: must be resolved."})
    fields_ = fields.List(fields.Nested(ComparedFieldSchema), data_key="fields", attribute="fields")
    differences = fields.List(fields.String())
    comparisons = fields.List(fields.Nested(MatchNoteSchema))


class DecisionEventSchema(Schema):
    action = fields.String()
    occurred_at = fields.DateTime()
    actor_id = fields.Integer(allow_none=True)
    actor_name = fields.String(allow_none=True)
    child_id = fields.String(allow_none=True)
    previous = fields.String(allow_none=True)
    previous_child_id = fields.String(allow_none=True)


class ChildComparisonSchema(Schema):
    coe_id = fields.UUID()
    coe_status = fields.Enum(CoeStatus, by_value=True)
    position = fields.Integer()
    submitted = fields.Dict(keys=fields.String(), values=fields.String(allow_none=True))
    candidates = fields.List(fields.Nested(ComparedCandidateSchema))
    match_decision = fields.String(allow_none=True)
    child_id = fields.UUID(allow_none=True)
    match_decided_by_name = fields.String(allow_none=True)
    match_decided_at = fields.DateTime(allow_none=True)
    history = fields.List(fields.Nested(DecisionEventSchema))
    can_resolve = fields.Boolean()
