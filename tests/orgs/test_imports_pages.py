import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from thidua.core.models import Task
from thidua.orgs.models import Person, Unit

from .xlsx_files import PEOPLE_HEADER, TITLE, UNIT_HEADER, read_xlsx, xlsx

pytestmark = pytest.mark.django_db

EXPIRED = "Tệp đã tải lên không còn hoặc đã hết hạn (hoặc đã được nhập): hãy tải tệp lên lại."


@pytest.fixture(autouse=True)
def _upload_dir(settings, tmp_path):
    settings.IMPORT_UPLOAD_DIR = tmp_path / "imports"


def people_file(*rows, name="danh-sach.xlsx"):
    content = xlsx([PEOPLE_HEADER, *rows], title_rows=TITLE).getvalue()
    return SimpleUploadedFile(name, content, content_type="application/vnd.ms-excel")


def row(name, unit="MAY", card=""):
    return [None, name, "Nam", "01/02/1990", "", "", unit, card, "", "", "", "", "x"]


def test_upload_preview_confirm_and_the_task_finishes(client_for, users, tree, settings):
    client = client_for(users.grassroots_officer)
    page = client.get(reverse("orgs:import-start"))
    assert page.status_code == 200
    assert "Nhập danh sách từ Excel" in page.content.decode()

    preview = client.post(reverse("orgs:import-start"),
                          {"kind": "people", "file": people_file(row("Lý Văn Tâm", card="T1"), row("Đinh Văn Hải"))})  # fmt: skip
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Xác nhận nhập" in html and "Lý Văn Tâm" in html and "Đinh Văn Hải" in html
    assert preview.context["result"].created == 2
    assert not Person.objects.filter(full_name="Lý Văn Tâm").exists()  # the preview writes nothing

    confirm = client.post(
        reverse("orgs:import-confirm"), {"token": preview.context["token"], "kind": "people"}
    )
    task = Task.objects.get(created_by=users.grassroots_officer)
    assert confirm.status_code == 302
    assert confirm.url == reverse("orgs:import-status", args=[task.pk])
    assert (task.kind, task.status, task.title) == ("orgs.import_people", "done",
                                                    "Nhập người lao động từ “danh-sach.xlsx”")  # fmt: skip
    assert task.result["summary"] == ["Đã nhập 2 dòng: 2 người mới, 0 người được cập nhật, 0 không đổi."]
    assert Person.objects.filter(full_name="Lý Văn Tâm", unit=tree.MAY).exists()
    assert list(settings.IMPORT_UPLOAD_DIR.iterdir()) == []  # the uploaded file is gone

    status = client.get(confirm.url)
    assert "Đã nhập 2 dòng: 2 người mới" in status.content.decode()
    progress = client.get(reverse("core:task-detail", args=[task.pk]), HTTP_HX_REQUEST="true")
    assert "100%" in progress.content.decode()


def test_a_token_can_be_confirmed_only_once(client_for, users, tree):
    client = client_for(users.grassroots_officer)
    preview = client.post(
        reverse("orgs:import-start"), {"kind": "people", "file": people_file(row("Lý Văn Tâm"))}
    )
    token = preview.context["token"]
    first = client.post(reverse("orgs:import-confirm"), {"token": token, "kind": "people"})
    assert first.url.startswith("/") and "nhap-excel/xac-nhan" not in first.url
    again = client.post(reverse("orgs:import-confirm"), {"token": token, "kind": "people"}, follow=True)
    assert again.redirect_chain == [(reverse("orgs:import-start") + "?kind=people", 302)]
    assert EXPIRED in again.content.decode()
    assert Person.objects.filter(full_name="Lý Văn Tâm").count() == 1


def test_a_token_of_one_import_is_refused_by_the_other(client_for, users, tree):
    client = client_for(users.province_officer)
    preview = client.post(
        reverse("orgs:import-start"), {"kind": "people", "file": people_file(row("Lý Văn Tâm"))}
    )
    token = preview.context["token"]
    response = client.post(reverse("orgs:import-confirm"), {"token": token, "kind": "units"}, follow=True)
    assert EXPIRED in response.content.decode()
    assert not Person.objects.filter(full_name="Lý Văn Tâm").exists()


