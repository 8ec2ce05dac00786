"""Reminders to the units that have not registered for emulation yet: a notice to each (its officers and leaders
are mailed at once), at most one a unit and day whoever sends it, so the daily command and the button of the level
above may both run without telling anyone twice."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.dates import format_date
from thidua.notices.actions import notify
from thidua.orgs.models import Unit

from ..emulation_rollup import unregistered_units

if TYPE_CHECKING:
    from django.contrib.auth.models import User

REMINDER_KIND = "registration_reminder"
REMINDER_VERB = "remind_registration"


def reminder_key(year: int, day: datetime.date) -> str:
    """One reminder a unit, year and day: the key ``notify`` keeps it idempotent with."""
    return f"emulation-registration:{year}:{day.isoformat()}"


@transaction.atomic
def remind_unregistered(unit: Unit, year: int, *, by: User | None, today: datetime.date | None = None,
                        units: Iterable[Unit] | None = None, deadline: datetime.date | None = None,
                        message: str = "") -> int:  # fmt: skip
    """Remind the units below ``unit`` that have not sent their emulation registration for ``year`` (or only those
    of ``units`` among them). A unit already reminded today is not reminded again. Returns the number of units
    told now (0 when everyone has registered or was already told today)."""
    today = today or timezone.localdate()
    targets = unregistered_units(unit, year)
    if isinstance(units, QuerySet):
        targets = targets.filter(pk__in=units.values("pk"))
    elif units is not None:
        chosen = {u.pk for u in units}
        if not chosen:
            raise ValidationError(_("Chọn ít nhất một đơn vị chưa đăng ký để nhắc."))
        targets = targets.filter(pk__in=chosen)
    ids = list(targets.values_list("pk", flat=True))
    if not ids:
        return 0
    title = _("Nhắc đăng ký thi đua năm %(year)s") % {"year": year}
    if deadline is not None:
        title += _(" (hạn %(day)s)") % {"day": format_date(deadline)}
    body = message.strip() or _(
        "%(sender)s đề nghị đơn vị hoàn thành và gửi đăng ký thi đua năm %(year)s (danh hiệu tập thể, danh sách cá "
        "nhân đăng ký) lên cấp trên. Đăng ký thi đua là căn cứ xét khen thưởng cuối năm."
    ) % {"sender": unit.name, "year": year}
    told = notify(
        units=ids,
        kind=REMINDER_KIND,
        title=title,
        body=body,
        url=reverse("emulation:registration-list") + f"?year={year}",
        by=by,
        key=reminder_key(year, today),
        mail_now=True,
    )
    if told:
        audit.record(unit, by=by, action=REMINDER_VERB, before={}, after={"year": year, "units_told": told},
                     note=_("Nhắc %(n)s đơn vị chưa đăng ký thi đua năm %(year)s") % {"n": told, "year": year})  # fmt: skip
    return told
