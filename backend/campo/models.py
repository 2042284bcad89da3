"""Every model, imported once so Alembic and the tests see the whole schema."""

from campo.accounts.models import Region, Role, User
from campo.audit.models import AuditChainHead, AuditEvent
from campo.auth.models import RevokedToken
from campo.db import Base
from campo.eligibility.models import Coe, CoeChild, CoeStatus
from campo.families.models import Child, Family, StudentNumberIssue
from campo.history.models import (
    AcademicIndicator,
    Assessment,
    ChildIndicators,
    CourseRecord,
    MepService,
    SchoolEnrollment,
)
from campo.matching.models import ChildMatchKey
from campo.msix.models import MoveNotice, MsixImport, MsixRecord
from campo.reinterviews.models import Outcome, ReinterviewItem, ReinterviewSample
from campo.signatures.models import Signature, SignerRole

__all__ = [
    "AcademicIndicator",
    "Assessment",
    "AuditChainHead",
    "AuditEvent",
    "Base",
    "Child",
    "ChildIndicators",
    "ChildMatchKey",
    "Coe",
    "CoeChild",
    "CoeStatus",
    "CourseRecord",
    "Family",
    "MepService",
    "MoveNotice",
    "MsixImport",
    "MsixRecord",
    "Outcome",
    "Region",
    "ReinterviewItem",
    "ReinterviewSample",
    "RevokedToken",
    "Role",
    "SchoolEnrollment",
    "Signature",
    "SignerRole",
    "StudentNumberIssue",
    "User",
]
