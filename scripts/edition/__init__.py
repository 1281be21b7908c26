"""The edition's engine: plain Python, no MkDocs.

Data flows one way: YAML files (``yamlio``, ``schema``) → a validated, typed model (``loader``,
``model``, ``essay``, ``annotations``) → renderers (``markdown_ext``, ``annotate``, ``pages``,
``annotation_pages``, ``citations``, ``exports``, ``metadata``). The MkDocs glue is
``scripts/hooks.py``; the commands (``dev``, ``check``, ``bench``, ``synth``) sit beside it.
"""