def test_another_users_token_is_not_found(client_for, users, tree, client):
    officer = client_for(users.grassroots_officer)
    preview = officer.post(
        reverse("orgs:import-start"), {"kind": "people", "file": people_file(row("Lý Văn Tâm"))}
    )
    client.force_login(users.province_officer)
    response = client.post(
        reverse("orgs:import-confirm"), {"token": preview.context["token"], "kind": "people"}
    )
    assert response.status_code == 302
    assert not Person.objects.filter(full_name="Lý Văn Tâm").exists()


def test_errors_are_listed_by_row_and_column_and_nothing_can_be_confirmed(client_for, users, tree, settings):
    client = client_for(users.grassroots_officer)
    response = client.post(reverse("orgs:import-start"),
                           {"kind": "people", "file": people_file(row("Lý Văn Tâm"), row("Ngô Văn Lực", unit="DUA"))})  # fmt: skip
    html = response.content.decode()
    assert "Tệp có 1 lỗi: chưa nhập gì." in html
    assert "Không tìm thấy công đoàn cơ sở có mã “DUA” trong phạm vi bạn quản lý." in html
    assert "Xác nhận nhập" not in html
    assert response.context["errors"] == [
        {"row": 6, "column": "Mã CĐCS", "message": "Không tìm thấy công đoàn cơ sở có mã “DUA” trong phạm vi bạn quản lý."}
    ]  # fmt: skip
    assert list(settings.IMPORT_UPLOAD_DIR.iterdir()) == []


def test_a_people_file_uploaded_as_units_gets_a_hint(client_for, users, tree):
    client = client_for(users.grassroots_officer)
    response = client.post(
        reverse("orgs:import-start"), {"kind": "units", "file": people_file(row("Lý Văn Tâm"))}
    )
    assert response.context["hint"] == (
        "Tệp này có vẻ là danh sách người lao động: hãy chọn “Người lao động, đoàn viên” rồi tải lên lại."
    )


def test_a_file_that_is_not_a_spreadsheet_is_refused_by_the_form(client_for, users, tree):
    client = client_for(users.grassroots_officer)
    bad = SimpleUploadedFile("ghi-chu.txt", b"hello", content_type="text/plain")
    response = client.post(reverse("orgs:import-start"), {"kind": "people", "file": bad})
    assert response.context["form"].errors == {"file": ["Chỉ nhận tệp Excel (.xlsx, .xls) hoặc .ods."]}


def test_a_file_past_the_upload_cap_is_dropped_while_it_streams_in(
    client_for, users, tree, settings, monkeypatch
):
    from django.core.files.uploadhandler import TemporaryFileUploadHandler

    settings.UPLOAD_MAX_BYTES = 4096
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = (
        0  # everything through the temporary-file handler, to watch what it gets
    )
    received = []
    original = TemporaryFileUploadHandler.receive_data_chunk

    def spy(self, raw_data, start):
        received.append(len(raw_data))
        return original(self, raw_data, start)

    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", spy)
    big = SimpleUploadedFile("lon.xlsx", b"PK" + b"x" * 200_000, content_type="application/vnd.ms-excel")
    response = client_for(users.grassroots_officer).post(
        reverse("orgs:import-start"), {"kind": "people", "file": big}
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "file": ["Tệp lớn hơn 4,0\xa0KB; hãy chia thành nhiều tệp nhỏ hơn."]
    }
    assert sum(received) <= 4096  # the rest of the file was never handed on
    assert not settings.IMPORT_UPLOAD_DIR.exists() or list(settings.IMPORT_UPLOAD_DIR.iterdir()) == []


def test_units_import_from_the_page(client_for, users, tree):
    client = client_for(users.district_leader)
    content = xlsx([UNIT_HEADER, [1, "CS-N", "Công đoàn cơ sở Công ty N", "", "CĐCS", "CT", "DN FDI", "", "", "",
                                  100, "01/01/2020"]]).getvalue()  # fmt: skip
    preview = client.post(reverse("orgs:import-start"),
                          {"kind": "units", "file": SimpleUploadedFile("don-vi.xlsx", content)})  # fmt: skip
    client.post(reverse("orgs:import-confirm"), {"token": preview.context["token"], "kind": "units"})
    assert Unit.objects.get(code="CS-N").workforce_size == 100


