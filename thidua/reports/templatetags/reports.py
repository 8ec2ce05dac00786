"""``vn_number``: a figure written the Vietnamese way (1.530.000; 88,72)."""

from __future__ import annotations

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def vn_number(value) -> str:
    if value is None or value == "":
        return ""
    number = Decimal(value)
    whole = int(abs(number))
    grouped = f"{whole:,}".replace(",", ".")
    sign = "-" if number < 0 else ""
    fraction = abs(number) - whole
    if fraction:
        digits = f"{fraction:.2f}"[2:].rstrip("0")
        return f"{sign}{grouped},{digits}" if digits else f"{sign}{grouped}"
    return f"{sign}{grouped}"
