"""Pages of the union tree: the tree (today and as of a date), a unit's page and the restructuring forms."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.budgets import UNIT_PAGE_QUERY_BUDGET
from thidua.core.audit import history_of
from thidua.orgs import actions
from thidua.orgs.models import Level, Membership, Unit, UnitEvent

D2017 = datetime.date(2017, 6, 1)
D2025 = datetime.date(2025, 7, 1)

pytestmark = pytest.mark.django_db


def text(response) -> str:
    """The page's text without tags and with white space collapsed, for exact phrases."""
    html = response.content.decode()
    html = re.sub(r"<script.*?</script>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def node_codes(response) -> list[str]:
    return re.findall(r'data-unit="([^"]+)"', response.content.decode())


def add_grassroots(parent, n, prefix="G"):
    return [
        actions.create_unit(
            parent,
            by=None,
            code=f"{prefix}{i}",
            name=f"Công đoàn cơ sở số {i}",
            level="grassroots",
            sector="private",
            founded_on=datetime.date(2016, 1, 1),
        )  # fmt: skip
        for i in range(n)
    ]


# --- the tree -------------------------------------------------------------------------------------------------


def test_tree_shows_the_users_top_unit_with_its_subtree_numbers(client_for, users):
    response = client_for(users.province_officer).get(reverse("orgs:unit-tree"))
    assert response.status_code == 200
    assert node_codes(response) == ["BT"]
    html = response.content.decode()
    assert re.search(r'data-stat="grassroots">.*?</i> 3 ', html, flags=re.S)
    assert re.search(r'data-stat="members">.*?</i> 4 ', html, flags=re.S)


def test_tree_of_another_branch_is_not_shown(client_for, users):
    response = client_for(users.outsider).get(reverse("orgs:unit-tree"))
    assert node_codes(response) == ["TV"]
    assert "Bến Tre" not in text(response)


def test_system_administrator_sees_the_root_of_the_tree(client_for, users):
    response = client_for(users.admin).get(reverse("orgs:unit-tree"))
    assert node_codes(response) == ["TLD"]


def test_user_without_roles_is_told_to_ask_for_one(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("nobody", password="x"))
    response = client.get(reverse("orgs:unit-tree"))
    assert node_codes(response) == []
    assert "chưa được phân quyền trên đơn vị nào" in text(response)


def test_opening_a_node_loads_its_children_with_their_numbers(client_for, users, tree):
    response = client_for(users.province_officer).get(reverse("orgs:unit-children", args=[tree.BT.pk]))
    assert response.status_code == 200
    assert node_codes(response) == ["CT", "TPBT"]
    page = text(response)
    assert "Liên đoàn Lao động huyện Châu Thành" in page
    html = response.content.decode()
    ct = html[html.index('data-unit="CT"') : html.index('data-unit="TPBT"')]
    assert re.search(r'data-stat="grassroots">.*?</i> 2 ', ct, flags=re.S)
    assert re.search(r'data-stat="members">.*?</i> 3 ', ct, flags=re.S)
    assert 'hx-trigger="toggle once"' in ct  # CT has children of its own: it opens lazily


def test_grassroots_union_is_a_leaf(client_for, users, tree):
    response = client_for(users.province_officer).get(reverse("orgs:unit-children", args=[tree.CT.pk]))
    assert node_codes(response) == ["MAY", "THPT"]
    assert "hx-get" not in response.content.decode()


def test_children_of_a_unit_outside_the_scope_answer_404(client_for, users, tree):
    assert client_for(users.outsider).get(reverse("orgs:unit-children", args=[tree.CT.pk])).status_code == 404


def test_dissolved_units_are_hidden_unless_asked_for(client_for, users, tree):
    actions.dissolve_unit(tree.THPT, by=users.admin, effective_on=D2025)
    client = client_for(users.province_officer)
    url = reverse("orgs:unit-children", args=[tree.CT.pk])
    assert node_codes(client.get(url)) == ["MAY"]
    response = client.get(url, {"dissolved": "1"})
    assert node_codes(response) == ["MAY", "THPT"]
    assert "Giải thể 01/07/2025" in text(response)


def test_tree_as_of_a_date_shows_the_structure_and_names_of_that_day(client_for, users, tree):
    actions.move_unit(tree.MAY, tree.TPBT, by=users.admin, effective_on=D2025)
    actions.rename_unit(tree.CT, by=users.admin, name="Công đoàn khu vực Châu Thành", effective_on=D2025)
    client = client_for(users.province_officer)
    old = client.get(reverse("orgs:unit-children", args=[tree.BT.pk]), {"as_of": "01/06/2017"})
    assert "Liên đoàn Lao động huyện Châu Thành (nay là Công đoàn khu vực Châu Thành)" in text(old)
    assert node_codes(
        client.get(reverse("orgs:unit-children", args=[tree.CT.pk]), {"as_of": "01/06/2017"})
    ) == [
        "MAY",
        "THPT",
    ]
    now = client.get(reverse("orgs:unit-children", args=[tree.CT.pk]))
    assert node_codes(now) == ["THPT"]
    assert node_codes(
        client.get(reverse("orgs:unit-children", args=[tree.TPBT.pk]), {"as_of": "01/06/2017"})
    ) == ["DUA"]


def test_tree_as_of_a_date_counts_the_members_of_that_day(client_for, users, tree, people):
    actions.transfer_person(people.tran_hao, tree.DUA, by=users.admin, on=D2025)
    client = client_for(users.province_officer)
    html = client.get(
        reverse("orgs:unit-children", args=[tree.BT.pk]), {"as_of": "01/06/2017"}
    ).content.decode()
    tpbt = html[html.index('data-unit="TPBT"') :]
    assert re.search(r'data-stat="members">.*?</i> 1 ', tpbt, flags=re.S)
    html = client.get(
        reverse("orgs:unit-children", args=[tree.BT.pk]), {"as_of": "02/07/2025"}
    ).content.decode()
    tpbt = html[html.index('data-unit="TPBT"') :]
    assert re.search(r'data-stat="members">.*?</i> 2 ', tpbt, flags=re.S)


def test_tree_page_as_of_a_date_before_the_unit_existed(client_for, users):
    response = client_for(users.province_officer).get(reverse("orgs:unit-tree"), {"as_of": "01/01/2010"})
    assert node_codes(response) == []
    assert "Các đơn vị của bạn chưa được thành lập vào ngày 01/01/2010." in text(response)


def test_tree_page_as_of_a_date_keeps_the_date_in_the_nodes(client_for, users):
    response = client_for(users.province_officer).get(reverse("orgs:unit-tree"), {"as_of": "1/6/2017"})
    assert "Cơ cấu tổ chức tại ngày 01/06/2017" in text(response)
    assert "?as_of=01%2F06%2F2017" in response.content.decode()


def test_tree_page_rejects_a_date_it_cannot_read(client_for, users):
    response = client_for(users.province_officer).get(reverse("orgs:unit-tree"), {"as_of": "31/02/2017"})
    assert "Ngày “31/02/2017” không hợp lệ: nhập theo dạng dd/mm/yyyy, ví dụ 01/06/2017." in text(response)
    assert node_codes(response) == ["BT"]  # today's tree


@pytest.mark.parametrize("as_of", ["", "01/06/2017"])
def test_opening_a_node_takes_the_same_queries_for_one_child_and_many(
    client_for, users, tree, django_assert_num_queries, django_assert_max_num_queries, as_of
):
    client = client_for(users.province_officer)
    params = {"as_of": as_of} if as_of else {}
    one = reverse("orgs:unit-children", args=[tree.TPBT.pk])
    client.get(one, params)  # session and user warm-up are the same in both
    # today, a leaf's totals are its own figures: the sums below the children are read only when one has children
    with django_assert_num_queries(7 if as_of else 6):
        assert len(node_codes(client.get(one, params))) == 1
    add_grassroots(tree.CT, 15)
    many = reverse("orgs:unit-children", args=[tree.CT.pk])
    with django_assert_max_num_queries(7):
        assert len(node_codes(client.get(many, params))) == 17


# --- a unit's page --------------------------------------------------------------------------------------------


def test_unit_page_shows_facts_breadcrumb_children_and_totals(client_for, users, tree):
    actions.update_unit(tree.CT, by=users.admin, workforce_size=12500, address="thị trấn Châu Thành")
    response = client_for(users.district_leader).get(reverse("orgs:unit-detail", args=[tree.CT.pk]))
    assert response.status_code == 200
    page = text(response)
    assert "Mã đơn vị CT" in page
    assert "Tên viết tắt LĐLĐ Châu Thành" in page
    assert "Cấp Công đoàn cấp trên trực tiếp cơ sở" in page
    assert "Số lao động 12.500" in page
    assert "Ngày thành lập 01/01/2015" in page
    assert "Địa chỉ thị trấn Châu Thành" in page
    breadcrumb = response.content.decode().split('id="unit-breadcrumb"')[1].split("</ol>")[0]
    # ancestors above the user's scope are named, not linked
    assert f'href="{reverse("orgs:unit-detail", args=[tree.BT.pk])}"' not in breadcrumb
    assert "LĐLĐ Bến Tre" in breadcrumb
    assert "Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre 1 2 3" in page  # grassroots, members, workers
    assert f'href="{reverse("orgs:person-list")}?unit={tree.CT.pk}"' in response.content.decode()


def test_unit_page_names_the_locality_from_the_administrative_units_package(client_for, users, tree):
    actions.update_unit(tree.MAY, by=users.admin, province_code="86", ward_code="29584")
    response = client_for(users.grassroots_officer).get(reverse("orgs:unit-detail", args=[tree.MAY.pk]))
    assert "Địa bàn Xã An Bình, Tỉnh Vĩnh Long" in text(response)


def test_unit_page_lists_the_changes_of_the_tree_with_their_decisions(client_for, users, tree):
    actions.move_unit(tree.MAY, tree.TPBT, by=users.admin, effective_on=D2025, decision="45/QĐ-LĐLĐ")
    response = client_for(users.province_officer).get(reverse("orgs:unit-detail", args=[tree.MAY.pk]))
    page = text(response)
    assert (
        "01/07/2025 Chuyển về đơn vị cấp trên khác Quyết định số 45/QĐ-LĐLĐ từ Liên đoàn Lao động huyện Châu Thành "
        "về Liên đoàn Lao động thành phố Bến Tre" in page
    )
    assert "01/01/2015 Thành lập thành lập, trực thuộc Liên đoàn Lao động huyện Châu Thành" in page
    # the old parent's page shows the unit that left it
    old_parent = text(client_for(users.province_officer).get(reverse("orgs:unit-detail", args=[tree.CT.pk])))
    assert (
        "Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre : từ Liên đoàn Lao động huyện Châu Thành"
        in old_parent
    )


def test_unit_page_shows_the_audit_trail_with_field_labels(client_for, users, tree):
    actions.update_unit(tree.DUA, by=users.province_officer, workforce_size=320, sector="cooperative")
    response = client_for(users.province_officer).get(reverse("orgs:unit-detail", args=[tree.DUA.pk]))
    audit = text(response).split("Nhật ký chỉnh sửa")[1]
    assert "province_officer Cập nhật Khu vực, loại hình: Doanh nghiệp ngoài nhà nước → Hợp tác xã" in audit
    assert "Số lao động: — → 320" in audit
    assert "Hệ thống Tạo mới Mã đơn vị: DUA" in audit


@pytest.mark.parametrize("user", ["outsider", "grassroots_officer"])
def test_unit_page_outside_the_scope_answers_404(client_for, users, tree, user):
    assert (
        client_for(getattr(users, user)).get(reverse("orgs:unit-detail", args=[tree.DUA.pk])).status_code
        == 404
    )


def test_unit_page_offers_restructuring_only_to_those_who_may(client_for, users, tree):
    url = reverse("orgs:unit-detail", args=[tree.CT.pk])
    assert "Thành lập đơn vị trực thuộc" in text(client_for(users.district_leader).get(url))
    assert "Thành lập đơn vị trực thuộc" not in text(client_for(users.council_member).get(url))
    assert "Phân quyền" not in text(client_for(users.district_leader).get(url))
    assert "Phân quyền" in text(client_for(users.admin).get(url))


def test_unit_page_takes_the_same_queries_for_one_child_and_many(
    client_for, users, tree, django_assert_num_queries, django_assert_max_num_queries
):
    client = client_for(users.province_officer)
    one = reverse("orgs:unit-detail", args=[tree.TPBT.pk])
    client.get(one)
    # the page (11), whether there is a unit to move it to and one to merge it with, the requests awaiting approval,
    # the bell, then each app's panel: within the unit page's budget, and no more with many children
    with django_assert_max_num_queries(UNIT_PAGE_QUERY_BUDGET) as one_child:
        assert client.get(one).status_code == 200
    add_grassroots(tree.CT, 15)
    many = reverse("orgs:unit-detail", args=[tree.CT.pk])
    with django_assert_num_queries(len(one_child.captured_queries)):
        response = client.get(many)
    children = response.content.decode().split('id="unit-children"')[1].split("</section>")[0]
    assert children.count("Công đoàn cơ sở số") == 15


def test_unit_page_lists_its_children_fifty_at_a_time_with_the_same_queries(
    client_for, users, tree, django_assert_max_num_queries, django_assert_num_queries
):
    add_grassroots(tree.CT, 53)  # with the two it had: 55 children, two pages
    client = client_for(users.province_officer)
    url = reverse("orgs:unit-detail", args=[tree.CT.pk])
    client.get(url)
    with django_assert_max_num_queries(UNIT_PAGE_QUERY_BUDGET) as first_page:
        first = client.get(url).content.decode().split('id="unit-children"')[1].split("</section>")[0]
    with django_assert_num_queries(len(first_page.captured_queries)):
        second = client.get(url, {"children": "2"}).content.decode()
    second = second.split('id="unit-children"')[1].split("</section>")[0]
    assert first.count("<tr") == 51  # the header and 50 children
    assert second.count("<tr") == 6
    assert '<span class="badge text-bg-light border">55</span>' in first
    assert f'href="/don-vi/{tree.CT.pk}/?children=2"' in first
    names = re.findall(r'<a href="/don-vi/\d+/">([^<]+)</a>', first + second)
    assert len(names) == len(set(names)) == 55


def test_unit_page_lists_its_history_fifty_changes_at_a_time(client_for, users, tree):
    for i in range(55):  # each founded on its own day: 55 changes that do not group
        actions.create_unit(tree.CT, by=None, code=f"H{i}", name=f"Công đoàn cơ sở lịch sử {i}", level="grassroots",
                            sector="private", founded_on=datetime.date(2016, 1, 1) + datetime.timedelta(days=i))  # fmt: skip
    client = client_for(users.province_officer)
    url = reverse("orgs:unit-detail", args=[tree.CT.pk])

    def history(response):
        return response.content.decode().split('id="unit-events"')[1].split("</section>")[0]

    first, second = history(client.get(url)), history(client.get(url, {"history": "2"}))
    shown = re.findall(r"Công đoàn cơ sở lịch sử (\d+)", first + second)
    assert first.count('<li class="list-group-item"') == 50
    assert f'href="/don-vi/{tree.CT.pk}/?history=2"' in first
    assert {str(i) for i in range(55)} <= set(shown)
    assert "Công đoàn cơ sở lịch sử 54" in first  # the latest first


def test_children_totals_of_a_page_are_those_of_the_whole_list(users, tree):
    from thidua.orgs import queries

    add_grassroots(tree.TPBT, 3, prefix="T")
    actions.dissolve_unit(tree.TPBT.get_children().order_by("path").last(), by=users.admin,
                          effective_on=datetime.date(2024, 1, 1))  # fmt: skip
    province = Unit.objects.get(pk=tree.BT.pk)
    for include_inactive in (False, True):
        whole = [
            (
                c.pk,
                c.total_grassroots,
                c.total_members,
                c.total_workers,
                c.total_direct_workers,
                c.total_units,
            )
            for c in queries.children_with_totals(province, include_inactive=include_inactive)
        ]
        paged = [
            (
                c.pk,
                c.total_grassroots,
                c.total_members,
                c.total_workers,
                c.total_direct_workers,
                c.total_units,
            )
            for start in range(0, len(whole), 2)
            for c in queries.children_with_totals(province, include_inactive, window=slice(start, start + 2))
        ]
        assert paged == whole
        assert any(total_units > 1 for *_, total_units in whole)
        rows = [  # the plain rows the unit page and the dashboard show: the same children, order and totals
            (
                c.pk,
                c.total_grassroots,
                c.total_members,
                c.total_workers,
                c.total_direct_workers,
                c.total_units,
            )
            for start in range(0, len(whole), 2)
            for c in queries.child_rows(province, include_inactive, window=slice(start, start + 2))
        ]
        assert rows == whole


def test_children_as_plain_rows_read_as_the_units_do(users, tree):
    from thidua.orgs import queries

    add_grassroots(tree.TPBT, 2, prefix="T")
    actions.dissolve_unit(tree.TPBT.get_children().order_by("path").last(), by=users.admin,
                          effective_on=datetime.date(2024, 1, 1))  # fmt: skip

    def read(c):
        words = c.end_words["label"] if c.dissolved_on else None
        return (
            c.pk,
            c.name,
            c.short_name,
            c.level,
            c.is_active,
            c.dissolved_on,
            c.archived_at,
            words,
            c.total_units,
        )

    units = [read(c) for c in queries.children_with_totals(tree.TPBT, include_inactive=True)]
    assert [read(c) for c in queries.child_rows(tree.TPBT, include_inactive=True)] == units
    assert [u[4] for u in units].count(False) == 1  # the dissolved one, with its words


# --- restructuring: who may -----------------------------------------------------------------------------------

UNIT_ROUTES = [
    "unit-detail", "unit-children", "unit-create", "unit-update", "unit-rename", "unit-move", "unit-merge",
    "unit-dissolve", "unit-archive", "unit-roles",
]  # fmt: skip
RESTRUCTURING_ROUTES = ["unit-create", "unit-update", "unit-rename", "unit-move", "unit-merge", "unit-dissolve",
                        "unit-archive"]  # fmt: skip


@pytest.mark.parametrize("route", UNIT_ROUTES)
@pytest.mark.parametrize("code", ["BT", "CT", "MAY", "DUA"])
def test_every_unit_route_answers_404_to_another_branch(client_for, users, tree, route, code):
    response = client_for(users.outsider).get(reverse(f"orgs:{route}", args=[getattr(tree, code).pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("route", ["unit-restore"])
def test_restore_answers_404_to_another_branch(client_for, users, tree, route):
    assert client_for(users.outsider).post(reverse(f"orgs:{route}", args=[tree.DUA.pk])).status_code == 404


def test_unit_search_answers_404_to_another_branch(client_for, users, tree):
    url = reverse("orgs:unit-search", args=[tree.MAY.pk])
    assert client_for(users.outsider).get(url, {"purpose": "parent"}).status_code == 404


@pytest.mark.parametrize("route", RESTRUCTURING_ROUTES)
def test_restructuring_is_forbidden_to_who_may_only_look(client_for, users, tree, route):
    response = client_for(users.council_member).get(reverse(f"orgs:{route}", args=[tree.CT.pk]))
    assert response.status_code == 403


@pytest.mark.parametrize("route", RESTRUCTURING_ROUTES)
def test_restructuring_is_forbidden_above_the_users_unit(client_for, users, tree, route):
    """The district leader sees Châu Thành's subtree, not its parent: the parent answers 404."""
    response = client_for(users.district_leader).get(reverse(f"orgs:{route}", args=[tree.BT.pk]))
    assert response.status_code == 404


def test_restore_and_search_are_forbidden_to_who_may_only_look(client_for, users, tree):
    client = client_for(users.council_member)
    assert client.post(reverse("orgs:unit-restore", args=[tree.CT.pk])).status_code == 403
    assert (
        client.get(reverse("orgs:unit-search", args=[tree.CT.pk]), {"purpose": "parent"}).status_code == 403
    )


@pytest.mark.parametrize("route", RESTRUCTURING_ROUTES)
def test_restructuring_forms_open_for_a_manager(client_for, users, tree, route):
    response = client_for(users.district_leader).get(reverse(f"orgs:{route}", args=[tree.MAY.pk]))
    assert response.status_code == 200


def test_post_by_an_outsider_changes_nothing(client_for, users, tree):
    response = client_for(users.outsider).post(
        reverse("orgs:unit-rename", args=[tree.DUA.pk]), {"name": "Tên lạ", "effective_on": "01/07/2025"}
    )
    assert response.status_code == 404
    assert Unit.objects.get(pk=tree.DUA.pk).name == "Công đoàn cơ sở Công ty Cổ phần Dừa Bến Tre"


# --- restructuring: the forms ---------------------------------------------------------------------------------


def test_found_a_grassroots_union(client_for, users, tree):
    response = client_for(users.district_leader).post(
        reverse("orgs:unit-create", args=[tree.CT.pk]),
        {"code": "CT-DUOC", "name": "Công đoàn cơ sở Công ty Dược Bến Tre", "short_name": "CĐCS Dược",
         "level": "grassroots", "sector": "state_enterprise", "founded_on": "15/03/2024", "decision": "12/QĐ-LĐLĐ",
         "province_code": "86", "ward_code": "29584", "address": "ấp 3", "workforce_size": "240"},
    )  # fmt: skip
    unit = Unit.objects.get(code="CT-DUOC")
    assert response.status_code == 302 and response.url == reverse("orgs:unit-detail", args=[unit.pk])
    assert (unit.level, unit.sector, unit.founded_on, unit.workforce_size, unit.ward_code) == (
        "grassroots", "state_enterprise", datetime.date(2024, 3, 15), 240, "29584",
    )  # fmt: skip
    assert Unit.objects.get(pk=unit.pk).path.startswith(tree.CT.path)
    event = UnitEvent.objects.get(unit=unit)
    assert (event.kind, event.decision, event.recorded_by) == ("founded", "12/QĐ-LĐLĐ", users.district_leader)
    assert history_of(unit).get(action="create").actor == users.district_leader


def test_found_form_explains_each_error_in_vietnamese(client_for, users, tree):
    response = client_for(users.district_leader).post(
        reverse("orgs:unit-create", args=[tree.CT.pk]),
        {"code": "MAY", "name": "", "level": "province", "founded_on": "32/01/2024", "workforce_size": "-3"},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["code"] == [
        "Mã đơn vị “MAY” đã được dùng cho “Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre”."
    ]
    assert errors["name"] == ["Chưa nhập “Tên đơn vị”."]
    assert errors["level"] == ["Cấp này không thể trực thuộc “Liên đoàn Lao động huyện Châu Thành”."]
    assert errors["founded_on"] == ["Nhập ngày theo dạng dd/mm/yyyy, ví dụ 01/05/2020."]
    assert errors["workforce_size"] == ["Số lao động không được âm."]
    assert "Chưa thực hiện được: vui lòng sửa các mục sau." in text(response)


def test_found_form_requires_a_sector_for_a_grassroots_union(client_for, users, tree):
    response = client_for(users.district_leader).post(
        reverse("orgs:unit-create", args=[tree.CT.pk]),
        {"code": "X1", "name": "Công đoàn cơ sở X", "level": "grassroots", "founded_on": "01/01/2020",
         "code_extra": "", "ward_code": "29584"},
    )  # fmt: skip
    errors = response.context["form"].errors
    assert errors["sector"] == ["Chưa chọn “Khu vực, loại hình” của công đoàn cơ sở."]
    assert errors["ward_code"] == ["“Xã, phường” không có trong danh mục."]
    assert not Unit.objects.filter(code="X1").exists()


def test_found_form_refuses_a_date_before_the_parent_was_founded(client_for, users, tree):
    response = client_for(users.district_leader).post(
        reverse("orgs:unit-create", args=[tree.CT.pk]),
        {
            "code": "X2",
            "name": "Công đoàn cơ sở X",
            "level": "grassroots",
            "sector": "fdi",
            "founded_on": "01/01/2010",
        },
    )
    assert response.context["form"].errors["founded_on"] == [
        "Ngày thành lập không thể trước ngày thành lập của đơn vị cấp trên (01/01/2015)."
    ]


def test_ward_options_list_the_communes_of_a_province(client_for, users):
    response = client_for(users.grassroots_officer).get(reverse("orgs:ward-options"), {"province_code": "86"})
    assert '<option value="29584">Xã An Bình</option>' in response.content.decode()
    assert client_for(users.grassroots_officer).get(reverse("orgs:ward-options"), {"province_code": "xx"}).content.decode().count(
        "<option"
    ) == 1  # fmt: skip


def test_edit_facts_records_only_what_changed(client_for, users, tree):
    response = client_for(users.grassroots_officer).post(
        reverse("orgs:unit-update", args=[tree.MAY.pk]),
        {
            "code": "MAY",
            "sector": "fdi",
            "founded_on": "01/01/2015",
            "workforce_size": "1500",
            "address": "KCN Giao Long",
        },
    )
    assert response.status_code == 302
    unit = Unit.objects.get(pk=tree.MAY.pk)
    assert (unit.workforce_size, unit.address) == (1500, "KCN Giao Long")
    event = history_of(unit).get(action="update")
    assert event.changes == {"address": ["", "KCN Giao Long"], "workforce_size": [None, 1500]}
    assert event.actor == users.grassroots_officer


def test_edit_facts_refuses_a_code_in_use(client_for, users, tree):
    response = client_for(users.grassroots_officer).post(
        reverse("orgs:unit-update", args=[tree.MAY.pk]), {"code": "THPT", "sector": "fdi"}
    )
    # THPT is outside the grassroots officer's scope: the form refuses without confirming the code exists.
    assert response.context["form"].errors["code"] == ["Không thể dùng mã đơn vị “THPT”; hãy chọn mã khác."]


def test_a_code_used_in_another_branch_is_not_confirmed(client_for, users, tree):
    response = client_for(users.district_leader).post(
        reverse("orgs:unit-create", args=[tree.CT.pk]),
        {
            "code": "GIAY",
            "name": "CĐCS mới",
            "level": "grassroots",
            "sector": "private",
            "founded_on": "01/01/2024",
        },
    )
    assert response.context["form"].errors["code"] == ["Không thể dùng mã đơn vị “GIAY”; hãy chọn mã khác."]
    assert "Giày" not in response.text


def test_rename_with_effective_date_and_decision(client_for, users, tree, carry_out):
    response = carry_out(
        client_for(users.province_officer),
        reverse("orgs:unit-rename", args=[tree.CT.pk]),
        {"name": "Công đoàn khu vực Châu Thành", "short_name": "CĐ KV Châu Thành", "effective_on": "01/07/2025",
         "decision": "99/QĐ-LĐLĐ"},
        approver=client_for(users.province_leader),
    )  # fmt: skip
    assert response.status_code == 302
    unit = Unit.objects.get(pk=tree.CT.pk)
    assert (unit.name, unit.short_name) == ("Công đoàn khu vực Châu Thành", "CĐ KV Châu Thành")
    event = UnitEvent.objects.get(unit=unit, kind="renamed")
    assert (event.old_name, event.effective_on, event.decision) == (
        "Liên đoàn Lao động huyện Châu Thành", D2025, "99/QĐ-LĐLĐ",
    )  # fmt: skip


def test_rename_shows_the_action_refusal_on_the_date(client_for, users, tree):
    actions.rename_unit(tree.CT, by=users.admin, name="Tên năm 2025", effective_on=D2025)
    response = client_for(users.province_officer).post(
        reverse("orgs:unit-rename", args=[tree.CT.pk]), {"name": "Tên khác", "effective_on": "01/01/2020"}
    )
    assert response.context["form"].errors["effective_on"] == [
        "Ngày hiệu lực phải từ 01/07/2025 trở đi: đơn vị “Tên năm 2025” đã có thay đổi hiệu lực từ ngày đó."
    ]


def test_rename_to_the_same_name_is_refused(client_for, users, tree):
    response = client_for(users.province_officer).post(
        reverse("orgs:unit-rename", args=[tree.CT.pk]),
        {"name": tree.CT.name, "short_name": tree.CT.short_name, "effective_on": "01/07/2025"},
    )
    assert response.context["form"].errors["name"] == ["Tên mới trùng với tên hiện tại."]


def test_move_to_another_parent(client_for, users, tree, carry_out):
    response = carry_out(
        client_for(users.province_officer),
        reverse("orgs:unit-move", args=[tree.MAY.pk]),
        {"new_parent": tree.TPBT.pk, "effective_on": "01/07/2025", "decision": "7/QĐ"},
        approver=client_for(users.province_leader),
    )
    assert response.status_code == 302
    assert Unit.objects.get(pk=tree.MAY.pk).path.startswith(tree.TPBT.path)
    assert UnitEvent.objects.get(unit=tree.MAY, kind="moved").to_parent == tree.TPBT


def test_move_refuses_a_parent_outside_the_users_scope(client_for, users, tree):
    response = client_for(users.province_officer).post(
        reverse("orgs:unit-move", args=[tree.MAY.pk]),
        {"new_parent": tree.LD.pk, "effective_on": "01/07/2025"},
    )
    assert response.context["form"].errors["new_parent"] == [
        "Không thể chuyển về đơn vị đã chọn: hãy tìm và chọn một đơn vị cấp trên trong danh sách."
    ]
    assert Unit.objects.get(pk=tree.MAY.pk).path.startswith(tree.CT.path)


def test_move_without_a_parent_names_the_field(client_for, users, tree):
    response = client_for(users.province_officer).post(
        reverse("orgs:unit-move", args=[tree.MAY.pk]), {"effective_on": "01/07/2025"}
    )
    assert response.context["form"].errors["new_parent"] == ["Chưa chọn “Đơn vị cấp trên mới”."]


def test_parent_search_ignores_diacritics_and_offers_only_allowed_parents(client_for, users, tree):
    client = client_for(users.province_officer)
    url = reverse("orgs:unit-search", args=[tree.MAY.pk])
    response = client.get(url, {"purpose": "parent", "field": "new_parent", "q": "thanh pho ben tre"})
    assert re.findall(r'name="new_parent" value="(\d+)"', response.content.decode()) == [str(tree.TPBT.pk)]
    every = client.get(url, {"purpose": "parent", "field": "new_parent", "q": ""})
    offered = {int(pk) for pk in re.findall(r'value="(\d+)"', every.content.decode())}
    # not its present parent (CT), not a grassroots union, not outside the scope (TV, LD)
    assert offered == {tree.BT.pk, tree.TPBT.pk}


def test_merge_other_units_into_this_one(client_for, users, tree, carry_out):
    # ending a unit needs a leader's approval at the level above (the leader prepares and approves it here)
    response = carry_out(
        client_for(users.province_leader),
        reverse("orgs:unit-merge", args=[tree.MAY.pk]),
        {"direction": "into_this", "sources": [tree.THPT.pk, tree.DUA.pk], "effective_on": "01/07/2025",
         "decision": "3/QĐ"},
    )  # fmt: skip
    assert response.status_code == 302
    for code in ("THPT", "DUA"):
        unit = Unit.objects.get(code=code)
        assert (unit.dissolved_on, unit.merged_into_id) == (D2025, tree.MAY.pk)
    may = Unit.objects.get(pk=tree.MAY.pk)
    assert (may.member_count, may.worker_count) == (4, 5)
    assert Membership.objects.filter(unit=tree.MAY, left_on__isnull=True).count() == 5


def test_merge_this_unit_into_another(client_for, users, tree, carry_out):
    response = carry_out(
        client_for(users.province_leader),
        reverse("orgs:unit-merge", args=[tree.CT.pk]),
        {"direction": "into_other", "target": tree.TPBT.pk, "effective_on": "01/07/2025"},
    )
    assert response.status_code == 302
    assert Unit.objects.get(pk=tree.CT.pk).merged_into_id == tree.TPBT.pk
    assert sorted(Unit.objects.get_children(Unit.objects.get(pk=tree.TPBT.pk)).values_list("code", flat=True)) == [
        "DUA", "MAY", "THPT",
    ]  # fmt: skip


def test_merge_refuses_units_of_another_level_or_branch(client_for, users, tree):
    client = client_for(users.province_leader)
    url = reverse("orgs:unit-merge", args=[tree.MAY.pk])
    response = client.post(
        url, {"direction": "into_this", "sources": [tree.CT.pk], "effective_on": "01/07/2025"}
    )
    message = "Đơn vị đã chọn không thể sáp nhập: chỉ chọn đơn vị cùng cấp, đang hoạt động, do bạn quản lý."
    assert response.context["form"].errors["sources"] == [message]
    response = client.post(
        url, {"direction": "into_other", "target": tree.GIAY.pk, "effective_on": "01/07/2025"}
    )
    assert response.context["form"].errors["target"] == [message]
    response = client.post(url, {"direction": "into_this", "effective_on": "01/07/2025"})
    assert response.context["form"].errors["sources"] == ["Chưa chọn đơn vị nào để sáp nhập vào đơn vị này."]
    assert Unit.objects.filter(dissolved_on__isnull=False).count() == 0


def test_dissolve_a_grassroots_union(client_for, users, tree, carry_out):
    response = carry_out(
        client_for(users.district_leader),
        reverse("orgs:unit-dissolve", args=[tree.THPT.pk]),
        {"effective_on": "30/06/2025", "decision": "8/QĐ"},
    )
    assert response.status_code == 302
    unit = Unit.objects.get(pk=tree.THPT.pk)
    assert unit.dissolved_on == datetime.date(2025, 6, 30)
    assert UnitEvent.objects.get(unit=unit, kind="dissolved").decision == "8/QĐ"
    assert Membership.objects.get(unit=unit).left_reason == "unit_dissolved"


def test_dissolve_shows_why_it_is_refused(client_for, users, tree):
    response = client_for(users.province_leader).post(
        reverse("orgs:unit-dissolve", args=[tree.CT.pk]), {"effective_on": "01/07/2025"}
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Đơn vị còn 2 đơn vị trực thuộc đang hoạt động; hãy chuyển hoặc sáp nhập trước."
    ]
    assert Unit.objects.get(pk=tree.CT.pk).dissolved_on is None


def test_restructuring_a_dissolved_unit_is_refused_with_a_message(client_for, users, tree):
    actions.dissolve_unit(tree.THPT, by=users.admin, effective_on=D2025)
    client = client_for(users.district_leader)
    response = client.get(reverse("orgs:unit-rename", args=[tree.THPT.pk]), follow=True)
    assert "đã giải thể hoặc lưu trữ, không thể thực hiện thao tác này" in text(response)


def test_archive_and_restore_a_unit_entered_by_mistake(client_for, users, tree):
    mistake = actions.create_unit(tree.CT, by=None, code="NHAM", name="Đơn vị nhập nhầm", level="grassroots",
                                  sector="other", founded_on=datetime.date(2020, 1, 1))  # fmt: skip
    client = client_for(users.district_leader)
    response = client.post(reverse("orgs:unit-archive", args=[mistake.pk]), {"note": "Nhập trùng"})
    assert response.status_code == 302
    assert Unit.objects.get(pk=mistake.pk).archived_at is not None
    assert node_codes(client.get(reverse("orgs:unit-children", args=[tree.CT.pk]))) == ["MAY", "THPT"]
    client.post(reverse("orgs:unit-restore", args=[mistake.pk]))
    assert Unit.objects.get(pk=mistake.pk).archived_at is None
    assert [e.action for e in history_of(mistake).order_by("id")] == [
        "create", "archive", "restore",
    ]  # fmt: skip


def test_archive_is_refused_while_the_unit_has_people(client_for, users, tree):
    response = client_for(users.district_leader).post(
        reverse("orgs:unit-archive", args=[tree.MAY.pk]), {"note": "x"}
    )
    assert response.context["form"].non_field_errors() == [
        "Đơn vị còn 0 đơn vị trực thuộc và 3 người đang sinh hoạt: hãy chuyển đi trước khi lưu trữ."
    ]
    assert Unit.objects.get(pk=tree.MAY.pk).archived_at is None


def test_archive_requires_a_reason(client_for, users, tree):
    response = client_for(users.district_leader).post(reverse("orgs:unit-archive", args=[tree.THPT.pk]), {})
    assert response.context["form"].errors["note"] == ["Chưa nhập “Lý do lưu trữ”."]


def test_the_national_root_cannot_be_moved(client_for, users, tree):
    response = client_for(users.admin).get(reverse("orgs:unit-move", args=[tree.TLD.pk]), follow=True)
    assert "Đơn vị cao nhất của cây tổ chức không chuyển được." in text(response)


def test_level_of_a_found_unit_is_limited_below_its_parent(client_for, users, tree):
    response = client_for(users.district_leader).get(reverse("orgs:unit-create", args=[tree.CT.pk]))
    levels = [value for value, _label in response.context["form"].fields["level"].choices if value]
    assert levels == [Level.GRASSROOTS, Level.SUB_GRASSROOTS]


def test_effective_dates_are_shown_and_read_as_dd_mm_yyyy(client_for, users, tree):
    response = client_for(users.district_leader).get(reverse("orgs:unit-dissolve", args=[tree.THPT.pk]))
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert f'value="{today}"' in response.content.decode()
