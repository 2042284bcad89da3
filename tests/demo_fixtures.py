"""The demo data (`make run`'s families) loaded into the test's transaction, for the tests of
the state's view: import ``demo_fixture`` into a test module, then ask for ``demo``."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from campo.demo.data import load_demo
from campo.families.models import Child
from tests.factories import state_today

STATE_CODE = "CA"


@pytest.fixture(name="demo")
def demo_fixture(db_session: Session) -> dict[str, Child]:
    """Load the demo; return its numbered children by first name."""
    load_demo(
        db_session, password="demo-password-unused", state_code=STATE_CODE, today=state_today()
    )
    db_session.commit()
    return {child.first_name: child for child in db_session.scalars(sa.select(Child))}
