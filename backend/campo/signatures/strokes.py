"""The drawn signature as captured on the glass: strokes of timed points, and their checks.

The format is what signature_pad's ``toData()`` gives, trimmed to what matters:
``{"width": 600, "height": 200, "strokes": [[{"x", "y", "time", "pressure"}, ...], ...]}``
(``time`` in milliseconds, ``pressure`` 0..1 and optional). A signature must have ink, stay on
the pad, move forward in time, and be more than a dot or a straight stroke.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

MAX_SIDE = 4000
MIN_SIDE = 50
MAX_STROKES = 100
MAX_POINTS = 10_000
# How far a point may sit outside the pad (fingers overshoot the edge by a pixel or two).
EDGE_TOLERANCE = 2.0
# The ink must span at least this share of the pad's shorter side, and bend away from a straight
# line by at least this share of its length.
MIN_EXTENT = 0.05
MIN_BEND = 0.03


class StrokesError(ValueError):
    """The strokes are not a usable signature; ``code`` says why (signature.*)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


EMPTY = "signature.empty"
MALFORMED = "signature.malformed"
TOO_LARGE = "signature.too_large"
OUT_OF_BOUNDS = "signature.out_of_bounds"
TIME_BACKWARDS = "signature.time_backwards"
A_DOT = "signature.dot"
A_LINE = "signature.line"


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    time: float
    pressure: float


@dataclass(frozen=True)
class Strokes:
    width: int
    height: int
    strokes: tuple[tuple[Point, ...], ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "width": self.width,
            "height": self.height,
            "strokes": [
                [{"x": p.x, "y": p.y, "time": p.time, "pressure": p.pressure} for p in stroke]
                for stroke in self.strokes
            ],
        }

    def points(self) -> list[Point]:
        return [point for stroke in self.strokes for point in stroke]


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise StrokesError(MALFORMED)
    return float(value)


def parse_strokes(data: Any) -> Strokes:
    """Check captured strokes and return them; raise StrokesError with the reason."""
    if not isinstance(data, dict):
        raise StrokesError(MALFORMED)
    width, height = data.get("width"), data.get("height")
    if not all(isinstance(side, int) and not isinstance(side, bool) for side in (width, height)):
        raise StrokesError(MALFORMED)
    if not (MIN_SIDE <= width <= MAX_SIDE and MIN_SIDE <= height <= MAX_SIDE):
        raise StrokesError(MALFORMED)
    raw = data.get("strokes")
    if not isinstance(raw, list):
        raise StrokesError(MALFORMED)
    if not raw or all(isinstance(s, list) and not s for s in raw):
        raise StrokesError(EMPTY)
    if len(raw) > MAX_STROKES:
        raise StrokesError(TOO_LARGE)
    if sum(len(s) for s in raw if isinstance(s, list)) > MAX_POINTS:
        raise StrokesError(TOO_LARGE)
    strokes = []
    for stroke in raw:
        if not isinstance(stroke, list):
            raise StrokesError(MALFORMED)
        points = []
        for point in stroke:
            if not isinstance(point, dict):
                raise StrokesError(MALFORMED)
            x, y, time = (
                _number(point.get("x")),
                _number(point.get("y")),
                _number(point.get("time")),
            )
            pressure = _number(point.get("pressure", 0.5))
            if not (
                -EDGE_TOLERANCE <= x <= width + EDGE_TOLERANCE
                and -EDGE_TOLERANCE <= y <= height + EDGE_TOLERANCE
                and 0 <= pressure <= 1
            ):
                raise StrokesError(OUT_OF_BOUNDS)
            if points and time < points[-1].time:
                raise StrokesError(TIME_BACKWARDS)
            points.append(Point(x, y, time, pressure))
        if points:
            strokes.append(tuple(points))
    result = Strokes(width, height, tuple(strokes))
    _check_shape(result)
    return result


def _check_shape(strokes: Strokes) -> None:
    points = strokes.points()
    xs, ys = [p.x for p in points], [p.y for p in points]
    extent = math.hypot(max(xs) - min(xs), max(ys) - min(ys))
    if extent < MIN_EXTENT * min(strokes.width, strokes.height):
        raise StrokesError(A_DOT)
    # The farthest pair along the ink's main direction (from the first point, then back).
    start = points[0]
    end = max(points, key=lambda p: math.hypot(p.x - start.x, p.y - start.y))
    start = max(points, key=lambda p: math.hypot(p.x - end.x, p.y - end.y))
    length = math.hypot(end.x - start.x, end.y - start.y)
    bend = max(
        abs((end.x - start.x) * (start.y - p.y) - (start.x - p.x) * (end.y - start.y)) / length
        for p in points
    )
    if bend < MIN_BEND * length:
        raise StrokesError(A_LINE)
