"""Drawing a signature for documents (SVG) and screens (PNG)."""

from __future__ import annotations

import io
from xml.sax.saxutils import quoteattr

from PIL import Image, ImageDraw

from campo.signatures.strokes import Strokes

INK = "#1a2a6c"


def _width(pressure: float, scale: float = 1.0) -> float:
    return (1.2 + 2.6 * pressure) * scale


def to_svg(strokes: Strokes, *, title: str | None = None) -> str:
    """The signature as a standalone SVG document (scales with the page, prints crisply)."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {strokes.width} {strokes.height}"'
        f' width="{strokes.width}" height="{strokes.height}" role="img">'
    ]
    if title:
        parts.append(f"<title>{quoteattr(title)[1:-1]}</title>")
    for stroke in strokes.strokes:
        if len(stroke) == 1:
            point = stroke[0]
            radius = _width(point.pressure) / 2
            parts.append(
                f'<circle cx="{point.x:.1f}" cy="{point.y:.1f}" r="{radius:.2f}" fill="{INK}"/>'
            )
            continue
        for before, after in zip(stroke, stroke[1:], strict=False):
            width = _width((before.pressure + after.pressure) / 2)
            parts.append(
                f'<line x1="{before.x:.1f}" y1="{before.y:.1f}" x2="{after.x:.1f}"'
                f' y2="{after.y:.1f}" stroke="{INK}" stroke-width="{width:.2f}"'
                ' stroke-linecap="round"/>'
            )
    parts.append("</svg>")
    return "".join(parts)


def to_png(strokes: Strokes, *, scale: float = 2.0) -> bytes:
    """The signature as a transparent PNG, drawn at ``scale`` for sharp screens."""
    size = (round(strokes.width * scale), round(strokes.height * scale))
    image = Image.new("RGBA", size, (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    for stroke in strokes.strokes:
        points = [(p.x * scale, p.y * scale) for p in stroke]
        for (before, after), point in zip(
            zip(points, points[1:], strict=False), stroke, strict=False
        ):
            draw.line([before, after], fill=INK, width=max(1, round(_width(point.pressure, scale))))
        if len(points) == 1:
            radius = _width(stroke[0].pressure, scale) / 2
            x, y = points[0]
            draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=INK)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
