"""The exemplars' part of ``load_demo``: the Bến Tre federation's exemplary models of 2017 — a worker of the garment
factory recognised with the province's year-end decision, the factory's union as an exemplary collective of the
movement "Lao động giỏi, lao động sáng tạo" (replicated by two other grassroots unions, with their results and
figures), a good deed recognised by a letter of the federation's standing committee (not published) — and the federation's 2017 honour board,
published (its public page at /bang-vang/BTR/2017/). Written through the actions (audited); deterministic;
idempotent (nothing is written when the board is there)."""

from __future__ import annotations

import datetime

from django.db import transaction

from thidua.orgs.models import Level, Person, Unit
from thidua.plans.models import Movement
from thidua.rewards.models import Decision

from . import actions
from .models import ExemplarKind, HonourBoard

D = datetime.date
YEAR = 2017
PROVINCE = "BTR"
ANCHOR = "BTR-MAYBT"


def build_demo(*, log=None, **_options) -> dict[str, int]:
    province = Unit.objects.filter(code=PROVINCE).first()
    anchor = Unit.objects.filter(code=ANCHOR).first()
    if province is None or anchor is None:
        return {}
    result = load_demo_exemplars(province, anchor)
    if log and result.get("exemplars"):
        log(f"Điển hình tiên tiến năm 2017: {result['exemplars']} điển hình, {result['replications']} đơn vị nhân "
            f"rộng; bảng vàng LĐLĐ tỉnh Bến Tre công khai tại /bang-vang/{PROVINCE}/{YEAR}/.")  # fmt: skip
    return result


@transaction.atomic
def load_demo_exemplars(province: Unit, anchor: Unit) -> dict[str, int]:
    if HonourBoard.objects.filter(unit=province, year=YEAR).exists():
        return {"exemplars": 0, "replications": 0}
    movement = (
        Movement.objects.filter(plan__issuer=province, plan__year=YEAR).order_by("plan_id", "order").first()
    )
    decision = (
        Decision.objects.issued()
        .filter(issuer=province, decided_on__year=YEAR)
        .order_by("decided_on")
        .first()
    )
    worker = Person.objects.filter(unit=anchor, archived_at__isnull=True).order_by("sort_key", "id").first()
    made = 0
    if worker is not None:
        actions.create_exemplar(
            province, by=None, person=worker, kind=ExemplarKind.ADVANCED, movement=movement, year=YEAR,
            recognised_on=D(YEAR, 12, 20), decision=decision, published=True,
            title="Người thợ may giỏi nghề, tận tụy với đồng nghiệp",
            story=("Năm 2017 luôn vượt định mức sản phẩm từ 10 đến 15 %, không có sản phẩm lỗi; hướng dẫn tay nghề "
                   "cho 12 công nhân mới vào nghề; đề xuất cách gấp, đóng gói giúp tổ rút ngắn thời gian giao hàng."),
            recognition="Hội nghị tổng kết phong trào thi đua năm 2017 của LĐLĐ tỉnh Bến Tre",
        )  # fmt: skip
        made += 1
    collective = actions.create_exemplar(
        province, by=None, collective=anchor, kind=ExemplarKind.ADVANCED, movement=movement, year=YEAR,
        workplace="Công ty TNHH May mặc Bến Tre",
        recognised_on=D(YEAR, 7, 28), published=True,
        title="Mô hình “Tổ công đoàn tự quản an toàn lao động”",
        story=("Công đoàn cơ sở tổ chức mỗi tổ sản xuất một nhóm tự quản an toàn, vệ sinh lao động: tự kiểm tra máy "
               "móc đầu ca, nhắc nhau dùng phương tiện bảo hộ, báo ngay nguy cơ cho tổ trưởng. Sáu tháng đầu năm "
               "2017 không xảy ra tai nạn lao động."),
        recognition="Hội nghị biểu dương điển hình tiên tiến ngày 28/7/2017",
    )  # fmt: skip
    made += 1
    others = list(
        Unit.objects.filter(code__startswith="BTR-", level=Level.GRASSROOTS, founded_on__lte=D(YEAR, 1, 1),
                            archived_at__isnull=True).exclude(pk=anchor.pk).order_by("code")[:3]
    )  # fmt: skip
    replications = 0
    for unit, since, result, participants, benefit in zip(others[:2], [D(YEAR, 9, 1), D(YEAR, 10, 15)], [
        "Lập 8 nhóm tự quản an toàn ở các tổ sản xuất; không có tai nạn lao động trong quý IV/2017.",
        "Áp dụng ở phân xưởng chế biến; giảm 60 % số lần máy dừng do sự cố.",
    ], [120, 85], [None, 35_000_000], strict=False):  # fmt: skip
        actions.record_replication(collective, unit, by=None, since=since, result=result, participants=participants,
                                   benefit=benefit)  # fmt: skip
        replications += 1
    if len(others) == 3:
        unit = others[2]
        person = Person.objects.filter(unit=unit, archived_at__isnull=True).order_by("sort_key", "id").first()
        if person is not None:
            actions.create_exemplar(
                province, by=None, person=person, kind=ExemplarKind.GOOD_DEED, year=YEAR,
                recognised_on=D(YEAR, 9, 2), published=False, title="Trả lại tài sản nhặt được",
                story="Nhặt được ví có 12 triệu đồng và giấy tờ tại cổng công ty, đã tìm và trả lại cho người đánh rơi.",
                recognition="Thư khen của Ban Thường vụ ngày 02/9/2017",
            )  # fmt: skip
            made += 1
    actions.create_board(
        province, by=None, year=YEAR, published=True,
        introduction=("Tôn vinh những tập thể, cá nhân tiêu biểu trong phong trào thi đua lao động giỏi, lao động "
                      "sáng tạo năm 2017, để học tập và nhân rộng."),
    )  # fmt: skip
    return {"exemplars": made, "replications": replications}
