"""A federation's own indicators (chỉ tiêu riêng): added by the level that publishes forms, to a draft form of its
own, checked like the shipped catalog, entered by the units below and rolled up by their own rule."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from thidua.core.models import AuditEvent
from thidua.reports import actions
from thidua.reports.models import Indicator
from thidua.reports.rollup import rollup

from .builders import form_for, report

pytestmark = pytest.mark.django_db

HOUSES = {"code": "BT.NHA01", "name": "Nhà “Mái ấm Công đoàn” khởi công", "unit_of_measure": "so_luong",
          "count_word": "căn", "aggregation": "sum"}  # fmt: skip
MEMBERS = {"code": "BT.DV01", "name": "Đoàn viên tham gia “Tết sum vầy”", "unit_of_measure": "nguoi",
           "aggregation": "end_of_period"}  # fmt: skip


def test_the_province_adds_its_own_indicator_to_its_draft_form(tree, users):
    draft = form_for(tree.BT, publish=False)
    made = actions.create_own_indicator(tree.BT, by=users.province_officer, form=draft, **HOUSES)
    assert (made.owner, made.code, made.aggregation) == (tree.BT, "BT.NHA01", "sum")
    assert (
        list(draft.form_indicators.order_by("order").values_list("indicator__code", flat=True))[-1]
        == "BT.NHA01"
    )
    assert AuditEvent.objects.filter(action="create", object_id=str(made.pk)).exists()
    # offered to its subtree, not to another province
    assert Indicator.objects.for_unit(tree.MAY).filter(code="BT.NHA01").exists()
    assert not Indicator.objects.for_unit(tree.GIAY).filter(code="BT.NHA01").exists()


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({**HOUSES, "count_word": ""}, "count_word"),
        ({**HOUSES, "code": "TD05"}, "code"),
        ({**HOUSES, "code": "nhà 1"}, "code"),
        ({**HOUSES, "aggregation": "ratio"}, "numerator"),
        ({**MEMBERS, "unit_of_measure": "percent"}, "aggregation"),
        ({**HOUSES, "allows_approximate": True}, "allows_approximate"),
        ({**MEMBERS, "part_of": "TC01.NU"}, None),  # a part in the same unit: fine
        ({**MEMBERS, "part_of": "TD05"}, "part_of"),
    ],
)
def test_an_own_indicator_is_checked_like_the_catalog(tree, users, values, field):
    values = dict(values)
    if "part_of" in values:
        values["part_of"] = Indicator.objects.get(code=values["part_of"])
    if field is None:
        actions.create_own_indicator(tree.BT, by=users.province_officer, **values)
        return
    with pytest.raises(ValidationError) as excinfo:
        actions.create_own_indicator(tree.BT, by=users.province_officer, **values)
    assert field in excinfo.value.message_dict
    assert not Indicator.objects.filter(owner=tree.BT).exists()


def test_only_the_officers_above_the_grassroots_add_indicators(tree, users):
    for user, unit in (
        (users.grassroots_officer, tree.MAY),
        (users.outsider, tree.BT),
        (users.district_leader, tree.BT),
    ):
        with pytest.raises(PermissionDenied):
            actions.create_own_indicator(unit, by=user, **HOUSES)
    # a district federation adds its own for its subtree
    actions.create_own_indicator(tree.CT, by=users.district_leader, **HOUSES)
    # but not to the province's form
    draft = form_for(tree.BT, publish=False)
    with pytest.raises(ValidationError) as excinfo:
        actions.create_own_indicator(tree.CT, by=users.district_leader, form=draft, **{**MEMBERS})
    assert "form" in excinfo.value.message_dict


def test_own_indicators_are_entered_and_rolled_up_by_their_rule(tree, users):
    draft = form_for(tree.BT, codes=["TC01", "TC02"], publish=False)
    actions.create_own_indicator(tree.BT, by=users.province_officer, form=draft, **HOUSES)
    actions.create_own_indicator(tree.BT, by=users.province_officer, form=draft, **MEMBERS)
    actions.publish_form(draft, by=None)
    for unit, houses, members in ((tree.MAY, 2, 300), (tree.THPT, 1, 40)):
        r = report(draft, unit)
        actions.save_values(
            r, by=None, entries={"BT.NHA01": {"value": houses}, "BT.DV01": {"value": members}}
        )
        actions.submit_report(r, by=None)
        actions.approve_report(r, by=users.district_leader)
    # a bad figure for an own indicator is refused naming it
    with pytest.raises(ValidationError) as excinfo:
        actions.save_values(report(draft, tree.DUA), by=None, entries={"BT.NHA01": {"value": "2,5"}})
    assert "BT.NHA01" in excinfo.value.message_dict["BT.NHA01"][0]
    result = rollup(draft, tree.BT)
    figures = {i.code: result.total.figures.get(i.pk) for i in result.indicators}
    assert figures["BT.NHA01"].value == 3 and figures["BT.DV01"].value == 340


def test_the_page_adds_an_indicator_to_the_draft_form(tree, users, client):
    draft = form_for(tree.BT, publish=False)
    client.force_login(users.province_officer)
    assert 'data-testid="add-own-indicator"' in client.get(f"/bao-cao/mau/{draft.pk}/").content.decode()
    url = f"/bao-cao/chi-tieu/them/{tree.BT.pk}/?form={draft.pk}"
    assert client.get(url).status_code == 200
    bad = client.post(url, {**HOUSES, "count_word": ""})
    assert bad.status_code == 400 and "đơn vị đếm" in bad.content.decode()
    assert client.post(url, HOUSES).status_code == 302
    assert draft.form_indicators.filter(indicator__code="BT.NHA01").exists()
    page = client.get("/bao-cao/chi-tieu/").content.decode()
    assert 'data-code="BT.NHA01"' in page
    indicator = Indicator.objects.get(code="BT.NHA01")
    client.force_login(users.outsider)
    assert client.get(url).status_code == 404
    assert client.post(f"/bao-cao/chi-tieu/{indicator.pk}/luu-tru/").status_code == 404
    assert 'data-code="BT.NHA01"' not in client.get("/bao-cao/chi-tieu/").content.decode()
    client.force_login(users.grassroots_officer)
    assert client.get(f"/bao-cao/chi-tieu/them/{tree.MAY.pk}/").status_code == 403
    client.force_login(users.province_officer)
    assert client.post(f"/bao-cao/chi-tieu/{indicator.pk}/luu-tru/").status_code == 302
    indicator.refresh_from_db()
    assert indicator.archived_at is not None
