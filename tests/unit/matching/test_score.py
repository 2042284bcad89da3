"""Scoring real-world pairs: every spelling of the same child is found, siblings never merge."""

from __future__ import annotations

import re
from datetime import date

import pytest

from campo.matching import score
from campo.matching.identity import Identity
from campo.matching.score import LIKELY_AT, POSSIBLE_AT, compare
from tests.unit.matching.people import child, filipino, hispanic_girl, hmong, punjabi, triqui

# (stored child, the same child entered again): always "likely".
SAME_CHILD = [
    pytest.param(
        child(),
        child(first_name="JOSE", last_name_1="HERNANDEZ", last_name_2="LOPEZ"),
        id="accents-and-case-dropped",
    ),
    pytest.param(
        child(), child(last_name_1="López", last_name_2="Hernández"), id="surnames-swapped"
    ),
    pytest.param(child(), child(last_name_2=None), id="maternal-surname-dropped"),
    pytest.param(
        child(), child(last_name_1="López", last_name_2=None), id="paternal-surname-dropped"
    ),
    pytest.param(
        child(), child(last_name_1="Hernández López", last_name_2=None), id="surnames-one-field"
    ),
    pytest.param(
        hispanic_girl(),
        hispanic_girl(last_name_1="García-Martínez", last_name_2=None),
        id="surnames-hyphenated",
    ),
    pytest.param(
        hispanic_girl(),
        hispanic_girl(last_name_1="GarcíaMartínez", last_name_2=None),
        id="surnames-joined-camel-case",
    ),
    pytest.param(
        hispanic_girl(),
        hispanic_girl(last_name_1="GARCIAMARTINEZ", last_name_2=None),
        id="surnames-joined-capitals",
    ),
    pytest.param(
        child(last_name_1="de la Cruz", last_name_2="Reyes"),
        child(last_name_1="Cruz", last_name_2="Reyes"),
        id="particle-de-la-dropped",
    ),
    pytest.param(
        child(last_name_1="Del Río", last_name_2="Reyes"),
        child(last_name_1="Delrio", last_name_2="Reyes"),
        id="particle-del-joined",
    ),
    pytest.param(
        child(last_name_1="García y López", last_name_2=None),
        child(last_name_1="García", last_name_2="López"),
        id="particle-y-between-surnames",
    ),
    pytest.param(hispanic_girl(), hispanic_girl(first_name="Guadalupe"), id="compound-shortened"),
    pytest.param(hispanic_girl(), hispanic_girl(first_name="Lupe"), id="compound-to-nickname"),
    pytest.param(hispanic_girl(), hispanic_girl(first_name="Lupita"), id="compound-diminutive"),
    pytest.param(
        hispanic_girl(), hispanic_girl(first_name="Ma. Guadalupe"), id="compound-abbreviated"
    ),
    pytest.param(
        hispanic_girl(),
        hispanic_girl(first_name="María", middle_name="Guadalupe"),
        id="compound-split-into-middle-name",
    ),
    pytest.param(
        hispanic_girl(),
        hispanic_girl(first_name="Guadalupe María"),
        id="compound-order-reversed",
    ),
    pytest.param(child(first_name="Francisco"), child(first_name="Pancho"), id="nickname-pancho"),
    pytest.param(child(first_name="Francisco"), child(first_name="Paco"), id="nickname-paco"),
    pytest.param(child(first_name="Jesús"), child(first_name="Chuy"), id="nickname-chuy"),
    pytest.param(child(first_name="Guillermo"), child(first_name="Memo"), id="nickname-memo"),
    pytest.param(child(first_name="José"), child(first_name="Pepe"), id="nickname-pepe"),
    pytest.param(child(first_name="Ignacio"), child(first_name="Nacho"), id="nickname-nacho"),
    pytest.param(child(first_name="Eduardo"), child(first_name="Lalo"), id="nickname-lalo"),
    pytest.param(child(first_name="Roberto"), child(first_name="Beto"), id="nickname-beto"),
    pytest.param(child(first_name="Enrique"), child(first_name="Quique"), id="nickname-quique"),
    pytest.param(
        hispanic_girl(first_name="Rosario"), hispanic_girl(first_name="Chayo"), id="nickname-chayo"
    ),
    pytest.param(
        hispanic_girl(first_name="Concepción"),
        hispanic_girl(first_name="Conchita"),
        id="nickname-conchita",
    ),
    pytest.param(child(first_name="William"), child(first_name="Bill"), id="nickname-english"),
    pytest.param(child(first_name="Guillermo"), child(first_name="William"), id="name-in-english"),
    pytest.param(
        hispanic_girl(first_name="Yesenia"),
        hispanic_girl(first_name="Llesenia"),
        id="spelling-ll-y",
    ),
    pytest.param(
        hispanic_girl(first_name="Cynthia"),
        hispanic_girl(first_name="Cinthia"),
        id="spelling-y-i-th",
    ),
    pytest.param(child(first_name="Brian"), child(first_name="Bryan"), id="spelling-bryan"),
    pytest.param(
        hispanic_girl(first_name="Ximena"), hispanic_girl(first_name="Jimena"), id="spelling-x-j"
    ),
    pytest.param(
        hispanic_girl(first_name="Estefanía"),
        hispanic_girl(first_name="Stephanie"),
        id="spanish-english-spelling",
    ),
    pytest.param(
        hispanic_girl(), hispanic_girl(first_name="María Guadalpue"), id="first-name-typo"
    ),
    pytest.param(child(), child(last_name_1="Hernandes"), id="surname-s-for-z"),
    pytest.param(child(), child(last_name_1="Hernnadez"), id="surname-typo"),
    pytest.param(
        child(),
        child(first_name="Hernández López", last_name_1="José", last_name_2=None),
        id="first-name-and-surnames-exchanged",
    ),
    pytest.param(
        child(),
        child(first_name="José", middle_name="López", last_name_1="Hernández", last_name_2=None),
        id="maternal-surname-as-middle-name",
    ),
    pytest.param(child(), child(birth_date=date(2012, 3, 7)), id="day-and-month-swapped"),
    pytest.param(child(), child(birth_date=date(2012, 7, 4)), id="birth-date-off-by-one"),
    pytest.param(child(), child(birth_date=date(2013, 7, 3)), id="birth-year-typo"),
    pytest.param(
        hispanic_girl(),
        hispanic_girl(birth_city=None, birth_state="Mich.", birth_country="MX"),
        id="birth-place-abbreviated",
    ),
    pytest.param(
        child(), child(birth_city=None, birth_state=None, birth_country=None), id="no-birth-place"
    ),
    pytest.param(
        child(),
        child(parent1_first=None, parent1_last=None, parent2_first=None, parent2_last=None),
        id="no-parents",
    ),
    pytest.param(
        child(),
        child(parent1_first="Juan", parent1_last="Hernández", parent2_first=None),
        id="only-the-other-parent",
    ),
    pytest.param(
        filipino(),
        filipino(middle_name=None, last_name_1="Dela Cruz", last_name_2="Santos"),
        id="filipino-middle-name-as-surname",
    ),
    pytest.param(
        filipino(), filipino(middle_name=None, last_name_1="Delacruz"), id="filipino-dela-joined"
    ),
    pytest.param(
        punjabi(),
        punjabi(middle_name="Kaur", last_name_1="Sandhu", last_name_2=None),
        id="punjabi-kaur-as-middle-name",
    ),
    pytest.param(
        punjabi(), punjabi(last_name_1="Kaur", last_name_2=None), id="punjabi-family-name-dropped"
    ),
    pytest.param(hmong(), hmong(first_name="TOU", last_name_1="VANG"), id="hmong-capitals"),
    pytest.param(
        hmong(), hmong(first_name="Vang", last_name_1="Tou"), id="hmong-clan-name-written-first"
    ),
    pytest.param(
        hmong(first_name="Mai Nou", sex="F"),
        hmong(first_name="Mai", middle_name="Nou", sex="F"),
        id="hmong-compound-split",
    ),
    pytest.param(triqui(), triqui(first_name="XOCHITL", last_name_2=None), id="nahuatl-name"),
    pytest.param(triqui(), triqui(first_name="Sochitl"), id="nahuatl-name-spelt-with-s"),
    pytest.param(triqui(first_name="Yatziri"), triqui(first_name="Yatsiri"), id="nahuatl-tz-ts"),
]

