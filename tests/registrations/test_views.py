"""The catalog pages and a federation's own layer: what they show, who reads, who edits."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from thidua.registrations.models import Regulation, Rule

from .builders import federation_admin, federation_layer

STRICTER = [{"percent": 10, "of": "lao-dong-tien-tien", "per": "mỗi CĐCS, mỗi năm"}]


def _rows(response) -> dict[str, str]:
    """data-code -> data-mark of the catalog's rows."""
    import re

    return dict(
        re.findall(
            r'data-testid="catalog-row" data-code="([^"]+)" data-mark="([^"]+)"', response.content.decode()
        )
    )


def test_catalog_of_2017_shows_decree_91_with_the_15_percent_cap(client_for, users):
    response = client_for(users.grassroots_officer).get(reverse("registrations:catalog") + "?on=31/12/2017")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Nghị định 91/2017/NĐ-CP, Điều 9, khoản 3" in text
    assert "không quá 15 % số đạt “Lao động tiên tiến” (đơn vị xét tặng, mỗi năm)" in text
    assert 'data-testid="base-salary">1.300.000 đ<' in text
    assert "Cá nhân: 0,3 → 390.000 đ" in text
    assert "huan-chuong-sao-vang" not in _rows(response)


def test_unverified_values_carry_a_visible_badge(client_for, users):
    response = client_for(users.province_officer).get(reverse("registrations:catalog") + "?on=31/12/2020")
    rows = _rows(response)
    assert rows["bang-khen-tld"] == "UNVERIFIED"
    assert rows["lao-dong-tien-tien"] == "SECONDARY"
    assert 'data-mark="UNVERIFIED"' in response.content.decode()
    assert "Chưa xác minh" in response.content.decode()


def test_bad_date_is_named_and_today_is_shown(client_for, users):
    response = client_for(users.province_officer).get(reverse("registrations:catalog") + "?on=31/02/2017")
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert response.context["error"] == (
        f"Ngày “31/02/2017” không hợp lệ: nhập theo dạng dd/mm/yyyy. Đang xem ngày {today}."
    )


def test_catalog_shows_the_users_federation_layer(client_for, users, tree):
    federation_layer(tree.BT, quotas=STRICTER)
    url = reverse("registrations:catalog") + "?on=31/12/2018"
    mine = client_for(users.grassroots_officer).get(url).content.decode()
    assert "không quá 10 % số đạt “Lao động tiên tiến” (mỗi CĐCS, mỗi năm)" in mine
    others = client_for(users.outsider).get(url).content.decode()
    assert "không quá 10 %" not in others
    assert "không quá 15 %" in others


def test_another_branchs_federation_is_404(client_for, users, tree):
    response = client_for(users.province_officer).get(
        reverse("registrations:catalog") + f"?federation={tree.TV.pk}"
    )
    assert response.status_code == 404
    response = client_for(users.outsider).get(reverse("registrations:catalog") + f"?federation={tree.TV.pk}")
    assert response.status_code == 200


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_catalog_page_costs_the_same_queries_for_few_and_many_titles(client_for, users, tree):
    client = client_for(users.grassroots_officer)
    few = (
        reverse("registrations:catalog") + "?on=25/12/2014"
    )  # the first days of QĐ 1564: a handful of titles
    many = reverse("registrations:catalog") + "?on=01/07/2026"
    client.get(few)
    assert (
        len(client.get(few).context["catalog"].entries)
        < 20
        < len(client.get(many).context["catalog"].entries)
    )
    assert _queries(client, few) == _queries(client, many)
    federation_layer(tree.BT, quotas=STRICTER, valid_from=datetime.date(2026, 1, 1))
    assert _queries(client, many) == _queries(client, few)


def test_changes_between_two_dates_page(client_for, users):
    url = reverse("registrations:catalog-changes") + "?from=31/12/2023&to=01/01/2024"
    response = client_for(users.province_officer).get(url)
    text = response.content.decode()
    assert response.status_code == 200
    assert 'data-code="cstd-co-so"' in text
    assert "Nghị định 98/2023/NĐ-CP, Điều 30, khoản 7" in text
    later = client_for(users.province_officer).get(
        reverse("registrations:catalog-changes") + "?from=30/06/2026&to=01/07/2026"
    )
    assert 'data-testid="base-salary-change">Mức lương cơ sở: 2.340.000 đ → <strong>2.530.000 đ</strong>' in (
        later.content.decode()
    )


# --- the federation's layer -----------------------------------------------------------------------------------


