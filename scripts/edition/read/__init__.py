"""Reading and checking: files under footnotes/ and docs/ -> the typed model (and its problems)."""
