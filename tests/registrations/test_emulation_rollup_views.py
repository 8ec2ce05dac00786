"""The roll-up page, its .xlsx file and the reminders to the units that have not registered."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from thidua.core.models import AuditEvent
from thidua.notices.models import Notice
from thidua.registrations.actions.emulation_reminders import REMINDER_KIND, remind_unregistered
from thidua.registrations.models import RegistrationDeadline

from .emulation_data import YEAR, season

URL = reverse("emulation_tools:rollup")


@pytest.fixture
def data(tree, people):
    return season(tree, people)


def test_province_officer_sees_the_rollup_of_the_province(client_for, users, tree, data):
    response = client_for(users.province_officer).get(URL, {"year": YEAR})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="total-registered">2' in page
    assert "Liên đoàn Lao động thành phố Bến Tre" in page
    assert [u.code for u in response.context["page"].object_list] == ["CT", "TPBT", "DUA"]
    assert "Phạm Văn Bình" not in page and "Trà Vinh" not in page


def test_year_defaults_to_the_last_year_registered(client_for, users, data):
    assert client_for(users.province_officer).get(URL).context["year"] == YEAR


def test_unit_of_another_branch_is_404(client_for, users, tree, data):
    client = client_for(users.province_officer)
    assert client.get(URL, {"unit": tree.TV.pk, "year": YEAR}).status_code == 404
    assert client.get(reverse("emulation_tools:rollup-export"), {"unit": tree.GIAY.pk}).status_code == 404
    assert (
        client.post(reverse("emulation_tools:rollup-remind"), {"unit": tree.LD.pk, "year": YEAR}).status_code
        == 404
    )
    assert Notice.objects.filter(kind=REMINDER_KIND).count() == 0


def test_district_leader_sees_its_own_subtree_only(client_for, users, tree, data):
    response = client_for(users.district_leader).get(URL, {"year": YEAR})
    assert response.context["unit"] == tree.CT
    assert response.context["rollup"].total.expected == 2
    assert client_for(users.district_leader).get(URL, {"unit": tree.BT.pk}).status_code == 404


def test_rollup_page_costs_the_same_queries_at_few_and_many_units(client_for, users, tree, data,
                                                                  django_assert_num_queries):  # fmt: skip
    from thidua.orgs import actions as org_actions

    client = client_for(users.province_officer)
    client.get(URL, {"year": YEAR})  # session, caches
    with django_assert_num_queries(17):
        client.get(URL, {"year": YEAR})
    for n in range(60):
        org_actions.create_unit(tree.TPBT, by=None, code=f"N{n}", name=f"Công đoàn cơ sở Công ty Số {n}",
                                level="grassroots", sector="private")  # fmt: skip
    with django_assert_num_queries(17):
        response = client.get(URL, {"year": YEAR})
    assert response.context["page"].paginator.count == 63


def test_export_has_the_four_sheets_with_the_figures(client_for, users, data):
    response = client_for(users.province_officer).get(
        reverse("emulation_tools:rollup-export"), {"year": YEAR}
    )
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    assert book.sheetnames == ["Theo danh hiệu", "Theo đơn vị trực thuộc", "Theo khu vực", "Chưa đăng ký"]
    titles = [row for row in book["Theo danh hiệu"].iter_rows(min_row=4, values_only=True)]
    assert ("lao-dong-tien-tien", "Lao động tiên tiến", "Cá nhân", 0, 3) in titles
    children = list(book["Theo đơn vị trực thuộc"].iter_rows(min_row=4, values_only=True))
    assert [row[:9] for row in children] == [
        ("Liên đoàn Lao động huyện Châu Thành", 3, 2, 1, 1, 0, 1, 1, 3),
        ("Liên đoàn Lao động thành phố Bến Tre", 2, 0, 0, 2, 1, 0, 0, 0),
        ("Liên đoàn Lao động tỉnh Bến Tre", 5, 2, 1, 3, 1, 1, 1, 3),
    ]
    missing = [row[:2] for row in book["Chưa đăng ký"].iter_rows(min_row=4, values_only=True)]
    assert [code for code, _name in missing] == ["CT", "TPBT", "DUA"]


# --- reminders ------------------------------------------------------------------------------------------------


def test_remind_tells_each_unregistered_unit_once_a_day(tree, users, data):
    day = datetime.date(2017, 1, 20)
    assert remind_unregistered(tree.BT, YEAR, by=users.province_officer, today=day) == 3
    assert remind_unregistered(tree.BT, YEAR, by=users.province_officer, today=day) == 0
    assert (
        remind_unregistered(tree.CT, YEAR, by=users.district_leader, today=day) == 0
    )  # CT itself: told today
    notices = Notice.objects.filter(kind=REMINDER_KIND)
    assert sorted(n.unit.code for n in notices) == ["CT", "DUA", "TPBT"]
    assert notices.first().title == "Nhắc đăng ký thi đua năm 2017"
    assert (
        remind_unregistered(tree.BT, YEAR, by=users.province_officer, today=day + datetime.timedelta(days=1))
        == 3
    )
    assert AuditEvent.objects.filter(action="remind_registration").count() == 2


def test_remind_only_chosen_units_among_the_unregistered(tree, users, data):
    told = remind_unregistered(tree.BT, YEAR, by=None, units=[tree.DUA, tree.MAY])  # MAY has registered
    assert told == 1
    assert list(Notice.objects.filter(kind=REMINDER_KIND).values_list("unit__code", flat=True)) == ["DUA"]


def test_remind_button_is_for_the_level_above(client_for, users, tree, data):
    client = client_for(users.province_officer)
    assert client.get(URL, {"year": YEAR}).context["can_remind"] is True
    response = client.post(reverse("emulation_tools:rollup-remind"), {"unit": tree.BT.pk, "year": YEAR})
    assert response.status_code == 302
    assert Notice.objects.filter(kind=REMINDER_KIND).count() == 3
    # the council member reads the roll-up but sends nothing
    council = client_for(users.council_member)
    assert council.get(URL, {"year": YEAR}).context["can_remind"] is False
    assert council.post(reverse("emulation_tools:rollup-remind"), {"unit": tree.BT.pk}).status_code == 403


def test_command_reminds_units_near_their_deadline(tree, users, data, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    out = io.StringIO()
    call_command("send_registration_reminders", "--date", "2017-01-20", stdout=out)
    # both federations' deadline is the default 25/01: Bến Tre's three units, nobody in Trà Vinh (GIAY registered,
    # LĐLĐ tỉnh Trà Vinh registers with the confederation, which sends nothing by this command)
    assert sorted(Notice.objects.filter(kind=REMINDER_KIND).values_list("unit__code", flat=True)) == [
        "CT",
        "DUA",
        "LD",
        "TPBT",
    ]
    assert "4" in out.getvalue()
    call_command("send_registration_reminders", "--date", "2017-01-20", stdout=io.StringIO())
    assert Notice.objects.filter(kind=REMINDER_KIND).count() == 4


def test_command_waits_until_the_days_before_the_deadline(tree, data):
    RegistrationDeadline.objects.create(federation=tree.BT, day=20, month=10, by_school_year=False)
    call_command("send_registration_reminders", "--date", "2017-01-20", stdout=io.StringIO())
    assert list(Notice.objects.filter(kind=REMINDER_KIND).values_list("unit__code", flat=True)) == ["LD"]


# --- the API --------------------------------------------------------------------------------------------------

API = "/api/v1/registrations/rollup/"


def test_api_answers_the_rollup_of_a_unit(client_for, users, tree, data):
    body = client_for(users.province_officer).get(API, {"unit": tree.BT.pk, "year": YEAR}).json()
    assert body["unit"]["code"] == "BT"
    total = body["total"]
    assert (total["expected"], total["registered"], total["not_registered"], total["people"]) == (5, 2, 3, 3)
    assert {t["award"]: (t["units"], t["people"]) for t in body["by_title"]} == {
        "cdcs-vung-manh": (1, 0), "lao-dong-tien-tien": (0, 3), "cstd-co-so": (0, 1), "tt-ld-tien-tien": (1, 0),
    }  # fmt: skip
    assert [(r["unit"]["code"], r["registered"]) for r in body["by_child"]] == [("CT", 2), ("TPBT", 0)]
    assert [(m["code"], m["state"]) for m in body["missing"]] == [("CT", "returned"), ("TPBT", "none"),
                                                                  ("DUA", "draft")]  # fmt: skip


def test_api_rollup_outside_the_scope_is_404_and_year_is_bounded(client_for, users, tree, data):
    client = client_for(users.province_officer)
    assert client.get(API, {"unit": tree.TV.pk, "year": YEAR}).status_code == 404
    assert client.get(API, {"unit": tree.BT.pk, "year": 3000}).status_code == 422
    assert client.get(API, {"unit": tree.BT.pk, "year": "x"}).status_code == 422
    assert client.get(API).json()["year"] == YEAR  # the last year registered, of the caller's top unit
