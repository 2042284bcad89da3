"""The exchange with MSIX, the federal Migrant Student Information Exchange: the Minimum Data
Elements file (``layout``: fields, types, validation; ``export``: the state's children added or
changed since a date), the consolidated records of other states imported in the same layout
(``services``), and move notices between regions and states. docs/MSIX.md documents the file."""
