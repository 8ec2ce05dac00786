"""Thresholds from the catalog, the recused member's place in the base, quorum, the ballot's rules."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.registrations.builders import federation_layer
from thidua.councils import actions
from thidua.councils.models import (
    AgendaItem,
    Ballot,
    Choice,
    ItemResult,
    Recusal,
    RecusalReason,
    SessionStatus,
    VoteCast,
    VotingBasis,
)
from thidua.councils.queries import Tally, Threshold, session_view
from thidua.registrations.models import Regulation, VoteBase

from .builders import DAY, award, council_of, member_user, new_person, session_of

AGREE, DISAGREE = Choice.AGREE, Choice.DISAGREE


def vote_all(session, members, choice=AGREE, *, skip=()):
    codes = {}
    for m in members:
        if m in skip:
            continue
        items = [i for i in session.items.current() if not Recusal.objects.filter(item=i, member=m).exists()]
        if items:
            codes[m.pk] = actions.cast_ballots(session, by=m.user, choices={i.pk: choice for i in items})
    return codes


# --- the 7-member council with one recusal, both ways ------------------------------------------------------------


def _seven_with_one_recusal(tree, people):
    """A 7-member provincial council; the nominee (Trần Trung Hào of MAY) works where one member works, so that
    member recuses; the six others agree."""
    council, members = council_of(tree.BT, 7, member_units=[tree.BT] * 6 + [tree.MAY])
    session, (item,) = session_of(council, members, items=[
        {"person": people.tran_hao, "award": award("cstd-bo-tinh")}])  # fmt: skip
    actions.open_voting(session, by=members[0].user)
    assert list(Recusal.objects.filter(item=item).values_list("member_id", "reason")) == [
        (members[6].pk, RecusalReason.OWN_UNIT)]  # fmt: skip
    vote_all(session, members[:6])
    actions.close_voting(session, by=members[1].user)
    item.refresh_from_db()
    return item


def test_seven_members_one_recusal_fails_90_percent_when_the_rule_keeps_the_base(tree, people):
    """Decree 98/2023 art. 30(7): 90 % of the whole membership; the recused member stays in the base: 6/7."""
    item = _seven_with_one_recusal(tree, people)
    assert item.result == ItemResult.NOT_PASSED
    assert (item.yes_count, item.base_count, item.threshold_percent, item.recused_count) == (6, 7, 90, 1)
    assert item.vote_base == VoteBase.TOTAL and item.recused_leave_base is False
    assert "Nghị định 98/2023/NĐ-CP, Điều 30, khoản 7" in item.threshold_citation
    assert item.result_note.startswith("Không đạt: 6 phiếu đồng ý trên 7, đạt 85,7 %; yêu cầu ít nhất 90 %")
    assert "1 thành viên không tham gia biểu quyết vẫn tính vào mẫu số" in item.result_note


def test_seven_members_one_recusal_reaches_90_percent_when_the_rule_lets_the_base_shrink(tree, people, users):
    """The province's own regulation sets 90 % of the membership and says a recused member leaves the base: 6/6."""
    regulation, _rule = federation_layer(tree.BT, valid_from=datetime.date(2024, 1, 1), award="cstd-bo-tinh",
                                         vote_threshold_percent=90, vote_base="total")  # fmt: skip
    actions.set_voting_basis(regulation, by=None, recused_leave_base=True,
                             wording="Thành viên có liên quan không tham gia biểu quyết và không tính vào tổng số.",
                             citation="Quy chế 115/QĐ-LĐLĐ, Điều 7", mark="VERIFIED")  # fmt: skip
    item = _seven_with_one_recusal(tree, people)
    assert item.result == ItemResult.PASSED
    assert (item.yes_count, item.base_count, item.threshold_percent) == (6, 6, 90)
    assert item.recused_leave_base is True
    assert item.result_note.startswith("Đạt: 6 phiếu đồng ý trên 6, đạt 100 %; yêu cầu ít nhất 90 %")
    assert "trừ 1 thành viên không tham gia biểu quyết, còn 6" in item.result_note
    assert "115/QĐ-LĐLĐ" in item.threshold_citation


# --- the arithmetic -------------------------------------------------------------------------------------------


def _threshold(percent, base=VoteBase.TOTAL, *, strict=False, leave=False, written=True):
    return Threshold(percent=percent, strict=strict, base=base, recused_leave_base=leave,
                     written_opinions_count=written, citation="NĐ", recusal_citation="NĐ", recusal_wording="",
                     mark="VERIFIED", from_catalog=True)  # fmt: skip


@pytest.mark.parametrize(
    ("percent", "yes", "members", "passed"),
    [(80, 8, 10, True), (80, 7, 10, False), (90, 9, 10, True), (80, 4, 5, True), (90, 8, 9, False),
     (80, 12, 15, True), (80, 11, 14, False)],
)  # fmt: skip
def test_threshold_is_yes_times_100_at_least_percent_times_base(percent, yes, members, passed):
    tally = Tally(threshold=_threshold(percent), members=members, present=members, recused=0, recused_present=0,
                  yes=yes)  # fmt: skip
    assert tally.passed is passed


