"""Plans in the browser, as a union officer drives them: import the official text of Kế hoạch 13/KH-LĐLĐ, preview
and correct it, create the draft and have the leader issue it; the cascade down to a district federation and the
reminder to the one that has done nothing; the calendar of the year; the official documents; and the 404 for
another branch."""

import datetime
import importlib
import re
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from playwright.sync_api import expect

from tests.plans.builders import issued_plan
from thidua.notices.models import Notice
from thidua.orgs.models import Unit
from thidua.plans.models import Plan, PlanDelivery, PlanEvent, PlanStatus

REFERENCE = Path(__file__).resolve().parents[1] / "documents" / "files" / "ke-hoach-13-KH-LDLD-2017.md"
D = datetime.date


@pytest.fixture(autouse=True)
def commemoration_catalog(transactional_db):
    """The catalog of anniversaries comes with a data migration, which a transactional test's flush empties."""
    catalog = importlib.import_module("thidua.plans.migrations.0002_commemoration_catalog")
    catalog.load(django_apps, None)


@pytest.fixture
def province_plan(users):
    """Kế hoạch 13/KH-LĐLĐ of Bến Tre, issued on 22/02/2017 to every unit below the province."""
    from django.contrib.auth import get_user_model

    leader = get_user_model().objects.get(username="province_leader")
    return issued_plan(Unit.objects.get(code="BT"), by=leader)


def plan_url(plan: Plan) -> str:
    return f"/ke-hoach/{plan.pk}/"


# --- 1. import, preview, create, issue ------------------------------------------------------------------------


