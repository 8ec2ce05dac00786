"""The dashboard: the user's roles, then the blocks the apps contribute (``thidua.core.dashboard``) in order."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from thidua.core.dashboard import render_blocks
from thidua.orgs.models import RoleAssignment


@login_required
def dashboard(request):
    roles = list(
        RoleAssignment.objects.filter(user=request.user, unit__archived_at__isnull=True)
        .select_related("unit")
        .order_by("unit__path", "role")
    )
    shown = render_blocks(request)
    return render(
        request, "home/dashboard.html", {"roles": roles, "blocks": shown, "today": timezone.localdate()}
    )
