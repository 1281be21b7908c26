"""`mkdocs serve` only: the problem overlay shown in the browser while editing."""
