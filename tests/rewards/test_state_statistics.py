"""The State's yearly statistics forms (0601.N–0603.N; 0701.N–0703.N before 2023) from the records (decision 0042):
the cells of the .xlsx, what is counted and where, what the system cannot know said in the cell."""

import datetime
import io

from django.urls import reverse
from openpyxl import load_workbook

from tests.plans.builders import issued_plan
from tests.rewards.builders import issued, person_line, register
from thidua.rewards import state_statistics
from thidua.rewards.models import AwardRecord, RecordSource
from thidua.rewards.state_statistics_xlsx import statistics_workbook

D = datetime.date


def _sheet(content: bytes, number: str):
    """The form's rows by their code ("01", "1", ...): every cell right of the code; and the header texts."""
    ws = load_workbook(io.BytesIO(content))[number]
    rows = {}
    headers = []
    for row in ws.iter_rows(values_only=True):
        if row[1] not in (None, "") and str(row[1]).isdigit():
            rows[str(row[1])] = list(row[2:])
        headers.append(row)
    return rows, headers


def _column(sheet, *path) -> int:
    """The index (among the figures after "Tổng số") of the column whose header path is ``path``."""
    return [c.header[-len(path) :] for c in sheet.columns].index(path)


def test_0601_counts_the_subtrees_movements_by_launching_level_and_duration(tree):
    issued_plan(tree.BT, year=2023)  # two movements, phases over the whole year
    issued_plan(tree.TV, year=2023)  # another branch: not counted
    rows, headers = _sheet(statistics_workbook(tree.BT, 2023, ("0601",)), "0601.N")
    assert headers[0][0] == "Biểu số: 0601.N/BNV-TĐKT"
    # Tổng số | Cấp Trung ương | Cấp bộ, ngành, đoàn thể TƯ, tỉnh | Cơ quan, tổ chức, đơn vị
    assert rows["01"] == [2, "Chưa theo dõi", 0, 2]
    assert rows["02"] == ["Chưa theo dõi"] * 4  # toàn quốc: not kept
    assert rows["05"] == [2, "Chưa theo dõi", 0, 2]  # cơ quan, tổ chức, đơn vị
    assert rows["07"] == [2, "Chưa theo dõi", 0, 2]  # 1 năm
    assert rows["06"][0] == rows["08"][0] == 0


def test_0601_before_2023_is_form_0701_of_the_2018_circular(tree):
    issued_plan(tree.TLD, year=2017, number=2)
    rows, headers = _sheet(statistics_workbook(tree.TLD, 2017, ("0601",)), "0701.N")
    assert headers[1][0] == "Ban hành theo Thông tư số 03/2018/TT-BNV"
    assert rows["01"] == [2, "Chưa theo dõi", 2]  # 1=(2+3): no column for a unit's own movements then
    assert rows["07"] == [2, "Chưa theo dõi", 2]
    assert "11" in rows and "12" not in rows  # the 2018 form's last row is 11


def test_0602_counts_state_awards_of_the_subtree_by_form_and_awardee(tree, people):
    def imported(award, *, person=None, unit=None, day=None):
        day = day or D(2023, 4, 28)
        AwardRecord.objects.create(
            person=person, unit=unit, award_id=award, year=day.year, decided_on=day, issuer_name="Chủ tịch nước",
            unit_at_time=person.unit if person else None, source=RecordSource.IMPORTED, decision_number="1/QĐ-CTN",
        )  # fmt: skip

    from thidua.registrations.models import Award

    order = Award.objects.get(code="huan-chuong-lao-dong-3").pk
    imported(order, person=people.tran_hao)
    imported(order, unit=tree.MAY)
    imported(Award.objects.get(code="bang-khen-ttg").pk, person=people.huynh_mai)
    imported(order, person=people.pham_binh)  # Trà Vinh: not in Bến Tre's subtree
    imported(order, person=people.nguyen_dao, day=D(2022, 4, 28))  # another year
    sheet = state_statistics.build_sheet("0602", tree.BT, 2023)
    rows, _headers = _sheet(statistics_workbook(tree.BT, 2023, ("0602",)), "0602.N")
    figures = 2  # unit label, total, then the columns
    order_tt = figures + _column(sheet, "Huân chương Lao động hạng Ba", "Tập thể")
    order_cn = figures + _column(sheet, "Huân chương Lao động hạng Ba", "Cá nhân")
    pm_cn = figures + _column(sheet, "Bằng khen của Thủ tướng Chính phủ", "Cá nhân")
    hcm_prize = figures + _column(sheet, "Giải thưởng Hồ Chí Minh", "Cá nhân")
    assert (
        rows["1"][1] == 3 and rows["1"][order_tt] == 1 and rows["1"][order_cn] == 1 and rows["1"][pm_cn] == 1
    )
    assert rows["6"][:2] == ["Tập thể", 1] and rows["6"][order_tt] == 1 and rows["6"][order_cn] == 0
    assert rows["9"][:2] == ["Người", 2] and rows["9"][pm_cn] == 1
    assert rows["1"][hcm_prize] == "Ngoài danh mục"  # not in the system's catalog
    assert rows["2"][1] == "Chưa theo dõi" and rows["10"][order_cn] == "Chưa theo dõi"
    assert rows["15"][1] == 0  # imported records have no method: said in a note
    assert any("3 khen thưởng nhập từ hồ sơ cũ" in note for note in sheet.notes)


def test_0603_counts_the_confederations_awards_by_method_from_the_decision(tree, people):
    reg = register(tree.TLD, year=2023, symbol="QĐ-TLĐ")
    issued(reg, [person_line(people.tran_hao, award="bang-khen-tld", year=2023)], decided_on=D(2023, 7, 20),
           kind="thematic", title="Về việc khen thưởng chuyên đề")  # fmt: skip
    issued(reg, [person_line(people.pham_binh, award="bang-khen-tld", year=2023)], decided_on=D(2023, 7, 21),
           kind="sudden", title="Về việc khen thưởng đột xuất")  # fmt: skip
    rows, headers = _sheet(statistics_workbook(tree.BT, 2023, ("0603",)), "0603.N")
    assert any(h[0] == "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, THÀNH PHỐ TRỰC THUỘC "
               "TRUNG ƯƠNG" for h in headers)  # fmt: skip
    # Đơn vị tính | Tổng số | Bằng khen | CSTĐ cấp bộ, tỉnh | Cờ thi đua | Huy hiệu
    assert rows["01"] == [None, 1, 1, 0, 0, 0]
    assert rows["05"] == ["Người", 1, 1, 0, 0, 0]
    assert rows["12"] == [None, 1, 1, 0, 0, 0]  # chuyên đề
    assert rows["13"] == [None, 0, 0, 0, 0, 0]  # the sudden one is Trà Vinh's
    assert rows["03"][1] == "Chưa theo dõi"  # doanh nghiệp


def test_page_gives_the_forms_of_a_unit_in_scope_and_404_outside(client_for, users, tree):
    url = reverse("rewards:state-statistics")
    client = client_for(users.province_officer)
    response = client.get(url, {"unit": tree.BT.pk, "year": 2023})
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content)).sheetnames == ["0601.N", "0602.N", "0603.N"]
    assert client.get(url, {"unit": tree.TV.pk, "year": 2023}).status_code == 404
    assert client.get(url, {"unit": tree.BT.pk, "year": "20x3"}).status_code == 400
    assert client_for(users.outsider).get(url, {"unit": tree.BT.pk, "year": 2023}).status_code == 404
