"""Normalisation of the names the program's families carry, without damage to any of them."""

from __future__ import annotations

import pytest

from campo.matching.normalize import (
    canonicals,
    country_code,
    day_month_swapped,
    fold,
    given_tokens,
    nickname_equivalent,
    phonetic,
    place_words,
    spelling,
    state_code,
    surname_tokens,
)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        pytest.param("José Hernández", "jose hernandez", id="accents"),
        pytest.param("NÚÑEZ  PEÑA", "nunez pena", id="enye-and-spaces"),
        pytest.param("García-López", "garcia lopez", id="hyphen"),
        pytest.param("O'Brien", "obrien", id="apostrophe"),
        pytest.param("Ma. Guadalupe", "ma guadalupe", id="abbreviation-dot"),
        pytest.param("Xóchitl", "xochitl", id="nahuatl"),
        pytest.param(None, "", id="none"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("fields", "tokens"),
    [
        pytest.param(("Hernández", "López"), ("hernandez", "lopez"), id="two-fields"),
        pytest.param(("Hernández López", None), ("hernandez", "lopez"), id="one-field"),
        pytest.param(("García-López",), ("garcia", "lopez"), id="hyphenated"),
        pytest.param(("GarcíaLópez",), ("garcia", "lopez"), id="camel-case"),
        pytest.param(("GARCIALOPEZ",), ("garcia", "lopez"), id="joined-known-surnames"),
        pytest.param(("de la Cruz",), ("cruz",), id="particles"),
        pytest.param(("Delacruz",), ("cruz",), id="particle-joined"),
        pytest.param(("dela Cruz",), ("cruz",), id="filipino-dela"),
        pytest.param(("Delos Santos",), ("santos",), id="filipino-delos"),
        pytest.param(("García y Pérez",), ("garcia", "perez"), id="conjunction-y"),
        pytest.param(("Ponce de León",), ("ponce", "leon"), id="compound-surname"),
        pytest.param(("Delgado",), ("delgado",), id="not-a-particle"),
        pytest.param(("McDonald",), ("mcdonald",), id="mc-not-split"),
        pytest.param(("De",), ("de",), id="particle-alone-kept"),
        pytest.param(("Vang",), ("vang",), id="hmong-clan"),
        pytest.param(("Lee",), ("lee",), id="hmong-lee"),
        pytest.param(("Kaur", "Sandhu"), ("kaur", "sandhu"), id="punjabi"),
    ],
)
def test_surname_tokens(fields, tokens):
    assert surname_tokens(*fields) == tokens


@pytest.mark.parametrize(
    ("fields", "tokens"),
    [
        pytest.param(("María Guadalupe",), ("maria", "guadalupe"), id="compound"),
        pytest.param(("María", "Guadalupe"), ("maria", "guadalupe"), id="middle-name"),
        pytest.param(("Ma. Guadalupe",), ("maria", "guadalupe"), id="ma-abbreviation"),
        pytest.param(("Fco. Javier",), ("francisco", "javier"), id="fco-abbreviation"),
        pytest.param(("María de los Ángeles",), ("maria", "angeles"), id="particles"),
        pytest.param(("José de Jesús",), ("jose", "jesus"), id="de-jesus"),
        pytest.param(("Ma",), ("ma",), id="lone-ma-kept"),
        pytest.param(("Mai Nou",), ("mai", "nou"), id="hmong"),
        pytest.param(("Pa",), ("pa",), id="hmong-short"),
        pytest.param(("Harpreet",), ("harpreet",), id="punjabi"),
    ],
)
def test_given_tokens(fields, tokens):
    assert given_tokens(*fields) == tokens


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("hernandez", "ernandes", id="silent-h-and-z"),
        pytest.param("gonzalez", "gonzales", id="z-s"),
        pytest.param("valdez", "baldes", id="v-b"),
        pytest.param("yesenia", "llesenia", id="y-ll"),
        pytest.param("cynthia", "cinthia", id="y-i-th"),
        pytest.param("brian", "bryan", id="bryan"),
        pytest.param("karla", "carla", id="c-k"),
        pytest.param("quintero", "kintero", id="qu-k"),
        pytest.param("jimenez", "gimenez", id="g-j"),
        pytest.param("ximena", "jimena", id="x-j"),
        pytest.param("christian", "cristian", id="chr-cr"),
        pytest.param("estefania", "stefania", id="initial-es"),
        pytest.param("jennifer", "jenifer", id="double-letters"),
        pytest.param("itzel", "itsel", id="tz-ts"),
        pytest.param("gurwinder", "gurvinder", id="punjabi-w-v"),
        pytest.param("dhillon", "dillon", id="punjabi-dh"),
        pytest.param("ibarra", "ybarra", id="initial-y-vowel"),
    ],
)
def test_same_sound_same_code(a, b):
    assert spelling(a) == spelling(b)
    assert phonetic(a) == phonetic(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        pytest.param("maria", "mario", id="maria-mario"),
        pytest.param("daniel", "daniela", id="daniel-daniela"),
        pytest.param("jose", "josue", id="jose-josue"),
        pytest.param("mai", "mia", id="hmong-mai"),
    ],
)
def test_different_names_keep_different_spellings(a, b):
    assert spelling(a) != spelling(b)


