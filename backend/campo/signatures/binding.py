"""Binding a signature to exactly what was signed, and verifying it later.

What a signer signs is the canonical serialization of: the COE's id, its content (answers,
language, form version, interview place), the signer's role, and the statement they were shown
(id and version). Its SHA-256 is stored with the signature. Verification recomputes it from
the COE as stored now: any change to the signed content after signing, made through the API or
behind its back, makes the signature fail.
"""

from __future__ import annotations

import hmac
import uuid
from typing import Any

from campo.lib.canonical import canonical_json, content_hash


def signed_document(
    *,
    coe_id: uuid.UUID,
    content: dict[str, Any],
    role: str,
    statement_id: str,
    statement_version: int,
) -> dict[str, Any]:
    """The document a signature attests, in the form that is hashed."""
    return {
        "coe_id": str(coe_id),
        "content": content,
        "role": role,
        "statement": {"id": statement_id, "version": statement_version},
    }


def binding_hash(document: dict[str, Any]) -> str:
    return content_hash(document)


def canonical_bytes(document: dict[str, Any]) -> bytes:
    """The exact bytes hashed (kept for whoever wants to check a printed hash by hand)."""
    return canonical_json(document)


def verifies(expected_hash: str, document: dict[str, Any]) -> bool:
    """Whether ``document`` is still exactly what was signed."""
    return hmac.compare_digest(expected_hash, binding_hash(document))
