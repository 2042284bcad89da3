"""Write reviewed Spanish translations into the catalogue: python translations/fill.py FILE.py

FILE.py defines ES = {English source: Spanish}. Entries it names lose their fuzzy flag; the
catalogue test then checks that nothing is left untranslated or fuzzy.
"""

import runpy
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

CATALOG = Path(__file__).parent / "es" / "LC_MESSAGES" / "messages.po"

translations = runpy.run_path(sys.argv[1])["ES"]
with CATALOG.open("rb") as handle:
    catalog = read_po(handle)
for message in catalog:
    if message.id in translations:
        message.string = translations[message.id]
        message.flags.discard("fuzzy")
with CATALOG.open("wb") as handle:
    write_po(handle, catalog, width=0)
left = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
print("still to translate:", left)
