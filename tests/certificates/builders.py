"""A decision of the Châu Thành federation for the certificates tests, written through the rewards actions."""

from __future__ import annotations

import datetime

from tests.rewards.builders import issued, person_line, register, unit_line
from thidua.rewards import actions
from thidua.rewards.models import AwardRecord

REASON = "Hoàn thành xuất sắc nhiệm vụ năm 2017"


def ct_decision(tree, people, *, revoke=True):
    reg = register(tree.CT, symbol="QĐ-LĐLĐ", place="Châu Thành")
    decision = issued(reg, [
        person_line(people.tran_hao, award="giay-khen-cap-tren", reason=REASON,
                    position_at_time="Tổ trưởng tổ cắt, Công ty TNHH May Việt Tiến Bến Tre"),
        person_line(people.nguyen_dao, award="giay-khen-cap-tren", reason=REASON),
        person_line(people.le_duc, award="giay-khen-cap-tren", reason=REASON),
        unit_line(tree.THPT, award="giay-khen-cap-tren", reason="Tập thể hoàn thành xuất sắc nhiệm vụ"),
    ], signer_name="Lê Văn Thành", signer_position="Chủ tịch")  # fmt: skip
    if revoke:
        record = AwardRecord.objects.get(decision_line__decision=decision, person=people.le_duc)
        actions.revoke_award(record, by=None, reason="error", revoked_on=datetime.date(2018, 1, 5),
                             reference="02/QĐ-LĐLĐ ngày 05/01/2018")  # fmt: skip
    return decision
