"""The import preview corrected in the browser: the reference plan uploaded, its title and a phase's end corrected
next to the text, the draft created with them; and the notices on the dashboard, marked read from there. Desktop and
a 390 px phone."""

import datetime
import importlib
import re
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from playwright.sync_api import expect

from thidua.notices.models import Notice
from thidua.orgs.models import Unit
from thidua.plans.models import Plan

REFERENCE = Path(__file__).resolve().parents[1] / "documents" / "files" / "ke-hoach-13-KH-LDLD-2017.md"
D = datetime.date
TITLE = "Phát động phong trào thi đua yêu nước trong CNVCLĐ năm 2017 (bản đã sửa)"


@pytest.fixture(autouse=True)
def commemoration_catalog(transactional_db):
    catalog = importlib.import_module("thidua.plans.migrations.0002_commemoration_catalog")
    catalog.load(django_apps, None)


def upload_reference(page):
    page.goto("/ke-hoach/nhap-van-ban/")
    # The issuer picker starts on the officer's own unit (Bến Tre).
    expect(page.locator("#picker-issuer .picker-chosen")).to_contain_text("Liên đoàn Lao động tỉnh Bến Tre")
    page.get_by_label("Tệp văn bản").set_input_files(str(REFERENCE))
    page.get_by_role("button", name="Đọc và xem trước").click()


def test_officer_corrects_the_title_and_a_phase_end_before_creating_the_plan(page, login, screenshot):
    login(page, "province_officer")
    upload_reference(page)

    structure, original = page.get_by_test_id("import-structure"), page.get_by_test_id("import-text")
    expect(original).to_contain_text("Căn cứ vào Kế hoạch số 02/KH-TLĐ")
    expect(structure.locator("#part-measures").get_by_test_id("measure-group")).to_have_count(4)
    first = structure.get_by_test_id("import-phase").nth(0)
    expect(first).to_contain_text("Đọc được: Từ đầu năm – 31/08/2017")
    expect(first.get_by_test_id("import-commemoration")).to_have_count(6)
    expect(structure.get_by_test_id("import-recipient")).to_have_count(6)
    expect(page.get_by_label("Mục đích gửi “CĐ các cấp trực thuộc”")).to_have_value("thuc_hien")
    box, text_box = structure.bounding_box(), original.bounding_box()
    assert text_box["x"] >= box["x"] + box["width"] - 1 and abs(text_box["y"] - box["y"]) < 2
    screenshot(page, "plan-import-preview-corrections")

    # An end date before the start is named, and nothing is created.
    page.get_by_label("Đợt 1: đến ngày").fill("31/12/2016")
    page.get_by_role("button", name="Tạo dự thảo từ văn bản này").click()
    expect(page.get_by_test_id("import-errors")).to_contain_text(
        "Đợt 1: đến ngày: Đợt 1: ngày kết thúc 31/12/2016 trước ngày bắt đầu 01/01/2017."
    )
    assert Plan.objects.count() == 0
    expect(page.get_by_label("Đợt 1: đến ngày")).to_have_value("31/12/2016")

    page.get_by_label("Trích yếu").fill(TITLE)
    page.get_by_label("Đợt 1: đến ngày").fill("15/09/2017")
    page.get_by_label("Đợt 2: từ ngày").fill("16/09/2017")
    page.get_by_role("button", name="Tạo dự thảo từ văn bản này").click()
    expect(page.locator(".alert-success")).to_contain_text("Đã tạo dự thảo 13/KH-LĐLĐ từ văn bản")

    plan = Plan.objects.get(issuer__code="BT", number=13, year=2017)
    page.goto(f"/ke-hoach/{plan.pk}/")
    expect(page.locator("#official-text")).to_contain_text(TITLE)
    phases = page.get_by_test_id("phase-row")
    expect(phases.nth(0)).to_contain_text("Từ đầu năm – 15/09/2017")
    expect(phases.nth(1)).to_contain_text("16/09/2017 – 31/12/2017")
    assert [p.end for p in plan.phases.order_by("order")] == [D(2017, 9, 15), D(2017, 12, 31)]


def test_preview_on_a_phone(phone_page, login, screenshot):
    page = phone_page
    login(page, "province_officer")
    upload_reference(page)
    expect(page.get_by_label("Đợt 2: đến ngày")).to_have_value("31/12/2017")
    page.wait_for_load_state("networkidle")
    screenshot(page, "plan-import-preview-phone")
    # On a phone the text comes after the structure, and nothing is wider than the screen.
    structure_bottom, text_top, width = page.evaluate("""() => {
        const s = document.querySelector('[data-testid=import-structure]').getBoundingClientRect();
        const t = document.querySelector('[data-testid=import-text]').getBoundingClientRect();
        return [s.bottom, t.top, document.documentElement.scrollWidth];
    }""")
    assert text_top >= structure_bottom
    assert width <= 390, f"the preview is {width}px wide on a 390px phone"


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_officer_sees_notices_on_the_dashboard_and_marks_one_read(request, login, screenshot, viewport):
    page = request.getfixturevalue("page" if viewport == "desktop" else "phone_page")
    unit = Unit.objects.get(code="BT")
    Notice.objects.create(
        unit=unit,
        kind="plan_received",
        url="/ke-hoach/",
        title="Nhận Kế hoạch số 02/KH-TLĐ của Tổng Liên đoàn Lao động Việt Nam",
        body="“Phát động phong trào thi đua năm 2017”. Đề nghị đơn vị xây dựng kế hoạch triển khai.",
    )
    Notice.objects.create(unit=unit, kind="phase_opens", title="Bắt đầu Đợt 2 – Kế hoạch số 13/KH-LĐLĐ")
    login(page, "province_officer")
    bell = page.get_by_test_id("notice-bell").locator("visible=true")
    expect(bell.get_by_test_id("notice-count")).to_have_text("2")
    block = page.get_by_test_id("dashboard-notices")
    expect(block.get_by_test_id("notice")).to_have_count(2)
    screenshot(page, f"dashboard-notices-{viewport}")

    block.get_by_role("button", name=re.compile("Đánh dấu đã đọc: Bắt đầu Đợt 2")).click()
    expect(block.get_by_test_id("notice")).to_have_count(1)
    expect(
        page.get_by_test_id("notice-bell").locator("visible=true").get_by_test_id("notice-count")
    ).to_have_text("1")
    page.get_by_test_id("notice-bell").locator("visible=true").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thông báo")
    expect(page.get_by_test_id("notice")).to_have_count(2)
    screenshot(page, f"notice-list-{viewport}")
