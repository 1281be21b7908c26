"""Rendering: the model -> HTML, Markdown and the machine-readable exports."""
