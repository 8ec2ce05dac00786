"""Machine-checkable prerequisites: checked when loaded or edited, written in words on the pages."""

from thidua.registrations.prerequisites import describe, describe_quota, validate, validate_quotas

NAMES = {"cstd-co-so": "Chiến sĩ thi đua cơ sở", "lao-dong-tien-tien": "Lao động tiên tiến"}


def test_prerequisites_in_words():
    items = [
        {"kind": "award", "award": "cstd-co-so", "years": 3, "consecutive": True},
        {"kind": "award", "award": "lao-dong-tien-tien", "years": 1, "window": "before"},
        {"kind": "any_of", "items": [{"kind": "initiative", "count": 1, "scope": "grassroots"},
                                     {"kind": "research", "count": 1}]},
        {"kind": "member_share", "award": "lao-dong-tien-tien", "min_percent": 50, "strict": True},
        {"kind": "member_share", "rating": "completed", "min_percent": 100},
        {"kind": "no_discipline", "from": "warning", "among": "members"},
    ]  # fmt: skip
    assert [describe(i, NAMES) for i in items] == [
        "03 năm liên tục đạt “Chiến sĩ thi đua cơ sở”",
        "đã đạt “Lao động tiên tiến” năm liền trước",
        "một trong: 01 sáng kiến được công nhận, phạm vi ảnh hưởng cấp cơ sở; "
        "01 đề tài nghiên cứu khoa học đã nghiệm thu, được áp dụng",
        "trên 50 % thành viên đạt “Lao động tiên tiến”",
        "từ 100 % thành viên trở lên đạt hoàn thành nhiệm vụ",
        "không có thành viên nào bị kỷ luật từ hình thức cảnh cáo trở lên",
    ]
    assert validate(items, set(NAMES)) == []


def test_bad_prerequisites_are_named():
    assert validate(
        [{"kind": "rating", "rating": "xuat-sac", "years": "2"}, {"kind": "magic"}], set(NAMES)
    ) == [
        "điều kiện thứ 1: “years” phải là số nguyên dương.",
        "điều kiện thứ 1: mức xếp loại không hợp lệ.",
        "điều kiện thứ 2: loại điều kiện không hợp lệ (award, initiative, research, rating, member_share, "
        "member_count, no_discipline, service_years, tenure_months, absence_days, any_of).",
    ]
    assert validate({"kind": "award"}) == ["điều kiện phải là một danh sách."]


def test_quotas_in_words_and_checked():
    assert describe_quota({"percent": 15, "of": "lao-dong-tien-tien", "per": "mỗi năm"}, NAMES) == (
        "không quá 15 % số đạt “Lao động tiên tiến” (mỗi năm)"
    )
    assert describe_quota({"count": 4, "per": "mỗi chuyên đề"}, NAMES) == "không quá 4 (mỗi chuyên đề)"
    assert validate_quotas(
        [{"percent": 150}, {"percent": 10, "count": 3}, {"count": 2, "of": "x"}], set(NAMES)
    ) == [
        "khống chế thứ 1: tỷ lệ không quá 100 %.",
        "khống chế thứ 2: ghi hoặc “percent” hoặc “count”.",
        "khống chế thứ 3: không có danh hiệu, hình thức mã “x”.",
    ]
