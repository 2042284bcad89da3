"""Canonical JSON: one byte sequence per value, so equal content always hashes equal."""

from __future__ import annotations

import hashlib
import json
import uuid
from datetime import date, datetime
from typing import Any


def to_json_safe(value: Any) -> Any:
    """Return ``value`` with dates, datetimes and UUIDs turned into their ISO/str forms."""
    if isinstance(value, dict):
        return {str(k): to_json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json_safe(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def canonical_json(value: Any) -> bytes:
    return json.dumps(
        to_json_safe(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode()


def content_hash(value: Any) -> str:
    """Return the SHA-256 hex digest of the canonical JSON of ``value``."""
    return hashlib.sha256(canonical_json(value)).hexdigest()
