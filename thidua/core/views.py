from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from thidua.orgs import queries as org_queries
from thidua.orgs.models import RoleAssignment

from . import actions, permissions
from .models import Notice, Task
from .paging import page_of
from .scoping import SUBMIT, get_for_user

DASHBOARD_PANELS = 5  # the user's top units shown; a user rarely holds roles on more branches
CHART_CHILDREN = 20  # children shown in a panel's chart (the largest by members)
DASHBOARD_NOTICES = 5  # unread notices shown on the dashboard; the rest on the notices page
NOTICES_PAGE_SIZE = 30


@login_required
def dashboard(request):
    """The user's units and their subtrees in numbers: one query for all panels' figures, two per panel for the
    children — the number of queries does not grow with the tree."""
    roots = org_queries.root_units_for(request.user)
    shown = roots[:DASHBOARD_PANELS]
    breakdown = org_queries.subtree_breakdown(shown)
    panels = []
    for unit in shown:
        entry = breakdown[unit.pk]
        children = org_queries.children_with_totals(unit)
        largest = sorted(children, key=lambda c: (-c.total_members, c.name))[:CHART_CHILDREN]
        panels.append(
            {
                "unit": unit,
                "chart_id": f"chart-{unit.pk}",
                "totals": entry["totals"],
                "levels": entry["levels"],
                "sectors": entry["sectors"],
                "children": children,
                "chart": {
                    "sectors": {
                        "labels": [str(label) for _v, label, _n in entry["sectors"]],
                        "values": [n for _v, _label, n in entry["sectors"]],
                    },
                    "children": {
                        "labels": [c.short_name or c.name for c in largest],
                        "members": [c.total_members for c in largest],
                        "workers": [c.total_workers for c in largest],
                        "direct": [c.total_direct_workers for c in largest],
                    },
                },  # fmt: skip
            }
        )
    roles = list(
        RoleAssignment.objects.filter(user=request.user, unit__archived_at__isnull=True)
        .select_related("unit")
        .order_by("unit__path", "role")
    )
    notices = list(
        Notice.objects.for_user(request.user).unread().select_related("unit")[: DASHBOARD_NOTICES + 1]
    )
    return render(
        request,
        "core/dashboard.html",
        {
            "panels": panels,
            "roles": roles,
            "more_roots": len(roots) - len(shown),
            "today": timezone.localdate(),
            "notices": _with_permissions(request.user, notices[:DASHBOARD_NOTICES]),
            "more_notices": len(notices) > DASHBOARD_NOTICES,
        },
    )


@login_required
def task_detail(request, pk: int):
    """A task's progress; polled by htmx while it runs. Only its owner sees it."""
    task = get_object_or_404(Task, pk=pk, created_by=request.user)
    template = "core/_task_progress.html" if request.htmx else "core/task_detail.html"
    return render(request, template, {"task": task})


# --- notices --------------------------------------------------------------------------------------------------


@login_required
@require_GET
def notice_list(request):
    """The notices of the user's units, unread first (``?chua-doc=1``: only those), newest first."""
    only_unread = request.GET.get("chua-doc") == "1"
    notices = Notice.objects.for_user(request.user).select_related("unit").order_by(
        "-created_at", "-id"
    )  # fmt: skip
    if only_unread:
        notices = notices.unread()
    page = page_of(request, notices, NOTICES_PAGE_SIZE)
    rows = _with_permissions(request.user, page.object_list)
    return render(request, "core/notice_list.html", {
        "page": page, "notices": rows, "only_unread": only_unread,
        "can_mark_all": any(n.can_mark and not n.read_at for n in rows) or page.has_other_pages(),
    })  # fmt: skip


def _with_permissions(user, notices) -> list[Notice]:
    rows = list(notices)
    for notice in rows:
        notice.can_mark = permissions.can_mark_notice_read(user, notice)
    return rows


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
    return _back(request, "core:notice-list")


@login_required
@require_POST
def notice_read_all(request):
    """Mark every unread notice of the user's units read, where the user may."""
    notices = Notice.objects.for_user(request.user).visible_to(
        request.user, SUBMIT
    )  # as can_mark_notice_read
    count = actions.mark_notices_read(notices, by=request.user)
    messages.success(request, _("Đã đánh dấu %(n)s thông báo là đã đọc.") % {"n": count})
    return _back(request, "core:notice-list")