def test_viewers_who_may_not_import_anything_get_404(client_for, users):
    assert client_for(users.council_member).get(reverse("orgs:import-start")).status_code == 404


def test_grassroots_officers_may_import_people_and_units_below_their_union(client_for, users):
    response = client_for(users.grassroots_officer).get(reverse("orgs:import-start"))
    assert response.context["kinds"] == ["people", "units"]


def test_the_menu_shows_the_import_item_only_to_those_who_may_import(client_for, users):
    assert "Nhập Excel" in client_for(users.province_officer).get(reverse("orgs:unit-tree")).content.decode()
    assert (
        "Nhập Excel" not in client_for(users.council_member).get(reverse("orgs:unit-tree")).content.decode()
    )


def test_a_task_of_someone_else_is_not_found(client_for, users, tree):
    task = Task.objects.create(kind="orgs.import_people", title="x", created_by=users.province_officer)
    assert client_for(users.outsider).get(reverse("orgs:import-status", args=[task.pk])).status_code == 404


@pytest.mark.parametrize(("kind", "first_headers"), [("people", ["STT", "Họ và tên", "Giới tính"]),
                                                     ("units", ["STT", "Mã đơn vị", "Tên đơn vị"])])  # fmt: skip
def test_templates_have_a_header_an_example_and_a_guide(client_for, users, kind, first_headers):
    response = client_for(users.grassroots_officer).get(reverse("orgs:import-template", args=[kind]))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    workbook = read_xlsx(response.content)
    sheet, guide, lists = workbook.worksheets
    assert [c.value for c in sheet[1]][:3] == first_headers
    assert (lists.title, lists.sheet_state) == ("Danh mục", "hidden")
    assert sheet[1][1].font.b is True and sheet.freeze_panes == "A2"
    assert sheet.max_row == 2
    assert guide.title == "Hướng dẫn"
    assert guide["A1"].value.startswith("Hướng dẫn điền tệp nhập")
    assert [c.value for c in guide[5]] == ["Cột", "Bắt buộc", "Cách ghi", "Giá trị được chấp nhận"]


def test_coded_columns_of_the_templates_offer_drop_down_lists(client_for, users):
    response = client_for(users.grassroots_officer).get(reverse("orgs:import-template", args=["people"]))
    workbook = read_xlsx(response.content)
    sheet, lists = workbook.worksheets[0], workbook["Danh mục"]
    headers = [c.value for c in sheet[1]]
    offered = {}
    for validation in sheet.data_validations.dataValidation:
        (target,) = validation.sqref.ranges
        source = validation.formula1.split("!")[1].replace("$", "")
        offered[headers[target.min_col - 1]] = [c.value for row in lists[source] for c in row]
        assert (validation.type, validation.allow_blank, str(target).endswith("5001")) == ("list", True, True)
    assert offered == {
        "Giới tính": ["Nam", "Nữ"],
        "Chức vụ công đoàn": ["Chủ tịch công đoàn", "Phó Chủ tịch công đoàn", "Ủy viên Ban Chấp hành",
                              "Tổ trưởng công đoàn", "Đoàn viên", "Không giữ chức vụ công đoàn"],
        "Đối tượng": ["Công nhân", "Công chức", "Viên chức", "Người lao động", "Cán bộ quản lý"],
        "CN trực tiếp sản xuất": ["x", "không"],
        "Đoàn viên": ["x", "không"],
    }  # fmt: skip
    units = read_xlsx(
        client_for(users.province_officer).get(reverse("orgs:import-template", args=["units"])).content
    )
    (level, sector) = units.worksheets[0].data_validations.dataValidation
    assert (str(level.sqref), str(sector.sqref)) == ("E2:E5001", "G2:G5001")


