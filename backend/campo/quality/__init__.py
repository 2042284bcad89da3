"""Data quality: what keeps the child count from being right, per region and statewide, each
line pointing at the record to fix."""