# (stored child, a different child of the same family or community): never "likely".
DIFFERENT_CHILD = [
    pytest.param(child(), child(first_name="Juan Carlos"), id="twins-same-sex"),
    pytest.param(
        child(first_name="Daniel"),
        child(first_name="Daniela", sex="F"),
        id="twins-boy-and-girl-daniel-daniela",
    ),
    pytest.param(
        child(first_name="Fernando"),
        child(first_name="Fernanda", sex="F"),
        id="twins-fernando-fernanda",
    ),
    pytest.param(
        hispanic_girl(first_name="María Fernanda"),
        hispanic_girl(first_name="María José"),
        id="twins-sharing-first-part",
    ),
    pytest.param(child(first_name="Mario"), child(first_name="Marco"), id="twins-mario-marco"),
    pytest.param(child(first_name="José"), child(first_name="Josué"), id="twins-jose-josue"),
    pytest.param(
        child(first_name="Roberto"), child(first_name="Alberto"), id="twins-roberto-alberto"
    ),
    pytest.param(
        child(),
        child(first_name="Luis", birth_date=date(2014, 9, 1)),
        id="brother",
    ),
    pytest.param(
        child(first_name="José Luis", birth_date=date(2010, 2, 3)),
        child(first_name="José Antonio", birth_date=date(2012, 5, 17)),
        id="brothers-jose-luis-jose-antonio",
    ),
    pytest.param(
        child(),
        child(
            last_name_2="Ramírez",
            birth_date=date(2012, 2, 14),
            parent1_first="Leticia",
            parent1_last="Ramírez Soto",
            parent2_first="Pedro",
            parent2_last="Hernández Pérez",
        ),
        id="cousin-with-the-same-name",
    ),
    pytest.param(
        child(),
        child(
            last_name_2="Ruiz",
            birth_city="Fresno",
            parent1_first="Silvia",
            parent1_last="Ruiz",
            parent2_first="Miguel",
            parent2_last="Hernández",
        ),
        id="namesake-born-the-same-day",
    ),
    pytest.param(
        punjabi(),
        punjabi(
            first_name="Simranjit",
            last_name_2="Gill",
            parent1_first="Manjit",
            parent1_last="Kaur",
            parent2_first="Baljit",
            parent2_last="Singh Gill",
        ),
        id="punjabi-only-kaur-and-birth-date-shared",
    ),
    pytest.param(
        punjabi(),
        punjabi(first_name="Gurpreet", birth_date=date(2015, 8, 2)),
        id="punjabi-sister",
    ),
    pytest.param(
        hmong(), hmong(first_name="Kou", birth_date=date(2017, 6, 30)), id="hmong-brother"
    ),
    pytest.param(hmong(), hmong(first_name="Pao"), id="hmong-twins"),
    pytest.param(
        hmong(first_name="Mai Nou", sex="F"),
        hmong(first_name="Mai Yer", sex="F"),
        id="hmong-twin-sisters",
    ),
    pytest.param(
        triqui(),
        triqui(first_name="Citlali", birth_date=date(2018, 4, 2)),
        id="triqui-sister",
    ),
    pytest.param(
        filipino(),
        filipino(
            first_name="Mark",
            middle_name="Reyes",
            birth_date=date(2011, 10, 9),
            parent1_first="Lorna",
            parent1_last="Reyes",
        ),
        id="filipino-cousin",
    ),
]


