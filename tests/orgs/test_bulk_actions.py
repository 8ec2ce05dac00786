"""The bulk actions imports call keep the single-row actions' rules, history and audit."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from thidua.core.models import AuditEvent
from thidua.orgs import actions
from thidua.orgs.models import Membership, Person, Unit, UnitEvent, UnitVersion

pytestmark = pytest.mark.django_db


def test_create_units_founds_parents_before_children_with_history_and_audit(tree, users):
    created = actions.create_units(
        [
            actions.NewUnit("CS-NEW", "Công đoàn cơ sở Mới", "grassroots", parent_code="H-NEW"),
            actions.NewUnit("H-NEW", "Liên đoàn Lao động huyện Mới", "upper", parent_code="BT",
                            values={"founded_on": datetime.date(2020, 1, 1)}),
        ],
        by=users.admin,
        note="Nhập từ Excel",
        today=datetime.date(2024, 6, 1),
    )  # fmt: skip
    assert [u.code for u in created] == ["H-NEW", "CS-NEW"]
    district, union = Unit.objects.get(code="H-NEW"), Unit.objects.get(code="CS-NEW")
    assert (union.path[: -Unit.steplen], district.path[: -Unit.steplen]) == (district.path, tree.BT.path)
    assert Unit.objects.get(code="BT").numchild == tree.BT.numchild + 1
    assert district.numchild == 1
    assert Unit.objects.find_problems() == ([], [], [], [], [])
    assert list(UnitVersion.objects.filter(unit=union).values_list("valid_from", "parent__code")) == [
        (datetime.date(2024, 6, 1), "H-NEW")
    ]
    assert list(UnitEvent.objects.filter(unit=district).values_list("kind", "effective_on", "note")) == [
        ("founded", datetime.date(2020, 1, 1), "Nhập từ Excel")
    ]
    event = AuditEvent.objects.get(content_type__model="unit", object_id=str(union.pk))
    assert (event.action, event.actor, event.note, event.changes["code"]) == (
        "import", users.admin, "Tạo mới khi nhập từ Excel", [None, "CS-NEW"],
    )  # fmt: skip


@pytest.mark.parametrize(
    ("new_units", "message"),
    [
        ([actions.NewUnit("X1", "Tỉnh dưới cơ sở", "province", parent_code="MAY")],
         "Đơn vị cấp “LĐLĐ tỉnh, thành phố” không thể trực thuộc đơn vị cấp “Công đoàn cơ sở”."),
        ([actions.NewUnit("MAY", "Trùng mã", "grassroots", parent_code="CT")], "Mã đơn vị “MAY” đã được dùng."),
        ([actions.NewUnit("X2", "Không cấp trên", "grassroots")], "Đơn vị mới cần mã đơn vị cấp trên."),
        ([actions.NewUnit("X3", "A", "grassroots", parent_code="X4"),
          actions.NewUnit("X4", "B", "upper", parent_code="X3")], "Các đơn vị cấp trên tạo thành vòng lặp."),
    ],
    ids=["level", "code", "root", "loop"],
)  # fmt: skip
def test_create_units_keeps_the_founding_rules(tree, users, new_units, message):
    before = (Unit.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as caught:
        actions.create_units(new_units, by=users.admin)
    assert caught.value.messages == [message]
    assert (Unit.objects.count(), AuditEvent.objects.count()) == before


def test_update_units_renames_through_the_history_and_audits_the_other_facts(tree, users):
    day = datetime.date(2024, 6, 1)
    changed = actions.update_units(
        [(tree.MAY, {"name": "Công đoàn cơ sở May Mới", "workforce_size": 900})],
        by=users.admin,
        effective_on=day,
    )
    may = Unit.objects.get(code="MAY")
    assert (changed, may.name, may.workforce_size) == (1, "Công đoàn cơ sở May Mới", 900)
    assert UnitEvent.objects.filter(unit=may, kind="renamed", effective_on=day).count() == 1
    events = AuditEvent.objects.filter(content_type__model="unit", object_id=str(may.pk))
    assert ("Cập nhật khi nhập từ Excel",) in list(events.values_list("note"))


def test_upsert_people_adds_people_with_their_membership_and_recounts(tree, users):
    row = actions.PersonUpsert(row=2, full_name="Lý Văn Tâm", unit_code="MAY", unit=tree.MAY,
                               person={"national_id": "083090000111"}, membership={"card_number": "T1"})  # fmt: skip
    actions.upsert_people([row], by=users.grassroots_officer)
    tam = Person.objects.get(national_id="083090000111")
    membership = Membership.objects.get(person=tam)
    assert (tam.given_name, tam.unit, membership.card_number) == ("Tâm", tree.MAY, "T1")
    assert Unit.objects.get(code="MAY").worker_count == tree.MAY.worker_count + 1
    event = AuditEvent.objects.get(content_type__model="person", object_id=str(tam.pk))
    assert event.actor == users.grassroots_officer


def test_upsert_people_refuses_a_union_that_is_not_grassroots(tree, users):
    row = actions.PersonUpsert(row=2, full_name="Lý Văn Tâm", unit_code="CT", unit=tree.CT)
    with pytest.raises(ValidationError):
        actions.upsert_people([row], by=users.admin)
    assert not Person.objects.filter(full_name="Lý Văn Tâm").exists()
