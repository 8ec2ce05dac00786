"""Proposal → council → decision: nominees sent to a session of the deciding unit's council, voted, and the
passed ones turned into a draft reward decision (lines keyed by nominee, money worked out by rewards)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.councils.builders import council_of
from thidua.councils import actions as council_actions
from thidua.councils.models import AttendanceStatus, ItemResult
from thidua.proposals import actions
from thidua.proposals.integration import decision_lines_for
from thidua.proposals.models import NomineeResult, ProposalStatus
from thidua.rewards import actions as reward_actions

from .builders import sent

pytestmark = pytest.mark.django_db
HELD = datetime.date(2017, 12, 15)


def _voted(session, members, choices):
    council_actions.open_voting(session, by=None)
    for m in members:
        council_actions.cast_ballots(session, by=m.user, choices=choices)
    return council_actions.close_voting(session, by=None)


def test_proposal_council_decision(tree, users, people, client_for):
    p = sent(
        tree.MAY,
        [people.nguyen_dao, people.tran_hao],
        by=users.grassroots_officer,
        award_code="giay-khen-cap-tren",
    )
    actions.receive_proposal(p, by=users.district_leader)
    council, members = council_of(tree.CT, 5, term_from=datetime.date(2017, 1, 1))
    session = council_actions.create_session(council, by=None, held_on=HELD)
    leader = client_for(users.district_leader)
    page = leader.get(reverse("proposals:proposal-detail", args=[p.pk])).content.decode()
    assert 'data-testid="to-agenda"' in page
    dao, hao = p.nominees.order_by("order")
    response = leader.post(
        reverse("proposals:proposal-agenda", args=[p.pk]),
        {"session": session.pk, "nominee": [dao.pk, hao.pk]},
    )
    assert response.status_code == 302
    dao.refresh_from_db()
    hao.refresh_from_db()
    assert dao.agenda_item.source == f"proposals.nominee:{dao.pk}"
    with pytest.raises(ValidationError):  # once is enough
        actions.place_on_agenda(p, [dao], session=session, by=users.district_leader)
    council_actions.record_attendance(
        session, by=None, statuses={m.pk: AttendanceStatus.PRESENT for m in members}
    )
    _voted(session, members, {dao.agenda_item_id: "agree", hao.agenda_item.pk: "disagree"})
    dao.agenda_item.refresh_from_db()
    assert dao.agenda_item.result == ItemResult.PASSED
    response = leader.post(reverse("proposals:proposal-decide", args=[p.pk]))
    assert response.status_code == 302
    dao.refresh_from_db()
    hao.refresh_from_db()
    p.refresh_from_db()
    assert (dao.result, hao.result, p.status) == (
        NomineeResult.APPROVED,
        NomineeResult.NOT_APPROVED,
        ProposalStatus.DONE,
    )
    line = decision_lines_for([dao])[dao.pk]
    assert response.url == line.decision.get_absolute_url()
    assert (line.person, line.award.code, line.year) == (people.nguyen_dao, "giay-khen-cap-tren", 2017)
    assert line.decision.issuer == tree.CT and not line.decision.is_issued
    decision = reward_actions.issue_decision(line.decision, by=users.district_leader)
    assert decision.number == 1
    page = leader.get(reverse("proposals:proposal-detail", args=[p.pk])).content.decode()
    assert decision.reference in page and 'data-testid="make-decision"' not in page


def test_forwarded_nominee_is_decided_by_the_province(tree, users, people):
    p = sent(tree.MAY, [people.nguyen_dao], by=users.grassroots_officer, award_code="bang-khen-ldld")
    actions.receive_proposal(p, by=users.district_leader)
    upper = actions.forward_nominees(p, list(p.nominees.all()), by=users.district_leader)
    from .builders import minutes

    minutes(upper)
    actions.send_proposal(upper, by=users.district_leader)
    actions.receive_proposal(upper, by=users.province_officer)
    actions.record_results(upper, by=users.province_leader, approved=list(upper.nominees.all()))
    decision = actions.make_decision(upper, by=users.province_leader, decided_on=datetime.date(2017, 12, 28))
    line = decision.lines.get()
    assert (decision.issuer, line.source) == (tree.BT, f"proposals.nominee:{upper.nominees.get().pk}")
    with pytest.raises(ValidationError):  # nothing left to decide
        actions.make_decision(upper, by=users.province_leader)
