"""The Content-Security-Policy holds in a real Chromium: the main pages load, their scripts run (htmx, Bootstrap,
the chart, the swagger UI) and the browser reports no violation — no inline script, no handler attribute, no
<style> element left anywhere."""

import importlib
import re

import pytest
from django.apps import apps as django_apps
from playwright.sync_api import expect

from tests.plans.builders import issued_plan
from thidua.orgs.models import Person, Unit


@pytest.fixture(autouse=True)
def commemoration_catalog(transactional_db):
    catalog = importlib.import_module("thidua.plans.migrations.0002_commemoration_catalog")
    catalog.load(django_apps, None)


@pytest.fixture
def violations(page):
    """Every CSP violation the browser reports on the console, and every script error."""
    found = []
    # Every violation also as a console message, whether or not the blocked code would have thrown.
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', function (e) {"
        " console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI + ' '"
        " + e.sourceFile + ':' + e.lineNumber); });"
    )
    page.on(
        "console",
        lambda m: found.append(f"{page.url}: {m.text}") if "Content Security Policy" in m.text else None,
    )
    page.on("pageerror", lambda error: found.append(f"{page.url}: script error: {error}"))
    return found


def visit(page, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")


def test_main_pages_meet_the_content_security_policy(page, login, violations):
    from django.contrib.auth import get_user_model

    plan = issued_plan(
        Unit.objects.get(code="BT"), by=get_user_model().objects.get(username="province_leader")
    )
    person = Person.objects.get(full_name="Trần Trung Hào")
    login(page, "province_officer")
    response = page.goto("/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    expect(page.locator("canvas").first).to_be_visible()  # the chart drew: Chart.js ran

    visit(page, "/don-vi/")
    page.locator("details summary").first.click()  # htmx loads the children
    page.wait_for_load_state("networkidle")
    visit(page, f"/don-vi/{Unit.objects.get(code='CT').pk}/")
    visit(page, "/don-vi/nguoi-lao-dong/")
    page.locator("#id_q").fill("tran trung")
    expect(page.locator("#people-results")).not_to_contain_text("Võ Thị Hồng")  # the live search (htmx) ran
    expect(page).to_have_url(re.compile(r"\?q=tran(\+|%20)trung$"))  # empty filters left out of the address
    visit(page, f"/don-vi/nguoi-lao-dong/{person.pk}/")
    visit(page, f"/don-vi/nguoi-lao-dong/{person.pk}/sua/")
    visit(page, "/ke-hoach/")
    visit(page, f"/ke-hoach/{plan.pk}/")
    visit(page, "/ke-hoach/lich/")
    visit(page, "/ke-hoach/soan-moi/")
    visit(page, "/thong-bao/")
    visit(page, "/don-vi/nhap-excel/")
    visit(page, "/khoa-api/")
    visit(page, "/doi-mat-khau/")
    visit(page, "/api/v1/docs")
    expect(page.get_by_text("Danh sách đơn vị").first).to_be_visible()  # the swagger UI ran
    page.get_by_role("button", name=re.compile("province_officer")).count()
    assert violations == []


def test_language_menu_and_confirmations_work_without_inline_handlers(page, login, violations):
    from django.contrib.auth import get_user_model

    plan = issued_plan(
        Unit.objects.get(code="BT"), by=get_user_model().objects.get(username="province_leader")
    )
    login(page, "province_officer")
    visit(page, f"/ke-hoach/{plan.pk}/")
    page.get_by_role("button", name=re.compile("province_officer")).click()
    page.get_by_label("Ngôn ngữ").select_option("en")
    page.wait_for_load_state("networkidle")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert violations == []


def test_login_page_and_django_admin_meet_the_content_security_policy(page, login, violations):
    visit(page, "/dang-nhap/")
    login(page, "admin")
    visit(page, "/quan-tri/")
    visit(page, "/quan-tri/plans/commemoration/add/")
    visit(page, "/quan-tri/orgs/unit/")
    visit(page, "/quan-tri/auth/user/")
    assert violations == []
