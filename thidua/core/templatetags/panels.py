"""``{% panels "unit" unit %}``: the panels other apps contribute to this page (see ``thidua.core.panels``)."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from thidua.core.panels import render_panels

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context, page: str, obj=None) -> SafeString:
    request = context.get("request")
    if request is None:
        return mark_safe("")
    return mark_safe("".join(render_panels(page, request, obj)))  # noqa: S308
