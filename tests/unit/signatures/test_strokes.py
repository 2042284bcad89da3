"""Captured strokes: what counts as a signature."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from campo.demo.signatures import scribble
from campo.signatures import strokes as s
from campo.signatures.render import to_png, to_svg
from campo.signatures.strokes import StrokesError, parse_strokes


def pad(*strokes, width=600, height=200):
    return {"width": width, "height": height, "strokes": [list(stroke) for stroke in strokes]}


def points(*xy, start=1000.0):
    return [
        {"x": x, "y": y, "time": start + 10 * i, "pressure": 0.5} for i, (x, y) in enumerate(xy)
    ]


def test_a_cursive_signature_is_accepted_and_kept_exactly():
    data = scribble(1)
    parsed = parse_strokes(data)
    assert parsed.as_dict() == {
        "width": 600,
        "height": 200,
        "strokes": [
            [{**p, "x": float(p["x"]), "y": float(p["y"])} for p in stroke]
            for stroke in data["strokes"]
        ],
    }


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (pad(), s.EMPTY),
        (pad([], []), s.EMPTY),
        (pad(points((100, 100), (101, 101), (100, 102))), s.A_DOT),
        (pad(points((50, 100), (300, 101), (550, 102))), s.A_LINE),
        (pad(points((50, 100), (300, 150), (650, 120))), s.OUT_OF_BOUNDS),
        (pad(points((50, 100), (300, 150)) + points((400, 20), start=0)), s.TIME_BACKWARDS),
        (pad(*[points((10, 10), (50, 60))] * 101), s.TOO_LARGE),
        ({"width": 600, "height": 200}, s.MALFORMED),
        ({"width": 10, "height": 200, "strokes": [points((1, 1), (5, 5))]}, s.MALFORMED),
        (pad([{"x": "1", "y": 2, "time": 0}]), s.MALFORMED),
        (pad([{"x": float("nan"), "y": 2, "time": 0}]), s.MALFORMED),
        ("a signature", s.MALFORMED),
    ],
    ids=[
        "no-strokes",
        "empty-strokes",
        "dot",
        "line",
        "off-pad",
        "time-backwards",
        "too-many",
        "no-strokes-key",
        "tiny-pad",
        "text-number",
        "nan",
        "not-an-object",
    ],
)
def test_unusable_signatures_are_refused_with_a_reason(data, code):
    with pytest.raises(StrokesError) as raised:
        parse_strokes(data)
    assert raised.value.code == code


def test_an_initial_or_a_short_mark_is_accepted():
    # A bent mark (like an "L" or a check) is a signature for someone who signs with a mark.
    parse_strokes(pad(points((100, 40), (100, 160), (220, 160))))


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=5)
    ),
    max_leaves=30,
)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(
    data=st.one_of(
        json_values,
        st.fixed_dictionaries(
            {
                "width": st.integers(-5, 5000),
                "height": st.integers(-5, 5000),
                "strokes": json_values,
            }
        ),
    )
)
def test_any_input_is_a_signature_or_a_strokes_error(data):
    try:
        parse_strokes(data)
    except StrokesError as error:
        code = error.code
    else:
        code = "signature.ok"
    assert code.startswith("signature.")


def test_rendering_to_svg_and_png():
    parsed = parse_strokes(scribble(2))
    svg = to_svg(parsed, title="Firma de <Ignacio>")
    assert svg.startswith("<svg")
    assert svg.endswith("</svg>")
    assert "&lt;Ignacio&gt;" in svg
    assert svg.count("<line") == sum(len(stroke) - 1 for stroke in parsed.strokes)
    png = to_png(parsed)
    assert png.startswith(b"\x89PNG")
