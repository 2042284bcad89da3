"""Every model, imported once so Alembic and the tests see the whole schema."""

from campo.accounts.models import Region, Role, User
from campo.audit.models import AuditEvent
from campo.db import Base
from campo.eligibility.models import Coe, CoeChild, CoeStatus
from campo.families.models import Child, Family, StudentNumberIssue
from campo.matching.models import ChildMatchKey
from campo.signatures.models import Signature, SignerRole

__all__ = [
    "AuditEvent",
    "Base",
    "Child",
    "ChildMatchKey",
    "Coe",
    "CoeChild",
    "CoeStatus",
    "Family",
    "Region",
    "Role",
    "Signature",
    "SignerRole",
    "StudentNumberIssue",
    "User",
]
