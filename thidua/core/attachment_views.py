"""The attachments kit's pages: add a file to a record, download it, archive it — each through the owner's scoping
(404 for anyone who may not read the record, 403 for a reader who may not attach)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from . import actions
from . import attachments as kit
from .forms import BaseForm
from .models import Attachment
from .uploads import too_large_message, upload_refused


class AttachmentForm(BaseForm):
    file = forms.FileField(label=gettext_lazy("Tệp"))
    description = forms.CharField(label=gettext_lazy("Mô tả"), max_length=300, required=False)
    part = forms.ChoiceField(label=gettext_lazy("Thành phần hồ sơ"), choices=Attachment.Part.choices,
                             required=False)  # fmt: skip


def _back(request, owner) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return HttpResponseRedirect(target)
    get_url = getattr(owner, "get_absolute_url", None)
    return HttpResponseRedirect(get_url() if get_url else "/")


@login_required
@require_POST
def attachment_add(request, type_id: int, owner_id: str):
    owner_type = get_object_or_404(ContentType, pk=type_id)
    owner = kit.owner_for_user(request.user, owner_type, owner_id)
    if not kit.can_attach(request.user, owner):
        raise PermissionDenied
    if upload_refused(request):
        messages.error(request, too_large_message())
        return _back(request, owner)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Hãy chọn một tệp để đính kèm."))
        return _back(request, owner)
    try:
        attachment = actions.attach_file(owner, form.cleaned_data["file"], by=request.user,
                                         description=form.cleaned_data["description"],
                                         part=form.cleaned_data["part"] or Attachment.Part.OTHER)  # fmt: skip
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã đính kèm tệp “%(name)s”.") % {"name": attachment.original_name})
    return _back(request, owner)


@login_required
@require_GET
def attachment_download(request, pk: int):
    attachment, _owner = kit.attachment_for_user(request.user, pk)
    try:
        handle = kit.storage().open(attachment.stored_name, "rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    inline = request.GET.get("xem") == "1" and attachment.kind in {"pdf", "image"}
    response = FileResponse(handle, as_attachment=not inline, filename=attachment.original_name,
                            content_type=attachment.mime)  # fmt: skip
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def attachment_archive(request, pk: int):
    attachment, owner = kit.attachment_for_user(request.user, pk)
    if not kit.can_attach(request.user, owner):
        raise PermissionDenied
    try:
        actions.archive_attachment(attachment, by=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã lưu trữ tệp “%(name)s”.") % {"name": attachment.original_name})
    return _back(request, owner)
