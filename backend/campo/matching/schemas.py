"""Shapes of the duplicate check and of link decisions."""

from marshmallow import Schema, fields

from campo.lib.fields import choice, integer, text


class IdentitySchema(Schema):
    """A child's identity as a recruiter types it (any field may be missing)."""

    first_name = text(50, load_default=None, allow_none=True)
    middle_name = text(50, load_default=None, allow_none=True)
    last_name_1 = text(50, load_default=None, allow_none=True)
    last_name_2 = text(50, load_default=None, allow_none=True)
    sex = choice(("F", "M"), load_default=None, allow_none=True)
    birth_date = fields.Date(load_default=None, allow_none=True)
    birth_city = text(80, load_default=None, allow_none=True)
    birth_state = text(40, load_default=None, allow_none=True)
    birth_country = text(3, load_default=None, allow_none=True)
    parent1_first = text(50, load_default=None, allow_none=True)
    parent1_last = text(50, load_default=None, allow_none=True)
    parent2_first = text(50, load_default=None, allow_none=True)
    parent2_last = text(50, load_default=None, allow_none=True)


class CheckSchema(IdentitySchema):
    limit = integer(1, 20, load_default=5)
    minimum_band = choice(("likely", "possible", "unlikely"), load_default="possible")


class ComparisonSchema(Schema):
    field = fields.String()
    outcome = fields.String(metadata={"description": "same, similar, different or missing"})
    note = fields.String(metadata={"description": "In the request's language."})


class CandidateSchema(Schema):
    child_id = fields.UUID()
    statewide_number = fields.String()
    region_id = fields.Integer()
    first_name = fields.String()
    middle_name = fields.String(allow_none=True)
    last_name1 = fields.String()
    last_name2 = fields.String(allow_none=True)
    sex = fields.String(allow_none=True)
    birth_date = fields.Date()
    birth_city = fields.String(allow_none=True)
    birth_country = fields.String(allow_none=True)
    score = fields.Integer(metadata={"description": "0-100"})
    band = fields.String(metadata={"description": "likely, possible or unlikely"})
    comparisons = fields.List(fields.Nested(ComparisonSchema))


class LinkSchema(Schema):
    child_id = fields.UUID(required=True)


class MatchDecisionSchema(Schema):
    position = fields.Integer()
    child_id = fields.UUID(allow_none=True)
    match_decision = fields.String(allow_none=True)
    match_decided_at = fields.DateTime(allow_none=True)
