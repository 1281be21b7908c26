"""The project's code: the engine (``scripts/edition/``), its MkDocs glue (``hooks.py``) and
the commands ``dev``, ``check``, ``bench`` and ``synth``."""
