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


def tra_vinh(world):
    """The Trà Vinh branch's certificates (of the matrix's issued decision), a blank of its issuer and one batch on
    it: for the scope matrix (tests/test_scope_matrix.py)."""
    from types import SimpleNamespace

    from thidua.certificates import actions as certificate_actions
    from thidua.certificates.models import Batch, BlankLayout, Certificate

    decision = world.reward_decision
    if not Certificate.objects.filter(decision=decision).exists():
        certificate_actions.issue_certificates(decision, by=None)
        layout = certificate_actions.create_layout(decision.issuer, by=None, name="Phôi Trà Vinh")
        certificate_actions.start_batch(decision, by=None, layout=layout)
    return SimpleNamespace(
        certificate=Certificate.objects.filter(decision=decision).first(),
        layout=BlankLayout.objects.get(issuer=decision.issuer, name="Phôi Trà Vinh"),
        batch=Batch.objects.filter(decision=decision).first(),
    )
