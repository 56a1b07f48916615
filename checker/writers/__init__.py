"""Writers turn finished reports into files people and machines read; they never re-parse input."""
