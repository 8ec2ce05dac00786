"""Browser tests: a real Debian Chromium driven by Playwright against the live test server.

Playwright's sync API runs an event loop in this thread, so Django's async-safety check is relaxed for these tests.
Screenshots land in var/screenshots/ (BROWSER_SCREENSHOTS=1) for a person to look at.
"""

import importlib
import os
from pathlib import Path

import pytest

from tests.conftest import PASSWORD

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
# Generous waits: the suite runs beside other heavy processes, and a slow answer is not a failure. Every wait is for
# an element or a state (never a sleep), so a passing step costs no more time.
TIMEOUT_MS = 30_000


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: run scripts/ensure-browser.sh (make test does).")
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, settings):
    settings.DEBUG = False
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": 1366, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        locale="vi-VN",
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def shipped_catalogs(transactional_db):
    """The catalogs migrations ship (the titles and forms, commemorations, report indicators, kinds of reward, eligibility conditions, voting bases): a live-server test runs on a flushed
    database once another live-server test ran before it, so a test that builds on them loads them again (both
    loads are idempotent)."""
    from django.apps import apps as django_apps

    for migration in (
        "thidua.registrations.migrations.0006_count_quota_scopes",
        "thidua.plans.migrations.0002_commemoration_catalog",
        "thidua.reports.migrations.0003_indicator_checks",
        "thidua.proposals.migrations.0002_reward_kinds",
        "thidua.eligibility.migrations.0002_load_conditions",
        "thidua.councils.migrations.0002_voting_bases",
    ):
        importlib.import_module(migration).load(django_apps, None)


@pytest.fixture
def login():
    """``login(page, "province_officer")`` signs in through the real form."""

    def sign_in(page, username: str, password: str = PASSWORD):
        page.goto("/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(password)
        with page.expect_navigation():  # the next step must not cut the sign-in short
            page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_load_state("networkidle")
        return page

    return sign_in


@pytest.fixture
def screenshot():
    def shoot(page, name: str):
        if os.environ.get("BROWSER_SCREENSHOTS"):
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return shoot
