"""Shapes of a locator search and of its results."""

from marshmallow import Schema, fields

from campo.lib.fields import choice, integer, text
from campo.matching.schemas import ComparisonSchema, IdentitySchema


class LocatorQuerySchema(IdentitySchema):
    """Any of a child's names, birth date, birth place, parents' names, or the statewide number."""

    statewide_number = text(
        20,
        load_default=None,
        allow_none=True,
        metadata={"description": "Exact lookup; spaces and dashes are ignored."},
    )
    limit = integer(1, 50, load_default=10)
    minimum_band = choice(("likely", "possible", "unlikely"), load_default="possible")


class LocatorQueryArgsSchema(LocatorQuerySchema):
    """The same criteria in a query string (integers arrive as text)."""

    limit = integer(1, 50, strict=False, load_default=10)


class RegionContactSchema(Schema):
    id = fields.Integer()
    code = fields.String()
    name = fields.String()
    phone = fields.String(allow_none=True)


class LocatorResultSchema(Schema):
    """A child found. ``child_id``, the links, birth place, sex and the explanation come only for
    the searcher's own region (state admins: every region)."""

    in_region = fields.Boolean()
    score = fields.Integer(metadata={"description": "0-100"})
    band = fields.String(metadata={"description": "exact (by number), likely, possible, unlikely"})
    statewide_number = fields.String()
    first_name = fields.String()
    middle_name = fields.String(allow_none=True)
    last_name1 = fields.String()
    last_name2 = fields.String(allow_none=True)
    birth_date = fields.Date()
    eligibility_end_date = fields.Date(allow_none=True)
    region = fields.Nested(RegionContactSchema)
    child_id = fields.UUID()
    record_url = fields.String()
    history_url = fields.String()
    sex = fields.String(allow_none=True)
    birth_city = fields.String(allow_none=True)
    birth_state = fields.String(allow_none=True)
    birth_country = fields.String(allow_none=True)
    comparisons = fields.List(fields.Nested(ComparisonSchema))
