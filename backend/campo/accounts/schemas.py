"""Shapes of account and region responses."""

from marshmallow import Schema, fields


class RegionSchema(Schema):
    id = fields.Integer()
    code = fields.String()
    name = fields.String()
    phone = fields.String(allow_none=True)


class UserSchema(Schema):
    id = fields.Integer()
    username = fields.String()
    full_name = fields.String()
    role = fields.String(attribute="role.value")
    region = fields.Nested(RegionSchema, allow_none=True)
    language = fields.String()
