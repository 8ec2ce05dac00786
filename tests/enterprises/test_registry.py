"""The registry: registering and editing enterprises by relation to the upper-level union that follows them, the
list (search without diacritics, filters, query counts), the detail page, the export."""

import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.core import audit
from thidua.enterprises import actions
from thidua.enterprises.models import Enterprise, Stage

from .builders import enterprise, sibling_user, tax_code

pytestmark = pytest.mark.django_db


def test_registering_validates_the_tax_code_and_refuses_a_duplicate(tree, users):
    with pytest.raises(ValidationError) as caught:
        actions.register_enterprise(by=users.district_leader, upper_unit=tree.CT, tax_code="0100233480",
                                    name="Công ty A", ownership="private")  # fmt: skip
    assert caught.value.message_dict == {"tax_code": ["Mã số thuế “0100233480” sai chữ số kiểm tra: hãy soát lại "
                                                      "từng chữ số."]}  # fmt: skip
    actions.register_enterprise(by=users.district_leader, upper_unit=tree.CT, tax_code="0100233488",
                                name="Công ty A", ownership="private")  # fmt: skip
    with pytest.raises(ValidationError) as caught:
        actions.register_enterprise(by=users.province_officer, upper_unit=tree.TPBT, tax_code="01.00.233.488",
                                    name="Công ty B", ownership="fdi")  # fmt: skip
    assert caught.value.message_dict == {
        "tax_code": ["Mã số thuế “0100233488” đã có trong danh sách doanh nghiệp."]
    }


def test_a_new_enterprise_starts_unsurveyed_and_one_with_a_union_starts_founded(tree):
    plain = enterprise(tree.CT)
    with_union = enterprise(
        tree.CT, name="Công ty TNHH May Việt Tiến Bến Tre", ownership="fdi", union_unit=tree.MAY
    )
    assert (plain.stage, plain.union_unit) == (Stage.NOT_SURVEYED, None)
    assert (with_union.stage, with_union.union_unit) == (Stage.FOUNDED, tree.MAY)
    assert [e.object_repr for e in audit.history_of(plain)] == ["Công ty TNHH Chế biến Dừa Lương Quới"]


def test_the_union_of_an_enterprise_must_lie_below_its_upper_level_union(tree):
    with pytest.raises(ValidationError) as caught:
        enterprise(tree.CT, union_unit=tree.DUA)
    assert caught.value.message_dict == {
        "union_unit": [
            "Công đoàn cơ sở của doanh nghiệp phải trực thuộc “Liên đoàn Lao động huyện Châu Thành”."
        ]
    }


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("district_leader", True), ("province_officer", True), ("province_leader", True), ("sibling", False),
     ("grassroots_officer", False), ("outsider", False), ("council_member", False)],
)  # fmt: skip
def test_editing_an_enterprise_follows_the_relation_to_its_upper_level_union(tree, users, django_user_model, who,
                                                                             allowed):  # fmt: skip
    firm = enterprise(tree.CT)
    user = sibling_user(tree, django_user_model) if who == "sibling" else getattr(users, who)
    if allowed:
        actions.update_enterprise(firm, by=user, workforce=500)
        assert Enterprise.objects.get(pk=firm.pk).workforce == 500
    else:
        with pytest.raises(PermissionDenied):
            actions.update_enterprise(firm, by=user, workforce=500)
        with pytest.raises(PermissionDenied):
            actions.register_enterprise(by=user, upper_unit=tree.CT, tax_code=tax_code(), name="Công ty C",
                                        ownership="private")  # fmt: skip


@pytest.mark.parametrize(
    ("who", "status"),
    [("district_leader", 200), ("province_officer", 200), ("sibling", 404), ("grassroots_officer", 404),
     ("outsider", 404)],
)  # fmt: skip
def test_the_detail_page_is_404_outside_the_upper_level_unions_subtree(tree, users, client, django_user_model, who,
                                                                       status):  # fmt: skip
    firm = enterprise(tree.CT)
    user = sibling_user(tree, django_user_model) if who == "sibling" else getattr(users, who)
    client.force_login(user)
    assert client.get(reverse("enterprises:enterprise-detail", args=[firm.pk])).status_code == status
    assert client.post(reverse("enterprises:enterprise-update", args=[firm.pk])).status_code in (
        {200: 400, 404: 404}[status],
    )


