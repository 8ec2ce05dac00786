"""Date filters on ``thidua.core.dates``: ``{% load dates %}`` then ``{{ plan.date|long_date }}`` ("ngày 05 tháng 3 năm
2017"). Short dates in templates use Django's ``|date`` with the format modules of ``thidua/formats/`` (d/m/Y)."""

from __future__ import annotations

import datetime

from django import template

from thidua.core import dates

register = template.Library()


@register.filter
def long_date(value: datetime.date | None) -> str:
    """The Decree 30 date in words; "" for no date."""
    return dates.format_long_date(value) if value else ""