@pytest.mark.parametrize(("stored", "entered"), SAME_CHILD)
def test_the_same_child_is_likely(stored: Identity, entered: Identity):
    match = compare(entered, stored)
    assert match.band == "likely", explain(match)
    assert compare(stored, entered).band == "likely"


@pytest.mark.parametrize(("stored", "entered"), DIFFERENT_CHILD)
def test_a_sibling_twin_or_cousin_is_never_likely(stored: Identity, entered: Identity):
    match = compare(entered, stored)
    assert match.band != "likely", explain(match)
    assert compare(stored, entered).band != "likely"


@pytest.mark.parametrize(
    ("stored", "entered"),
    [
        pytest.param(child(), child(first_name="Luis", birth_date=date(2014, 9, 1)), id="brother"),
        pytest.param(
            child(first_name="Daniel"), child(first_name="Daniela", sex="F"), id="boy-girl-twins"
        ),
        pytest.param(
            punjabi(),
            punjabi(
                first_name="Simranjit",
                last_name_2="Gill",
                parent1_first="Manjit",
                parent1_last="Kaur",
                parent2_first="Baljit",
                parent2_last="Singh Gill",
            ),
            id="kaur-alone",
        ),
    ],
)
def test_clear_differences_are_unlikely(stored: Identity, entered: Identity):
    assert compare(entered, stored).band == "unlikely"


