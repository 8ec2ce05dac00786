import datetime

import pytest
from django.core.exceptions import ValidationError

from thidua.core.models import AuditEvent
from thidua.orgs import actions, queries
from thidua.orgs.models import Membership, Person, Unit, UnitEvent, UnitVersion

D2017 = datetime.date(2017, 6, 1)
D2025 = datetime.date(2025, 7, 1)


def codes(versions):
    return [v.unit.code for v in versions]


def test_subtree_totals_sum_members_of_grassroots_unions(tree):
    assert queries.subtree_totals(tree.BT) == {
        "grassroots": 3,
        "members": 4,
        "workers": 5,
        "direct_workers": 3,
    }
    assert queries.subtree_totals(tree.TLD)["grassroots"] == 4


def test_children_with_totals_annotates_each_child(tree, django_assert_num_queries):
    with django_assert_num_queries(2):
        children = queries.children_with_totals(tree.BT)
    assert [(c.code, c.total_grassroots, c.total_members) for c in children] == [("CT", 2, 3), ("TPBT", 1, 1)]


def test_move_keeps_the_tree_as_it_was_before_the_effective_date(tree, users):
    actions.move_unit(tree.MAY, tree.TPBT, by=users.admin, effective_on=D2025)
    assert codes(queries.tree_as_of(tree.CT, D2017)) == ["CT", "MAY", "THPT"]
    assert codes(queries.tree_as_of(tree.CT, D2025)) == ["CT", "THPT"]
    assert codes(queries.tree_as_of(tree.TPBT, D2025)) == ["TPBT", "DUA", "MAY"]
    assert [v.unit.code for v in queries.ancestors_as_of(tree.MAY, D2017)] == ["TLD", "BT", "CT", "MAY"]
    assert [v.unit.code for v in queries.ancestors_as_of(tree.MAY, D2025)] == ["TLD", "BT", "TPBT", "MAY"]
    event = UnitEvent.objects.get(unit=tree.MAY, kind=UnitEvent.Kind.MOVED)
    assert (event.from_parent.code, event.to_parent.code, event.effective_on) == ("CT", "TPBT", D2025)


def test_rename_is_dated(tree, users):
    actions.rename_unit(tree.CT, by=users.admin, name="Công đoàn khu vực Châu Thành", effective_on=D2025)
    assert queries.unit_as_of(tree.CT, D2017).name == "Liên đoàn Lao động huyện Châu Thành"
    assert queries.unit_as_of(tree.CT, D2025).name == "Công đoàn khu vực Châu Thành"


def test_merge_moves_children_and_dissolves_the_source(tree, users):
    actions.merge_units([tree.BT], tree.TV, by=users.admin, effective_on=D2025)
    bt = Unit.objects.get(code="BT")
    assert bt.dissolved_on == D2025 and bt.merged_into.code == "TV"
    assert codes(queries.tree_as_of(tree.TV, D2025)) == [
        "TV",
        "LD",
        "GIAY",
        "CT",
        "MAY",
        "THPT",
        "TPBT",
        "DUA",
    ]
    assert codes(queries.tree_as_of(tree.BT, D2017))[:2] == ["BT", "CT"]
    assert queries.tree_as_of(tree.BT, D2025) == []
    assert queries.subtree_totals(Unit.objects.get(code="TV"))["grassroots"] == 4


def test_merging_grassroots_unions_transfers_members(tree, users):
    actions.merge_units([tree.THPT], tree.MAY, by=users.admin, effective_on=D2025)
    mai = Person.objects.get(full_name="Huỳnh Thị Mai")
    assert mai.unit.code == "MAY"
    assert list(mai.memberships.order_by("joined_on").values_list("unit__code", "left_on")) == [
        ("THPT", D2025),
        ("MAY", None),
    ]
    assert Unit.objects.get(code="MAY").member_count == 3
    assert Unit.objects.get(code="THPT").member_count == 0


def test_cannot_dissolve_a_unit_with_active_children(tree, users):
    with pytest.raises(ValidationError, match="còn 2 đơn vị trực thuộc"):
        actions.dissolve_unit(tree.CT, by=users.admin, effective_on=D2025)


def test_cannot_move_under_own_descendant(tree, users):
    with pytest.raises(ValidationError, match="chính nó"):
        actions.move_unit(tree.BT, tree.CT, by=users.admin, effective_on=D2025)


def test_grassroots_cannot_hold_an_upper_union(tree, users):
    with pytest.raises(ValidationError, match="không thể trực thuộc"):
        actions.move_unit(tree.CT, tree.DUA, by=users.admin, effective_on=D2025)


def test_effective_date_before_last_change_is_refused(tree, users):
    actions.move_unit(tree.MAY, tree.TPBT, by=users.admin, effective_on=D2025)
    with pytest.raises(ValidationError, match="01/07/2025"):
        actions.rename_unit(tree.MAY, by=users.admin, name="X", effective_on=D2017)


def test_transfer_keeps_the_person_record_and_history(tree, users, people):
    actions.transfer_person(people.tran_hao, tree.DUA, by=users.admin, on=D2025)
    hao = Person.objects.get(pk=people.tran_hao.pk)
    assert hao.unit.code == "DUA"
    assert Membership.objects.as_of(D2017).get(person=hao).unit.code == "MAY"
    assert Membership.objects.as_of(D2025).get(person=hao).unit.code == "DUA"
    assert (Unit.objects.get(code="MAY").member_count, Unit.objects.get(code="DUA").member_count) == (1, 2)


def test_a_version_replaced_on_the_same_day_is_kept_in_the_audit_trail(tree, users):
    actions.rename_unit(tree.CT, by=users.admin, name="Tên tạm", effective_on=D2025)
    replaced = UnitVersion.objects.get(unit=tree.CT, valid_from=D2025)
    actions.rename_unit(tree.CT, by=users.admin, name="Công đoàn khu vực Châu Thành", effective_on=D2025)
    assert not UnitVersion.objects.filter(pk=replaced.pk).exists()
    record = AuditEvent.objects.get(action="delete", content_type__model="unitversion")
    assert record.object_id == str(replaced.pk)
    assert record.actor == users.admin
    assert record.changes["name"] == ["Tên tạm", None]
    assert record.changes["valid_from"] == [D2025.isoformat(), None]
    assert record.note == "Thay bằng phiên bản mới cùng ngày hiệu lực 01/07/2025"
