"""Campo: field recruitment and eligibility for a state Migrant Education Program.

The HTTP API (``/api/v1``) serves the recruiters' offline-first app, the supervisors' review
and the state's counts. ``create_app`` builds it; the domain packages beside this file hold
the logic, each with the same file names (models, schemas, resources, services).
"""

from campo.app import create_app

__all__ = ["create_app"]
