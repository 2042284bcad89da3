"""Shapes of the data-quality report."""

from marshmallow import Schema, fields

from campo.lib.fields import choice, integer
from campo.locator.schemas import RegionContactSchema
from campo.quality.services import CHECKS


class QualityQueryArgsSchema(Schema):
    period = fields.String(
        load_default=None,
        metadata={"description": "e.g. 2025-2026; the current period when omitted."},
    )
    region_id = integer(
        strict=False,
        load_default=None,
        allow_none=True,
        metadata={"description": "State admins: one region (statewide when omitted)."},
    )
    stale_days = integer(1, 3650, strict=False, load_default=30)
    format = choice(("json", "csv"), load_default=None)


class IssueSchema(Schema):
    check = fields.String(metadata={"enum": list(CHECKS)})
    region = fields.Nested(RegionContactSchema)
    entity_type = fields.String(metadata={"description": "coe or child"})
    entity_id = fields.UUID()
    url = fields.String(metadata={"description": "Where to open the record to fix."})
    label = fields.String()
    detail = fields.List(fields.String(), metadata={"description": "Fields, reasons, status."})
    since = fields.Date(allow_none=True)


class QualityReportSchema(Schema):
    generated_at = fields.DateTime()
    period = fields.String()
    region = fields.Nested(RegionContactSchema, allow_none=True)
    stale_days = fields.Integer()
    summary = fields.Dict(keys=fields.String(), values=fields.Integer())
    issues = fields.List(fields.Nested(IssueSchema))