def test_council_default_needs_more_than_half():
    strict = _threshold(50, strict=True)
    assert Tally(threshold=strict, members=8, present=8, recused=0, recused_present=0, yes=4).passed is False
    assert Tally(threshold=strict, members=8, present=8, recused=0, recused_present=0, yes=5).passed is True


def test_present_base_counts_members_present_and_ignores_written_opinions():
    t = _threshold(70, VoteBase.PRESENT)
    tally = Tally(threshold=t, members=9, present=6, recused=0, recused_present=0, yes=4, written_yes=3)
    assert (tally.base, tally.counted_yes, tally.passed) == (6, 4, False)  # 400 < 420
    tally.yes = 5
    assert tally.passed is True


def test_written_opinions_count_on_the_whole_membership(tree):
    council, members = council_of(tree.BT, 5)
    session, (item,) = session_of(council, members, present=members[:4], written=members[4:],
                                  items=[{"collective": tree.DUA, "award": award("co-thi-dua-bo-tinh")}])  # fmt: skip
    actions.record_written_opinion(item, members[4], by=members[1].user, choice=AGREE)
    actions.open_voting(session, by=None)
    vote_all(session, members[:4])
    actions.close_voting(session, by=None)
    item.refresh_from_db()
    assert (item.yes_count, item.written_yes, item.base_count, item.result) == (4, 1, 5, ItemResult.PASSED)
    assert "tính cả ý kiến bằng văn bản của thành viên vắng mặt: 1 đồng ý, 0 không đồng ý" in item.result_note


def test_threshold_follows_the_rule_in_force_on_the_session_date(tree, people):
    """Cờ thi đua tỉnh: 80 % under Decree 98/2023 (2024); in December 2017 (Decree 91) the catalog sets no
    percentage for it, so the council's default (more than half) applies."""
    council, members = council_of(tree.BT, 5, term_from=datetime.date(2017, 1, 1))
    s2024, (i2024,) = session_of(
        council, members, items=[{"collective": tree.DUA, "award": award("co-thi-dua-bo-tinh")}]
    )
    s2017, (i2017,) = session_of(council, members, held_on=datetime.date(2017, 12, 15),
                                 items=[{"collective": tree.DUA, "award": award("co-thi-dua-bo-tinh")}])  # fmt: skip
    t2024 = session_view(s2024).items[0].threshold
    t2017 = session_view(s2017).items[0].threshold
    assert (t2024.percent, t2024.strict, t2024.from_catalog) == (80, False, True)
    assert (t2017.percent, t2017.strict, t2017.from_catalog) == (50, True, False)


# --- quorum ---------------------------------------------------------------------------------------------------


def test_voting_does_not_open_without_quorum(tree, people):
    council, members = council_of(tree.BT, 7)  # 2/3 of 7 → at least 5 present
    session, _ = session_of(council, members, present=members[:4], items=[{"person": people.vo_hong}])
    with pytest.raises(ValidationError, match="có mặt 4/7, cần ít nhất 5"):
        actions.open_voting(session, by=None)
    actions.record_attendance(session, by=None, statuses={members[4].pk: "present"})
    assert actions.open_voting(session, by=None).status == SessionStatus.VOTING


# --- the ballot's rules -----------------------------------------------------------------------------------------


@pytest.fixture
def voting(tree, people):
    council, members = council_of(tree.BT, 5, member_units=[tree.BT, tree.BT, tree.BT, tree.BT, tree.MAY])
    session, items = session_of(council, members, items=[
        {"person": people.tran_hao, "award": award("cstd-co-so")},
        {"person": people.vo_hong, "award": award("cstd-co-so")},
        {"collective": tree.THPT, "award": award("tt-ld-xuat-sac")},
    ])  # fmt: skip
    actions.open_voting(session, by=members[0].user)
    return session, members, items


def test_double_vote_is_refused(voting):
    session, members, items = voting
    actions.cast_ballots(session, by=members[0].user, choices={items[0].pk: AGREE})
    with pytest.raises(ValidationError, match="mỗi thành viên chỉ bỏ một phiếu"):
        actions.cast_ballots(session, by=members[0].user, choices={items[1].pk: AGREE, items[0].pk: DISAGREE})
    assert Ballot.objects.filter(item__session=session).count() == 1  # all or nothing
    assert VoteCast.objects.filter(member=members[0]).count() == 1


def test_recused_member_cannot_vote_on_that_item(voting):
    session, members, items = voting
    with pytest.raises(ValidationError, match="không tham gia biểu quyết"):
        actions.cast_ballots(session, by=members[4].user, choices={items[0].pk: AGREE})
    code = actions.cast_ballots(session, by=members[4].user, choices={items[1].pk: AGREE, items[2].pk: AGREE})
    assert code and VoteCast.objects.filter(member=members[4]).count() == 2


def test_non_member_cannot_vote(voting, users):
    session, members, items = voting
    for user in (member_user(), users.admin, users.province_leader, users.council_member):
        with pytest.raises(PermissionDenied):
            actions.cast_ballots(session, by=user, choices={items[1].pk: AGREE})
    assert not Ballot.objects.exists()


