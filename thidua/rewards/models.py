"""Quyết định khen thưởng: the models (see the package docstring)."""
