"""Response headers that keep the browser on our side: CSP, no sniffing, no framing, no caching.

The app is ES modules and a stylesheet served from our own origin, with no inline script: the
Content-Security-Policy allows only 'self' (plus data: and blob: images for signatures and the
export download). Swagger UI at /api/docs is the one page with inline script; it gets its own,
looser policy and nothing else does. CORS stays closed: no Access-Control-* header is ever sent,
so a page on another origin cannot read our answers. API answers carry personal data: they are
marked no-store unless the endpoint chose its own caching (the public catalogues and forms).
"""

from __future__ import annotations

from flask import Flask, Response, request

APP_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
DOCS_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)
COMMON = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    # The app needs none of these; a compromised page cannot ask for them either.
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}
HSTS = "max-age=31536000; includeSubDomains"


def secure_headers(response: Response, *, hsts: bool) -> Response:
    path = request.path
    docs = path == "/api/docs" or path.startswith("/api/docs/")
    response.headers["Content-Security-Policy"] = DOCS_POLICY if docs else APP_POLICY
    for name, value in COMMON.items():
        response.headers.setdefault(name, value)
    if hsts:
        response.headers["Strict-Transport-Security"] = HSTS
    if path.startswith("/api/") and "Cache-Control" not in response.headers:
        response.headers["Cache-Control"] = "no-store"
    for name in {
        key for key, _value in response.headers.items() if key.startswith("Access-Control-")
    }:
        del response.headers[name]
    return response


def register(app: Flask) -> None:
    hsts = bool(app.config.get("HSTS"))
    app.after_request(lambda response: secure_headers(response, hsts=hsts))
