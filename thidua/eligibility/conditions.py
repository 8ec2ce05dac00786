"""The general conditions of eligibility shipped with the system (loaded into ``Condition`` by migration 0002).

Each is what one period's texts say, with its citation and mark (from ``shared/reference/rules-by-period.md``,
"REF"). Where the reference found nothing for a period the condition keeps the neighbouring period's content as a
configurable default marked UNVERIFIED: the engine applies it, shows the mark, and a failure under it asks for a
person's judgement instead of refusing. Officers switch a condition off (``active``) or change its values on the
admin page; a new text is a new row with its dates.
"""

from __future__ import annotations

ND65 = ("2014-08-20", "2017-09-30")
OPEN_FROM_ND65 = ("2014-08-20", None)

# QĐ 1564/QĐ-TLĐ Điều 16 k1: the year's solutions' total benefit by kind of member (đồng), or 3 years running.
BENEFIT_QD1564 = {"min_benefit_vnd": 80_000_000, "graduate_vnd": 150_000_000, "leader_vnd": 200_000_000,
                  "years": 1, "consecutive_years": 3, "consecutive_total_vnd": 120_000_000}  # fmt: skip

CONDITIONS: list[dict] = [
    {
        "key": "dang-ky-thi-dua", "name": "Đăng ký thi đua đầu năm", "valid_from": "2014-08-20", "valid_to": None,
        "value": {"kinds": ["title"]}, "mark": "SECONDARY",
        "citation": "Kế hoạch 13/KH-LĐLĐ ngày 22/02/2017 của LĐLĐ tỉnh Bến Tre (đăng ký thi đua là cơ sở xét khen "
                    "thưởng cuối năm); thực tiễn bình xét ở công đoàn cơ sở",
        "source": "ke-hoach-13-KH-LDLD-2017 mục II; REF §3.4 (LH2021: không xét người không đăng ký thi đua)",
    },
    {
        "key": "khong-khen-khi-dang-xem-xet", "name": "Không khen khi đang xem xét kỷ luật, điều tra, xác minh",
        "valid_from": "2014-08-20", "valid_to": "2025-06-30", "value": {}, "mark": "UNVERIFIED",
        "citation": "Mặc định theo Nghị định 152/2025/NĐ-CP, Điều 4 (chưa xác minh cho giai đoạn trước 01/7/2025)",
        "source": "REF §3.4: chỉ đọc được NĐ 152/2025 Điều 4",
    },
    {
        "key": "khong-khen-khi-dang-xem-xet", "name": "Không khen khi đang xem xét kỷ luật, điều tra, xác minh",
        "valid_from": "2025-07-01", "valid_to": None, "value": {}, "mark": "VERIFIED",
        "citation": "Nghị định 152/2025/NĐ-CP, Điều 4", "source": "REF §3.4 (TVPL-31bd1c84adc55bc9)",
    },
    {
        "key": "ky-luat", "name": "Kỷ luật và thời hạn kỷ luật", "valid_from": "2014-08-20",
        "valid_to": "2025-06-30", "value": {"from": "reprimand"}, "mark": "UNVERIFIED",
        "citation": "Mặc định theo thực tiễn bình xét ở công đoàn cơ sở (kỷ luật từ khiển trách trở lên) và Nghị "
                    "định 152/2025/NĐ-CP, Điều 4",
        "source": "REF §3.4 (LH2021, thực tiễn, không phải văn bản pháp luật)",
    },
    {
        "key": "ky-luat", "name": "Kỷ luật và thời hạn kỷ luật", "valid_from": "2025-07-01", "valid_to": None,
        "value": {"from": "reprimand"}, "mark": "VERIFIED",
        "citation": "Nghị định 152/2025/NĐ-CP, Điều 4 (thành tích tính từ khi chấp hành xong kỷ luật)",
        "source": "REF §3.4 (TVPL-31bd1c84adc55bc9); mức từ khiển trách: thực tiễn (LH2021, Hà Nội QĐ 71/2025)",
    },
    {
        "key": "thai-san", "name": "Thời gian nghỉ thai sản được tính", "valid_from": ND65[0], "valid_to": ND65[1],
        "value": {}, "mark": "VERIFIED", "citation": "Nghị định 65/2014/NĐ-CP, Điều 5, khoản 5",
        "source": "REF §3.4 (toàn văn NĐ 65/2014)",
    },
    {
        "key": "thai-san", "name": "Thời gian nghỉ thai sản được tính", "valid_from": "2017-10-01",
        "valid_to": "2025-06-30", "value": {}, "mark": "UNVERIFIED",
        "citation": "Mặc định theo Nghị định 65/2014/NĐ-CP Điều 5 k5 và Nghị định 152/2025/NĐ-CP Điều 4",
        "source": "REF §3.4: chưa đọc điều tương ứng của NĐ 91/2017, NĐ 98/2023",
    },
    {
        "key": "thai-san", "name": "Thời gian nghỉ thai sản được tính", "valid_from": "2025-07-01", "valid_to": None,
        "value": {}, "mark": "VERIFIED", "citation": "Nghị định 152/2025/NĐ-CP, Điều 4",
        "source": "REF §3.4 (TVPL-31bd1c84adc55bc9)",
    },
    {
        "key": "thoi-gian-cong-tac", "name": "Thời gian công tác tối thiểu (Lao động tiên tiến)",
        "valid_from": "2017-10-01", "valid_to": None, "applies_to": ["lao-dong-tien-tien"],
        "value": {"min_months": 10}, "mark": "UNVERIFIED",
        "citation": "Mặc định theo Nghị định 65/2014/NĐ-CP Điều 5 k6 (hết hiệu lực 30/9/2017) và thực tiễn bình xét "
                    "ở công đoàn cơ sở (mới tuyển dụng dưới 10 tháng không xét)",
        "source": "REF §3.4 (LH2021, thực tiễn); NĐ 65/2014 Điều 5 k6 đã nạp trong danh mục cho giai đoạn của nó",
    },
    {
        "key": "ngay-nghi", "name": "Số ngày nghỉ tối đa (Lao động tiên tiến)", "valid_from": "2017-10-01",
        "valid_to": None, "applies_to": ["lao-dong-tien-tien"], "value": {"max_days": 39}, "mark": "UNVERIFIED",
        "citation": "Mặc định theo Nghị định 65/2014/NĐ-CP Điều 5 k6 (hết hiệu lực 30/9/2017) và thực tiễn bình xét "
                    "ở công đoàn cơ sở (nghỉ từ 40 ngày làm việc trở lên không xét, trừ nghỉ thai sản)",
        "source": "REF §3.4 (LH2021, thực tiễn)",
    },
    {
        "key": "chuyen-cong-tac", "name": "Người chuyển công tác trong năm", "valid_from": "2014-08-20",
        "valid_to": "2017-12-27", "value": {"min_months": 6}, "mark": "VERIFIED",
        "citation": "Nghị định 65/2014/NĐ-CP, Điều 5, khoản 5; Hướng dẫn 1217/HD-TLĐ, mục 1.3",
        "source": "REF §3.4, §4.2",
    },
    {
        "key": "chuyen-cong-tac", "name": "Người chuyển công tác trong năm", "valid_from": "2017-12-28",
        "valid_to": None, "value": {"min_months": 6}, "mark": "UNVERIFIED",
        "citation": "Mặc định theo Hướng dẫn 1217/HD-TLĐ, mục 1.3",
        "source": "REF §4.2: chưa xác minh cho QĐ 2106, 1689, 999",
    },
    {
        "key": "mot-thanh-tich-mot-lan", "name": "Một thành tích không khen hai lần", "valid_from": ND65[0],
        "valid_to": ND65[1], "value": {}, "mark": "VERIFIED",
        "citation": "Nghị định 65/2014/NĐ-CP, Điều 2, khoản 4 (lần khen tiếp theo tính từ quyết định lần trước)",
        "source": "REF §3.4 (toàn văn NĐ 65/2014)",
    },
    {
        "key": "mot-thanh-tich-mot-lan", "name": "Một thành tích không khen hai lần", "valid_from": "2017-10-01",
        "valid_to": "2023-12-31", "value": {}, "mark": "UNVERIFIED",
        "citation": "Mặc định theo nguyên tắc khen thưởng của Luật Thi đua, khen thưởng",
        "source": "chưa đối chiếu Luật 2003 và NĐ 91/2017",
    },
    {
        "key": "mot-thanh-tich-mot-lan", "name": "Một thành tích không khen hai lần", "valid_from": "2024-01-01",
        "valid_to": None, "value": {}, "mark": "SECONDARY",
        "citation": "Luật Thi đua, khen thưởng 2022 (06/2022/QH15), Chương I, nguyên tắc khen thưởng (“không khen "
                    "thưởng nhiều lần, nhiều hình thức cho một thành tích đạt được”)",
        "source": "vietjack.me, Luật Thi đua, khen thưởng 2022, Chương I (tóm tắt có trích nguyên văn)",
    },
    {
        "key": "toan-dien-chuyen-de", "name": "Cùng một cấp không vừa khen toàn diện vừa khen chuyên đề",
        "valid_from": "2016-08-11", "valid_to": "2017-12-27", "value": {"thematic": ["bang-khen-tld-chuyen-de"]},
        "mark": "VERIFIED", "citation": "Hướng dẫn 1217/HD-TLĐ ngày 11/8/2016, mục 1.1",
        "source": "REF §4.2 (HD1217)",
    },
    {
        "key": "toan-dien-chuyen-de", "name": "Cùng một cấp không vừa khen toàn diện vừa khen chuyên đề",
        "valid_from": "2017-12-28", "valid_to": None, "value": {"thematic": ["bang-khen-tld-chuyen-de"]},
        "mark": "UNVERIFIED", "citation": "Mặc định theo Hướng dẫn 1217/HD-TLĐ, mục 1.1",
        "source": "REF §4.2: chưa xác minh cho QĐ 2106, 1689, 999",
    },
    {
        "key": "dot-xuat-chuyen-de-khong-lam-can-cu",
        "name": "Khen đột xuất, chuyên đề không làm căn cứ đề nghị khen công trạng cao hơn",
        "valid_from": "2025-07-01", "valid_to": None, "value": {}, "mark": "VERIFIED",
        "citation": "Nghị định 152/2025/NĐ-CP, Điều 4", "source": "REF §3.4 (TVPL-31bd1c84adc55bc9)",
    },
    {
        "key": "gia-tri-lam-loi", "name": "Giá trị làm lợi của sáng kiến (Bằng Lao động sáng tạo)",
        "valid_from": "2014-12-24", "valid_to": "2017-12-27", "applies_to": ["bang-lao-dong-sang-tao"],
        "value": BENEFIT_QD1564, "mark": "VERIFIED",
        "citation": "Quyết định 1564/QĐ-TLĐ ngày 24/12/2014 (Quy chế khen thưởng của tổ chức Công đoàn), Điều 16 khoản 1",
        "source": "TVPL-33EA6 (hỏi đáp trích nguyên văn Điều 16: từ 1 giải pháp trở lên, tổng giá trị làm lợi từ 80 "
                  "triệu đồng với công nhân, lao động trình độ cao đẳng trở xuống không giữ chức vụ lãnh đạo, hoặc 3 "
                  "năm liên tục có giải pháp tổng làm lợi từ 120 triệu; từ 150 triệu với trình độ đại học trở lên; "
                  "từ 200 triệu với cán bộ lãnh đạo quản lý; khoản 2: tiêu chuẩn đề tài khoa học)",
    },
    {
        "key": "gia-tri-lam-loi", "name": "Giá trị làm lợi của sáng kiến (Bằng Lao động sáng tạo)",
        "valid_from": "2017-12-28", "valid_to": None, "applies_to": ["bang-lao-dong-sang-tao"],
        "value": BENEFIT_QD1564, "mark": "UNVERIFIED",
        "citation": "Mặc định cấu hình được: các ngưỡng của Quyết định 1564/QĐ-TLĐ Điều 16 (quy chế sau chưa đối chiếu)",
        "source": "Các quy chế QĐ 2106/2017, 1689/2019, 999/2024 chưa đọc được nguyên văn điều về Bằng Lao động "
                  "sáng tạo; một hỏi đáp của thuvienphapluat ngày 07/3/2022 nêu cùng các ngưỡng 80/120 triệu đồng mà "
                  "không ghi văn bản. Giữ các ngưỡng của QĐ 1564 làm mặc định.",
    },
]  # fmt: skip


def load(Condition) -> int:
    """Create or update the shipped conditions (by key and start date). Returns how many were written."""
    import datetime

    written = 0
    for row in CONDITIONS:
        fields = {
            "name": row["name"],
            "valid_to": datetime.date.fromisoformat(row["valid_to"]) if row.get("valid_to") else None,
            "applies_to": row.get("applies_to", []),
            "value": row.get("value", {}),
            "citation": row["citation"],
            "mark": row["mark"],
            "source": row.get("source", ""),
        }
        Condition.objects.update_or_create(
            key=row["key"], valid_from=datetime.date.fromisoformat(row["valid_from"]), defaults=fields
        )
        written += 1
    return written