def test_the_list_searches_without_diacritics_and_filters(tree, users, client):
    enterprise(tree.CT, name="Công ty TNHH Chế biến Dừa Lương Quới", industry="Chế biến dừa")
    enterprise(tree.CT, name="Hợp tác xã Thủy sản Bình Đại", ownership="cooperative")
    enterprise(tree.TPBT, name="Công ty Cổ phần Đường Bến Tre", ownership="state_enterprise")
    client.force_login(users.province_officer)
    url = reverse("enterprises:enterprise-list")

    def names(query):
        page = client.get(url + query)
        return [e.name for e in page.context["enterprises"]]

    assert names("?q=luong quoi") == ["Công ty TNHH Chế biến Dừa Lương Quới"]
    assert names("?q=duong ben tre") == ["Công ty Cổ phần Đường Bến Tre"]
    assert names("?ownership=cooperative") == ["Hợp tác xã Thủy sản Bình Đại"]
    assert names(f"?upper={tree.TPBT.pk}") == ["Công ty Cổ phần Đường Bến Tre"]
    client.force_login(users.district_leader)
    assert len(names("")) == 2
    assert client.get(url + f"?upper={tree.TPBT.pk}").status_code == 404


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_list_costs_the_same_queries_for_one_and_many_enterprises(tree, users, client):
    client.force_login(users.province_officer)
    url = reverse("enterprises:enterprise-list")
    enterprise(tree.CT, union_unit=tree.MAY)
    one = _queries(client, url)
    for n in range(30):
        enterprise(tree.TPBT if n % 2 else tree.CT, name=f"Công ty số {n}")
    assert _queries(client, url) == one


def test_the_detail_page_costs_a_bounded_number_of_queries(tree, users, client):
    firm = enterprise(tree.CT)
    client.force_login(users.district_leader)
    url = reverse("enterprises:enterprise-detail", args=[firm.pk])
    before = _queries(client, url)
    for n in range(5):
        actions.record_survey(
            firm, by=None, visited_on=firm.stage_since, officers=f"Cán bộ {n}", attitude="undecided"
        )
    assert _queries(client, url) == before


def test_creating_through_the_page(tree, users, client):
    client.force_login(users.district_leader)
    response = client.post(reverse("enterprises:enterprise-create"), {
        "upper_unit": tree.CT.pk, "tax_code": "0100233488", "name": "Công ty TNHH Giày Lạc Tỷ", "ownership": "fdi",
        "workforce": "1200", "industry": "Sản xuất giày dép", "province_code": "", "ward_code": "", "address": "",
    })  # fmt: skip
    firm = Enterprise.objects.get(tax_code="0100233488")
    assert response.status_code == 302
    assert (firm.name, firm.upper_unit, firm.workforce) == ("Công ty TNHH Giày Lạc Tỷ", tree.CT, 1200)
    bad = client.post(reverse("enterprises:enterprise-create"), {
        "upper_unit": tree.CT.pk, "tax_code": "0100233481", "name": "X", "ownership": "fdi"})  # fmt: skip
    assert bad.status_code == 400
    assert "sai chữ số kiểm tra" in bad.content.decode()


def test_the_grassroots_officer_cannot_open_the_create_form(users, client):
    client.force_login(users.grassroots_officer)
    assert client.get(reverse("enterprises:enterprise-create")).status_code == 403


def test_archiving_keeps_the_enterprise_out_of_the_list_and_restorable(tree, users, client):
    firm = enterprise(tree.CT)
    client.force_login(users.district_leader)
    client.post(reverse("enterprises:enterprise-archive", args=[firm.pk]), {"note": "Giải thể"})
    assert Enterprise.objects.get(pk=firm.pk).archived_at is not None
    assert list(client.get(reverse("enterprises:enterprise-list")).context["enterprises"]) == []
    client.post(reverse("enterprises:enterprise-archive", args=[firm.pk]))
    assert Enterprise.objects.get(pk=firm.pk).archived_at is None


def test_the_export_has_the_listed_enterprises_and_nothing_of_another_branch(tree, users, client):
    enterprise(tree.CT, name="Công ty TNHH Chế biến Dừa Lương Quới")
    enterprise(tree.LD, name="Công ty TNHH Giày Trà Vinh Hai")
    client.force_login(users.province_officer)
    response = client.get(reverse("enterprises:enterprise-export"))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    text = "\n".join(str(c) for row in book.worksheets[0].iter_rows(values_only=True) for c in row)
    assert "Công ty TNHH Chế biến Dừa Lương Quới" in text
    assert "Trà Vinh" not in text


def test_the_unit_page_of_an_upper_level_union_shows_its_enterprises_panel(tree, users, client):
    enterprise(tree.CT)
    client.force_login(users.district_leader)
    page = client.get(reverse("orgs:unit-detail", args=[tree.CT.pk])).content.decode()
    assert 'data-testid="unit-enterprises"' in page
    assert "1 doanh nghiệp theo dõi" in page
