"""The write path of decisions: drafts, lines and their money, issuing, immutability, revocation, permissions."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from thidua.core.models import AuditEvent
from thidua.rewards import actions
from thidua.rewards.models import AwardRecord, Decision, DecisionLine

from .builders import YEAR_END_2017, draft, issued, person_line, register, unit_line, user_of

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def reg(tree):
    return register(tree.BT, place="Bến Tre")


def test_a_draft_works_out_each_line_money_from_the_catalog(reg, tree, people, users):
    decision = draft(reg, [person_line(people.tran_hao, reason="Hoàn thành xuất sắc nhiệm vụ"),
                           unit_line(tree.MAY)], by=users.province_officer)  # fmt: skip
    hao, may = decision.lines.order_by("sort")
    assert (hao.amount, hao.multiplier, hao.base_salary) == (390_000, 30, 1_300_000)
    assert (hao.name_at_time, hao.unit_at_time, hao.year) == ("Trần Trung Hào", tree.MAY, 2017)
    assert (may.amount, may.multiplier, may.name_at_time) == (1_040_000, 80, tree.MAY.name)
    assert decision.status == "draft" and decision.number is None
    assert AuditEvent.objects.filter(action="create_decision", object_id=str(decision.pk)).count() == 1


def test_bad_lines_are_refused_naming_each_line(reg, tree, people):
    with pytest.raises(ValidationError) as error:
        draft(reg, [
            person_line(people.tran_hao),
            person_line(people.tran_hao),  # twice
            person_line(people.pham_binh),  # Trà Vinh: not the issuer's subtree
            unit_line(tree.MAY, award="lao-dong-tien-tien"),  # individuals only
            person_line(people.nguyen_dao, award="khong-co"),
        ])  # fmt: skip
    assert error.value.message_dict["lines"] == [
        "Dòng 2: trùng với dòng 1.",
        "Dòng 3: không thuộc phạm vi của Liên đoàn Lao động tỉnh Bến Tre.",
        "Dòng 4: “Lao động tiên tiến” chỉ tặng cá nhân.",
        "Dòng 5: không có danh hiệu, hình thức mã “khong-co”.",
    ]
    assert not Decision.objects.exists()


def test_the_decision_date_must_fall_in_the_register_year(reg):
    with pytest.raises(ValidationError) as error:
        draft(reg, decided_on=D(2018, 1, 5))
    assert error.value.message_dict == {"decided_on": ["Ngày quyết định phải trong năm 2017 của sổ."]}


def test_two_titles_of_one_period_pay_only_the_highest(reg, people):
    decision = draft(reg, [person_line(people.tran_hao), person_line(people.tran_hao, award="cstd-co-so")])
    ldtt, cstd = decision.lines.order_by("sort")
    assert (ldtt.amount, cstd.amount) == (0, 1_300_000)
    assert "danh hiệu cao nhất" in ldtt.citation


def test_a_title_already_recorded_for_the_period_is_refused(reg, people):
    issued(reg, [person_line(people.tran_hao)])
    with pytest.raises(ValidationError) as error:
        draft(reg, [person_line(people.tran_hao)])
    assert error.value.message_dict["lines"] == [
        "Dòng 1: Trần Trung Hào đã được tặng “Lao động tiên tiến” năm 2017 (quyết định 1/QĐ-LĐLĐ)."
    ]


def test_issuing_numbers_the_decision_and_enters_the_permanent_record(reg, tree, people, users):
    decision = issued(reg, [person_line(people.tran_hao), unit_line(tree.MAY)], by=users.province_leader)
    assert (decision.number, decision.reference, decision.status) == (1, "1/QĐ-LĐLĐ", "issued")
    records = AwardRecord.objects.order_by("id")
    assert [
        (r.person, r.unit, r.award.code, r.year, r.amount, r.source, r.decision_number) for r in records
    ] == [
        (people.tran_hao, None, "lao-dong-tien-tien", 2017, 390_000, "decision", "1/QĐ-LĐLĐ"),
        (None, tree.MAY, "tt-ld-tien-tien", 2017, 1_040_000, "decision", "1/QĐ-LĐLĐ"),
    ]
    assert records[0].issuer == tree.BT and records[0].decided_on == YEAR_END_2017
    assert issued(reg, [person_line(people.nguyen_dao)]).number == 2
    reg.refresh_from_db()
    assert reg.next_number == 3


def test_an_issued_decision_is_immutable(reg, people, users):
    decision = issued(reg, [person_line(people.tran_hao)])
    for attempt in (
        lambda: actions.update_decision(decision, by=users.province_leader, title="Sửa"),
        lambda: actions.add_decision_lines(
            decision, [person_line(people.nguyen_dao)], by=users.province_leader
        ),
        lambda: actions.remove_decision_lines(decision, by=None, line_ids=[decision.lines.get().pk]),
        lambda: actions.issue_decision(decision, by=users.province_leader),
        lambda: actions.archive_decision(decision, by=None),
    ):
        with pytest.raises(ValidationError) as error:
            attempt()
        assert error.value.messages == ["Quyết định 1/QĐ-LĐLĐ đã ban hành: không sửa được."]
    decision.refresh_from_db()
    assert (decision.title, decision.lines.count(), decision.number) == (
        "Về việc khen thưởng tổng kết năm 2017", 1, 1)  # fmt: skip


def test_updating_a_draft_date_works_the_money_out_again(tree, people):
    reg2018 = register(tree.BT, year=2018)
    decision = draft(reg2018, [person_line(people.tran_hao)], decided_on=D(2018, 6, 1))
    assert decision.lines.get().amount == 390_000
    actions.update_decision(decision, by=None, decided_on=D(2018, 12, 20))
    assert decision.lines.get().amount == 420_000  # 0.3 × 1,390,000 = 417,000 → 420,000


def test_lines_are_added_and_removed_by_their_source(reg, people):
    decision = draft(reg, [person_line(people.tran_hao, source="proposals.nominee:1")])
    actions.add_decision_lines(
        decision, [person_line(people.nguyen_dao, source="proposals.nominee:2")], by=None
    )
    assert list(decision.lines.values_list("source", flat=True)) == [
        "proposals.nominee:1",
        "proposals.nominee:2",
    ]
    assert actions.remove_decision_lines(decision, by=None, sources=["proposals.nominee:1"]) == 1
    assert list(DecisionLine.objects.values_list("name_at_time", flat=True)) == ["Nguyễn Thị Đào"]


def test_an_external_register_takes_the_clerk_number_once(tree, people):
    reg = register(tree.BT, mode="external", symbol="QĐ-LĐLĐ")
    assert issued(reg, [person_line(people.tran_hao)], number=45).reference == "45/QĐ-LĐLĐ"
    second = draft(reg, [person_line(people.nguyen_dao)])
    with pytest.raises(ValidationError) as error:
        actions.issue_decision(second, by=None, number=45)
    assert error.value.message_dict == {"number": ["Số 45/QĐ-LĐLĐ đã dùng trong sổ."]}
    with pytest.raises(ValidationError):
        actions.issue_decision(second, by=None)
    assert actions.issue_decision(second, by=None, number=46).number == 46


def test_a_system_register_refuses_a_number_other_than_the_next(reg, people):
    with pytest.raises(ValidationError) as error:
        issued(reg, [person_line(people.tran_hao)], number=7)
    assert error.value.message_dict == {"number": ["Sổ do hệ thống cấp số: số tiếp theo là 1."]}


def test_the_numbering_of_a_register_with_issued_decisions_cannot_change(reg, people):
    actions.update_register(reg, by=None, next_number=12)  # the year's paper series reached 11
    assert issued(reg, [person_line(people.tran_hao)]).number == 12
    with pytest.raises(ValidationError):
        actions.update_register(reg, by=None, mode="external")


def test_revoking_keeps_the_record_marked_with_the_money_to_recover(reg, people, users):
    issued(reg, [person_line(people.tran_hao)])
    record = AwardRecord.objects.get()
    revocation = actions.revoke_award(record, by=users.province_leader, reason="fraud", revoked_on=D(2018, 3, 5),
                                      reference="12/QĐ-LĐLĐ ngày 05/3/2018", reason_text="Khai man thành tích")  # fmt: skip
    record.refresh_from_db()
    assert record.revoked == revocation and revocation.amount_to_recover == 390_000
    assert revocation.issuer == record.issuer
    assert AwardRecord.objects.standing().count() == 0
    with pytest.raises(ValidationError):
        actions.revoke_award(record, by=None, reason="error", revoked_on=D(2018, 3, 5), reference="13/QĐ")
    # the title may be given again after a revocation for error
    assert issued(reg, [person_line(people.tran_hao)]).number == 2


def test_revocation_by_a_decision_of_the_system(reg, people):
    issued(reg, [person_line(people.tran_hao), person_line(people.nguyen_dao)])
    revoking = issued(register(reg.issuer, year=2018), [person_line(people.nguyen_dao, award="lao-dong-tien-tien",
                                                                    year=2018)], decided_on=D(2018, 3, 5))  # fmt: skip
    record = AwardRecord.objects.get(person=people.tran_hao)
    revocation = actions.revoke_award(record, by=None, reason="error", revoked_on=D(2018, 3, 5), decision=revoking,
                                      amount_to_recover=100_000)  # fmt: skip
    assert revocation.reference == "1/QĐ-LĐLĐ ngày 05/03/2018"
    with pytest.raises(ValidationError) as error:
        actions.revoke_award(AwardRecord.objects.get(person=people.nguyen_dao, year=2017), by=None, reason="error",
                             revoked_on=D(2018, 3, 5), reference="x", amount_to_recover=400_000)  # fmt: skip
    assert "amount_to_recover" in error.value.message_dict


# --- who may ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "allowed"),
    [
        ("province_officer", True),  # own unit
        ("province_leader", True),
        ("admin", True),  # ancestor (the confederation's administrator)
        ("district_leader", False),  # child
        ("grassroots_officer", False),  # grandchild
        ("council_member", False),  # own unit, without the reward permission
        ("outsider", False),  # another branch
    ],
)
def test_who_may_draft_the_province_decisions(reg, people, users, username, allowed):
    user = getattr(users, username)
    if not allowed:
        with pytest.raises(PermissionDenied):
            draft(reg, [person_line(people.tran_hao)], by=user)
        assert not Decision.objects.exists()
        return
    assert draft(reg, [person_line(people.tran_hao)], by=user).status == "draft"


def test_a_parent_may_draft_for_its_child_and_a_sibling_may_not(tree, people, users):
    district = register(tree.CT, symbol="QĐ-LĐLĐH")
    assert (
        draft(district, [person_line(people.tran_hao)], by=users.province_leader).status == "draft"
    )  # parent
    sibling = user_of(tree.TPBT, "tp_officer")
    with pytest.raises(PermissionDenied):
        draft(district, [person_line(people.nguyen_dao)], by=sibling)
    with pytest.raises(PermissionDenied):
        register(tree.CT, year=2018, by=sibling)


def test_a_child_issuer_cannot_award_outside_its_subtree(tree, people, users):
    district = register(tree.CT, symbol="QĐ-LĐLĐH")
    with pytest.raises(ValidationError) as error:
        draft(district, [person_line(people.vo_hong)], by=users.district_leader)  # Dừa Bến Tre, under TPBT
    assert error.value.message_dict["lines"] == [
        "Dòng 1: không thuộc phạm vi của Liên đoàn Lao động huyện Châu Thành."
    ]


def test_a_leader_of_another_branch_cannot_revoke(reg, people, users):
    issued(reg, [person_line(people.tran_hao)])
    with pytest.raises(PermissionDenied):
        actions.revoke_award(AwardRecord.objects.get(), by=users.outsider, reason="fraud", revoked_on=D(2018, 1, 2),
                             reference="1/QĐ")  # fmt: skip
    with pytest.raises(PermissionDenied):
        actions.revoke_award(AwardRecord.objects.get(), by=users.district_leader, reason="fraud",
                             revoked_on=D(2018, 1, 2), reference="1/QĐ")  # fmt: skip


def test_a_thousand_lines_are_checked_for_earlier_awards_in_one_bounded_query(db, django_assert_num_queries):
    """One OR per line made SQLite refuse a decision of about a thousand lines ("Expression tree is too large")."""
    from types import SimpleNamespace

    from thidua.rewards.actions import _check_not_awarded_yet

    pairs = [
        (
            SimpleNamespace(person=SimpleNamespace(pk=100_000 + i), unit=None, year=2017),
            SimpleNamespace(award_id=1 + i % 7, sort=i + 1, name_at_time=f"Người {i}"),
        )
        for i in range(1_200)
    ]
    with django_assert_num_queries(1):
        _check_not_awarded_yet(pairs)
