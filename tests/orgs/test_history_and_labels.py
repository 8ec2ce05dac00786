"""Words on the pages: each restructuring named by its kind, labels said once, years under "Năm sinh"; a dissolved
unit's page as it stood on its last day; many same-day changes grouped; merged federations as dashboard history."""

import datetime
import re

import pytest
from django.urls import reverse

from thidua.core.audit import history_of
from thidua.orgs import actions
from thidua.orgs.models import Unit, UnitEvent

from .test_unit_views import text

pytestmark = pytest.mark.django_db

D2020 = datetime.date(2020, 1, 1)
D2025 = datetime.date(2025, 7, 1)


def unit_page(client, unit):
    return client.get(reverse("orgs:unit-detail", args=[unit.pk]))


# --- names of restructurings ----------------------------------------------------------------------------------


def test_consolidation_is_recorded_and_named_hop_nhat_everywhere(client_for, users, tree, carry_out):
    client = client_for(users.admin)
    response = carry_out(
        client,
        reverse("orgs:unit-merge", args=[tree.TPBT.pk]),
        {
            "kind": "consolidated",
            "direction": "into_this",
            "sources": [tree.CT.pk],
            "effective_on": "01/07/2025",
        },
    )
    assert response.status_code == 302
    ct = Unit.objects.get(pk=tree.CT.pk)
    assert ct.ended_as == "consolidated"
    assert UnitEvent.objects.get(unit=ct, effective_on=D2025).kind == "consolidated"
    assert history_of(ct).first().action == "consolidate"
    page = text(unit_page(client, ct))
    assert "Đã hợp nhất 01/07/2025" in page
    assert "Hợp nhất thành Liên đoàn Lao động thành phố Bến Tre" in page
    assert "hợp nhất thành Liên đoàn Lao động thành phố Bến Tre" in page  # the history row
    assert "sáp nhập" not in page.lower().replace("sáp nhập, hợp nhất", "")
    assert "Giải thể 01/07/2025" not in page
    # the audit trail says it too
    assert re.search(r"unit-audit.*?Hợp nhất", unit_page(client, ct).content.decode(), flags=re.S)
    tree_page = text(client.get(reverse("orgs:unit-children", args=[tree.BT.pk]) + "?dissolved=1"))
    assert "Hợp nhất 01/07/2025" in tree_page


def test_a_merger_is_named_sap_nhap_and_a_dissolution_giai_the(client_for, users, tree):
    actions.merge_units([tree.THPT], tree.MAY, by=users.admin, effective_on=D2025)
    actions.dissolve_unit(tree.DUA, by=users.admin, effective_on=D2025)
    client = client_for(users.admin)
    assert "Đã sáp nhập 01/07/2025" in text(unit_page(client, tree.THPT))
    assert "Đã giải thể 01/07/2025" in text(unit_page(client, tree.DUA))
    children = text(client.get(reverse("orgs:unit-detail", args=[tree.CT.pk]) + "?dissolved=1"))
    assert "Sáp nhập 01/07/2025" in children


# --- labels said once -----------------------------------------------------------------------------------------


def test_a_member_s_history_says_doan_vien_once(client_for, users, people):
    page = text(
        client_for(users.grassroots_officer).get(reverse("orgs:person-detail", args=[people.tran_hao.pk]))
    )
    assert "Đoàn viên · Đoàn viên" not in page
    assert "Đoàn viên · Người lao động" in page


def test_a_grassroots_union_s_page_does_not_repeat_its_level_before_its_name(client_for, users, tree):
    html = unit_page(client_for(users.grassroots_officer), tree.MAY).content.decode()
    assert 'level-badge level-grassroots">Công đoàn cơ sở</span>' not in html
    html = unit_page(client_for(users.district_leader), tree.CT).content.decode()
    assert 'level-badge level-upper">Công đoàn cấp trên trực tiếp cơ sở</span>' in html


def test_dashboard_heading_does_not_repeat_the_level(client_for, users):
    html = client_for(users.grassroots_officer).get(reverse("home:dashboard")).content.decode()
    heading = re.search(r'data-unit="MAY">\s*<h2[^>]*>(.*?)</h2>', html, flags=re.S).group(1)
    assert "level-badge" not in heading
    assert "Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre" in heading


def test_birth_column_shows_the_year_to_everyone(client_for, users, tree):
    response = client_for(users.grassroots_officer).get(reverse("orgs:person-list"), {"q": "tran trung hao"})
    assert 'data-testid="birth-year">1980</td>' in response.text
    assert "01/05/1980" not in response.text


# --- a dissolved unit as it stood on its last day ---------------------------------------------------------------


def test_dissolved_unit_shows_its_figures_on_its_last_day(client_for, users, tree):
    actions.dissolve_unit(tree.THPT, by=users.admin, effective_on=D2025)
    response = unit_page(client_for(users.district_leader), tree.THPT)
    html = response.content.decode()
    assert response.context["totals"] == {
        "grassroots": 1, "members": 1, "workers": 1, "direct_workers": 0, "units": 1
    }  # fmt: skip
    assert 'data-stat="members">1</div>' in html
    assert "Số liệu ngày 30/06/2025, ngày cuối cùng đơn vị hoạt động." in text(response)


def test_merged_upper_union_shows_its_subtree_on_its_last_day(client_for, users, tree):
    actions.merge_units([tree.CT], tree.TPBT, by=users.admin, effective_on=D2025)
    totals = unit_page(client_for(users.province_officer), tree.CT).context["totals"]
    assert (totals["grassroots"], totals["members"], totals["workers"]) == (2, 3, 4)