def test_the_federation_layer_is_read_by_its_subtree_and_404_elsewhere(client_for, users, tree):
    url = reverse("registrations:layer-detail", args=[tree.BT.pk])
    assert client_for(users.grassroots_officer).get(url).status_code == 200
    assert client_for(users.outsider).get(url).status_code == 404


@pytest.mark.parametrize(
    "username", ["province_officer", "province_leader", "grassroots_officer", "council_member"]
)
def test_only_a_system_administrator_edits_the_layer(client_for, users, tree, username):
    regulation, rule = federation_layer(tree.BT, quotas=STRICTER)
    client = client_for(getattr(users, username))
    for name, pk in (("regulation-create", tree.BT.pk), ("award-create", tree.BT.pk), ("rule-create", regulation.pk),
                     ("regulation-update", regulation.pk), ("rule-update", rule.pk),
                     ("rule-archive", rule.pk)):  # fmt: skip
        assert client.post(reverse(f"registrations:{name}", args=[pk])).status_code == 403, name
    rule.refresh_from_db()
    assert rule.archived_at is None
    assert Regulation.objects.filter(layer="federation").count() == 1


def test_federation_administrator_adds_a_regulation_and_a_stricter_quota(client_for, tree):
    admin = federation_admin(tree.BT, "bt_admin")
    client = client_for(admin)
    response = client.post(
        reverse("registrations:regulation-create", args=[tree.BT.pk]),
        {
            "number": "115/QĐ-LĐLĐ",
            "name": "Quy chế khen thưởng",
            "valid_from": "01/01/2018",
            "mark": "VERIFIED",
        },
    )
    assert response.status_code == 302
    regulation = Regulation.objects.get(federation=tree.BT)
    award = Rule.objects.get(key="cstd-co-so@nd91-2017").award
    response = client.post(
        reverse("registrations:rule-create", args=[regulation.pk]),
        {"award": award.pk, "valid_from": "01/01/2018", "quotas": '[{"percent": 10, "of": "lao-dong-tien-tien"}]',
         "multiplier_individual": "1,2", "mark": "VERIFIED"},
    )  # fmt: skip
    rule = Rule.objects.get(regulation=regulation)
    assert response["Location"] == reverse("registrations:rule-detail", args=[rule.pk])
    assert (rule.quotas, rule.multiplier_individual) == ([{"percent": 10, "of": "lao-dong-tien-tien"}], 120)
    detail = client.get(response["Location"]).content.decode()
    assert 'data-testid="history"' in detail


def test_a_looser_quota_is_shown_on_the_field_and_saves_nothing(client_for, tree):
    regulation, rule = federation_layer(tree.BT, quotas=STRICTER)
    client = client_for(federation_admin(tree.BT, "bt_admin"))
    response = client.post(
        reverse("registrations:rule-update", args=[rule.pk]),
        {"award": rule.award_id, "valid_from": "01/01/2018", "quotas": '[{"percent": 30, "of": "lao-dong-tien-tien"}]',
         "mark": "VERIFIED"},
    )  # fmt: skip
    assert response.status_code == 200
    assert response.context["form"].errors["quotas"] == [
        "Khống chế của đơn vị (30) không được rộng hơn quy định cấp trên (15, Nghị định 91/2017/NĐ-CP, Điều 9, khoản 3)."
    ]
    rule.refresh_from_db()
    assert rule.quotas == STRICTER


def test_bad_json_names_the_line_and_column(client_for, tree):
    regulation, _ = federation_layer(tree.BT, quotas=STRICTER)
    client = client_for(federation_admin(tree.BT, "bt_admin"))
    response = client.post(
        reverse("registrations:rule-create", args=[regulation.pk]),
        {"award": Rule.objects.get(key="lao-dong-tien-tien@nd91-2017").award_id, "valid_from": "01/01/2018",
         "prerequisites": "[{", "mark": "VERIFIED"},
    )  # fmt: skip
    assert response.context["form"].errors["prerequisites"] == ["Không đọc được JSON (dòng 1, cột 3)."]


def test_state_rule_detail_is_read_only_for_everyone(client_for, users):
    rule = Rule.objects.get(key="cstd-co-so@nd91-2017")
    response = client_for(users.admin).get(reverse("registrations:rule-detail", args=[rule.pk]))
    assert response.status_code == 200
    assert response.context["can_edit"] is False
    assert (
        client_for(users.admin).post(reverse("registrations:rule-update", args=[rule.pk])).status_code == 403
    )