def test_officer_imports_the_reference_plan_corrects_its_number_and_the_leader_issues_it(
    page, login, screenshot, tmp_path
):
    # The text as it often arrives: the number was left blank for the clerk to fill in when signing.
    text = REFERENCE.read_text(encoding="utf-8")
    assert "Số: 13 /KH-LĐLĐ" in text
    path = tmp_path / "ke-hoach-chua-vao-so.md"
    path.write_text(text.replace("Số: 13 /KH-LĐLĐ", "Số:      /KH-LĐLĐ"), encoding="utf-8")

    login(page, "province_officer")
    page.get_by_role("link", name="Kế hoạch", exact=True).click()
    page.get_by_role("link", name="Nhập từ văn bản").click()
    # The issuer picker starts on the officer's own unit.
    expect(page.locator("#picker-issuer .picker-chosen input[name=issuer]")).to_be_checked()
    expect(page.locator("#picker-issuer .picker-chosen")).to_contain_text("Liên đoàn Lao động tỉnh Bến Tre")
    page.get_by_label("Tệp văn bản").set_input_files(str(path))
    page.get_by_role("button", name="Đọc và xem trước").click()

    # The structure read, its warnings, and the text side by side.
    structure, original = page.get_by_test_id("import-structure"), page.get_by_test_id("import-text")
    expect(page.get_by_test_id("import-warnings")).to_contain_text(
        "Văn bản chưa có số hoặc số không đọc được"
    )
    expect(structure).to_contain_text("02/KH-TLĐ")
    expect(structure).to_contain_text("01/CT-UBND")
    expect(structure).to_contain_text("Lao động giỏi, Lao động sáng tạo")
    expect(structure).to_contain_text("Đợt 1")
    expect(structure).to_contain_text("31/08/2017")
    expect(structure).to_contain_text("Trần Trung Hào")
    expect(original).to_contain_text("Căn cứ vào Kế hoạch số 02/KH-TLĐ")
    side_by_side = structure.bounding_box(), original.bounding_box()
    assert side_by_side[1]["x"] > side_by_side[0]["x"] + side_by_side[0]["width"] - 1
    assert abs(side_by_side[1]["y"] - side_by_side[0]["y"]) < 2
    screenshot(page, "plan-import-preview")

    # The next free number is proposed with the usual symbol; the officer writes the number the clerk gave.
    expect(page.get_by_label("Số", exact=True)).to_have_value("1")
    expect(page.get_by_label("Ký hiệu")).to_have_value("KH-LĐLĐ")
    expect(page.get_by_label("Năm", exact=True)).to_have_value("2017")
    page.get_by_label("Số", exact=True).fill("13")
    page.get_by_role("button", name="Tạo dự thảo từ văn bản này").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã tạo dự thảo 13/KH-LĐLĐ từ văn bản")
    page.get_by_role("navigation", name="breadcrumb").get_by_role("link", name="13/KH-LĐLĐ").click()

    plan = Plan.objects.get(issuer__code="BT", number=13, year=2017)
    assert (plan.symbol, plan.status, plan.date) == ("KH-LĐLĐ", PlanStatus.DRAFT, D(2017, 2, 22))
    expect(page).to_have_url(re.compile(rf"/ke-hoach/{plan.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kế hoạch số 13/KH-LĐLĐ")
    expect(page.get_by_test_id("place-date")).to_have_text("Bến Tre, ngày 22 tháng 02 năm 2017")
    bases = page.get_by_test_id("legal-bases")
    expect(bases).to_contain_text("Kế hoạch số 02/KH-TLĐ ngày 10/02/2017 của Đoàn Chủ tịch Tổng Liên đoàn")
    expect(bases).to_contain_text("Chỉ thị số 01/CT-UBND ngày 06/01/2017 của UBND tỉnh Bến Tre")
    official = page.locator("#official-text")
    expect(official).to_contain_text("I. MỤC ĐÍCH, YÊU CẦU")
    expect(official).to_contain_text("III. BIỆN PHÁP TỔ CHỨC THỰC HIỆN")
    expect(official).to_contain_text("Công đoàn cấp trên cơ sở")
    movements = page.get_by_test_id("movements").locator("> li")
    expect(movements).to_have_count(4)
    expect(movements.nth(0)).to_contain_text("Lao động giỏi, Lao động sáng tạo")
    expect(movements.nth(3)).to_contain_text(
        "Đông Khởi mới, Đông khởi khởi nghiệp và phát triển doanh nghiệp"
    )
    phases = page.get_by_test_id("phase-row")
    expect(phases).to_have_count(2)
    expect(phases.nth(0)).to_contain_text("Từ đầu năm – 31/08/2017")
    expect(phases.nth(1)).to_contain_text("01/09/2017 – 31/12/2017")
    first = phases.nth(0).get_by_test_id("commemoration")
    for ordinal in ("87 năm", "42 năm", "127 năm", "69 năm", "88 năm"):
        expect(first.filter(has_text=ordinal)).to_have_count(1)
    expect(phases.nth(1).get_by_test_id("commemoration").filter(has_text="72 năm")).to_have_count(1)
    expect(page.get_by_test_id("ordinal-flag")).to_have_count(0)
    recipients = page.get_by_test_id("recipients").locator("div:not(.fw-bold)")
    expect(recipients).to_have_count(6)
    expect(recipients.nth(0)).to_have_text("- Ban CSKT-XH&TKT TLĐ (để báo cáo);")
    expect(recipients.nth(4)).to_contain_text("CĐ các cấp trực thuộc (để thực hiện)")
    expect(recipients.nth(5)).to_have_text("- Lưu: VP, Ban CSPL.")
    signer = page.get_by_test_id("signer")
    expect(signer).to_contain_text("TM. BAN THƯỜNG VỤ")
    expect(signer).to_contain_text("PHÓ CHỦ TỊCH THƯỜNG TRỰC")
    expect(signer).to_contain_text("Trần Trung Hào")
    # An officer prepares; only the leader issues.
    expect(page.get_by_test_id("plan-actions").get_by_role("button", name="Ban hành")).to_have_count(0)
    screenshot(page, "plan-imported-draft")

    page.context.clear_cookies()
    login(page, "province_leader")
    page.goto(plan_url(plan))
    page.get_by_test_id("plan-actions").get_by_role("button", name="Ban hành").click()
    dialog = page.get_by_role("dialog", name="Ban hành kế hoạch")
    expect(dialog.get_by_label("Ngày ban hành")).to_have_value("22/02/2017")
    dialog.get_by_role("button", name="Ban hành").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã ban hành 13/KH-LĐLĐ và gửi đến 2 đơn vị.")
    expect(page.locator(".badge", has_text="Đã ban hành").first).to_be_visible()
    expect(page.locator("#trien-khai").get_by_test_id("deployment-row")).to_have_count(2)
    screenshot(page, "plan-issued")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ISSUED
    assert sorted(PlanDelivery.objects.filter(plan=plan).values_list("unit__code", flat=True)) == [
        "CT",
        "TPBT",
    ]


# --- 2. the cascade -------------------------------------------------------------------------------------------


def dates_in(text: str) -> list[datetime.date]:
    return [D(int(y), int(m), int(d)) for d, m, y in re.findall(r"(\d{2})/(\d{2})/(\d{4})", text)]


def test_district_builds_and_issues_its_plan_and_the_province_reminds_the_city(
    page, login, screenshot, province_plan
):
    login(page, "district_leader")
    page.get_by_role("link", name="Kế hoạch", exact=True).click()
    inbox = page.locator("#inbox").get_by_test_id("inbox-row")
    expect(inbox).to_have_count(1)
    expect(inbox).to_contain_text("Kế hoạch số 13/KH-LĐLĐ")
    expect(inbox).to_contain_text("Chưa triển khai")
    screenshot(page, "plan-inbox")
    inbox.get_by_role("link", name="Kế hoạch số 13/KH-LĐLĐ").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kế hoạch số 13/KH-LĐLĐ")
    # A unit below sees the plan it received, not the province's deployment.
    expect(page.locator("#trien-khai")).to_have_count(0)

    page.get_by_role("button", name="Xây dựng kế hoạch của đơn vị từ kế hoạch này").click()
    dialog = page.get_by_role("dialog", name="Xây dựng kế hoạch của đơn vị")
    expect(dialog.get_by_label("Đơn vị xây dựng kế hoạch").locator("option:checked")).to_have_text(
        "Liên đoàn Lao động huyện Châu Thành"
    )
    dialog.get_by_role("button", name="Tạo dự thảo").click()
    expect(page.locator(".alert-success")).to_contain_text(
        "Đã tạo dự thảo kế hoạch của Liên đoàn Lao động huyện Châu Thành từ kế hoạch 13/KH-LĐLĐ."
    )
    built = Plan.objects.get(issuer__code="CT")
    expect(page).to_have_url(re.compile(rf"/ke-hoach/{built.pk}/sua/$"))
    # The draft is prefilled: it cites the upper plan, and takes its phases.
    bases = page.locator("#part-legal_bases .part-row")
    expect(bases).to_have_count(1)
    expect(bases.get_by_label("Số, ký hiệu")).to_have_value("13/KH-LĐLĐ")
    expect(page.locator("#part-phases .part-row")).to_have_count(2)
    expect(page.locator("#part-movements .part-row")).to_have_count(2)
    expect(page.locator("#id_signer_on_behalf")).not_to_have_value("")
    page.locator("#id_date").fill("01/03/2017")
    page.locator("#id_signer_name").fill("Nguyễn Văn An")
    screenshot(page, "plan-built-draft")
    page.get_by_role("button", name="Lưu dự thảo").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã lưu dự thảo.")

    expect(page.get_by_role("heading", level=1)).to_have_text(f"Kế hoạch số {built.number_display}")
    bases = page.get_by_test_id("legal-bases")
    expect(bases).to_contain_text(
        "Kế hoạch số 13/KH-LĐLĐ ngày 22/02/2017 của Liên đoàn Lao động tỉnh Bến Tre"
    )
    expect(bases.get_by_role("link", name="13/KH-LĐLĐ")).to_have_attribute("href", plan_url(province_plan))
    upper_rows, rows = province_plan.phases.order_by("order"), page.get_by_test_id("phase-row")
    expect(rows).to_have_count(2)
    for upper, row in zip(upper_rows, [rows.nth(0), rows.nth(1)], strict=True):
        cells = row.locator("td")
        expect(cells.nth(1)).to_have_text(upper.period_display)
        (due,) = dates_in(cells.nth(3).inner_text())
        assert due <= upper.report_due, (upper.name, due, upper.report_due)
    page.get_by_test_id("plan-actions").get_by_role("button", name="Ban hành").click()
    dialog = page.get_by_role("dialog", name="Ban hành kế hoạch")
    expect(dialog.get_by_label("Ngày ban hành")).to_have_value("01/03/2017")
    dialog.get_by_role("button", name="Ban hành").click()
    expect(page.locator(".alert-success")).to_contain_text(f"Đã ban hành {built.number_display}")
    built.refresh_from_db()
    assert (built.status, built.date, built.based_on_id) == (
        PlanStatus.ISSUED,
        D(2017, 3, 1),
        province_plan.pk,
    )
    for phase in built.phases.select_related("upper_phase"):
        assert phase.report_due <= phase.upper_phase.report_due

    # The province sees who deployed, and reminds the city federation, which has done nothing.
    page.context.clear_cookies()
    login(page, "province_officer")
    page.goto(plan_url(province_plan))
    deployment = page.locator("#trien-khai")
    ct = deployment.get_by_test_id("deployment-row").filter(has_text="Liên đoàn Lao động huyện Châu Thành")
    tpbt = deployment.get_by_test_id("deployment-row").filter(has_text="Liên đoàn Lao động thành phố Bến Tre")
    expect(ct).to_have_attribute("data-state", "issued")
    expect(ct).to_contain_text("Đã ban hành kế hoạch")
    expect(ct).to_contain_text("01/03/2017")
    expect(ct.get_by_role("link", name=built.number_display)).to_be_visible()
    expect(tpbt).to_have_attribute("data-state", "none")
    expect(tpbt).to_contain_text("Chưa triển khai")
    expect(page.get_by_test_id("deployment-summary")).to_contain_text("Đã ban hành: 1")
    expect(page.get_by_test_id("deployment-summary")).to_contain_text("Chưa triển khai: 1")
    expect(ct.get_by_role("checkbox")).to_have_count(0)  # nothing to remind a unit that has issued
    expect(page.get_by_test_id("plan-node")).to_contain_text(built.number_display)
    tpbt.get_by_role("checkbox", name="Nhắc Liên đoàn Lao động thành phố Bến Tre").check()
    page.get_by_label("Lời nhắc (không bắt buộc)").fill("Đề nghị ban hành kế hoạch trước ngày 15/3.")
    page.get_by_role("button", name="Nhắc các đơn vị đã chọn").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã nhắc 1 đơn vị.")
    expect(page).to_have_url(re.compile(r"#trien-khai$"))
    tpbt = page.locator("#trien-khai").get_by_test_id("deployment-row").filter(has_text="thành phố Bến Tre")
    expect(tpbt.get_by_test_id("reminded-at")).to_contain_text("nhắc lần cuối")
    expect(page.locator("#history")).to_contain_text("Nhắc triển khai")
    expect(page.locator("#history")).to_contain_text("Nhắc 1 đơn vị: LĐLĐ TP Bến Tre")
    screenshot(page, "plan-deployment-reminded")
    delivery = PlanDelivery.objects.get(plan=province_plan, unit__code="TPBT")
    assert delivery.last_reminded_at is not None
    assert PlanDelivery.objects.get(plan=province_plan, unit__code="CT").last_reminded_at is None
    notice = Notice.objects.get(unit__code="TPBT", kind="reminder")
    assert notice.body == "Đề nghị ban hành kế hoạch trước ngày 15/3."
    assert PlanEvent.objects.filter(plan=province_plan, action=PlanEvent.Action.REMIND).count() == 1


# --- 3. the calendar ------------------------------------------------------------------------------------------


def test_calendar_shows_the_year_of_the_unit_and_switches_year(page, login, screenshot, province_plan):
    from django.utils import timezone

    login(page, "district_leader")
    page.get_by_role("link", name="Lịch thi đua").first.click()
    this_year = timezone.localdate().year
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Lịch thi đua năm {this_year}")
    expect(page.get_by_text("Liên đoàn Lao động huyện Châu Thành · Năm có kế hoạch")).to_be_visible()
    page.get_by_role("link", name="2017", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Lịch thi đua năm 2017")
    phases = page.get_by_test_id("cal-phase")
    expect(phases).to_have_count(2)
    expect(phases.nth(0)).to_contain_text("Đợt 1 · 13/KH-LĐLĐ (LĐLĐ Bến Tre)")
    expect(phases.nth(0)).to_contain_text("Từ đầu năm – 31/08/2017 · hạn báo cáo 10/09/2017")
    expect(phases.nth(1)).to_contain_text("01/09/2017 – 31/12/2017 · hạn báo cáo 15/12/2017")
    # The bars follow the phases across the year: Đợt 1 from January to the end of August, Đợt 2 after it.
    bars = [phases.nth(i).locator(".progress-bar").bounding_box() for i in (0, 1)]
    track = phases.nth(0).locator(".progress").bounding_box()
    assert abs(bars[0]["x"] - track["x"]) < 2 and abs(bars[0]["width"] / track["width"] - 0.66) < 0.02
    assert abs((bars[1]["x"] - track["x"]) / track["width"] - 0.66) < 0.02
    assert abs(bars[1]["x"] + bars[1]["width"] - track["x"] - track["width"]) < 2
    deadlines = page.get_by_test_id("cal-deadline")
    expect(deadlines).to_have_count(2)
    expect(deadlines.nth(0)).to_contain_text("10/09/2017 · Đợt 1 · 13/KH-LĐLĐ")
    expect(deadlines.nth(1)).to_contain_text("15/12/2017 · Đợt 2 · 13/KH-LĐLĐ")

    months = page.locator("#cal-months .cal-month")
    entries = page.get_by_test_id("cal-entry")
    february = months.nth(1).get_by_test_id("cal-entry")
    party = february.filter(has_text="87 năm ngày thành lập Đảng Cộng sản Việt Nam")
    expect(party).to_contain_text("03/02")
    expect(party).not_to_have_class(re.compile("cal-round"))
    # Round anniversaries are highlighted: 70 years of the War Invalids and Martyrs' Day, 35 of Teachers' Day.
    martyrs = entries.filter(has_text="70 năm ngày Thương binh")
    expect(martyrs).to_have_class(re.compile(r"\bcal-major\b"))
    expect(martyrs.locator(".badge")).to_have_text("năm chẵn")
    teachers = entries.filter(has_text="35 năm ngày Nhà giáo Việt Nam")
    expect(teachers).to_have_class(re.compile(r"\bcal-round\b"))
    expect(teachers).not_to_have_class(re.compile(r"\bcal-major\b"))
    for ordinal, name in [(42, "Giải phóng hoàn toàn miền Nam"), (127, "sinh Chủ tịch Hồ Chí Minh"),
                          (69, "Truyền thống thi đua yêu nước"), (88, "thành lập Công đoàn Việt Nam"),
                          (72, "Quốc khánh")]:  # fmt: skip
        expect(
            entries.filter(has_text=re.compile(rf"\b{ordinal} năm .*{name}", re.IGNORECASE))
        ).to_have_count(1)
    september = months.nth(8).get_by_test_id("cal-entry")
    expect(september.first).to_contain_text("01/09")
    expect(september.first).to_contain_text("Bắt đầu Đợt 2 (13/KH-LĐLĐ)")
    expect(september.filter(has_text="Hạn báo cáo: Đợt 1 (13/KH-LĐLĐ)")).to_contain_text("10/09")
    screenshot(page, "plan-calendar-2017")

    # Another year: its own ordinals, and no phase where there is no plan.
    page.get_by_label("Năm", exact=True).fill("2020")
    page.get_by_role("button", name="Xem").click()
    expect(page).to_have_url(re.compile(r"year=2020"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Lịch thi đua năm 2020")
    expect(page.get_by_test_id("cal-phase")).to_have_count(0)
    expect(page.locator("#cal-phases")).to_contain_text("Không có kế hoạch nào đã ban hành trong năm")
    party = page.get_by_test_id("cal-entry").filter(has_text="90 năm ngày thành lập Đảng Cộng sản Việt Nam")
    expect(party).to_have_class(re.compile(r"\bcal-major\b"))
    expect(
        page.get_by_test_id("cal-entry").filter(has_text="130 năm ngày sinh Chủ tịch Hồ Chí Minh")
    ).to_have_class(re.compile(r"\bcal-major\b"))


# --- 4. the official documents --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("link", "content_type", "magic"),
    [
        (".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
        (".pdf", "application/pdf", b"%PDF"),
    ],
)
def test_plan_page_downloads_the_official_document(page, login, province_plan, link, content_type, magic):
    login(page, "province_officer")
    page.goto(plan_url(province_plan))
    with (
        page.expect_response(re.compile(r"/van-ban\.")) as response_info,
        page.expect_download() as download_info,
    ):
        page.get_by_test_id("plan-actions").get_by_role("link", name=link, exact=True).click()
    response, download = response_info.value, download_info.value
    assert response.status == 200
    assert response.headers["content-type"] == content_type
    assert download.suggested_filename == f"ke-hoach-13-kh-ldld-2017{link}"
    body = Path(download.path()).read_bytes()
    assert body.startswith(magic) and len(body) > 2_000


# --- 5. denied paths ------------------------------------------------------------------------------------------


def test_another_province_gets_the_404_page_for_the_plan_and_its_documents(
    page, login, screenshot, province_plan
):
    login(page, "outsider")
    for path in (plan_url(province_plan), f"{plan_url(province_plan)}van-ban.pdf",
                 f"{plan_url(province_plan)}trien-khai/", f"{plan_url(province_plan)}sua/"):  # fmt: skip
        response = page.goto(path)
        assert response.status == 404, path
        expect(page.get_by_text("Không tìm thấy trang")).to_be_visible()
        expect(page.locator("body")).not_to_contain_text("Phát động phong trào thi đua")
    page.goto(plan_url(province_plan))
    screenshot(page, "plan-404-outsider")
    page.goto("/ke-hoach/")
    expect(page.get_by_test_id("plan-row")).to_have_count(0)
    expect(page.locator("#inbox")).to_have_count(0)
    assert page.goto(f"/ke-hoach/lich/?unit={province_plan.issuer_id}&year=2017").status == 404
    expect(page.locator("body")).not_to_contain_text("13/KH-LĐLĐ")


# --- on a phone -----------------------------------------------------------------------------------------------


def page_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_plan_page_and_calendar_fit_a_phone(phone_page, login, screenshot, province_plan):
    page = phone_page
    login(page, "province_officer")
    page.goto(plan_url(province_plan))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kế hoạch số 13/KH-LĐLĐ")
    expect(page.get_by_test_id("signer")).to_contain_text("Trần Trung Hào")
    expect(page.locator("#trien-khai").get_by_test_id("deployment-row")).to_have_count(2)
    assert page_width(page) <= 390
    screenshot(page, "plan-detail-phone")
    page.goto("/ke-hoach/lich/?year=2017")
    expect(page.get_by_test_id("cal-phase")).to_have_count(2)
    assert page_width(page) <= 390
    screenshot(page, "plan-calendar-phone")
