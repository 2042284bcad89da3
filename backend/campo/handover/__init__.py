"""Hand-over files: a tablet's unsent COEs, sealed for the server, imported by regional staff."""
