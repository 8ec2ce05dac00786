"""Plans for the tests of thidua.plans, built through the real actions (shaped like Kế hoạch 13/KH-LĐLĐ of 2017)."""

from __future__ import annotations

import datetime

from thidua.plans import actions
from thidua.plans.models import Commemoration, MeasureTarget, Plan, RecipientPurpose

D = datetime.date


def reference_parts(year: int = 2017) -> dict:
    party = Commemoration.objects.get(base_date=D(1930, 2, 3))
    union = Commemoration.objects.get(base_date=D(1929, 7, 28))
    national_day = Commemoration.objects.get(base_date=D(1945, 9, 2))
    return {
        "legal_bases": [
            {
                "kind": "plan",
                "number": "02/KH-TLĐ",
                "date": D(year, 2, 10),
                "issuer": "Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam",
                "title": "Về việc Phát động phong trào thi đua yêu nước trong CNVCLĐ",
            },
            {
                "kind": "directive",
                "number": "01/CT-UBND",
                "date": D(year, 1, 6),
                "issuer": "UBND tỉnh Bến Tre",
                "title": "Về việc phát động phong trào thi đua yêu nước năm 2017",
            },
        ],
        "movements": [
            {
                "names": [
                    "Lao động giỏi, Lao động sáng tạo",
                    "Xanh - Sạch - Đẹp, đảm bảo an toàn vệ sinh lao động",
                ],
                "text": "",
            },
            {
                "names": ["Đông Khởi mới, Đông khởi khởi nghiệp và phát triển doanh nghiệp"],
                "text": "Phong trào thi đua “Đông Khởi mới, Đông khởi khởi nghiệp và phát triển doanh nghiệp”, Công đoàn "
                "đồng hành vì sự phát triển bền vững của Doanh nghiệp.",
            },
        ],
        "measures": [
            {"target": MeasureTarget.GRASSROOTS_BUSINESS, "text": "Động viên CNVCLĐ phát huy sáng kiến."},
            {"target": MeasureTarget.GRASSROOTS_ADMIN, "text": "Xây dựng công sở văn minh."},
            {"target": MeasureTarget.UPPER, "text": "Hướng dẫn, chỉ đạo Công đoàn cơ sở."},
            {"target": MeasureTarget.GENERAL, "text": "Các cấp Công đoàn xây dựng kế hoạch."},
        ],
        "phases": [
            {
                "name": "Đợt 1",
                "start": D(year, 1, 1),
                "end": D(year, 8, 31),
                "start_is_open": True,
                "celebrates": f"Thi đua lập thành tích chào mừng {year - 1930} năm ngày thành lập Đảng Cộng sản Việt "
                f"Nam (03/02/1930 - 03/02/{year}); Kỷ niệm {year - 1929} năm Ngày thành lập Công đoàn "
                f"Việt Nam (28/7/1929 - 28/7/{year}).",
                "report_due": D(year, 9, 10),
                "opens_registration": True,
            },
            {
                "name": "Đợt 2",
                "start": D(year, 9, 1),
                "end": D(year, 12, 31),
                "celebrates": f"Kỷ niệm {year - 1945} năm Cách mạng tháng Tám và Quốc khánh (2/9/1945-2/9/{year}).",
                "report_due": D(year, 12, 15),
                "opens_proposals": True,
            },
        ],
        "commemorations": [
            {
                "phase_order": 1,
                "commemoration": party,
                "text": "ngày thành lập Đảng Cộng sản Việt Nam",
                "ordinal": year - 1930,
                "base_date": D(1930, 2, 3),
                "date": D(year, 2, 3),
            },
            {
                "phase_order": 1,
                "commemoration": union,
                "text": "Ngày thành lập Công đoàn Việt Nam",
                "ordinal": year - 1929,
                "base_date": D(1929, 7, 28),
                "date": D(year, 7, 28),
            },
            {
                "phase_order": 2,
                "commemoration": national_day,
                "text": "Cách mạng tháng Tám và Quốc khánh nước Cộng hòa XHCN Việt Nam",
                "ordinal": year - 1945,
                "base_date": D(1945, 9, 2),
                "date": D(year, 9, 2),
            },
        ],
        "reporting_duties": [
            {"phase_order": 1, "to_whom": "LĐLĐ tỉnh (qua Ban CS-PL)", "due": D(year, 9, 10)},
            {"phase_order": 2, "to_whom": "LĐLĐ tỉnh (qua Ban CS-PL)", "due": D(year, 12, 15)},
        ],
        "recipients": [
            {"name": "Ban CSKT-XH&TKT TLĐ", "purpose": RecipientPurpose.REPORT},
            {"name": "CĐ các cấp trực thuộc", "purpose": RecipientPurpose.IMPLEMENT, "to_subordinates": True},
            {"name": "Lưu VP, Ban CSPL", "purpose": RecipientPurpose.ARCHIVE},
        ],
    }


def draft_plan(issuer, *, by=None, year: int = 2017, number: int | None = 13, **fields) -> Plan:
    values = {
        "title": "Phát động phong trào thi đua yêu nước trong CNVCLĐ chào mừng các ngày lễ lớn của đất nước "
        f"năm {year}",
        "place": "Bến Tre",
        "date": D(year, 2, 22),
        "purposes": "Động viên cán bộ, đoàn viên, CNVCLĐ trong tỉnh hăng hái thi đua lao động sản xuất.",
        "signer_on_behalf": "TM. BAN THƯỜNG VỤ",
        "signer_title": "PHÓ CHỦ TỊCH THƯỜNG TRỰC",
        "signer_name": "Trần Trung Hào",
        **fields,
    }
    return actions.create_plan(
        issuer, by=by, year=year, number=number, symbol="KH-LĐLĐ", parts=reference_parts(year), **values
    )


def issued_plan(issuer, *, by=None, **fields) -> Plan:
    plan = draft_plan(issuer, by=by, **fields)
    return actions.issue_plan(plan, by=by, date=plan.date)


def built_and_issued(upper: Plan, unit, *, by=None, date: datetime.date | None = None) -> Plan:
    """A unit's plan built from ``upper``, signed and issued (by default two weeks after the upper plan: the issue
    date must fall within the plan's year)."""
    plan = actions.build_plan_from(upper, unit, by=by)
    actions.update_plan(plan, by=by, signer_name="Nguyễn Văn An")
    date = date or (upper.date + datetime.timedelta(days=14) if upper.date else D(upper.year, 3, 1))
    return actions.issue_plan(plan, by=by, date=date)
