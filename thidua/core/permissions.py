"""Who may act on what ``core`` holds: the one role -> permission map is ``scoping.ROLE_PERMISSIONS``."""

from __future__ import annotations

from .models import Notice
from .scoping import SUBMIT, has_perm


def can_mark_notice_read(user, notice: Notice) -> bool:
    """Those who work for the unit (officers, leaders, above it included) mark its notices read; a council member
    or a viewer reads them without changing what the officers still have to see."""
    return has_perm(user, SUBMIT, notice.unit.path)
