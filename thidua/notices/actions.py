"""The changes notices own: ``notify`` (the one way every app tells units or users something), marking read, and
the daily e-mail digest. A notice is its own record (who sent it, when, to whom); marking read writes the audit
trail; a digest sent is a ``NoticeDigest`` row."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.dates import format_datetime
from thidua.core.permissions import roles_holding

from .models import Notice, NoticeDigest
from .permissions import MARK_READ

if TYPE_CHECKING:
    from django.contrib.auth.models import User

DIGEST_FIRST_WINDOW = datetime.timedelta(days=1)  # a user's first digest looks back this far
DIGEST_MAX_ITEMS = 50  # notices listed in one digest; the rest are on the notices page


def _ids(items: Iterable[Any]) -> list[int]:
    return sorted({getattr(item, "pk", item) for item in items})


def _actor(by: User | None):
    return by if getattr(by, "pk", None) else None


def _link(url: str) -> str:
    return f"{getattr(settings, 'SITE_URL', '')}{url}" if url.startswith("/") else url


@transaction.atomic
def notify(*, units: Iterable[Any] = (), users: Iterable[Any] = (), kind: str, title: str, url: str = "",
           body: str = "", by: User | None = None, key: str = "", mail_now: bool = False) -> int:  # fmt: skip
    """Tell units (their people share one notice) and users (each their own) something: a ``kind`` the calling app
    names (``thidua.core.notify.name_kinds``), a title, a link within the site, a body. With a ``key``, a unit or
    user already told with that key is not told again (running an action or a daily job twice tells nobody twice).

    The notices wait for the daily digest (``send_notice_digest``); with ``mail_now`` they are mailed at once after
    commit (to the unit's officers and leaders, and the users addressed, who have an address) and left out of the
    digest. Returns the number of units and users told."""
    unit_ids, user_ids = _ids(units), _ids(users)
    if key:
        unit_ids = sorted(set(unit_ids) - set(Notice.objects.filter(key=key, unit_id__in=unit_ids)
                                              .values_list("unit_id", flat=True)))  # fmt: skip
        user_ids = sorted(set(user_ids) - set(Notice.objects.filter(key=key, user_id__in=user_ids)
                                              .values_list("user_id", flat=True)))  # fmt: skip
    if not unit_ids and not user_ids:
        return 0
    now = timezone.now() if mail_now else None
    common = {"kind": kind, "title": title[:300], "body": body, "url": url[:300], "key": key,
              "created_by": _actor(by), "mailed_at": now}  # fmt: skip
    Notice.objects.bulk_create(
        [Notice(unit_id=uid, **common) for uid in unit_ids]
        + [Notice(user_id=uid, **common) for uid in user_ids],
        ignore_conflicts=bool(key),
    )
    if mail_now:
        addresses = sorted(set(
            get_user_model().objects.filter(is_active=True).exclude(email="")
            .filter(Q(roles__unit_id__in=unit_ids, roles__role__in=roles_holding(MARK_READ)) | Q(pk__in=user_ids))
            .values_list("email", flat=True)
        ))  # fmt: skip
        if addresses:
            message = f"{body}\n\n{_link(url)}".strip()
            mails = [(title, message, settings.DEFAULT_FROM_EMAIL, [address]) for address in addresses]
            transaction.on_commit(lambda: send_mass_mail(mails, fail_silently=True))
    return len(unit_ids) + len(user_ids)


@transaction.atomic
def mark_notice_read(notice: Notice, *, by: User | None) -> Notice:
    """Mark a notice read (for its whole unit: the unit's people share one inbox). Marking it again changes nothing
    and writes nothing."""
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    if notice.read_at is not None:
        return notice
    notice.read_at = timezone.now()
    notice.save(update_fields=["read_at"])
    audit.record(notice, by=by, action="update", before={"read_at": None},
                 after={"read_at": notice.read_at.isoformat()}, note=_("Đánh dấu đã đọc"))  # fmt: skip
    return notice


@transaction.atomic
def mark_notices_read(notices, *, by: User | None) -> int:
    """Mark every unread notice of the queryset ``notices`` read: one update and one audit insert, whatever their
    number. Returns how many were marked."""
    unread = list(notices.unread().select_for_update(of=("self",)).only("pk", "title"))
    if not unread:
        return 0
    now = timezone.now()
    Notice.objects.filter(pk__in=[n.pk for n in unread]).update(read_at=now)
    audit.record_many(unread, by=by, action="update",
                      changes=[{"read_at": [None, now.isoformat()]} for _n in unread],
                      note=_("Đánh dấu đã đọc"))  # fmt: skip
    return len(unread)


def _digest_text(notices: list[Notice], more: bool) -> str:
    lines = [_("Các thông báo mới chưa đọc trên hệ thống Thidua:"), ""]
    for notice in notices:
        lines.append(f"- [{notice.get_kind_display()}] {notice.title} ({notice.recipient_name}, "
                     f"{format_datetime(notice.created_at)})")  # fmt: skip
        if notice.url:
            lines.append(f"  {_link(notice.url)}")
    if more:
        lines += ["", _("Còn thông báo khác: xem tại trang Thông báo.")]
    lines += ["", _("Thư này được gửi tự động mỗi ngày; không trả lời thư này.")]
    return "\n".join(lines)


@transaction.atomic
def send_notice_digests(*, now: datetime.datetime | None = None) -> int:
    """Mail each active user who has an address the notices addressed to them (``for_user``) that are unread, were
    not mailed at once, and came after their last digest (or within the last day for a first one). A user with
    nothing new gets no mail; running it twice sends nothing twice. Mail goes out after commit. Returns the number
    of digests sent."""
    now = now or timezone.now()
    last = dict(
        NoticeDigest.objects.values("user_id").annotate(last=Max("sent_at")).values_list("user_id", "last")
    )
    mails = []
    digests = []
    for user in get_user_model().objects.filter(is_active=True).exclude(email="").order_by("pk"):
        since = last.get(user.pk) or now - DIGEST_FIRST_WINDOW
        rows = list(
            Notice.objects.for_user(user).unread()
            .filter(mailed_at__isnull=True, created_at__gt=since, created_at__lte=now)
            .select_related("unit", "user").order_by("-created_at", "-id")[: DIGEST_MAX_ITEMS + 1]
        )  # fmt: skip
        if not rows:
            continue
        shown = rows[:DIGEST_MAX_ITEMS]
        subject = _("Thidua: %(n)s thông báo mới") % {"n": len(shown) if len(rows) <= DIGEST_MAX_ITEMS
                                                        else f"{DIGEST_MAX_ITEMS}+"}  # fmt: skip
        mails.append((subject, _digest_text(shown, len(rows) > DIGEST_MAX_ITEMS), settings.DEFAULT_FROM_EMAIL,
                      [user.email]))  # fmt: skip
        digests.append(NoticeDigest(user=user, sent_at=now, notice_count=len(shown)))
    NoticeDigest.objects.bulk_create(digests)
    if mails:
        transaction.on_commit(lambda: send_mass_mail(mails, fail_silently=True))
    return len(digests)
