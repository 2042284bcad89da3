"""Shapes of the report requests and answers."""

from marshmallow import Schema, fields, validate

from campo.lib.fields import choice, integer, text
from campo.reports.counts import BUCKETS, CATEGORIES
from campo.reports.pfs import LISTS, REASONS

FORMATS = ("json", "csv")


class PeriodArgsSchema(Schema):
    period = fields.String(
        required=True,
        validate=validate.Length(max=20),
        metadata={"description": "A performance period, September 1 - August 31: 2025-2026."},
    )
    format = choice(FORMATS, load_default=None, allow_none=True)


class DrillDownArgsSchema(Schema):
    period = fields.String(required=True, validate=validate.Length(max=20))
    category = choice(CATEGORIES, load_default="1")
    region_id = integer(1, strict=False, load_default=None, allow_none=True)
    bucket = choice(BUCKETS, load_default=None, allow_none=True)


class StudentListArgsSchema(Schema):
    list = choice(LISTS, load_default="pfs")
    as_of = fields.Date(
        load_default=None, allow_none=True, metadata={"description": "Default: today."}
    )
    region_id = integer(1, strict=False, load_default=None, allow_none=True)
    school = text(100, load_default=None, allow_none=True)


class AsOfArgsSchema(Schema):
    as_of = fields.Date(load_default=None, allow_none=True)


class CountLineSchema(Schema):
    category1 = fields.Integer()
    category2 = fields.Integer()


class RegionCountSchema(CountLineSchema):
    region_id = fields.Integer()
    region_code = fields.String()
    region_name = fields.String()


class BucketCountSchema(CountLineSchema):
    bucket = fields.String(metadata={"enum": list(BUCKETS)})
    label = fields.String()


class ChildCountSchema(CountLineSchema):
    period = fields.String()
    start = fields.Date()
    end = fields.Date()
    region_id = fields.Integer(
        allow_none=True, metadata={"description": "The region counted; null: statewide."}
    )
    by_region = fields.List(fields.Nested(RegionCountSchema))
    by_bucket = fields.List(fields.Nested(BucketCountSchema))


class EvidenceSchema(Schema):
    kind = fields.String(metadata={"enum": ["enrollment", "service", "coe"]})
    id = fields.UUID()
    region_id = fields.Integer()
    summer_or_intersession_service = fields.Boolean()


class CountedChildSchema(Schema):
    child_id = fields.UUID()
    statewide_number = fields.String()
    region_id = fields.Integer()
    first_name = fields.String()
    last_name1 = fields.String()
    last_name2 = fields.String(allow_none=True)
    birth_date = fields.Date()
    bucket = fields.String()
    category2 = fields.Boolean()
    coe_ids = fields.List(fields.UUID())
    evidence = fields.List(fields.Nested(EvidenceSchema))


class ListedChildSchema(Schema):
    child_id = fields.UUID()
    statewide_number = fields.String()
    first_name = fields.String()
    last_name1 = fields.String()
    last_name2 = fields.String(allow_none=True)
    birth_date = fields.Date()
    region_id = fields.Integer()
    school_name = fields.String(allow_none=True)
    grade = fields.String(allow_none=True)
    english_learner = fields.Boolean()
    iep = fields.Boolean()
    priority_for_services = fields.Boolean()
    reasons = fields.List(fields.String(metadata={"enum": list(REASONS)}))
    reason_labels = fields.List(fields.String())


class PfsSchema(Schema):
    child_id = fields.UUID()
    as_of = fields.Date()
    priority_for_services = fields.Boolean()
    eligible = fields.Boolean()
    qualifying_move_within_year = fields.Boolean()
    qualifying_arrival_date = fields.Date(allow_none=True)
    reasons = fields.List(fields.String(metadata={"enum": list(REASONS)}))
    reason_labels = fields.List(fields.String())
