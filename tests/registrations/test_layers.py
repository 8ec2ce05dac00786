"""A federation's own layer on top of the State's and the confederation's: it applies on its subtree only."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from thidua.core.audit import history_of
from thidua.registrations import actions
from thidua.registrations.models import Award, Regulation, Rule
from thidua.registrations.queries import catalog_on, federation_of, rule_for

from .builders import federation_layer

D = datetime.date
STRICTER = [{"percent": 10, "of": "lao-dong-tien-tien", "per": "mỗi CĐCS, mỗi năm"}]


def test_federation_of_a_unit_is_its_provincial_federation(tree):
    assert federation_of(tree.MAY) == tree.BT
    assert federation_of(tree.BT) == tree.BT
    assert federation_of(tree.GIAY) == tree.TV
    assert federation_of(tree.TLD) is None


def test_stricter_quota_of_a_federation_applies_on_its_subtree_only(tree):
    federation_layer(tree.BT, quotas=STRICTER)
    day = D(2018, 12, 31)
    assert rule_for("cstd-co-so", day, federation=tree.MAY).quota_percent_of("lao-dong-tien-tien") == 10
    assert rule_for("cstd-co-so", day, federation=tree.BT).quota_percent_of("lao-dong-tien-tien") == 10
    assert rule_for("cstd-co-so", day, federation=tree.GIAY).quota_percent_of("lao-dong-tien-tien") == 15
    assert rule_for("cstd-co-so", day).quota_percent_of("lao-dong-tien-tien") == 15
    layered = rule_for("cstd-co-so", day, federation=tree.MAY)
    assert [r.regulation.layer for r in layered.rules] == ["state", "federation"]
    assert layered.values["quotas"].citation == "115/QĐ-LĐLĐ"
    assert layered.value("multiplier_individual") == 100  # still the State's


def test_federation_rule_applies_only_within_its_period(tree):
    federation_layer(tree.BT, quotas=STRICTER)
    assert (
        rule_for("cstd-co-so", D(2017, 12, 31), federation=tree.MAY).quota_percent_of("lao-dong-tien-tien")
        == 15
    )


def test_a_looser_quota_than_the_state_allows_is_refused(tree):
    with pytest.raises(ValidationError) as error:
        federation_layer(tree.BT, quotas=[{"percent": 20, "of": "lao-dong-tien-tien"}])
    assert error.value.message_dict["quotas"] == [
        "Khống chế của đơn vị (20) không được rộng hơn quy định cấp trên (15, Nghị định 91/2017/NĐ-CP, Điều 9, khoản 3)."
    ]
    assert not Rule.objects.filter(regulation__layer="federation").exists()


def test_bad_prerequisites_are_refused_with_the_item_named(tree):
    with pytest.raises(ValidationError) as error:
        federation_layer(tree.BT, prerequisites=[{"kind": "award", "award": "khong-co", "years": 0}])
    assert sorted(error.value.message_dict["prerequisites"]) == [
        "điều kiện thứ 1: không có danh hiệu, hình thức mã “khong-co”.",
        "điều kiện thứ 1: “years” phải là số nguyên dương.",
    ]


def test_a_federation_adds_its_own_prize(tree):
    award = actions.create_award(tree.BT, by=None, code="giai-thuong-dong-khoi", name="Giải thưởng Đồng Khởi",
                                 recipient="individual")  # fmt: skip
    federation_layer(
        tree.BT, award=award.code, multiplier_individual=200, who_for="Đoàn viên xuất sắc tiêu biểu"
    )
    day = D(2019, 5, 1)
    mine = catalog_on(day, tree.MAY).get("giai-thuong-dong-khoi")
    assert (mine.name, mine.value("multiplier_individual"), mine.citation) == (
        "Giải thưởng Đồng Khởi",
        200,
        "115/QĐ-LĐLĐ",
    )
    assert catalog_on(day, tree.GIAY).get("giai-thuong-dong-khoi") is None
    assert catalog_on(day).get("giai-thuong-dong-khoi") is None


def test_a_prize_of_another_federation_cannot_be_ruled(tree):
    actions.create_award(tree.TV, by=None, code="giai-thuong-tra-vinh", name="Giải thưởng Trà Vinh")
    with pytest.raises(ValidationError) as error:
        federation_layer(tree.BT, award="giai-thuong-tra-vinh")
    assert error.value.message_dict["award"] == ["Giải thưởng này thuộc đơn vị khác."]


def test_overlapping_rules_of_one_federation_are_refused(tree):
    regulation, _ = federation_layer(tree.BT, quotas=STRICTER)
    with pytest.raises(ValidationError) as error:
        actions.create_rule(
            regulation, by=None, award=Award.objects.get(code="cstd-co-so"), valid_from=D(2019, 1, 1)
        )
    assert error.value.message_dict["valid_from"] == [
        "Đã có quy định của đơn vị về “Chiến sĩ thi đua cơ sở” áp dụng trong từ 01/01/2018."
    ]


def test_only_a_federation_has_its_own_layer(tree):
    with pytest.raises(ValidationError):
        actions.create_regulation(tree.CT, by=None, number="1/QĐ", name="x", valid_from=D(2018, 1, 1))
    assert not Regulation.objects.filter(layer="federation").exists()


def test_editing_a_rule_keeps_its_history(tree, users):
    _, rule = federation_layer(tree.BT, quotas=STRICTER, by=users.admin)
    actions.update_rule(rule, by=users.admin, quotas=[{"percent": 12, "of": "lao-dong-tien-tien"}])
    events = list(history_of(rule))
    assert [e.action for e in events] == ["update", "create"]
    assert events[0].changes["quotas"] == [STRICTER, [{"percent": 12, "of": "lao-dong-tien-tien"}]]
    assert events[0].actor == users.admin


def test_archiving_a_rule_brings_back_the_inherited_value(tree):
    _, rule = federation_layer(tree.BT, quotas=STRICTER)
    actions.archive_rule(rule, by=None)
    assert (
        rule_for("cstd-co-so", D(2018, 12, 31), federation=tree.MAY).quota_percent_of("lao-dong-tien-tien")
        == 15
    )
    assert [e.action for e in history_of(rule)] == ["archive", "create"]


def test_state_rules_are_not_edited_through_actions():
    rule = Rule.objects.get(key="cstd-co-so@nd91-2017")
    with pytest.raises(ValidationError):
        actions.update_rule(rule, by=None, quotas=[])
    rule.refresh_from_db()
    assert rule.quotas[0]["percent"] == 15
