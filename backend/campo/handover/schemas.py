"""The hand-over file as the API receives it, and the import report."""

from __future__ import annotations

from marshmallow import Schema, fields

from campo.lib.fields import integer, text

# A tablet's whole outbox with signatures: a few hundred kilobytes per dozen COEs.
MAX_FILE_BYTES = 32 * 1024 * 1024


class HandoverFileSchema(Schema):
    format = text(40, required=True)
    version = integer(1, 1000, required=True)
    key_id = text(64, required=True)
    wrapped_key = text(2048, required=True)
    iv = text(64, required=True)
    ciphertext = text(MAX_FILE_BYTES, required=True)


class RecordOutcomeSchema(Schema):
    id = fields.String(allow_none=True)
    outcome = fields.String(
        metadata={"description": "submitted, already_received, refused or invalid"}
    )
    code = fields.String(allow_none=True)
    message = fields.String(allow_none=True)
    field_messages = fields.Dict(data_key="fields")
    problems = fields.List(fields.Dict())


class HandoverReportSchema(Schema):
    owner = fields.Dict(metadata={"description": "The recruiter whose tablet exported the file."})
    exported_at = fields.String(allow_none=True)
    counts = fields.Dict()
    records = fields.List(fields.Nested(RecordOutcomeSchema))


class HandoverKeySchema(Schema):
    key_id = fields.String()
    public_key = fields.String(metadata={"description": "RSA-OAEP SHA-256 key, base64 SPKI."})
