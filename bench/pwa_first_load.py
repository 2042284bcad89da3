"""What a tablet downloads on its first visit: the app shell the service worker precaches.

    .venv/bin/python bench/pwa_first_load.py

Sums every URL the service worker precaches (the page, scripts, styles, icons, vendor
libraries, the form definition, both catalogues, the statements, the settings), raw and
gzip-compressed (level 6, what a production proxy would send). Uses the Flask test client on
an in-memory database: no server, no browser.
"""

from __future__ import annotations

import gzip

from campo.app import create_app
from campo.config import TestingConfig
from campo.pwa_app import PRECACHED_API, shell_files

BUDGET = 400 * 1024


def main() -> None:
    client = create_app(TestingConfig()).test_client()
    rows = []
    for url in [*shell_files(), *PRECACHED_API, "/sw.js"]:
        body = client.get(url).get_data()
        rows.append((url, len(body), len(gzip.compress(body, 6))))
    rows.sort(key=lambda row: -row[2])
    for url, raw, packed in rows:
        print(f"{packed / 1024:8.1f} KB  {raw / 1024:8.1f} KB raw  {url}")
    raw = sum(row[1] for row in rows)
    packed = sum(row[2] for row in rows)
    print(f"\n{len(rows)} files: {raw / 1024:.1f} KB raw, {packed / 1024:.1f} KB gzip")
    print(f"budget {BUDGET / 1024:.0f} KB compressed: {'within' if packed <= BUDGET else 'OVER'}")


if __name__ == "__main__":
    main()
