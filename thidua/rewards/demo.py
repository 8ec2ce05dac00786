"""The rewards part of ``load_demo``: the 2017 decisions register of the Bến Tre federation (numbered in the system
from 45: the year's first 44 decisions were numbered on paper), its year-end decision of 20/12/2017 with people of a
garment factory and grassroots unions, each line's money from the catalog (0.3 × 1,300,000 = 390,000 for Lao động
tiên tiến; one worker who is also Chiến sĩ thi đua cơ sở is paid only the higher title), and one award revoked in
2018 for a false report, with the money to recover. Written through the actions (audited); deterministic;
idempotent (nothing is written when the register is there). The proposals' demo may build a fuller season on it."""

from __future__ import annotations

import datetime

from django.db import transaction

from thidua.orgs.models import Level, Person, Unit

from . import actions
from .models import AwardRecord, DecisionRegister

D = datetime.date
YEAR = 2017
LEGAL_BASES = """Căn cứ Luật Thi đua, Khen thưởng ngày 26/11/2003 và Luật sửa đổi, bổ sung một số điều của Luật Thi đua, Khen thưởng ngày 16/11/2013
Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, Khen thưởng
Căn cứ Quy chế khen thưởng của tổ chức Công đoàn ban hành kèm theo Quyết định số 1564/QĐ-TLĐ ngày 20/10/2014 của Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam
Căn cứ Kế hoạch số 13/KH-LĐLĐ ngày 22/02/2017 của Ban Thường vụ Liên đoàn Lao động tỉnh Bến Tre
Xét đề nghị của Ban Chính sách - Pháp luật"""  # noqa: E501
REASON = "Hoàn thành xuất sắc nhiệm vụ, tích cực tham gia phong trào thi đua lao động giỏi, lao động sáng tạo năm 2017"


def build_demo(*, log=None, **_options) -> dict[str, int]:
    province = Unit.objects.filter(code="BTR").first()
    if province is None:
        return {}
    people = list(
        Person.objects.filter(unit__code="BTR-MAYBT", archived_at__isnull=True).order_by("sort_key", "id")[:5]
    )
    collectives = list(
        Unit.objects.filter(code__startswith="BTR-", level=Level.GRASSROOTS, founded_on__lte=D(YEAR, 1, 1))
        .exclude(code="BTR-MAYBT").order_by("code")[:2]
    )  # fmt: skip
    result = load_demo_rewards(province, people, collectives)
    if log and result.get("decisions"):
        log(f"Quyết định khen thưởng năm 2017: {result['decisions']} quyết định, {result['lines']} người, tập thể "
            f"được khen, {result['revoked']} khen thưởng bị thu hồi.")  # fmt: skip
    return result


@transaction.atomic
def load_demo_rewards(province: Unit, people: list[Person], collectives: list[Unit]) -> dict[str, int]:
    """The 2017 register and year-end decision of ``province`` for ``people`` (of one factory) and ``collectives``;
    nothing when the register is there."""
    if DecisionRegister.objects.filter(issuer=province, year=YEAR).exists():
        return {"decisions": 0, "lines": 0, "revoked": 0}
    register = actions.create_register(province, by=None, year=YEAR, symbol="QĐ-LĐLĐ", next_number=45,
                                       place="Bến Tre")  # fmt: skip
    lines = [
        actions.LineInput(award="lao-dong-tien-tien", year=YEAR, person=person, reason=REASON,
                          position_at_time="Công nhân, Công ty TNHH May mặc Bến Tre", source="demo")
        for person in people
    ]  # fmt: skip
    if people:  # the first is also Chiến sĩ thi đua cơ sở: paid the higher title only
        lines.append(actions.LineInput(award="cstd-co-so", year=YEAR, person=people[0], reason=REASON,
                                       position_at_time="Tổ trưởng tổ may, Công ty TNHH May mặc Bến Tre",
                                       source="demo"))  # fmt: skip
    lines += [
        actions.LineInput(award="tt-ld-tien-tien", year=YEAR, unit=unit, source="demo",
                          reason="Tập thể hoàn thành xuất sắc nhiệm vụ năm 2017")
        for unit in collectives
    ]  # fmt: skip
    decision = actions.create_decision(
        register, by=None, decided_on=D(YEAR, 12, 20), lines=lines, legal_bases=LEGAL_BASES,
        title="Về việc khen thưởng tổng kết phong trào thi đua lao động giỏi, lao động sáng tạo năm 2017",
        sign_mode="kt", sign_for="Chủ tịch", signer_position="Phó Chủ tịch", signer_name="Nguyễn Văn Hùng",
    )  # fmt: skip
    actions.issue_decision(decision, by=None)
    revoked = 0
    if len(people) > 1:
        record = AwardRecord.objects.get(decision_line__decision=decision, person=people[-1])
        # revoked by a decision of revocation issued in the 2018 register (its paper series had reached 11)
        register_2018 = DecisionRegister.objects.filter(
            issuer=province, year=YEAR + 1, symbol="QĐ-LĐLĐ"
        ).first()
        if register_2018 is None:
            register_2018 = actions.create_register(province, by=None, year=YEAR + 1, symbol="QĐ-LĐLĐ",
                                                    next_number=12, place="Bến Tre")  # fmt: skip
        actions.issue_revocation(
            record, by=None, register=register_2018, reason="fraud", revoked_on=D(YEAR + 1, 3, 5),
            reason_text="Báo cáo thành tích không trung thực (số ngày công khai tăng).",
            legal_bases=LEGAL_BASES.split("\n")[0] + "\nXét đề nghị của Ban Chính sách - Pháp luật",
            signer_position="Chủ tịch", signer_name="Nguyễn Văn Hùng",
        )  # fmt: skip
        revoked = 1
    return {"decisions": 1, "lines": len(lines), "revoked": revoked}
