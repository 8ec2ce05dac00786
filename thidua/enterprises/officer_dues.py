"""What is due or overdue where an officer follows: open supervision recommendations (overdue first) and, for
enterprises on the path, a stalled case. Plans to deploy come from the plans app's panel on the officer page (a
sibling app: ``enterprises`` and ``plans`` do not import each other), reports and congress dates likewise once those
apps exist. One query per kind, whatever the number of assignments."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Q

from .models import AreaAssignment, Recommendation
from .models.registry import OPEN_STAGES
from .queries import STALLED_DAYS


@dataclass
class Due:
    kind: str  # "recommendation" | "stalled"
    label: str
    due_on: datetime.date | None
    overdue: bool
    url: str


@dataclass
class SubjectDues:
    assignment: AreaAssignment
    items: list[Due] = field(default_factory=list)

    @property
    def overdue(self) -> int:
        return sum(1 for i in self.items if i.overdue)


def dues_for(assignments: list[AreaAssignment], *, today: datetime.date) -> list[SubjectDues]:
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from thidua.core.dates import format_date

    rows = {a.pk: SubjectDues(a) for a in assignments}
    by_unit = {a.unit_id: rows[a.pk] for a in assignments if a.unit_id}
    by_enterprise = {a.enterprise_id: rows[a.pk] for a in assignments if a.enterprise_id}
    if by_unit or by_enterprise:
        recs = (
            Recommendation.objects.open()
            .filter(Q(inspection__subject_unit_id__in=list(by_unit)) | Q(inspection__subject_enterprise_id__in=list(by_enterprise)))
            .select_related("inspection").order_by("deadline")
        )  # fmt: skip
        for rec in recs:
            inspection = rec.inspection
            target = by_unit.get(inspection.subject_unit_id) if inspection.subject_unit_id else by_enterprise.get(
                inspection.subject_enterprise_id)  # fmt: skip
            if target is not None:
                target.items.append(Due("recommendation", _("Kiến nghị: %(text)s") % {"text": str(rec)}, rec.deadline,
                                        rec.deadline < today,
                                        reverse("supervision:inspection-detail", args=[inspection.pk])))  # fmt: skip
    limit = today - datetime.timedelta(days=STALLED_DAYS)
    for a in assignments:
        e = a.enterprise
        if e is not None and e.archived_at is None and e.stage in OPEN_STAGES and e.last_step_on < limit:
            rows[a.pk].items.append(Due("stalled", _("Vận động thành lập công đoàn: không có bước mới từ %(date)s")
                                        % {"date": format_date(e.last_step_on)}, None, True,
                                        reverse("enterprises:enterprise-detail", args=[e.pk])))  # fmt: skip
    return sorted(rows.values(), key=lambda r: (-r.overdue, -len(r.items), str(r.assignment.subject)))
