"""Dates as the state sees them."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo


def today_in_state(zone: str) -> date:
    """Today's date where the interviews happen (a UTC date is tomorrow by late afternoon)."""
    return datetime.now(ZoneInfo(zone)).date()
