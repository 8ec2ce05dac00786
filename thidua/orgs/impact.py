"""What ends when units end (a dissolution, a merger): counters that each app registers for its own records.

A restructuring's confirmation page and its record say exactly what will end — the memberships, the roles, the
plans... ``orgs`` cannot know the records of the apps above it, so each app registers a counter from its
``AppConfig.ready``::

    impact.register("plans", _("kế hoạch của đơn vị đang dự thảo hoặc còn hiệu lực"), count_open_plans)

where ``count_open_plans(unit_ids)`` answers one number in one query. ``impact_of(unit_ids)`` runs every counter in
the order registered and keeps those that count something.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

Count = Callable[[Sequence[int]], int]


@dataclass(frozen=True)
class Counter:
    key: str
    label: Any  # a lazy Vietnamese phrase: "lượt sinh hoạt công đoàn đang mở"
    count: Count


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    count: int

    def __str__(self) -> str:
        return f"{self.count} {self.label}"


_COUNTERS: dict[str, Counter] = {}


def register(key: str, label: Any, count: Count) -> None:
    """Add (or replace, by key) a counter of what ends with the units."""
    _COUNTERS[key] = Counter(key, label, count)


def counters() -> list[Counter]:
    return list(_COUNTERS.values())


def impact_of(unit_ids: Sequence[int]) -> list[Line]:
    """What ends with these units: one line per counter that counts something (one query each)."""
    ids = list(unit_ids)
    if not ids:
        return []
    lines = [Line(c.key, str(c.label), int(c.count(ids))) for c in _COUNTERS.values()]
    return [line for line in lines if line.count]


def as_record(lines: Sequence[Line]) -> dict[str, Any]:
    """The lines as kept on the request once approved: ``{key: {"label": ..., "count": n}}``."""
    return {line.key: {"label": line.label, "count": line.count} for line in lines}


# --- orgs' own counters (registered from OrgsConfig.ready) --------------------------------------------------------


def _open_memberships(unit_ids: Sequence[int]) -> int:
    from .models import Membership

    return Membership.objects.filter(unit_id__in=unit_ids, left_on__isnull=True).count()


def _roles(unit_ids: Sequence[int]) -> int:
    from .models import RoleAssignment

    return RoleAssignment.objects.filter(unit_id__in=unit_ids).count()


def _pending_transfers(unit_ids: Sequence[int]) -> int:
    from django.db.models import Q

    from .models import TransferRequest

    return (
        TransferRequest.objects.pending()
        .filter(Q(from_unit_id__in=unit_ids) | Q(to_unit_id__in=unit_ids))
        .count()
    )


def register_orgs_counters() -> None:
    from django.utils.translation import gettext_lazy as _

    register("memberships", _("lượt sinh hoạt công đoàn đang mở (kết thúc; khi sáp nhập cơ sở vào cơ sở thì "
                              "chuyển sang đơn vị tiếp nhận)"), _open_memberships)  # fmt: skip
    register("roles", _("vai trò của tài khoản trên đơn vị (bị thu hồi)"), _roles)
    register(
        "transfer_requests", _("đề nghị chuyển sinh hoạt đang chờ xem xét (bị từ chối)"), _pending_transfers
    )
