"""A unit's emulation registration from Excel in a real browser: the template downloaded from the page, filled in,
uploaded, checked, confirmed; a file with errors lists them by row and column. And the roll-up the level above reads."""

import io

from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.registrations.builders import ensure_catalog
from tests.registrations.emulation_data import registration, season
from thidua.registrations.models import IndividualEntry, Registration, RegistrationStatus


def _fill(content: bytes, people: dict[str, str], targets: list[str]) -> bytes:
    book = load_workbook(io.BytesIO(content))
    sheet = book["Đăng ký thi đua"]
    rows = list(sheet.iter_rows())
    collective = next(i for i, r in enumerate(rows) if r[1].value == "Danh hiệu, hình thức tập thể đăng ký")
    for offset, title in enumerate(targets, start=2):
        sheet.cell(collective + offset, 2, title)
    for index in range(collective, len(rows)):
        name = sheet.cell(index + 1, 2).value
        if name in people:
            sheet.cell(index + 1, 5, people[name])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_registration_from_the_downloaded_template(page, login, tmp_path, screenshot, tree):
    ensure_catalog()
    draft = registration(tree.MAY, RegistrationStatus.DRAFT)
    login(page, "grassroots_officer")
    page.goto(f"/dang-ky-thi-dua/{draft.pk}/")
    page.get_by_test_id("upload-excel").click()
    expect(page.get_by_role("heading", name="Nhập đăng ký thi đua từ Excel")).to_be_visible()
    with page.expect_download() as caught:
        page.get_by_test_id("upload-template").click()
    template = caught.value.path().read_bytes()
    path = tmp_path / "dang-ky-thi-dua.xlsx"
    path.write_bytes(_fill(template, {"Trần Trung Hào": "Lao động tiên tiến", "Nguyễn Thị Đào": "LĐTT"},
                           ["Công đoàn cơ sở vững mạnh"]))  # fmt: skip
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    expect(page.get_by_test_id("upload-ok")).to_contain_text("1 danh hiệu tập thể, 2 dòng đăng ký cá nhân")
    expect(page.get_by_test_id("preview-people")).to_contain_text("Trần Trung Hào")
    screenshot(page, "emulation-upload-preview")
    assert IndividualEntry.objects.count() == 0
    page.get_by_test_id("upload-confirm").click()
    expect(page.get_by_text("Đã nhập đăng ký từ tệp")).to_be_visible()
    screenshot(page, "emulation-upload-done")
    draft = Registration.objects.get(pk=draft.pk)
    assert sorted(e.person.full_name for e in draft.people.all()) == ["Nguyễn Thị Đào", "Trần Trung Hào"]
    assert [t.award.code for t in draft.targets.all()] == ["cdcs-vung-manh"]


def test_a_file_with_errors_lists_them_and_writes_nothing(page, login, tmp_path, screenshot, tree):
    ensure_catalog()
    draft = registration(tree.MAY, RegistrationStatus.DRAFT)
    login(page, "grassroots_officer")
    page.goto(f"/dang-ky-thi-dua/{draft.pk}/nhap-excel/")
    with page.expect_download() as caught:
        page.get_by_test_id("upload-template").click()
    path = tmp_path / "sai.xlsx"
    path.write_bytes(_fill(caught.value.path().read_bytes(), {"Trần Trung Hào": "Công đoàn cơ sở vững mạnh"},
                           ["Lao động tiên tiến"]))  # fmt: skip
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    errors = page.get_by_test_id("upload-errors")
    expect(errors).to_contain_text("là danh hiệu, hình thức cho cá nhân, không đăng ký cho tập thể")
    expect(errors).to_contain_text("là danh hiệu của tập thể, không đăng ký cho cá nhân")
    expect(page.get_by_test_id("upload-errors-summary")).to_contain_text("Tệp có 2 lỗi: chưa nhập gì.")
    screenshot(page, "emulation-upload-errors")
    assert IndividualEntry.objects.filter(registration=draft).count() == 0


def test_random_bytes_named_xlsx_are_refused(page, login, tmp_path, tree):
    ensure_catalog()
    draft = registration(tree.MAY, RegistrationStatus.DRAFT)
    path = tmp_path / "rac.xlsx"
    path.write_bytes(bytes(range(256)) * 16)
    login(page, "grassroots_officer")
    page.goto(f"/dang-ky-thi-dua/{draft.pk}/nhap-excel/")
    page.locator("input[type=file]").set_input_files(str(path))
    page.get_by_role("button", name="Tải lên và kiểm tra").click()
    expect(page.get_by_test_id("upload-errors")).to_contain_text("không phải tệp Excel (.xlsx) hợp lệ")


def test_rollup_page_and_reminder_button(page, login, screenshot, tree, people):
    ensure_catalog()
    season(tree, people)
    login(page, "province_officer")
    page.goto("/dang-ky-thi-dua/tong-hop/?year=2017")
    expect(page.get_by_test_id("total-registered")).to_contain_text("2")
    expect(page.get_by_test_id("rollup-missing")).to_contain_text(
        "Công đoàn cơ sở Công ty Cổ phần Dừa Bến Tre"
    )
    screenshot(page, "emulation-rollup")
    page.get_by_role("button", name="Nhắc 3 đơn vị chưa đăng ký").click()
    expect(page.get_by_text("Đã nhắc 3 đơn vị chưa đăng ký thi đua năm 2017.")).to_be_visible()
