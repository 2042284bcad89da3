"""Shapes of re-interview requests and responses."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from campo.lib.fields import NOT_ALLOWED, OUT_OF_RANGE, choice, integer, text
from campo.reinterviews.models import Outcome
from campo.reinterviews.reasons import NOT_ELIGIBLE_REASONS


class SampleCreateSchema(Schema):
    period_start = fields.Date(required=True)
    period_end = fields.Date(required=True)
    rate = fields.Float(
        load_default=None,
        validate=validate.Range(min=0, max=1, min_inclusive=False, error=OUT_OF_RANGE),
        metadata={"description": "Share of the population to draw (0 < rate <= 1), or give size."},
    )
    size = integer(1, 100_000, load_default=None, metadata={"description": "Children to draw."})
    seed = fields.String(
        load_default=None,
        validate=validate.Regexp(r"^[0-9A-Za-z_-]{1,64}$", error=NOT_ALLOWED),
        metadata={"description": "The draw's seed (letters, digits, - and _); random if omitted."},
    )
    region_id = integer(load_default=None, metadata={"description": "One region, or statewide."})


class AssignSchema(Schema):
    reinterviewer_id = integer(required=True)


class OutcomeSchema(Schema):
    outcome = choice([o.value for o in Outcome], required=True)
    reason = choice(tuple(NOT_ELIGIBLE_REASONS), load_default=None, allow_none=True)
    reinterview_date = fields.Date(required=True)
    notes = text(2000, load_default=None, allow_none=True)


class ItemQueryArgsSchema(Schema):
    sample_id = fields.UUID(load_default=None)
    mine = fields.Boolean(load_default=False)
    pending = fields.Boolean(load_default=False)


class ItemSchema(Schema):
    id = fields.UUID()
    sample_id = fields.UUID()
    position = fields.Integer()
    coe_id = fields.UUID()
    child_id = fields.UUID()
    statewide_number = fields.String()
    child_name = fields.String()
    region_id = fields.Integer()
    reinterviewer_id = fields.Integer(allow_none=True)
    assigned_at = fields.DateTime(allow_none=True)
    outcome = fields.String(allow_none=True)
    outcome_reason = fields.String(allow_none=True)
    reinterview_date = fields.Date(allow_none=True)
    notes = fields.String(allow_none=True)
    recorded_by_id = fields.Integer(allow_none=True)
    recorded_at = fields.DateTime(allow_none=True)


class SampleSummarySchema(Schema):
    id = fields.UUID()
    period_start = fields.Date()
    period_end = fields.Date()
    region_id = fields.Integer(allow_none=True)
    requested_rate = fields.Float(allow_none=True)
    requested_size = fields.Integer(allow_none=True)
    method = fields.String()
    seed = fields.String()
    population_size = fields.Integer()
    population_hash = fields.String()
    sample_size = fields.Integer()
    created_by_id = fields.Integer()
    created_at = fields.DateTime()


class SampleSchema(SampleSummarySchema):
    items = fields.List(
        fields.Nested(ItemSchema),
        metadata={"description": "The drawn children (outside the state office: one's region)."},
    )


class IntervalSchema(Schema):
    method = fields.String(metadata={"description": "wilson"})
    confidence = fields.Float()
    low = fields.Float()
    high = fields.Float()


class ReportSchema(Schema):
    sample_id = fields.UUID()
    sample_size = fields.Integer()
    assigned = fields.Integer()
    pending = fields.Integer()
    reinterviewed = fields.Integer(
        metadata={"description": "Confirmed eligible + not eligible (not reached is left out)."}
    )
    confirmed_eligible = fields.Integer()
    not_eligible = fields.Integer()
    not_reached = fields.Integer()
    defect_rate = fields.Float(allow_none=True)
    interval = fields.Nested(IntervalSchema, allow_none=True)
    reasons = fields.Dict(keys=fields.String(), values=fields.Integer())
    draw_verified = fields.Boolean(
        metadata={
            "description": "Drawing again from the database gives the same population and list."
        }
    )


class ReasonSchema(Schema):
    code = fields.String()
    label = fields.String()