def test_a_regulation_cannot_be_shortened_below_its_rules(client_for, tree):
    regulation, _ = federation_layer(tree.BT, quotas=STRICTER)
    client = client_for(federation_admin(tree.BT, "bt_admin"))
    url = reverse("registrations:regulation-update", args=[regulation.pk])
    response = client.post(
        url, {"number": "115/QĐ-LĐLĐ", "name": "Quy chế", "valid_from": "01/01/2019", "mark": "VERIFIED"}
    )
    assert response.context["form"].errors["valid_from"] == [
        "Quy định “Chiến sĩ thi đua cơ sở” của văn bản áp dụng ngoài thời gian hiệu lực mới: sửa quy định đó trước."
    ]
    response = client.post(
        url, {"number": "115/QĐ-LĐLĐ", "name": "Quy chế mới", "valid_from": "01/01/2018", "mark": "VERIFIED"}
    )
    assert response.status_code == 302
    regulation.refresh_from_db()
    assert regulation.name == "Quy chế mới"


def test_layer_page_costs_the_same_queries_for_one_or_many_rules(client_for, users, tree):
    regulation, _ = federation_layer(tree.BT, quotas=STRICTER)
    client = client_for(users.province_officer)
    url = reverse("registrations:layer-detail", args=[tree.BT.pk])
    one = _queries(client, url)
    from thidua.registrations import actions
    from thidua.registrations.models import Award

    for code in ("lao-dong-tien-tien", "tt-ld-tien-tien", "bang-khen-ldld"):
        actions.create_rule(
            regulation, by=users.admin, award=Award.objects.get(code=code), multiplier_individual=50
        )
    assert len(client.get(url).context["regulations"][0].rules.all()) == 4
    assert _queries(client, url) == one


def test_changes_page_costs_the_same_queries_for_few_and_many_changes(client_for, users):
    client = client_for(users.province_officer)
    few = reverse("registrations:catalog-changes") + "?from=01/01/2020&to=31/12/2020"
    many = reverse("registrations:catalog-changes") + "?from=31/12/2017&to=01/07/2026"
    client.get(few)
    assert len(client.get(few).context["changed"]) == 0
    assert len(client.get(many).context["changed"]) > 20
    assert _queries(client, few) == _queries(client, many)


def test_the_confederations_staff_see_no_federation_layer_unless_they_choose_one(client_for, users, tree):
    federation_layer(tree.BT, quotas=STRICTER)
    client = client_for(users.admin)
    assert client.get(reverse("registrations:catalog")).context["federation"] is None
    chosen = client.get(reverse("registrations:catalog") + f"?on=31/12/2018&federation={tree.BT.pk}")
    assert chosen.context["federation"] == tree.BT
    assert "không quá 10 %" in chosen.content.decode()
    assert (
        client_for(users.grassroots_officer).get(reverse("registrations:catalog")).context["federation"]
        == tree.BT
    )


def test_the_page_counts_every_title_with_something_unverified(client_for, users):
    response = client_for(users.province_officer).get(reverse("registrations:catalog") + "?on=31/12/2018")
    marks = _rows(response)
    assert response.context["unverified_count"] == list(marks.values()).count("UNVERIFIED") == 13


def test_catalog_export_of_a_day_with_its_citations_and_marks(client_for, users, tree):
    import io

    from openpyxl import load_workbook

    url = reverse("registrations:catalog-export")
    response = client_for(users.grassroots_officer).get(url, {"on": "31/12/2017"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "Danh mục danh hiệu thi đua, hình thức khen thưởng áp dụng ngày 31/12/2017"
    header = next(i for i, r in enumerate(rows) if r[0] == "Mã")
    by_code = {r[0]: dict(zip(rows[header], r, strict=False)) for r in rows[header + 1 :]}
    cstd = by_code["cstd-co-so"]
    assert cstd["Tên"] == "Chiến sĩ thi đua cơ sở"
    assert "không quá 15 %" in cstd["Tỷ lệ, số lượng khống chế"]
    assert "91/2017" in cstd["Căn cứ"]
    assert by_code["lao-dong-tien-tien"]["Mức xác minh"] in ("Đã đối chiếu văn bản gốc", "Theo nguồn thứ cấp")
    federation_layer(tree.BT, quotas=[{"percent": 10, "of": "lao-dong-tien-tien"}])
    own = client_for(users.grassroots_officer).get(url, {"on": "31/12/2018", "federation": tree.BT.pk})
    assert "không quá 10 %" in str(list(load_workbook(io.BytesIO(own.content)).active.values))
    assert (
        client_for(users.outsider).get(url, {"on": "31/12/2018", "federation": tree.BT.pk}).status_code == 404
    )
