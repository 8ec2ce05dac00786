"""The form base and the dd/mm/yyyy date field now live in ``thidua.core.forms``; these names stay importable."""

from __future__ import annotations

from thidua.core.dates import DATE_INPUT_FORMATS as VN_DATE_FORMATS
from thidua.core.forms import BaseForm, VietnameseDateField

_VietnameseForm = BaseForm  # the former name of the base, for code written before it moved

__all__ = ["VN_DATE_FORMATS", "BaseForm", "VietnameseDateField", "_VietnameseForm"]
