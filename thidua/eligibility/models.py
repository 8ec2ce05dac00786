"""Xét điều kiện khen thưởng: the models (see the package docstring)."""
