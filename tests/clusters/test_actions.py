"""The clusters' actions: members over the years, leaders, the covenant's versions, scores, ranking, votes and the
proposal — each rule and its Vietnamese error."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from thidua.clusters import actions, queries
from thidua.clusters.models import ClusterMember, CovenantStatus, Method, Score
from thidua.core.models import AuditEvent
from thidua.proposals.models import NomineeResult, ProposalStatus
from thidua.registrations.models import Award

from .builders import D, cluster, covenant, officer_of

pytestmark = pytest.mark.django_db


def test_members_change_over_the_years_and_history_is_kept(tree):
    c = cluster(tree)
    member = c.memberships.get(unit=tree.TPBT)
    actions.end_membership(member, by=None, last_year=2018)
    assert [u.code for u in queries.members_in(c, 2018)] == ["CT", "TPBT"]
    assert [u.code for u in queries.members_in(c, 2019)] == ["CT"]
    actions.add_member(c, tree.TPBT, by=None, since_year=2021)
    assert [u.code for u in queries.members_in(c, 2021)] == ["CT", "TPBT"]
    assert ClusterMember.objects.filter(cluster=c, unit=tree.TPBT).count() == 2


def test_a_unit_outside_the_issuers_subtree_cannot_join(tree):
    c = cluster(tree)
    with pytest.raises(ValidationError, match="không thuộc Liên đoàn Lao động tỉnh Bến Tre"):
        actions.add_member(c, tree.LD, by=None, since_year=2017)
    with pytest.raises(ValidationError, match="đã là thành viên"):
        actions.add_member(c, tree.CT, by=None, since_year=2018)


def test_leaders_must_be_members_and_the_rotation_is_suggested(tree):
    c = cluster(tree)
    with pytest.raises(ValidationError, match="Cụm trưởng phải là đơn vị thành viên"):
        actions.set_leaders(c, 2017, by=None, leader=tree.MAY)
    with pytest.raises(ValidationError, match="Cụm phó phải khác cụm trưởng"):
        actions.set_leaders(c, 2017, by=None, leader=tree.CT, deputy=tree.CT)
    leader, deputy = queries.suggest_rotation(c, 2017)  # CT led 2017 with TPBT as deputy
    assert (leader.code, deputy.code) == ("TPBT", "CT")


def test_a_signed_covenant_is_locked_and_amended_as_a_new_version(tree):
    c = cluster(tree)
    first = covenant(c)
    assert first.status == CovenantStatus.SIGNED
    assert sorted(first.signers.values_list("code", flat=True)) == ["CT", "TPBT"]
    with pytest.raises(ValidationError, match="Giao ước đã ký kết: không sửa được nữa"):
        actions.add_criterion(first, by=None, name="Thêm", max_points=5)
    amendment = actions.create_covenant(c, 2017, by=None)
    assert (amendment.version, amendment.amends_id, amendment.criteria.count()) == (2, first.pk, 2)
    assert amendment.title.startswith("Sửa đổi lần 1")
    assert queries.covenant_in_force(c, 2017) == first  # until the amendment is signed
    actions.sign_covenant(amendment, by=None, signed_on=D(2017, 6, 1), signers=[tree.CT])
    first.refresh_from_db()
    assert first.status == CovenantStatus.SUPERSEDED
    assert queries.covenant_in_force(c, 2017) == amendment
    assert AuditEvent.objects.filter(action="sign", object_id=str(amendment.pk)).exists()


def test_signing_needs_criteria_and_member_signers(tree):
    c = cluster(tree)
    draft = actions.create_covenant(c, 2017, by=None)
    with pytest.raises(ValidationError, match="chưa có tiêu chí"):
        actions.sign_covenant(draft, by=None, signed_on=D(2017, 2, 1), signers=[tree.CT])
    actions.add_criterion(draft, by=None, name="Tiêu chí", max_points=10)
    with pytest.raises(ValidationError, match="Không phải thành viên của cụm năm 2017: Công đoàn cơ sở"):
        actions.sign_covenant(draft, by=None, signed_on=D(2017, 2, 1), signers=[tree.MAY])


def test_criterion_from_a_report_needs_an_indicator_of_the_form(tree):
    c = cluster(tree)
    draft = actions.create_covenant(c, 2017, by=None)
    with pytest.raises(ValidationError, match="cần chọn mẫu báo cáo và chỉ tiêu"):
        actions.add_criterion(draft, by=None, name="Đoàn viên mới", max_points=20, method=Method.PROPORTIONAL)
    with pytest.raises(ValidationError, match="Điểm tối đa phải lớn hơn 0"):
        actions.add_criterion(draft, by=None, name="Sai", max_points=0)


def test_scores_are_all_or_nothing_and_name_the_wrong_cell(tree):
    c = cluster(tree)
    cov = covenant(c)
    first, second = cov.criteria.order_by("order")
    user = officer_of(tree.CT, "ct_officer")
    with pytest.raises(ValidationError) as caught:
        actions.enter_scores(cov, tree.CT, by=user, values={(first.pk, tree.TPBT.pk): "55",
                                                           (second.pk, tree.TPBT.pk): "41"})  # fmt: skip
    assert caught.value.messages == [
        "Điểm của LĐLĐ TP Bến Tre, tiêu chí “Phát triển đoàn viên”: phải từ 0 đến 40."
    ]
    assert not Score.objects.exists()
    with pytest.raises(ValidationError, match="“abc” không phải là số"):
        actions.enter_scores(cov, tree.CT, by=user, values={(first.pk, tree.TPBT.pk): "abc"})
    assert actions.enter_scores(cov, tree.CT, by=user, values={(first.pk, tree.TPBT.pk): "55,5",
                                                               (second.pk, tree.TPBT.pk): "38"}) == 2  # fmt: skip
    assert Score.objects.get(criterion=first).points == Decimal("55.50")
    assert AuditEvent.objects.filter(action="create", content_type__model="score").count() == 2


def test_ranking_averages_the_peers_without_own_score_and_says_ties(tree):
    c = cluster(tree)
    cov = covenant(c)
    first, second = cov.criteria.order_by("order")
    ct, tp = officer_of(tree.CT, "ct_officer"), officer_of(tree.TPBT, "tp_officer")
    actions.enter_scores(cov, tree.CT, by=ct, values={(first.pk, tree.CT.pk): "60", (first.pk, tree.TPBT.pk): "50",
                                                      (second.pk, tree.TPBT.pk): "30"})  # fmt: skip
    actions.enter_scores(cov, tree.TPBT, by=tp, values={(first.pk, tree.CT.pk): "45", (second.pk, tree.CT.pk): "35",
                                                        (first.pk, tree.TPBT.pk): "60"})  # fmt: skip
    table = queries.ranking(cov)
    assert [(r.unit.code, r.scores, r.total, r.rank, r.tied) for r in table.rows] == [
        ("CT", [Decimal("45.00"), Decimal("35.00")], Decimal("80.00"), 1, True),
        ("TPBT", [Decimal("50.00"), Decimal("30.00")], Decimal("80.00"), 1, True),
    ]  # the own 60s are left out: a tie
    assert [[r.unit.code for r in g] for g in table.ties] == [["CT", "TPBT"]]
    assert table.max_total == Decimal("100.00")


def test_ranking_counts_own_score_when_the_covenant_says_so(tree):
    c = cluster(tree)
    cov = covenant(c, criteria=(("Tổ chức phong trào", 60),), exclude_own_score=False)
    crit = cov.criteria.get()
    ct, tp = officer_of(tree.CT, "ct_officer"), officer_of(tree.TPBT, "tp_officer")
    actions.enter_scores(
        cov, tree.CT, by=ct, values={(crit.pk, tree.CT.pk): "60", (crit.pk, tree.TPBT.pk): "40"}
    )
    actions.enter_scores(
        cov, tree.TPBT, by=tp, values={(crit.pk, tree.CT.pk): "50", (crit.pk, tree.TPBT.pk): "50"}
    )
    table = queries.ranking(cov)
    assert [(r.unit.code, r.total, r.rank, r.tied) for r in table.rows] == [
        ("CT", Decimal("55.00"), 1, False),
        ("TPBT", Decimal("45.00"), 2, False),
    ]


def test_a_tied_vote_chooses_nobody_and_a_new_round_decides(tree):
    c = cluster(tree)
    covenant(c)
    leader = officer_of(tree.CT, "ct_officer")
    meeting = actions.record_meeting(
        c, 2017, by=leader, held_on=D(2017, 12, 20), attendees=[tree.CT, tree.TPBT]
    )
    flag = Award.objects.get(code="co-thi-dua-ldld")
    tie = actions.record_votes(meeting, by=leader, award=flag, votes={tree.CT.pk: tree.TPBT.pk,
                                                                      tree.TPBT.pk: tree.CT.pk})  # fmt: skip
    assert tie.message == ("Hòa phiếu giữa Liên đoàn Lao động huyện Châu Thành, Liên đoàn Lao động thành phố Bến Tre "
                           "(1 phiếu mỗi đơn vị): chưa chọn được, cần bỏ phiếu lại.")  # fmt: skip
    assert not meeting.selections.exists()
    chosen = actions.record_votes(meeting, by=leader, award=flag, votes={tree.CT.pk: tree.TPBT.pk,
                                                                        tree.TPBT.pk: tree.TPBT.pk})  # fmt: skip
    assert [(s.unit.code, s.votes, s.voters) for s in chosen.chosen] == [("TPBT", 2, 2)]
    assert meeting.votes.count() == 4  # both rounds kept
    with pytest.raises(ValidationError, match="Đã có kết quả bình xét"):
        actions.record_votes(meeting, by=leader, award=flag, votes={tree.CT.pk: tree.CT.pk})


def test_sending_makes_a_proposal_of_the_leader_to_the_issuer_with_the_scores_attached(tree):
    from thidua.core.models import Attachment

    c = cluster(tree)
    cov = covenant(c)
    leader = officer_of(tree.CT, "ct_officer")
    first = cov.criteria.order_by("order").first()
    actions.enter_scores(cov, tree.CT, by=leader, values={(first.pk, tree.TPBT.pk): "58"})
    meeting = actions.record_meeting(
        c, 2017, by=leader, held_on=D(2017, 12, 20), attendees=[tree.CT, tree.TPBT]
    )
    flag = Award.objects.get(code="co-thi-dua-ldld")
    actions.record_votes(
        meeting, by=leader, award=flag, votes={tree.CT.pk: tree.TPBT.pk, tree.TPBT.pk: tree.TPBT.pk}
    )
    proposal = actions.send_to_rewards(meeting, by=leader)
    assert (proposal.unit, proposal.to_unit, proposal.year, proposal.status) == (tree.CT, tree.BT, 2017,
                                                                                 ProposalStatus.DRAFT)  # fmt: skip
    nominee = proposal.nominees.get()
    assert (nominee.unit, nominee.award, nominee.result) == (tree.TPBT, flag, NomineeResult.PENDING)
    assert nominee.summary.startswith(
        "Xếp thứ 1/2 Cụm thi đua các LĐLĐ huyện, thành phố năm 2017, đạt 58.00/100.00"
    )
    files = Attachment.objects.filter(owner_id=str(proposal.pk), owner_type__model="proposal")
    assert sorted(f.original_name for f in files) == [f"bang-diem-{c.pk}-2017.xlsx",
                                                      f"bien-ban-binh-xet-{c.pk}-2017.docx"]  # fmt: skip
    meeting.refresh_from_db()
    assert meeting.proposal == proposal
    with pytest.raises(ValidationError, match="đã được gửi"):
        actions.send_to_rewards(meeting, by=leader)


def test_the_proposal_can_be_sent_up_the_rewards_path(tree):
    from thidua.proposals import actions as proposal_actions

    c = cluster(tree)
    covenant(c)
    leader = officer_of(tree.CT, "ct_officer")
    meeting = actions.record_meeting(
        c, 2017, by=leader, held_on=D(2017, 12, 20), attendees=[tree.CT, tree.TPBT]
    )
    actions.record_votes(meeting, by=leader, award=Award.objects.get(code="bang-khen-ldld"),
                         votes={tree.CT.pk: tree.CT.pk, tree.TPBT.pk: tree.CT.pk})  # fmt: skip
    proposal = actions.send_to_rewards(meeting, by=leader)
    sent = proposal_actions.send_proposal(proposal, by=leader, today=datetime.date(2017, 12, 28))
    assert sent.status == ProposalStatus.SENT


# --- who may ---------------------------------------------------------------------------------------------------------


def test_only_the_level_above_sets_and_changes_clusters(tree, users):
    with pytest.raises(PermissionDenied):
        actions.create_cluster(tree.BT, by=users.district_leader, name="X", decision_number="1",
                               decision_date=D(2017, 1, 1))  # fmt: skip
    with pytest.raises(PermissionDenied):
        actions.create_cluster(
            tree.BT, by=users.outsider, name="X", decision_number="1", decision_date=D(2017, 1, 1)
        )
    c = actions.create_cluster(tree.BT, by=users.province_officer, name="X", decision_number="1",
                               decision_date=D(2017, 1, 1), members=[tree.CT])  # fmt: skip
    for user in (
        users.district_leader,
        users.grassroots_officer,
        users.outsider,
    ):  # child, grandchild, outsider
        with pytest.raises(PermissionDenied):
            actions.add_member(c, tree.TPBT, by=user, since_year=2017)
    admin_above = users.admin  # an ancestor's role (TLĐ) covers it
    actions.add_member(c, tree.TPBT, by=admin_above, since_year=2017)


def test_members_enter_their_own_scores_only(tree, users):
    c = cluster(tree)
    cov = covenant(c)
    crit = cov.criteria.first()
    cell = {(crit.pk, tree.TPBT.pk): "10"}
    tp = officer_of(tree.TPBT, "tp_officer")
    actions.enter_scores(cov, tree.CT, by=users.district_leader, values=cell)  # own unit
    denied = [
        (tree.CT, tp),  # a sibling member for another member
        (tree.CT, users.province_officer),  # the level above (parent)
        (tree.CT, users.admin),  # an ancestor
        (tree.CT, users.grassroots_officer),  # a child of the member
        (tree.CT, users.outsider),  # another branch
    ]
    for unit, user in denied:
        with pytest.raises(PermissionDenied):
            actions.enter_scores(cov, unit, by=user, values=cell)


def test_only_the_leader_unit_records_the_meeting(tree, users):
    c = cluster(tree)
    covenant(c)
    tp = officer_of(tree.TPBT, "tp_officer")
    for user in (tp, users.province_officer, users.grassroots_officer, users.outsider):
        with pytest.raises(PermissionDenied):
            actions.record_meeting(c, 2017, by=user, held_on=D(2017, 12, 20), attendees=[tree.CT])
    actions.record_meeting(c, 2017, by=users.district_leader, held_on=D(2017, 12, 20), attendees=[tree.CT])