def test_every_value_a_drop_down_list_offers_is_accepted_by_the_import(users, tree):
    from thidua.orgs.imports import import_people
    from thidua.orgs.imports.people import COLUMNS

    coded = {c.header: c.choices for c in COLUMNS if c.choices}
    header = list(coded)
    width = max(len(v) for v in coded.values())
    rows = [[values[i % len(values)] for values in coded.values()] for i in range(width)]
    file = xlsx(
        [["Họ và tên", "Mã CĐCS", *header], *[[f"Người thứ {i}", "MAY", *row] for i, row in enumerate(rows)]]
    )
    result = import_people(file, by=users.admin, dry_run=True)
    assert (result.errors, result.created) == ([], width)


def test_the_template_imports_cleanly_once_its_example_points_at_a_real_union(users, tree):
    from thidua.orgs.imports import import_people
    from thidua.orgs.imports.templates import template_workbook

    result = import_people(io.BytesIO(template_workbook("people")), by=users.admin, dry_run=True)
    assert (result.errors, result.created, result.updated) == (
        [],
        0,
        1,
    )  # the example is Trần Trung Hào of MAY


def test_unknown_template_kind_is_404(client_for, users):
    assert client_for(users.admin).get(reverse("orgs:import-template", args=["money"])).status_code == 404


# --- commands ----------------------------------------------------------------------------------------------------


def write(tmp_path, rows, name="people.xlsx"):
    path = tmp_path / name
    path.write_bytes(xlsx(rows).getvalue())
    return str(path)


def test_import_people_command_prints_the_summary(tmp_path, tree):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_people", write(tmp_path, [PEOPLE_HEADER, row("Lý Văn Tâm")]), stdout=out, stderr=err)
    assert out.getvalue() == "Đã nhập 1 dòng: 1 người mới, 0 người được cập nhật, 0 không đổi.\n"
    assert Person.objects.filter(full_name="Lý Văn Tâm").exists()


def test_import_people_command_lists_errors_and_exits_non_zero_writing_nothing(tmp_path, tree):
    from django.core.management import ManagementUtility

    path = write(tmp_path, [PEOPLE_HEADER, row("Lý Văn Tâm"), row("Ngô Văn Lực", unit="KHONGCO")])
    err = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_people", path, stdout=io.StringIO(), stderr=err)
    assert str(raised.value) == "Không nhập được người lao động: tệp có 1 lỗi, không có gì được ghi."
    assert (
        "Dòng 3, cột “Mã CĐCS”: Không tìm thấy công đoàn cơ sở có mã “KHONGCO” trong phạm vi bạn quản lý.\n"
        in (err.getvalue())
    )
    assert not Person.objects.filter(full_name="Lý Văn Tâm").exists()
    with pytest.raises(SystemExit) as exited:
        ManagementUtility(["manage.py", "import_people", path]).execute()
    assert exited.value.code == 1


def test_import_units_command_dry_run_writes_nothing(tmp_path, tree):
    path = write(tmp_path, [UNIT_HEADER, [1, "CS-N", "Công đoàn cơ sở N", "", "CĐCS", "CT", "", "", "", "", "", ""]],
                 name="units.xlsx")  # fmt: skip
    out = io.StringIO()
    call_command("import_units", path, "--dry-run", stdout=out, stderr=io.StringIO())
    assert out.getvalue().splitlines() == [
        "Tệp hợp lệ, 1 dòng: sẽ tạo 1 đơn vị mới, cập nhật 0, 0 không đổi.",
        "Chạy thử (--dry-run): không có gì được ghi.",
    ]
    assert not Unit.objects.filter(code="CS-N").exists()


def test_import_command_acts_within_the_named_users_scope(tmp_path, tree, users):
    path = write(tmp_path, [PEOPLE_HEADER, row("Lý Văn Tâm", unit="GIAY")])
    with pytest.raises(CommandError):
        call_command(
            "import_people", path, "--user", "province_officer", stdout=io.StringIO(), stderr=io.StringIO()
        )
    call_command("import_people", path, "--user", "outsider", stdout=io.StringIO(), stderr=io.StringIO())
    assert Person.objects.get(full_name="Lý Văn Tâm").unit == tree.GIAY


def test_import_command_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        call_command("import_units", str(tmp_path / "khong-co.xlsx"))
