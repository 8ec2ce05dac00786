"""The dashboard on login: the user's units and their subtrees in numbers, with a chart."""

import datetime
import json
import re

import pytest
from django.urls import reverse

from thidua.orgs import actions

pytestmark = pytest.mark.django_db


def stat(html: str, name: str) -> str:
    return re.search(rf'data-stat="{name}">([^<]*)<', html).group(1)


def chart_data(response, unit) -> dict:
    html = response.content.decode()
    return json.loads(
        re.search(rf'<script id="chart-{unit.pk}" type="application/json">(.*?)</script>', html, re.S)[1]
    )


def test_dashboard_is_the_page_after_login(client, users):
    from tests.conftest import PASSWORD

    response = client.post(reverse("login"), {"username": "province_officer", "password": PASSWORD})
    assert response.status_code == 302 and response.url == reverse("home:dashboard")


def test_dashboard_shows_the_subtree_in_numbers(client_for, users, tree):
    response = client_for(users.province_officer).get(reverse("home:dashboard"))
    html = response.content.decode()
    assert [stat(html, n) for n in ("units", "grassroots", "members", "workers", "direct_workers")] == [
        "6", "3", "4", "5", "3",
    ]  # fmt: skip
    levels = re.findall(
        r'<span class="badge level-badge level-(\w+)">[^<]+</span></td><td class="num">(\d+)', html
    )
    assert levels == [("province", "1"), ("upper", "2"), ("grassroots", "3")]
    sectors = html.split('data-table="sectors"')[1].split("</table>")[0]
    assert re.findall(r"</span>([^<]+)</td><td class=\"num\">(\d+)", sectors) == [
        ("Doanh nghiệp có vốn đầu tư nước ngoài", "1"),
        ("Doanh nghiệp ngoài nhà nước", "1"),
        ("Đơn vị sự nghiệp công lập", "1"),
    ]


def test_dashboard_passes_chart_data_without_inline_code(client_for, users, tree):
    response = client_for(users.province_officer).get(reverse("home:dashboard"))
    assert chart_data(response, tree.BT) == {
        "sectors": {"labels": ["Doanh nghiệp có vốn đầu tư nước ngoài", "Doanh nghiệp ngoài nhà nước",
                               "Đơn vị sự nghiệp công lập"], "values": [1, 1, 1]},
        "children": {"labels": ["LĐLĐ Châu Thành", "LĐLĐ TP Bến Tre"], "members": [3, 1], "workers": [4, 1],
                     "direct": [2, 1]},
    }  # fmt: skip
    html = response.content.decode()
    assert "/static/vendor/chartjs/chart.umd.min.js" in html
    assert "cdn" not in html.lower()


def test_dashboard_of_a_grassroots_officer_shows_only_their_union(client_for, users, tree):
    response = client_for(users.grassroots_officer).get(reverse("home:dashboard"))
    html = response.content.decode()
    assert re.findall(r'class="mb-4 dashboard-panel" data-unit="(\w+)"', html) == ["MAY"]
    assert [stat(html, n) for n in ("grassroots", "members", "workers", "direct_workers")] == [
        "1",
        "2",
        "3",
        "2",
    ]
    assert "Bến Tre" not in html.split('id="my-roles"')[0].split("</h1>")[1]  # no other branch's figures


def test_dashboard_of_another_branch_does_not_count_ours(client_for, users, tree):
    html = client_for(users.outsider).get(reverse("home:dashboard")).content.decode()
    assert re.findall(r'dashboard-panel" data-unit="(\w+)"', html) == ["TV"]
    assert stat(html, "members") == "1"


def test_dashboard_of_an_account_without_roles(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("nobody", password="x"))
    response = client.get(reverse("home:dashboard"))
    assert "Tài khoản của bạn chưa được phân quyền trên đơn vị nào." in response.content.decode()


def test_dashboard_queries_do_not_grow_with_the_tree(client_for, users, tree, django_assert_num_queries):
    client = client_for(users.province_officer)
    client.get(reverse("home:dashboard"))
    # 9 for the panels and roles, 1 for the unread notices block, 1 for the history block (plans the user's units
    # carry on from their predecessors: none here), 1 for the phase reports block (no published form here), 1 for
    # the bell's count in the navigation bar.
    with django_assert_num_queries(13) as small:
        client.get(reverse("home:dashboard"))
    for i in range(12):
        upper = actions.create_unit(tree.BT, by=None, code=f"U{i}", name=f"Công đoàn khu vực {i}", level="upper",
                                    founded_on=datetime.date(2016, 1, 1))  # fmt: skip
        actions.create_unit(upper, by=None, code=f"G{i}", name=f"CĐCS {i}", level="grassroots", sector="fdi",
                            founded_on=datetime.date(2016, 1, 1))  # fmt: skip
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(reverse("home:dashboard"))
    assert stat(response.content.decode(), "grassroots") == "15"
