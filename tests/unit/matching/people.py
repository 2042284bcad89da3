"""Children and their families for the matching tests, written as recruiters write them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from campo.matching.identity import Identity


def child(**fields: Any) -> Identity:
    """A child with every field filled as a complete COE would, overridden by ``fields``."""
    base = Identity(
        first_name="José",
        last_name_1="Hernández",
        last_name_2="López",
        sex="M",
        birth_date=date(2012, 7, 3),
        birth_city="Salinas",
        birth_state="CA",
        birth_country="US",
        parent1_first="María",
        parent1_last="López Ruiz",
        parent2_first="Juan",
        parent2_last="Hernández Pérez",
    )
    return replace(base, **fields)


def hispanic_girl(**fields: Any) -> Identity:
    return child(
        **{
            "first_name": "María Guadalupe",
            "last_name_1": "García",
            "last_name_2": "Martínez",
            "sex": "F",
            "birth_date": date(2014, 3, 9),
            "birth_city": "Zamora",
            "birth_state": "Michoacán",
            "birth_country": "México",
            "parent1_first": "Rosa",
            "parent1_last": "Martínez Ochoa",
            "parent2_first": "Francisco",
            "parent2_last": "García Ramos",
            **fields,
        }
    )


def filipino(**fields: Any) -> Identity:
    # Filipino names: the middle name is the mother's maiden surname.
    return child(
        **{
            "first_name": "Juan",
            "middle_name": "Santos",
            "last_name_1": "dela Cruz",
            "last_name_2": None,
            "sex": "M",
            "birth_date": date(2011, 10, 2),
            "birth_city": "Stockton",
            "parent1_first": "Teresita",
            "parent1_last": "Santos",
            "parent2_first": "Romeo",
            "parent2_last": "dela Cruz",
            **fields,
        }
    )


def punjabi(**fields: Any) -> Identity:
    return child(
        **{
            "first_name": "Harpreet",
            "last_name_1": "Kaur",
            "last_name_2": "Sandhu",
            "sex": "F",
            "birth_date": date(2013, 5, 19),
            "birth_city": "Yuba City",
            "parent1_first": "Jaswinder",
            "parent1_last": "Kaur Gill",
            "parent2_first": "Harjit",
            "parent2_last": "Singh Sandhu",
            **fields,
        }
    )


def hmong(**fields: Any) -> Identity:
    return child(
        **{
            "first_name": "Tou",
            "last_name_1": "Vang",
            "last_name_2": None,
            "sex": "M",
            "birth_date": date(2015, 1, 14),
            "birth_city": "Fresno",
            "parent1_first": "Mai",
            "parent1_last": "Xiong",
            "parent2_first": "Kou",
            "parent2_last": "Vang",
            **fields,
        }
    )


def triqui(**fields: Any) -> Identity:
    # A Triqui family from San Juan Copala, Oaxaca: Spanish surnames, a Nahuatl given name.
    return child(
        **{
            "first_name": "Xóchitl",
            "last_name_1": "Santiago",
            "last_name_2": "Bautista",
            "sex": "F",
            "birth_date": date(2016, 11, 27),
            "birth_city": "San Juan Copala",
            "birth_state": "Oaxaca",
            "birth_country": "México",
            "parent1_first": "Juana",
            "parent1_last": "Bautista Merino",
            "parent2_first": "Crescencio",
            "parent2_last": "Santiago López",
            **fields,
        }
    )
