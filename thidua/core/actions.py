"""The changes ``core`` owns: a unit's notices marked read. Each takes the acting user, runs in one transaction and
writes the audit trail."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit
from .models import AuditEvent, Notice


@transaction.atomic
def mark_notice_read(notice: Notice, *, by) -> Notice:
    """Mark a notice read (for its whole unit: the unit's officers share one inbox). Marking it again changes
    nothing and writes nothing."""
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    if notice.read_at is not None:
        return notice
    notice.read_at = timezone.now()
    notice.save(update_fields=["read_at"])
    audit.record(notice, by=by, action=AuditEvent.Action.UPDATE, before={"read_at": None},
                 after={"read_at": notice.read_at.isoformat()}, note=_("Đánh dấu đã đọc"))  # fmt: skip
    return notice


@transaction.atomic
def mark_notices_read(notices, *, by) -> int:
    """Mark every unread notice of the queryset ``notices`` read: one update and one audit insert, whatever their
    number. Returns how many were marked."""
    unread = list(notices.unread().select_for_update(of=("self",)).only("pk", "title"))
    if not unread:
        return 0
    now = timezone.now()
    Notice.objects.filter(pk__in=[n.pk for n in unread]).update(read_at=now)
    audit.record_many(unread, by=by, action=AuditEvent.Action.UPDATE,
                      changes=[{"read_at": [None, now.isoformat()]} for _n in unread],
                      note=_("Đánh dấu đã đọc"))  # fmt: skip
    return len(unread)
