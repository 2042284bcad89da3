"""Draw the app's icons (pwa/icons/): python pwa/make_icons.py (needs Pillow).

A calm teal tile with a white sprout over a furrowed field: Campo, the field. The maskable icon
keeps the mark inside the central 80% safe zone and fills the whole square.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

HERE = Path(__file__).parent / "icons"
TEAL = (14, 94, 92, 255)
WHITE = (255, 255, 255, 255)
LEAF = (178, 226, 196, 255)
SCALE = 4  # draw large, then shrink: smooth edges


def _leaf(
    start: tuple[float, float], end: tuple[float, float], bulge: float
) -> list[tuple[float, float]]:
    """A leaf: two quadratic curves from ``start`` to ``end`` bowing ``bulge`` each way."""
    (x0, y0), (x1, y1) = start, end
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    nx, ny = -(y1 - y0), x1 - x0
    points = []
    for side in (1, -1):
        cx, cy = mx + side * bulge * nx, my + side * bulge * ny
        steps = range(0, 33) if side == 1 else range(32, -1, -1)
        for step in steps:
            t = step / 32
            points.append(
                (
                    (1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t**2 * x1,
                    (1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t**2 * y1,
                )
            )
    return points


def mark(draw: ImageDraw.ImageDraw, size: int, box: float) -> None:
    """The sprout over three field rows, fitted in a centred square of ``box`` times ``size``."""
    unit = size * box / 100
    left = (size - size * box) / 2

    def at(x: float, y: float) -> tuple[float, float]:
        return (left + x * unit, left + y * unit)

    # Field rows: three rounded bars, wider toward the viewer.
    for y, half, thick in ((70, 30, 7), (82, 40, 8), (95, 50, 9)):
        draw.rounded_rectangle(
            [*at(50 - half, y - thick / 2), *at(50 + half, y + thick / 2)],
            radius=thick * unit / 2,
            fill=WHITE,
        )
    # Stem, then a leaf on each side.
    draw.rounded_rectangle([*at(46.5, 30), *at(53.5, 62)], radius=3 * unit, fill=WHITE)
    draw.polygon(_leaf(at(50, 44), at(10, 16), 0.32), fill=LEAF)
    draw.polygon(_leaf(at(50, 34), at(90, 2), 0.32), fill=WHITE)


def icon(size: int, *, maskable: bool) -> Image.Image:
    big = size * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if maskable:
        draw.rectangle([0, 0, big, big], fill=TEAL)
        mark(draw, big, 0.58)
    else:
        draw.rounded_rectangle([0, 0, big - 1, big - 1], radius=big * 0.22, fill=TEAL)
        mark(draw, big, 0.72)
    return image.resize((size, size), Image.Resampling.LANCZOS)


if __name__ == "__main__":
    HERE.mkdir(exist_ok=True)
    icon(192, maskable=False).save(HERE / "icon-192.png", optimize=True)
    icon(512, maskable=False).save(HERE / "icon-512.png", optimize=True)
    icon(512, maskable=True).save(HERE / "icon-maskable-512.png", optimize=True)
    icon(180, maskable=True).convert("RGB").save(HERE / "apple-touch-icon.png", optimize=True)
    icon(32, maskable=False).save(HERE / "favicon-32.png", optimize=True)
