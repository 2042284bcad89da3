"""The published attestation statements and the signature policy (files in signatures/)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

SIGNATURES_DIR = Path(__file__).resolve().parents[3] / "signatures"


class UnknownStatement(LookupError):  # noqa: N818 - reads as the condition it names
    """No published statement with this id and version."""


@cache
def policy() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(
        (SIGNATURES_DIR / "policy.yaml").read_text(encoding="utf-8")
    )
    return document


@cache
def statement(statement_id: str, version: int) -> dict[str, Any]:
    """The statement ``<id>.v<version>``: its title and text in English and Spanish."""
    path = SIGNATURES_DIR / "statements" / f"{statement_id}.v{version}.yaml"
    if not path.is_file():
        raise UnknownStatement(f"{statement_id}.v{version}")
    document: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return document


def statement_for(role: str) -> dict[str, Any]:
    """The statement in force for a signer role, as the policy names it."""
    for step in policy()["order"]:
        if step["role"] == role:
            statement_id, _, version = step["statement"].partition(".v")
            return statement(statement_id, int(version))
    raise UnknownStatement(role)
