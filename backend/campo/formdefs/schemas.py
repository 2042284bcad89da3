"""Shape of a served form definition."""

from marshmallow import Schema, fields


class FormSchema(Schema):
    form_id = fields.String()
    version = fields.String(metadata={"description": "<national>.<state supplement>, e.g. 1.1"})
    content_hash = fields.String()
    versions = fields.List(fields.String(), metadata={"description": "Every accepted version."})
    definition = fields.Dict()
