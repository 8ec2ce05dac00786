"""The gaps the second held-out set showed, fixed in general and tested on texts of their own (issue 9)."""

import datetime

from thidua.plans.parsing import parse_plan_text

D = datetime.date


def test_a_law_cited_by_name_gives_its_number_and_date():
    plan = parse_plan_text(
        "Căn cứ Luật Công đoàn số 50/2024/QH15 ngày 27/11/2024;\n"
        "Căn cứ Bộ luật Lao động số 45/2019/QH14 ngày 20 tháng 11 năm 2019;\n"
        "Căn cứ Điều lệ Công đoàn Việt Nam khóa XIII;\n"
    )
    bases = [(b.kind, b.number, b.date, b.title) for b in plan.legal_bases]
    assert bases[0] == ("Luật", "50/2024/QH15", D(2024, 11, 27), "Công đoàn")
    assert bases[-1][:3] == ("Điều lệ", None, None)


def test_a_news_article_gives_the_date_written_after_the_plan_s_number():
    plan = parse_plan_text(
        "Công đoàn ngành Y tế tỉnh phát động thi đua\n"
        "Theo Kế hoạch số 21/KH-CĐN ngày 05/4/2023 của Công đoàn ngành, thi đua được tổ chức trong cả năm.\n"
    )
    assert (plan.kind, plan.number, plan.date) == ("Kế hoạch", "21/KH-CĐN", D(2023, 4, 5))


def test_a_misread_number_label_is_repaired_and_warned():
    plan = parse_plan_text(
        "CÔNG ĐOÀN NGÀNH GIAO THÔNG VẬN TẢI\nSồ : 08/KH-CĐN\nHải Phòng, ngày 02 tháng 3 năm 2022\nKẾ HOẠCH\n"
        "Thi đua năm 2022\n"
    )
    assert plan.number == "08/KH-CĐN" and plan.issuer == "CÔNG ĐOÀN NGÀNH GIAO THÔNG VẬN TẢI"
    assert any("“Sô:” thay cho “Số:”" in m for m in plan.messages())


def test_a_grassroots_union_under_its_superior_is_the_issuer():
    plan = parse_plan_text(
        "LĐLĐ HUYỆN GIA LÂM\nCĐCS CÔNG TY TNHH MAY XUÂN HÒA\nSố: 03/KH-CĐCS\nGia Lâm, ngày 01 tháng 3 năm 2021\n"
        "KẾ HOẠCH\nThi đua năm 2021\n"
    )
    assert plan.issuer == "CĐCS CÔNG TY TNHH MAY XUÂN HÒA"
