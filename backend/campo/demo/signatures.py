"""Signature strokes for the demo and the tests: a looping, slanted cursive-like scribble."""

from __future__ import annotations

import math
from typing import Any


def scribble(seed: int = 0, *, width: int = 600, height: int = 200) -> dict[str, Any]:
    """Two strokes, like a first and a last name, in signature_pad's point format."""
    strokes = []
    time = 1_763_800_000_000.0 + seed * 10_000
    for part, (start, end) in enumerate(((0.08, 0.42), (0.48, 0.92))):
        points = []
        loops = 4 + (seed + part) % 3
        for step in range(90):
            t = step / 89
            phase = t * 2 * math.pi * loops
            # A prolate cycloid: the pen runs right while circling, as cursive letters do.
            x = width * (start + (end - start) * t) - 16 * math.sin(phase)
            y = height * (0.52 - 0.08 * t) - 34 * math.cos(phase) * (1 - 0.3 * t)
            time += 8
            points.append(
                {
                    "x": round(min(max(x, 0), width), 1),
                    "y": round(min(max(y, 0), height), 1),
                    "time": time,
                    "pressure": round(0.45 + 0.2 * abs(math.sin(phase)), 2),
                }
            )
        strokes.append(points)
        time += 180
    return {"width": width, "height": height, "strokes": strokes}
