"""Every change of the reports app: the indicator catalog (``catalog``); report forms and expected reports come in
their own modules."""

from .catalog import load_indicators

__all__ = ["load_indicators"]
