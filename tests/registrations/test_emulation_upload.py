"""A unit's emulation registration from a spreadsheet: the template, the preview, the confirmation through the
registration's save action, errors by row and column with nothing written, and hostile files refused."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.core.test_spreadsheets import crafted_xlsx
from thidua.core.models import AuditEvent
from thidua.registrations.emulation_import import import_registration, template_workbook
from thidua.registrations.models import CollectiveTarget, IndividualEntry, RegistrationStatus

from .emulation_data import registration

DIMENSION_BOMB = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c></row>'
    '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
)
XML_BOMB = (
    '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
)


@pytest.fixture
def draft(tree):
    return registration(tree.MAY, RegistrationStatus.DRAFT)


def filled(draft, targets=(), people=None) -> io.BytesIO:
    """The template of ``draft`` filled in: ``targets`` as (title, targets) in part I, ``people`` as
    {name: (position, title)} on the listed rows (extra names appended at the end)."""
    book = load_workbook(io.BytesIO(template_workbook(draft)))
    sheet = book["Đăng ký thi đua"]
    rows = list(sheet.iter_rows())
    collective = next(i for i, r in enumerate(rows) if r[1].value == "Danh hiệu, hình thức tập thể đăng ký")
    for offset, (title, text) in enumerate(targets, start=1):
        sheet.cell(collective + 1 + offset, 2, title)
        sheet.cell(collective + 1 + offset, 5, text)
    people = dict(people or {})
    header = next(i for i, r in enumerate(rows) if r[1].value == "Họ và tên")
    for index in range(header + 1, len(rows)):
        name = sheet.cell(index + 1, 2).value
        if name in people:
            position, title = people.pop(name)
            sheet.cell(index + 1, 4, position)
            sheet.cell(index + 1, 5, title)
    for name, (position, title) in people.items():
        sheet.append([None, name, None, position, title])
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def counts():
    return CollectiveTarget.objects.count(), IndividualEntry.objects.count(), AuditEvent.objects.count()


def test_template_lists_the_unit_people_and_the_titles_of_the_year(draft):
    book = load_workbook(io.BytesIO(template_workbook(draft)))
    assert book.sheetnames == ["Đăng ký thi đua", "Danh mục", "Hướng dẫn"]
    names = [row[1] for row in book["Đăng ký thi đua"].iter_rows(values_only=True)]
    listed = [n for n in names if n in ("Trần Trung Hào", "Nguyễn Thị Đào", "Lê Văn Đức")]
    assert listed == ["Nguyễn Thị Đào", "Lê Văn Đức", "Trần Trung Hào"]  # by given name, the Vietnamese way
    assert "Huỳnh Thị Mai" not in names  # another union
    lists = list(book["Danh mục"].iter_rows(values_only=True))
    collective = {row[0] for row in lists[1:] if row[0]}
    individual = {row[1] for row in lists[1:] if row[1]}
    assert "Công đoàn cơ sở vững mạnh" in collective and "Lao động tiên tiến" not in collective
    assert "Lao động tiên tiến" in individual and "Công đoàn cơ sở vững mạnh" not in individual


def test_a_clean_file_replaces_the_draft_through_the_save_action(draft, users):
    file = filled(draft, targets=[("Công đoàn cơ sở vững mạnh", "100% đoàn viên tham gia")],
                  people={"Trần Trung Hào": ("Tổ trưởng", "Lao động tiên tiến"),
                          "Nguyễn Thị Đào": ("", "LĐTT")})  # fmt: skip
    result, parsed = import_registration(file, draft, by=users.grassroots_officer)
    assert result.error_lines() == []
    assert result.written
    assert "Bỏ qua 1 người không ghi danh hiệu đăng ký." in result.notes  # Lê Văn Đức
    assert [(t.award.code, t.targets) for t in draft.targets.all()] == [
        ("cdcs-vung-manh", "100% đoàn viên tham gia")
    ]
    assert sorted((e.person.full_name, e.position, e.award.code) for e in draft.people.all()) == [
        ("Nguyễn Thị Đào", "", "lao-dong-tien-tien"), ("Trần Trung Hào", "Tổ trưởng", "lao-dong-tien-tien")]  # fmt: skip
    assert AuditEvent.objects.filter(action="save", object_id=str(draft.pk)).count() == 1


def test_errors_name_row_and_column_and_nothing_is_written(draft, users):
    file = filled(
        draft,
        targets=[("Lao động tiên tiến", ""), ("Danh hiệu không có", "")],
        people={"Trần Trung Hào": ("", "Công đoàn cơ sở vững mạnh"), "Nguyễn Thị Đào": ("", "Lao động tiên tiến"),
                "Người Lạ Mặt": ("", "Lao động tiên tiến"), "Huỳnh Thị Mai": ("", "Lao động tiên tiến")},
    )  # fmt: skip
    before = counts()
    result, _parsed = import_registration(file, draft, by=users.grassroots_officer)
    lines = result.error_lines()
    assert lines[0] == ("Dòng 6, cột “Danh hiệu, hình thức tập thể đăng ký”: “Lao động tiên tiến” là danh hiệu, "
                        "hình thức cho cá nhân, không đăng ký cho tập thể.")  # fmt: skip
    assert lines[1].startswith("Dòng 7, cột “Danh hiệu, hình thức tập thể đăng ký”: Không có “Danh hiệu không có” "
                               "trong danh mục")  # fmt: skip
    people = [line for line in lines[2:]]
    assert any(line.endswith("“Công đoàn cơ sở vững mạnh” là danh hiệu của tập thể, không đăng ký cho cá nhân.")
               and "cột “Danh hiệu đăng ký”" in line for line in people)  # fmt: skip
    assert (
        sum("cột “Họ và tên”: Không có người tên" in line for line in people) == 2
    )  # a stranger, another union
    assert len(lines) == 5
    assert not result.written
    assert counts() == before


def test_two_people_of_the_same_name_need_their_id(draft, users, tree):
    from thidua.orgs import actions as org_actions

    org_actions.create_person(by=None, unit=tree.MAY, full_name="Trần Trung Hào", national_id="083080000777",
                              joined_on="2016-01-01")  # fmt: skip
    result, _parsed = import_registration(filled(draft, people={"Trần Trung Hào": ("", "Lao động tiên tiến")}),
                                          draft, by=users.grassroots_officer)  # fmt: skip
    assert any(
        "Đơn vị có 2 người tên “Trần Trung Hào”: ghi thêm số CCCD" in line for line in result.error_lines()
    )


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (lambda: io.BytesIO(bytes(range(256)) * 16), "không phải tệp Excel (.xlsx) hợp lệ"),
        (lambda: crafted_xlsx(DIMENSION_BOMB, dimension="A1:XFD1048576"), "quá 200 cột"),
        (
            lambda: crafted_xlsx(
                '<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared=["Họ và tên " * 200_000]
            ),
            "một ô có hơn 32.767 ký tự",
        ),
        (
            lambda: crafted_xlsx(
                '<row r="1"><c r="A1" t="inlineStr"><is><t>&d;&d;&d;</t></is></c></row>', doctype=XML_BOMB
            ),
            "",
        ),
    ],
    ids=["random-bytes", "dimension-bomb", "giant-cell", "xml-bomb"],
)
def test_hostile_files_are_refused_in_vietnamese_and_write_nothing(draft, users, file, message):
    before = counts()
    result, _parsed = import_registration(file(), draft, by=users.grassroots_officer)
    assert len(result.errors) == 1
    assert message in result.error_lines()[0]
    assert not result.written and counts() == before


# --- the pages ------------------------------------------------------------------------------------------------


def test_upload_preview_then_confirm(client_for, users, draft):
    client = client_for(users.grassroots_officer)
    url = reverse("emulation_tools:upload", args=[draft.pk])
    assert client.get(url).status_code == 200
    file = filled(draft, people={"Trần Trung Hào": ("", "Lao động tiên tiến")})
    file.name = "dang-ky.xlsx"
    response = client.post(url, {"file": file})
    assert response.status_code == 200
    assert response.context["result"].ok
    assert IndividualEntry.objects.count() == 0  # only checked so far
    token = response.context["token"]
    response = client.post(reverse("emulation_tools:upload-confirm", args=[draft.pk]), {"token": token})
    assert response.status_code == 302
    assert [e.person.full_name for e in draft.people.all()] == ["Trần Trung Hào"]
    # the token is taken once
    response = client.post(reverse("emulation_tools:upload-confirm", args=[draft.pk]), {"token": token})
    assert response.status_code == 302 and IndividualEntry.objects.count() == 1


def test_upload_is_for_those_who_fill_the_registration_in(client_for, users, tree, draft):
    assert (
        client_for(users.outsider).get(reverse("emulation_tools:upload", args=[draft.pk])).status_code == 404
    )
    assert (
        client_for(users.council_member).get(reverse("emulation_tools:upload", args=[draft.pk])).status_code
        == 403
    )
    sent = registration(tree.THPT, RegistrationStatus.SUBMITTED)
    response = client_for(users.province_officer).get(
        reverse("emulation_tools:upload-template", args=[sent.pk])
    )
    assert response.status_code == 403


def test_a_quota_the_file_would_exceed_is_warned_about_in_the_preview(client_for, users, draft):
    """15 % of Lao động tiên tiến may aim for Chiến sĩ thi đua cơ sở (NĐ 91/2017): 1 of 2 is a warning, not an
    error; the file is still taken."""
    file = filled(draft, people={"Trần Trung Hào": ("", "Chiến sĩ thi đua cơ sở"),
                                 "Nguyễn Thị Đào": ("", "Lao động tiên tiến")})  # fmt: skip
    file.name = "dang-ky.xlsx"
    response = client_for(users.grassroots_officer).post(reverse("emulation_tools:upload", args=[draft.pk]),
                                                         {"file": file})  # fmt: skip
    assert response.context["result"].ok
    warning = ("1 người đăng ký “Chiến sĩ thi đua cơ sở”, vượt tỷ lệ 15% của 2 người đăng ký “Lao động tiên tiến” "
               "trở lên (tối đa 0)")  # fmt: skip
    assert warning in response.content.decode()
