"""``{% if user|can_import %}``: show the "Nhập Excel" menu item only to those who may import something."""

from django import template

register = template.Library()


@register.filter
def can_import(user) -> bool:
    from thidua.orgs.views.imports import kinds_for

    return bool(getattr(user, "is_authenticated", False) and kinds_for(user))
