"""The edition's engine: YAML notes and sources -> validated model -> rendered pages.

Everything here is plain Python; only ``hooks.py`` knows about MkDocs.
"""
