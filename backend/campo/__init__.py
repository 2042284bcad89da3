"""Campo: field recruitment and eligibility for a state Migrant Education Program.

The HTTP API (``/api/v1``) serves the recruiters' offline-first app, the supervisors' review
and the state's counts. ``create_app`` builds it; the domain packages beside this file hold
the logic, each with the same file names (models, schemas, resources, services).
"""

from __future__ import annotations

from typing import Any


def create_app(config: Any = None) -> Any:
    """Build the app (imported here, not at package import, so domain code stays Flask-free)."""
    from campo.app import create_app as build

    return build(config)


__all__ = ["create_app"]