def test_phonetic_codes_are_short_ascii_capitals():
    for name in ("hernandez", "xiong", "kaur", "nguyen", "tlacaelel", "a", "mcdonald"):
        code = phonetic(name)
        assert code.isascii()
        assert code.isupper()
        assert 1 <= len(code) <= 8


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        pytest.param("chuy", "jesus", True, id="chuy"),
        pytest.param("pancho", "paco", True, id="through-francisco"),
        pytest.param("lupe", "guadalupe", True, id="lupe"),
        pytest.param("memo", "guillermo", True, id="memo"),
        pytest.param("bill", "william", True, id="bill"),
        pytest.param("beto", "roberto", True, id="beto-roberto"),
        pytest.param("beto", "alberto", True, id="beto-alberto"),
        pytest.param("roberto", "alberto", False, id="not-transitive-through-beto"),
        pytest.param("jose", "jesus", False, id="jose-jesus"),
    ],
)
def test_nickname_equivalence(a, b, same):
    assert nickname_equivalent(a, b) is same
    assert nickname_equivalent(b, a) is same


def test_nickname_file_covers_spanish_and_english():
    pairs = {
        ("jesus", "chuy"),
        ("francisco", "paco"),
        ("francisco", "pancho"),
        ("jose", "pepe"),
        ("guillermo", "memo"),
        ("guadalupe", "lupe"),
        ("ignacio", "nacho"),
        ("eduardo", "lalo"),
        ("rosario", "chayo"),
        ("concepcion", "conchita"),
        ("dolores", "lola"),
        ("manuel", "manolo"),
        ("refugio", "cuca"),
        ("consuelo", "chelo"),
        ("william", "bill"),
        ("robert", "bob"),
    }
    for canonical, variant in pairs:
        assert canonical in canonicals(variant)


@pytest.mark.parametrize(
    ("function", "a", "b"),
    [
        pytest.param(country_code, "México", "MX", id="mexico"),
        pytest.param(country_code, "Estados Unidos", "USA", id="usa"),
        pytest.param(state_code, "Michoacán", "Mich.", id="michoacan"),
        pytest.param(state_code, "California", "CA", id="california"),
        pytest.param(place_words, "Cd. Juárez", "Ciudad Juarez", id="ciudad"),
    ],
)
def test_places(function, a, b):
    assert function(a) == function(b)


def test_day_month_swap():
    from datetime import date

    assert day_month_swapped(date(2012, 7, 3)) == date(2012, 3, 7)
    assert day_month_swapped(date(2012, 7, 13)) is None
    assert day_month_swapped(date(2012, 5, 5)) is None
