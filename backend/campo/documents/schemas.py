"""Shapes of document requests."""

from __future__ import annotations

from marshmallow import Schema

from campo.documents.render import LANGUAGES
from campo.lib.fields import choice


class DocumentQueryArgsSchema(Schema):
    lang = choice(
        LANGUAGES,
        load_default=None,
        metadata={"description": "The document's language; the COE's own language when omitted."},
    )
