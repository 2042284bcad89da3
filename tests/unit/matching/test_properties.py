"""Properties of scoring and keys over generated identities (hypothesis)."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campo.matching import score
from campo.matching.identity import Identity
from campo.matching.keys import blocking_keys, query_keys
from campo.matching.score import LIKELY_AT, POSSIBLE_AT, compare

SETTINGS = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

GIVEN = [
    "José", "María Guadalupe", "Juan Carlos", "Lupe", "Chuy", "Jesús", "Ana Sofía", "Brian",
    "Bryan", "Ximena", "Jimena", "Daniel", "Daniela", "Mai Nou", "Tou", "Pa", "Harpreet",
    "Gurpreet", "Xóchitl", "Citlali", "Mark", "Angelica", "Ma. Elena", "Fco. Javier",
]  # fmt: skip
SURNAMES = [
    "Hernández", "García", "López", "Martínez", "de la Cruz", "Delacruz", "Santiago",
    "Bautista", "Vang", "Xiong", "Kaur", "Singh", "Sandhu", "Santos", "Reyes", "Núñez",
    "García-López", "Ponce de León",
]  # fmt: skip
CITIES = ["Salinas", "Fresno", "Zamora", "Cd. Juárez", "Yuba City", "San Juan Copala"]

names = st.one_of(st.sampled_from(GIVEN), st.text(max_size=12))
surnames = st.one_of(st.sampled_from(SURNAMES), st.text(max_size=12))
maybe = st.none() | st.just("")
dates = st.dates(min_value=date(2003, 1, 1), max_value=date(2024, 12, 31))

identities = st.builds(
    Identity,
    first_name=maybe | names,
    middle_name=maybe | names,
    last_name_1=maybe | surnames,
    last_name_2=maybe | surnames,
    sex=st.sampled_from([None, "F", "M"]),
    birth_date=st.none() | dates,
    birth_city=maybe | st.sampled_from(CITIES),
    birth_state=maybe | st.sampled_from(["CA", "California", "Oax.", "Michoacán"]),
    birth_country=maybe | st.sampled_from(["US", "USA", "México", "MX"]),
    parent1_first=maybe | names,
    parent1_last=maybe | surnames,
    parent2_first=maybe | names,
    parent2_last=maybe | surnames,
)

complete = st.builds(
    Identity,
    first_name=st.sampled_from(GIVEN),
    last_name_1=st.sampled_from(SURNAMES),
    last_name_2=st.sampled_from(SURNAMES),
    sex=st.sampled_from(["F", "M"]),
    birth_date=dates,
    birth_city=st.sampled_from(CITIES),
    birth_state=st.just("CA"),
    birth_country=st.just("US"),
    parent1_first=st.sampled_from(GIVEN),
    parent1_last=st.sampled_from(SURNAMES),
    parent2_first=st.sampled_from(GIVEN),
    parent2_last=st.sampled_from(SURNAMES),
)

NOTES = {value for name, value in vars(score).items() if name.isupper() and isinstance(value, str)}


@SETTINGS
@given(identities, identities)
def test_score_band_and_explanation_are_well_formed(a: Identity, b: Identity):
    match = compare(a, b)
    assert 0 <= match.score <= 100
    if match.score >= LIKELY_AT:
        assert match.band == "likely"
    elif match.score >= POSSIBLE_AT:
        assert match.band == "possible"
    else:
        assert match.band == "unlikely"
    for comparison in match.comparisons:
        assert comparison.outcome in ("same", "similar", "different", "missing")
        assert comparison.note in NOTES


@SETTINGS
@given(identities, identities)
def test_score_is_symmetric_enough(a: Identity, b: Identity):
    assert abs(compare(a, b).score - compare(b, a).score) <= 2


@SETTINGS
@given(identities, identities)
def test_nobody_matches_a_record_better_than_the_record_itself(a: Identity, b: Identity):
    assert compare(a, a).score >= compare(a, b).score


@SETTINGS
@given(complete)
def test_an_identical_complete_record_is_likely_with_the_top_score(a: Identity):
    match = compare(a, Identity(**vars(a)))
    assert (match.score, match.band) == (100, "likely")


@SETTINGS
@given(identities)
def test_keys_are_deterministic_and_shared_by_identical_records(a: Identity):
    keys = blocking_keys(a)
    assert keys == blocking_keys(Identity(**vars(a)))
    assert len(keys) <= 12
    assert all(key.isascii() and len(key) <= 64 for key in keys)
    assert keys <= query_keys(a)
    if a.birth_date and (a.first_name or a.last_name_1 or a.last_name_2):
        assert keys & query_keys(Identity(**vars(a))) or not keys
