"""``{% unread_notice_count as n %}``: the bell in the navigation bar, one query (the user's scope is already known
by the time the bar's right side is drawn)."""

from django import template

from thidua.notices.models import Notice

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notice_count(context) -> int:
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return 0
    return Notice.objects.for_user(user).unread().count()
