"""Properties of the count: a brute-force day-by-day oracle agrees with the SQL, and splitting
one child's records between two regions never changes the statewide count.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campo.reports import counts
from campo.reports.periods import Period, age_on
from tests.records import enroll, make_child, make_coe, region_id, serve

P = Period(2025)
DAY0 = date(2024, 1, 1)
SPAN = 1100  # days: records from 2024 into 2027, around the 2025-2026 period


def day(offset: int) -> date:
    return DAY0 + timedelta(days=offset)


windows = st.tuples(st.integers(0, SPAN), st.integers(0, 1200))
records = st.tuples(
    st.sampled_from(["enrollment", "regular", "summer", "intersession", "continuation"]),
    st.integers(0, SPAN),
    st.integers(0, 200),
    st.booleans(),  # True: recorded by the second region
)
children = st.fixed_dictionaries(
    {
        "birth": st.dates(date(2002, 6, 1), date(2024, 6, 1)),
        "coes": st.lists(st.tuples(windows, st.booleans()), min_size=1, max_size=3),
        "records": st.lists(records, max_size=4),
    }
)


def oracle(child: dict) -> tuple[int, int]:
    """Category 1 and 2 of one child, checking every day of the period."""
    cat1 = cat2 = False
    d = P.start
    while d <= P.end:
        if 3 <= age_on(child["birth"], d) <= 21 and any(
            day(start) <= d <= day(start + length) for (start, length), _ in child["coes"]
        ):
            evidence = [
                (kind, day(start) <= d <= day(start + length))
                for kind, start, length, _ in child["records"]
            ]
            coe_evidence = any(d == day(start) for (start, _), _ in child["coes"])
            if coe_evidence or any(on for _, on in evidence):
                cat1 = True
            if any(on and kind in ("summer", "intersession") for kind, on in evidence):
                cat2 = True
        d += timedelta(days=1)
    return int(cat1), int(cat2)


def build(session, child: dict, *, split: bool) -> None:
    def region(second: bool) -> str:
        return "23" if split and second else "16"

    row = make_child(session, birth_date=child["birth"])
    for (start, length), second in child["coes"]:
        # Residency and interview on the QAD: the COE's own evidence is that one day.
        make_coe(session, row, qad=day(start), eoe=day(start + length), region=region(second))
    for kind, start, length, second in child["records"]:
        first, last = day(start), day(start + length)
        if kind == "enrollment":
            enroll(session, row, first, last, region=region(second))
        else:
            serve(
                session,
                row,
                first,
                last,
                region=region(second),
                term="summer" if kind == "continuation" else kind,
                continuation_reason="01" if kind == "continuation" else None,
            )


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(child=children)
def test_splitting_a_child_between_regions_never_changes_the_statewide_count(db_session, child):
    results = {}
    for split in (False, True):
        savepoint = db_session.begin_nested()
        build(db_session, child, split=split)
        statewide = counts.statewide_totals(db_session, P)
        regions = [
            counts.statewide_totals(db_session, P, region_id(db_session, code))
            for code in ("16", "23")
        ]
        # The per-region report (another query shape) agrees with each region's totals.
        listed = {
            r["region_id"]: (r["category1"], r["category2"])
            for r in counts.by_region(db_session, P)
        }
        for code, regional in zip(("16", "23"), regions, strict=True):
            assert listed.get(region_id(db_session, code), (0, 0)) == regional
        savepoint.rollback()
        # Each region counts the child at most once, and never more than the state does.
        for regional in regions:
            assert regional[0] <= statewide[0]
            assert regional[1] <= statewide[1]
        if statewide[0]:
            assert max(r[0] for r in regions) == 1
        results[split] = statewide
    assert results[False] == results[True] == oracle(child)
