"""The notices page, marking read, and the notices block of the dashboard."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from thidua.core.paging import page_of
from thidua.core.scoping import get_for_user, own_paths

from . import actions, permissions
from .models import Notice

DASHBOARD_NOTICES = 5  # unread notices shown on the dashboard; the rest on the notices page
NOTICES_PAGE_SIZE = 30


def _with_permissions(user, notices) -> list[Notice]:
    rows = list(notices)
    markable = permissions.markable(user, rows)
    for notice in rows:
        notice.can_mark = notice.pk in markable
    return rows


def dashboard_block(request) -> dict | None:
    """The dashboard's block: the user's unread notices (one query), shown to those who hold a role or have
    notices of their own."""
    notices = list(
        Notice.objects.for_user(request.user).unread().select_related("unit", "user")[: DASHBOARD_NOTICES + 1]
    )
    if not notices and not own_paths(request.user):
        return None
    return {
        "notices": _with_permissions(request.user, notices[:DASHBOARD_NOTICES]),
        "more_notices": len(notices) > DASHBOARD_NOTICES,
    }


@login_required
@require_GET
def notice_list(request):
    """The notices addressed to the user and their units, newest first (``?chua-doc=1``: only the unread)."""
    only_unread = request.GET.get("chua-doc") == "1"
    notices = (
        Notice.objects.for_user(request.user).select_related("unit", "user").order_by("-created_at", "-id")
    )
    if only_unread:
        notices = notices.unread()
    page = page_of(request, notices, NOTICES_PAGE_SIZE)
    rows = _with_permissions(request.user, page.object_list)
    return render(request, "notices/notice_list.html", {
        "page": page, "notices": rows, "only_unread": only_unread,
        "can_mark_all": any(n.can_mark and not n.read_at for n in rows) or page.has_other_pages(),
    })  # fmt: skip


def _back(request, default: str):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(default)


@login_required
@require_POST
def notice_read(request, pk: int):
    """Mark one notice read; with ``open`` set, go on to what it is about."""
    notice = get_for_user(Notice.objects.select_related("unit"), request.user, pk=pk)
    if not permissions.can_mark_notice_read(request.user, notice):
        raise PermissionDenied
    actions.mark_notice_read(notice, by=request.user)
    if request.POST.get("open") and notice.url and url_has_allowed_host_and_scheme(notice.url, None):
        return redirect(notice.url)
    return _back(request, "notices:notice-list")


@login_required
@require_POST
def notice_read_all(request):
    """Mark every unread notice addressed to the user and their units read, where the user may."""
    notices = Notice.objects.for_user(request.user).visible_to(request.user, permissions.MARK_READ)
    count = actions.mark_notices_read(notices, by=request.user)
    messages.success(request, _("Đã đánh dấu %(n)s thông báo là đã đọc.") % {"n": count})
    return _back(request, "notices:notice-list")
