"""One unit's report as a spreadsheet: downloaded prefilled, uploaded, every cell checked with errors named by cell,
nothing saved on any error, hostile files refused; the pages preview then confirm."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from tests.core.test_spreadsheets import crafted_xlsx
from thidua.reports import actions
from thidua.reports.imports import import_report, report_workbook
from thidua.reports.models import ReportValue

from .builders import approved, form_for, plan_of, report

DIMENSION_BOMB = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Mã chỉ tiêu</t></is></c></row>'
    '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
)
XML_BOMB = (
    '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
)


@pytest.fixture
def form(tree):
    return form_for(tree.BT)


def _rows(content: bytes) -> dict[str, list]:
    sheet = load_workbook(io.BytesIO(content))["Báo cáo"]
    return {row[0]: list(row) for row in sheet.iter_rows(min_row=7, values_only=True) if row[0]}


def _filled(content: bytes, values: dict[str, object], narrative: dict[str, str] | None = None) -> io.BytesIO:
    book = load_workbook(io.BytesIO(content))
    sheet = book["Báo cáo"]
    for row in sheet.iter_rows(min_row=7):
        if row[0].value in values:
            row[3].value = values[row[0].value]
    for heading, text in (narrative or {}).items():
        notes = book["Phần đánh giá"]
        for row in notes.iter_rows(min_row=2):
            if row[0].value == heading:
                row[1].value = text
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def test_the_download_is_prefilled_with_what_the_system_knows(tree, users):
    plan = plan_of(tree.BT)
    first = form_for(tree.BT, plan=plan)
    approved(report(first, tree.MAY), approver=users.district_leader,
             entries={"TC01": {"value": 44}, "TC02": {"value": 40}, "TD04": {"value": 7}})  # fmt: skip
    second = form_for(tree.BT, plan=plan)
    rows = _rows(report_workbook(report(second, tree.MAY)))
    assert (
        rows["TC01"][3] == 44 and rows["TC01"][6] == 44
    )  # a stock: last approved figure, shown as previous too
    assert (
        rows["TD04"][3] is None and rows["TD04"][6] == 7
    )  # a flow starts empty; the previous figure beside it
    assert rows["TC03"][3] == "(tự tính)"
    sheet = load_workbook(io.BytesIO(report_workbook(report(second, tree.MAY))))
    assert [r[0].value for r in sheet["Phần đánh giá"].iter_rows()][:2] == ["Mục", "Kết quả đạt được"]


def test_a_clean_file_is_saved_through_the_save_action(form, tree, users):
    may = report(form, tree.MAY)
    content = _filled(report_workbook(may), {"TC01": 44, "TC02": "40", "CL03": "1.530.000.000"},
                      {"Ưu điểm": "Đoàn kết"})  # fmt: skip
    result, parsed = import_report(content, may, by=users.grassroots_officer)
    assert result.ok and result.written, result.error_lines()
    values = dict(ReportValue.objects.filter(report=may).values_list("indicator__code", "value"))
    assert values == {"TC01": 44, "TC02": 40, "CL03": 1_530_000_000}
    may.refresh_from_db()
    assert may.narrative == {"Ưu điểm": "Đoàn kết"} and may.status == "draft"


def test_errors_are_named_by_cell_and_nothing_is_saved(form, tree, users):
    may = report(form, tree.MAY)
    content = _filled(report_workbook(may), {"TC01": 44, "TC02": "bốn mươi", "TC01.NU": 50})
    result, _parsed = import_report(content, may, by=users.grassroots_officer)
    lines = result.error_lines()
    assert not result.written and len(result.errors) == 1, lines
    assert "Ô D" in result.errors[0]["message"] and "TC02" in result.errors[0]["message"]
    assert not ReportValue.objects.filter(report=may).exists()
    content = _filled(report_workbook(may), {"TC01": 44, "TC01.NU": 50})  # a part above its whole
    result, _parsed = import_report(content, may, by=users.grassroots_officer)
    assert "vượt chỉ tiêu TC01" in result.errors[0]["message"]
    assert not ReportValue.objects.filter(report=may).exists()


def test_an_unknown_indicator_is_refused_by_its_cell(form, tree, users):
    may = report(form, tree.MAY)
    book = load_workbook(io.BytesIO(report_workbook(may)))
    book["Báo cáo"].append(["XX99", "Chỉ tiêu lạ", "người", 3])
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    result, _parsed = import_report(out, may, by=users.grassroots_officer)
    assert any("chỉ tiêu “XX99” không có trong mẫu báo cáo" in e["message"] for e in result.errors)


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (lambda: io.BytesIO(bytes(range(256)) * 16), "không phải tệp Excel (.xlsx) hợp lệ"),
        (lambda: crafted_xlsx(DIMENSION_BOMB, dimension="A1:XFD1048576"), "quá 200 cột"),
        (lambda: crafted_xlsx('<row r="1"><c r="A1" t="inlineStr"><is><t>&d;&d;&d;</t></is></c></row>',
                              doctype=XML_BOMB), ""),
    ],
    ids=["random-bytes", "dimension-bomb", "xml-bomb"],
)  # fmt: skip
def test_hostile_files_are_refused_in_vietnamese_and_write_nothing(form, tree, users, file, message):
    may = report(form, tree.MAY)
    result, _parsed = import_report(file(), may, by=users.grassroots_officer)
    assert len(result.errors) == 1 and message in result.error_lines()[0]
    assert not result.written and not ReportValue.objects.filter(report=may).exists()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_upload_preview_then_confirm(form, tree, users):
    may = report(form, tree.MAY)
    client = _client(users.grassroots_officer)
    content = client.get(reverse("reports:report-download", args=[may.pk])).content
    upload = _filled(content, {"TC01": 44, "TC02": 40})
    upload.name = "bao-cao.xlsx"
    preview = client.post(reverse("reports:report-upload", args=[may.pk]), {"file": upload})
    assert preview.status_code == 200 and 'data-testid="upload-ok"' in preview.content.decode()
    assert not ReportValue.objects.filter(report=may).exists()  # nothing before the confirmation
    token = preview.context["token"]
    done = client.post(reverse("reports:report-upload-confirm", args=[may.pk]), {"token": token})
    assert done.status_code == 302
    assert dict(ReportValue.objects.filter(report=may).values_list("indicator__code", "value")) == {
        "TC01": 44, "TC02": 40}  # fmt: skip


def test_upload_is_for_those_who_fill_the_report_in(form, tree, users):
    may = report(form, tree.MAY)
    assert _client(users.outsider).get(reverse("reports:report-upload", args=[may.pk])).status_code == 404
    actions.save_values(may, by=users.grassroots_officer, entries={"TC01": {"value": 1}})
    actions.submit_report(may, by=users.grassroots_officer)
    assert (
        _client(users.grassroots_officer).get(reverse("reports:report-upload", args=[may.pk])).status_code
        == 403
    )
