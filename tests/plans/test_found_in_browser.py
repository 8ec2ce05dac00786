"""What the browser tests (tests/browser/test_plans.py) found, pinned down without a browser: the preview of a text
whose number is not filled in yet, the build dialog's unit, the calendar's phase bars, the reminder shown in the
deployment table."""

import io
import re

import pytest
from django.urls import reverse

from thidua.plans.demo import REFERENCE_PLAN
from thidua.plans.models import Plan

from .builders import draft_plan, issued_plan

pytestmark = pytest.mark.django_db


def preview(client, unit, text: str) -> str:
    upload = io.BytesIO(text.encode())
    upload.name = "ke-hoach.md"
    return client.post(reverse("plans:plan-import"), {"issuer": unit.pk, "file": upload}).content.decode()


def field_value(page: str, name: str) -> str | None:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', page)
    assert match, name
    value = re.search(r'value="([^"]*)"', match.group(0))
    return value.group(1) if value else None


def unnumbered_reference() -> str:
    return REFERENCE_PLAN.read_text(encoding="utf-8").replace("Số: 13 /KH-LĐLĐ", "Số:      /KH-LĐLĐ")


def test_preview_of_an_unnumbered_text_proposes_the_usual_symbol_and_the_next_free_number(
    tree, users, client_for
):
    draft_plan(tree.BT, number=13)
    page = preview(client_for(users.province_officer), tree.BT, unnumbered_reference())
    assert "Văn bản chưa có số hoặc số không đọc được" in page
    assert (field_value(page, "number"), field_value(page, "symbol"), field_value(page, "year")) == (
        "14",
        "KH-LĐLĐ",
        "2017",
    )
    assert "Để trống để lấy số tiếp theo còn trống." in page


def test_preview_keeps_the_number_and_symbol_the_text_gives(tree, users, client_for):
    draft_plan(tree.BT, number=13, year=2016)
    page = preview(client_for(users.province_officer), tree.BT, REFERENCE_PLAN.read_text(encoding="utf-8"))
    assert (field_value(page, "number"), field_value(page, "symbol")) == ("13", "KH-LĐLĐ")
    assert Plan.objects.count() == 1


def test_build_dialog_preselects_the_only_unit_the_user_can_build_for(tree, users, client_for):
    plan = issued_plan(tree.BT, by=users.province_leader)
    page = (
        client_for(users.district_leader).get(reverse("plans:plan-detail", args=[plan.pk])).content.decode()
    )
    assert f'<option value="{tree.CT.pk}" selected>Liên đoàn Lao động huyện Châu Thành</option>' in page


def test_calendar_bars_span_each_phase_from_its_start_to_its_end(tree, users, client_for):
    issued_plan(tree.BT, by=users.province_leader)
    page = (
        client_for(users.province_officer)
        .get(reverse("plans:plan-calendar"), {"year": 2017})
        .content.decode()
    )
    bars = re.findall(r'class="progress-bar bg-primary" style="([^"]+)"', page)
    assert bars == ["margin-left: 0%; width: calc(67% - 0%)", "margin-left: 67%; width: calc(100% - 67%)"]


def test_deployment_table_shows_when_a_unit_was_last_reminded(tree, users, client_for):
    from thidua.plans import actions

    plan = issued_plan(tree.BT, by=users.province_leader)
    client = client_for(users.province_officer)
    assert (
        'data-testid="reminded-at"'
        not in client.get(reverse("plans:plan-detail", args=[plan.pk])).content.decode()
    )
    actions.send_reminders(plan, [tree.TPBT], by=users.province_officer)
    page = client.get(reverse("plans:plan-detail", args=[plan.pk])).content.decode()
    rows = re.findall(r'<tr data-testid="deployment-row".*?</tr>', page, re.S)
    assert ["reminded-at" in row for row in rows] == [False, True]
    assert "Liên đoàn Lao động thành phố Bến Tre" in rows[1]