def test_twins_get_the_family_explanation():
    match = compare(child(first_name="Juan Carlos"), child())
    notes = {c.field: c.note for c in match.comparisons}
    assert notes["family"] == score.FAMILY_NOTE
    assert notes["first_name"] == score.FIRST_DIFFERENT
    assert notes["birth_date"] == score.DATE_SAME


@pytest.mark.parametrize(
    ("entered", "field", "outcome", "note"),
    [
        pytest.param(
            child(birth_date=date(2012, 3, 7)),
            "birth_date",
            "similar",
            score.DATE_SWAPPED,
            id="day-month-swap",
        ),
        pytest.param(
            child(birth_date=date(2012, 7, 2)), "birth_date", "similar", score.DATE_NEAR, id="near"
        ),
        pytest.param(
            child(last_name_1="López", last_name_2="Hernández"),
            "last_names",
            "same",
            score.LAST_SWAPPED,
            id="surnames-swapped",
        ),
        pytest.param(
            child(last_name_2=None), "last_names", "similar", score.LAST_DROPPED, id="dropped"
        ),
        pytest.param(
            child(first_name="Pepe"), "first_name", "similar", score.FIRST_NICKNAME, id="nickname"
        ),
        pytest.param(
            child(first_name="Hernández López", last_name_1="José", last_name_2=None),
            "name_fields",
            "similar",
            score.NAMES_SWAPPED,
            id="fields-exchanged",
        ),
        pytest.param(child(sex=None), "sex", "missing", score.SEX_MISSING, id="sex-missing"),
        pytest.param(
            child(birth_city="Fresno"),
            "birth_place",
            "different",
            score.PLACE_CITY_DIFFERENT,
            id="other-city",
        ),
    ],
)
def test_each_field_is_explained(entered: Identity, field: str, outcome: str, note: str):
    comparisons = {c.field: c for c in compare(entered, child()).comparisons}
    assert comparisons[field].outcome == outcome
    assert comparisons[field].note == note


def test_identical_complete_records_score_100():
    for person in (child(), hispanic_girl(), filipino(), punjabi(), hmong(), triqui()):
        match = compare(person, person)
        assert (match.score, match.band) == (100, "likely")
        assert all(c.outcome == "same" for c in match.comparisons)


def test_bands_follow_the_thresholds():
    assert 0 < POSSIBLE_AT < LIKELY_AT <= 100
    for stored, entered in [case.values for case in SAME_CHILD + DIFFERENT_CHILD]:
        match = compare(entered, stored)
        expected = (
            "likely"
            if match.score >= LIKELY_AT
            else "possible"
            if match.score >= POSSIBLE_AT
            else "unlikely"
        )
        assert match.band == expected


NOTES = {value for name, value in vars(score).items() if name.isupper() and isinstance(value, str)}


def test_notes_are_catalogued_and_never_show_a_name_or_date():
    for stored, entered in [case.values for case in SAME_CHILD + DIFFERENT_CHILD]:
        for match in (compare(entered, stored), compare(stored, entered)):
            for comparison in match.comparisons:
                assert comparison.note in NOTES
                assert comparison.outcome in ("same", "similar", "different", "missing")
                assert not re.search(r"\d", comparison.note)
                names = {
                    word.lower()
                    for person in (stored, entered)
                    for value in (person.first_name, person.last_name_1, person.last_name_2)
                    if value
                    for word in re.findall(r"\w{4,}", value)
                }
                assert not names & {w.lower() for w in re.findall(r"\w+", comparison.note)}


def explain(match: score.Match) -> str:
    lines = [f"{match.score} {match.band}"]
    lines += [f"  {c.field} {c.outcome} {c.weight} {c.note}" for c in match.comparisons]
    return "\n".join(lines)
