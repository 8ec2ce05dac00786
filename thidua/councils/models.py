"""Hội đồng thi đua – khen thưởng: the models (see the package docstring)."""
