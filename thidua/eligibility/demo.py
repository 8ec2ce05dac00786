"""The demo's eligibility facts at Công ty TNHH May mặc Bến Tre (the union of the ``cdcs-maybentre`` account): the
task ratings of its people for 2017 and 2026, a few exclusions (a reprimand in 2017, maternity leave in 2017, an
inspection under way and 45 days of absence in 2026, a recent recruit) and one override with its reason, so the
verdict pages show every kind of reason under the 2017 and the 2026 rules. Deterministic, idempotent, in bulk."""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.db import transaction

from thidua.core import audit
from thidua.orgs.demo.build import ANCHOR
from thidua.orgs.models import Person, Unit
from thidua.registrations.models import Award

from . import actions
from .models import Exclusion, TaskRating

SEED = "thidua-demo-eligibility"
D = datetime.date
RATINGS = ["excellent"] * 2 + ["good"] * 6 + ["completed"] * 2


def build_demo(*, log=None, **options) -> dict[str, Any]:
    unit = Unit.objects.filter(code=ANCHOR["code"]).first()
    result = load_demo_eligibility(unit) if unit is not None else {"ratings": 0, "exclusions": 0}
    if log:
        log(f"eligibility: {result['ratings']} ratings, {result['exclusions']} exclusions")
    return result


def load_demo_eligibility(unit: Unit) -> dict[str, Any]:
    if TaskRating.objects.filter(unit=unit).exists():
        return {"ratings": 0, "exclusions": 0}
    people = list(Person.objects.filter(unit=unit, archived_at__isnull=True).order_by("sort_key", "id")[:300])
    if len(people) < 12:
        return {"ratings": 0, "exclusions": 0}
    rng = random.Random(SEED)
    with transaction.atomic():
        ratings = TaskRating.objects.bulk_create([
            TaskRating(person=p, unit=unit, year=year, rating=rng.choice(RATINGS),
                       source=f"Biên bản bình xét cuối năm {year} của Công ty")
            for year in (2017, 2026) for p in people
        ])  # fmt: skip
        audit.record_many(ratings, by=None, action="create")
        facts = [
            (people[3], {"kind": "discipline", "level": "reprimand", "starts_on": D(2017, 6, 1),
                         "ends_on": D(2018, 5, 31), "source": "Quyết định 35/QĐ-MMBT ngày 01/6/2017 (khiển trách)"}),
            (people[7], {"kind": "maternity", "starts_on": D(2017, 2, 1), "ends_on": D(2017, 7, 31),
                         "source": "Quyết định nghỉ thai sản 12/QĐ-MMBT"}),
            (people[5], {"kind": "investigation", "starts_on": D(2026, 11, 10),
                         "source": "Thông báo kiểm tra 08/TB-UBKT ngày 10/11/2026 (đang xác minh)"}),
            (people[9], {"kind": "absence", "starts_on": D(2026, 4, 1), "ends_on": D(2026, 6, 15), "days": 45,
                         "source": "Bảng chấm công năm 2026"}),
            (people[11], {"kind": "tenure_start", "starts_on": D(2026, 5, 4),
                          "source": "Hợp đồng lao động số 118/HĐLĐ ngày 04/5/2026"}),
        ]  # fmt: skip
        for person, values in facts:
            actions.record_exclusion(person, by=None, **values)
        actions.override_verdict(
            people[3], Award.objects.get(code="lao-dong-tien-tien"), 2017, by=None, unit=unit, outcome="eligible",
            reason="Hội đồng thi đua Công ty xét: hình thức khiển trách đã được xóa theo Quyết định 52/QĐ-MMBT "
                   "ngày 15/12/2017 do khiếu nại đúng.",
        )  # fmt: skip
    return {"ratings": len(ratings), "exclusions": Exclusion.objects.filter(unit=unit).count()}
