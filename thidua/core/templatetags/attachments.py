"""``{% attachments_block obj %}``: the files attached to a record, with the upload form for those who may attach
(see ``thidua.core.attachments``). Two queries: the active files and the number of archived ones."""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from thidua.core import attachments as kit
from thidua.core.models import Attachment

register = template.Library()


@register.simple_tag(takes_context=True)
def attachments_block(context, obj, title: str = "") -> SafeString:
    request = context.get("request")
    if request is None or obj is None or kit.attachable(obj) is None:
        return mark_safe("")
    may_attach = kit.can_attach(request.user, obj)
    files = list(kit.attachments_of(obj))
    archived = list(kit.attachments_of(obj, archived=True)) if may_attach else []
    html = render_to_string(
        "core/_attachments_block.html",
        {
            "owner": obj, "files": files, "archived": archived, "may_attach": may_attach, "title": title,
            "owner_type_id": ContentType.objects.get_for_model(obj).pk, "accept": kit.ACCEPT_ATTRIBUTE,
            "max_bytes": kit.max_bytes(), "next": request.get_full_path(),
            "parts": Attachment.Part.choices if kit.attachable(obj).parts else None,  # type: ignore[union-attr]
        },
        request=request,
    )  # fmt: skip
    return mark_safe(html)  # noqa: S308 - rendered from our template
