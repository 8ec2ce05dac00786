"""The certificates' part of ``load_demo``: a serial for every standing award of the demo's issued decisions (the
Bến Tre federation's year-end decision, the district's and the grassroots union's from the proposals' season), and
one calibrated blank of the province (its printer prints 1.5 mm right and 2 mm low: the layout moves the fields
back). No emblem: none ships with a free licence; the administrator uploads it. Through the actions; idempotent."""

from __future__ import annotations

from django.db import transaction

from thidua.orgs.models import Unit
from thidua.rewards.models import Decision

from . import actions
from .documents import DEFAULT_FIELDS
from .models import BlankLayout, Certificate

BLANK_NAME = "Phôi Bằng khen LĐLĐ tỉnh – máy in phòng Chính sách – Pháp luật"


def build_demo(*, log=None, **_options) -> dict[str, int]:
    result = load_demo_certificates()
    if log and result.get("certificates"):
        log(f"Bằng khen, giấy khen: {result['certificates']} số hiệu cho {result['decisions']} quyết định, "
            f"{result['layouts']} phôi đã căn chỉnh.")  # fmt: skip
    return result


@transaction.atomic
def load_demo_certificates() -> dict[str, int]:
    before = Certificate.objects.count()
    decisions = list(Decision.objects.issued().order_by("decided_on", "pk"))
    for decision in decisions:
        actions.issue_certificates(decision, by=None)
    layouts = 0
    province = Unit.objects.filter(code="BTR").first()
    if province is not None and not BlankLayout.objects.filter(issuer=province, name=BLANK_NAME).exists():
        shifted = {key: {**spec, "x": round(spec["x"] - 1.5, 1), "y": round(spec["y"] - 2.0, 1)}
                   for key, spec in DEFAULT_FIELDS.items()}  # fmt: skip
        actions.create_layout(province, by=None, name=BLANK_NAME, fields=shifted)
        layouts = 1
    return {
        "decisions": len(decisions),
        "certificates": Certificate.objects.count() - before,
        "layouts": layouts,
    }