def test_absent_member_and_ended_seat_cannot_vote(tree, people):
    council, members = council_of(tree.BT, 5)
    session, (item,) = session_of(council, members, present=members[:4], items=[{"person": people.vo_hong}])
    actions.open_voting(session, by=None)
    with pytest.raises(ValidationError, match="Chỉ thành viên có mặt"):
        actions.cast_ballots(session, by=members[4].user, choices={item.pk: AGREE})
    actions.update_member(members[3], by=None, to_date=DAY - datetime.timedelta(days=1))
    with pytest.raises(PermissionDenied):
        actions.cast_ballots(session, by=members[3].user, choices={item.pk: AGREE})


def test_no_vote_before_opening_or_after_closing(tree, people):
    council, members = council_of(tree.BT, 3)
    session, (item,) = session_of(council, members, items=[{"person": people.vo_hong}])
    with pytest.raises(ValidationError, match="không trong thời gian bỏ phiếu"):
        actions.cast_ballots(session, by=members[0].user, choices={item.pk: AGREE})
    actions.open_voting(session, by=None)
    actions.close_voting(session, by=None)
    with pytest.raises(ValidationError, match="không trong thời gian bỏ phiếu"):
        actions.cast_ballots(session, by=members[0].user, choices={item.pk: AGREE})


def test_only_chair_secretary_or_officers_run_the_session(voting, users):
    session, members, items = voting
    with pytest.raises(PermissionDenied):
        actions.close_voting(session, by=members[2].user)  # a plain member
    with pytest.raises(PermissionDenied):
        actions.close_voting(session, by=users.outsider)
    with pytest.raises(PermissionDenied):
        actions.close_voting(session, by=users.council_member)  # a role, not a seat
    actions.close_voting(session, by=users.province_officer)


def test_paper_mode_takes_the_secretarys_counts(tree, people):
    council, members = council_of(tree.BT, 5)
    session, (item,) = session_of(council, members, mode="paper",
                                  items=[{"collective": tree.DUA, "award": award("co-thi-dua-bo-tinh")}])  # fmt: skip
    actions.open_voting(session, by=None)
    with pytest.raises(ValidationError, match="bỏ phiếu bằng phiếu giấy"):
        actions.cast_ballots(session, by=members[0].user, choices={item.pk: AGREE})
    with pytest.raises(ValidationError, match="Chưa nhập kết quả kiểm phiếu giấy"):
        actions.close_voting(session, by=None)
    with pytest.raises(ValidationError):
        actions.record_paper_tally(item, by=members[1].user, agree=5, disagree=1)
    actions.record_paper_tally(item, by=members[1].user, agree=4, disagree=1)
    actions.close_voting(session, by=members[1].user)
    item.refresh_from_db()
    assert (item.result, item.yes_count, item.no_count, item.base_count) == (ItemResult.PASSED, 4, 1, 5)


def test_agenda_item_for_another_app_is_generic(tree, people):
    council, members = council_of(tree.BT, 3)
    session, _ = session_of(council, members)
    item = actions.add_agenda_item(session, by=None, person=people.nguyen_dao, award=award("cstd-co-so"),
                                   source="proposals.nomination:12")  # fmt: skip
    assert (item.unit, item.label) == (tree.MAY, "Nguyễn Thị Đào – Chiến sĩ thi đua cơ sở")
    with pytest.raises(ValidationError):
        actions.add_agenda_item(session, by=None, person=people.nguyen_dao, source="proposals.nomination:12")
    with pytest.raises(ValidationError):
        actions.add_agenda_item(
            session, by=None, person=people.pham_binh
        )  # Trà Vinh: outside the council's unit
    assert AgendaItem.objects.get(source="proposals.nomination:12") == item


def test_voting_bases_of_the_decrees_are_loaded():
    rows = VotingBasis.objects.filter(regulation__key__in=["nd91-2017", "nd98-2023", "nd152-2025"])
    assert sorted(rows.values_list("regulation__key", "recused_leave_base")) == [
        ("nd152-2025", False), ("nd91-2017", False), ("nd98-2023", False)]  # fmt: skip
    assert Regulation.objects.get(key="nd98-2023").pk in {r.regulation_id for r in rows}


def test_new_person_helper_makes_people():
    assert new_person().unit.code == "DUA"


def test_voting_basis_of_a_decree_is_not_for_a_federation(users):
    decree = Regulation.objects.get(key="nd98-2023")
    with pytest.raises(PermissionDenied):
        actions.set_voting_basis(
            decree, by=users.province_leader, recused_leave_base=True, wording="x", citation="y"
        )
    basis = actions.set_voting_basis(decree, by=users.admin, recused_leave_base=False, wording="Theo câu chữ.",
                                     citation="Nghị định 98/2023/NĐ-CP, Điều 30, khoản 7")  # fmt: skip
    assert VotingBasis.objects.filter(regulation=decree, award__isnull=True).get() == basis
    with pytest.raises(ValidationError):
        actions.set_voting_basis(decree, by=None, recused_leave_base=False, wording="", citation="")
