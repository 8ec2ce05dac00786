"""Đề nghị khen thưởng: the models (see the package docstring)."""