def test_dissolved_unit_breadcrumb_is_the_tree_of_its_last_day(client_for, users, tree):
    actions.dissolve_unit(tree.THPT, by=users.admin, effective_on=D2020)
    actions.rename_unit(tree.CT, by=users.admin, name="Liên đoàn Lao động huyện Châu Thành mới",
                        short_name="LĐLĐ Châu Thành mới", effective_on=datetime.date(2021, 1, 1))  # fmt: skip
    html = unit_page(client_for(users.province_officer), tree.THPT).content.decode()
    crumbs = re.search(r'id="unit-breadcrumb">(.*?)</ol>', html, flags=re.S).group(1)
    assert "ngày 31/12/2019" in crumbs
    assert "LĐLĐ Châu Thành</a>" in crumbs
    assert "mới" not in crumbs


def test_active_unit_breadcrumb_is_today_s_tree(client_for, users, tree):
    html = unit_page(client_for(users.province_officer), tree.THPT).content.decode()
    crumbs = re.search(r'id="unit-breadcrumb">(.*?)</ol>', html, flags=re.S).group(1)
    assert "ngày" not in crumbs
    assert "LĐLĐ Châu Thành</a>" in crumbs


# --- many same-day changes grouped ----------------------------------------------------------------------------


def test_units_moved_away_on_one_day_are_one_row_with_a_toggle(client_for, users, tree):
    for i in range(2):
        actions.create_unit(tree.CT, by=None, code=f"CS{i}", name=f"Công đoàn cơ sở số {i}", level="grassroots",
                            sector="private", founded_on=datetime.date(2016, 1, 1))  # fmt: skip
    actions.merge_units([tree.CT], tree.TPBT, by=users.admin, effective_on=D2025)
    client = client_for(users.province_officer)
    response = unit_page(client, tree.CT)
    page = text(response)
    assert "4 đơn vị chuyển sang Liên đoàn Lao động thành phố Bến Tre" in page
    assert response.content.decode().count('data-group="4"') == 1
    assert "Công đoàn cơ sở số 1" in page  # inside the toggle
    incoming = text(unit_page(client, tree.TPBT))
    assert "4 đơn vị chuyển từ Liên đoàn Lao động huyện Châu Thành về" in incoming


def test_two_moves_are_shown_one_by_one(client_for, users, tree):
    actions.merge_units([tree.CT], tree.TPBT, by=users.admin, effective_on=D2025)
    html = unit_page(client_for(users.province_officer), tree.CT).content.decode()
    assert "data-group" not in html


# --- the dashboard --------------------------------------------------------------------------------------------


def test_dashboard_shows_a_merged_federation_as_history_not_zeros(client_for, users, tree):
    actions.merge_units([tree.TV], tree.BT, by=users.admin, effective_on=D2025, kind="consolidated")
    response = client_for(users.province_officer).get(reverse("home:dashboard"))
    html = response.content.decode()
    assert re.findall(r'class="mb-4 dashboard-panel" data-unit="([^"]+)"', html) == ["BT"]
    assert 'class="mb-4 dashboard-panel" data-unit="TV"' not in html
    history = re.search(r'id="dashboard-history">(.*?)</section>', html, flags=re.S).group(1)
    assert "Liên đoàn Lao động tỉnh Trà Vinh" in history
    assert "Đã hợp nhất 01/07/2025" in history
    assert "Ngày 30/06/2025: 1 công đoàn cơ sở, 1 đoàn viên." in re.sub(r"\s+", " ", history)


def test_merged_upper_union_lists_the_units_it_had_on_its_last_day(client_for, users, tree):
    actions.merge_units([tree.CT], tree.TPBT, by=users.admin, effective_on=D2025)
    response = unit_page(client_for(users.province_officer), tree.CT)
    assert [(c.name, c.total_members) for c in response.context["children"]] == [
        ("Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre", 2),
        ("Công đoàn cơ sở Trường THPT Châu Thành A", 1),
    ]
    assert 'data-testid="children-day">ngày 30/06/2025' in response.content.decode()


def test_an_ended_unit_keeps_its_last_totals_and_the_dashboard_reads_them(client_for, users, tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from thidua.orgs import queries

    actions.merge_units([tree.TV], tree.BT, by=users.admin, effective_on=D2025, kind="consolidated")
    tv = Unit.objects.get(pk=tree.TV.pk)
    counted = queries.subtree_totals_as_of(tv, datetime.date(2025, 6, 30))
    assert (
        tv.last_totals
        == counted
        == {"units": 3, "grassroots": 1, "members": 1, "workers": 1, "direct_workers": 1}
    )
    assert history_of(tv)[0].changes["last_totals"] == [None, counted]  # audited with the consolidation
    client = client_for(users.province_officer)
    with CaptureQueriesContext(connection) as views:
        html = client.get(reverse("home:dashboard")).content.decode()
    assert "Ngày 30/06/2025: 1 công đoàn cơ sở, 1 đoàn viên." in re.sub(r"\s+", " ", html)
    # The history panel recounts nothing: no statement over the memberships.
    assert not [q["sql"] for q in views.captured_queries if "orgs_membership" in q["sql"]]


def test_the_migration_records_the_last_totals_of_units_already_ended(users, tree):
    import importlib

    from django.apps import apps

    actions.merge_units([tree.TV], tree.BT, by=users.admin, effective_on=D2025, kind="consolidated")
    recorded = Unit.objects.get(pk=tree.TV.pk).last_totals
    Unit.objects.filter(pk=tree.TV.pk).update(last_totals=None)
    importlib.import_module("thidua.orgs.migrations.0011_unit_last_totals").record_last_totals(apps, None)
    assert Unit.objects.get(pk=tree.TV.pk).last_totals == recorded
    assert Unit.objects.get(pk=tree.BT.pk).last_totals is None  # an active unit has none
