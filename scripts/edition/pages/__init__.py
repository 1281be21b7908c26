"""Whole generated pages: the model -> the Markdown of every page MkDocs is handed."""
