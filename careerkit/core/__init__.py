"""Pure functions over plain types: no files, no terminal."""
