"""The dashboard "kịp thời, đúng người, đúng thành tích" on constructed data: the days (median, average, longest),
the shares as numerator over denominator by year, by the issuer's level and by upper-level union, the units never
proposed, the viewer's subtree only, a fixed number of queries, the Excel export."""

from __future__ import annotations

import datetime
import io
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from thidua.plans.models import Phase
from thidua.principle import queries
from thidua.proposals import actions as proposal_actions
from thidua.proposals.models import Proposal
from thidua.rewards import actions as reward_actions
from thidua.rewards.models import AwardRecord, RevocationReason

from ..plans.builders import draft_plan
from ..proposals.builders import sent
from ..rewards.builders import issued, person_line, register

D = datetime.date
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db


def decided_from_proposal(proposal, *, decided_on, sent_at, phase=None):
    """Backdate the sending (and tie the phase), then receive, approve all, decide and issue."""
    Proposal.objects.filter(pk=proposal.pk).update(sent_at=sent_at, phase=phase)
    proposal_actions.receive_proposal(proposal, by=None)
    proposal_actions.record_results(proposal, by=None, approved=list(proposal.nominees.all()))
    decision = proposal_actions.make_decision(proposal, by=None, decided_on=decided_on)
    return reward_actions.issue_decision(decision, by=None)


@pytest.fixture
def season(tree, people):
    plan = draft_plan(tree.BT, by=None)
    phase = Phase.objects.create(plan=plan, name="Đợt 2", start=D(2017, 6, 1), end=D(2017, 11, 30))
    # MAY → CT: Trần Trung Hào and Nguyễn Thị Đào, phase ended 30/11, sent 05/12, decided 20/12: 20 and 15 days.
    may = sent(tree.MAY, [people.tran_hao, people.nguyen_dao], award_code="giay-khen-cap-tren")
    decided_from_proposal(may, decided_on=D(2017, 12, 20), sent_at=datetime.datetime(2017, 12, 5, 9, tzinfo=HCM),
                          phase=phase)  # fmt: skip
    # DUA → TPBT: Võ Thị Hồng, no phase, sent 15/12 (23:30, still the 15th in Việt Nam), decided 25/12: 10 days.
    dua = sent(tree.DUA, [people.vo_hong], award_code="giay-khen-cap-tren")
    decided_from_proposal(dua, decided_on=D(2017, 12, 25), sent_at=datetime.datetime(2017, 12, 15, 23, 30,
                                                                                      tzinfo=HCM))  # fmt: skip
    # The province, directly: Huỳnh Thị Mai (2017), and Lê Văn Đức whose award is revoked (not counted).
    bt = register(tree.BT)
    issued(bt, [person_line(people.huynh_mai), person_line(people.le_duc)], decided_on=D(2017, 12, 28))
    revoked = AwardRecord.objects.get(person=people.le_duc)
    reward_actions.revoke_award(revoked, by=None, reason=RevocationReason.ERROR, revoked_on=D(2018, 3, 1),
                                reference="12/QĐ-LĐLĐ ngày 01/3/2018")  # fmt: skip
    # 2016: Nguyễn Thị Đào by the province. Trà Vinh: Phạm Văn Bình (another branch).
    issued(
        register(tree.BT, year=2016), [person_line(people.nguyen_dao, year=2016)], decided_on=D(2016, 12, 20)
    )
    issued(register(tree.TV), [person_line(people.pham_binh)], decided_on=D(2017, 12, 20))


def shares_of(counts):
    return {k: (s.part, s.whole) for k, s in counts.shares.items()}


def test_days_from_phase_end_and_from_sending_to_decision(season, users):
    t = queries.timeliness(users.province_officer, 2017)
    phase, proposal = t.from_phase[2017], t.from_proposal[2017]
    assert sorted(phase.days) == [20, 20] and (phase.median, phase.average, phase.longest) == (20, 20.0, 20)
    assert sorted(proposal.days) == [10, 15, 15]
    assert (proposal.median, proposal.average, proposal.longest) == (15, 13.3, 15)
    assert t.without_phase[2017] == 1 and t.without_proposal[2017] == 0
    assert t.from_proposal[2016].count == 0 and t.from_proposal[2015].median is None


def test_shares_are_counts_over_counts_by_year_level_and_upper_union(season, users, tree):
    s = queries.shares(users.province_officer, 2017)
    assert s.years == [2015, 2016, 2017]
    # 2017: Hào (direct, FDI), Đào (woman, direct, FDI), Hồng (woman, direct, private), Mai (woman, public service)
    assert shares_of(s.by_year[2017]) == {"direct": (3, 4), "women": (3, 4), "non_state": (3, 4)}
    assert shares_of(s.by_year[2016]) == {"direct": (1, 1), "women": (1, 1), "non_state": (1, 1)}
    assert s.by_year[2017].shares["direct"].percent == 75.0
    levels = {level: by for level, _label, by in s.by_level}
    assert shares_of(levels["upper"][2017]) == {"direct": (3, 3), "women": (2, 3), "non_state": (3, 3)}
    assert shares_of(levels["province"][2017]) == {"direct": (0, 1), "women": (1, 1), "non_state": (0, 1)}
    uppers = {unit.code if unit else None: by for unit, by in s.by_upper}
    assert set(uppers) == {"CT", "TPBT"}
    assert shares_of(uppers["CT"][2017]) == {"direct": (2, 3), "women": (2, 3), "non_state": (2, 3)}
    assert shares_of(uppers["TPBT"][2017]) == {"direct": (1, 1), "women": (1, 1), "non_state": (1, 1)}
    # An average of the two unions' percentages (66.7 and 100) would say 83.3; the share is 3 of 4.
    assert s.by_year[2017].shares["women"].percent == 75.0


def test_everything_is_read_in_the_viewers_subtree(season, users):
    s = queries.shares(users.grassroots_officer, 2017)  # MAY: Hào and Đào
    assert shares_of(s.by_year[2017]) == {"direct": (2, 2), "women": (1, 2), "non_state": (2, 2)}
    assert [u.code for u, _by in s.by_upper] == ["CT"]  # its own upper-level union, above it
    assert queries.timeliness(users.grassroots_officer, 2017).from_proposal[2017].days == [15, 15]
    outsider = queries.shares(users.outsider, 2017)
    assert shares_of(outsider.by_year[2017]) == {"direct": (1, 1), "women": (0, 1), "non_state": (1, 1)}
    assert queries.timeliness(users.outsider, 2017).from_proposal[2017].count == 0


def test_units_never_proposed_in_three_years(season, users, tree):
    assert [u.code for u in queries.never_proposed(users.province_officer, 2017)] == ["THPT"]
    assert [u.code for u in queries.never_proposed(users.grassroots_officer, 2017)] == []
    assert [u.code for u in queries.never_proposed(users.outsider, 2017)] == ["GIAY"]
    # Three years later MAY's and DUA's proposals of 2017 are out of the window.
    assert [u.code for u in queries.never_proposed(users.province_officer, 2020)] == ["MAY", "THPT", "DUA"]


def test_queries_are_a_fixed_number(season, users, django_assert_num_queries):
    from thidua.core.scoping import scope_roots

    scope_roots(users.province_officer)  # the user's scope, read once per request
    with django_assert_num_queries(2):  # the rows grouped and counted, the upper-level unions
        queries.shares(users.province_officer, 2017)
    with django_assert_num_queries(2):  # the lines, their nominees
        queries.timeliness(users.province_officer, 2017)
    with django_assert_num_queries(1):
        list(queries.never_proposed(users.province_officer, 2017))


def test_dashboard_page_shows_the_numbers_with_a_query_count_independent_of_rows(tree, people, users, client):
    client.force_login(users.province_officer)
    url = reverse("principle:dashboard") + "?year=2017"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    issued(register(tree.BT), [person_line(p) for p in (people.tran_hao, people.vo_hong, people.huynh_mai)],
           decided_on=D(2017, 12, 28))  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        body = client.get(url).content.decode()
    assert len(many) == len(few)
    assert "2/3" in body  # women among the three awards
    assert "Công đoàn cơ sở Công ty TNHH Giày Trà Vinh" not in body


def test_dashboard_for_another_branch_shows_none_of_it(season, users, client):
    client.force_login(users.outsider)
    body = client.get(reverse("principle:dashboard") + "?year=2017").content.decode()
    assert "Liên đoàn Lao động huyện Châu Thành" not in body and "Trường THPT Châu Thành A" not in body
    assert "Công đoàn cơ sở Công ty TNHH Giày Trà Vinh" in body  # never proposed, in its own branch


def test_excel_export(season, users, client):
    client.force_login(users.province_officer)
    content = client.get(reverse("principle:export") + "?year=2017").content
    book = load_workbook(io.BytesIO(content), read_only=True)
    assert book.sheetnames == [
        "Kịp thời",
        "Theo năm",
        "Theo cấp khen",
        "Theo CĐ cấp trên cơ sở",
        "Chưa được đề nghị",
    ]
    timely = [r for r in book["Kịp thời"].iter_rows(min_row=3, values_only=True)]
    assert timely[-1] == (2017, "Từ ngày gửi đề nghị đến ngày quyết định", 3, 15, 13.3, 15, 0)
    assert timely[-2] == (2017, "Từ ngày kết thúc đợt thi đua đến ngày quyết định", 2, 20, 20, 20, 1)
    by_year = [r for r in book["Theo năm"].iter_rows(min_row=3, values_only=True)]
    assert by_year[-1] == (2017, 4, 3, 75, 3, 75, 3, 75)
    never = [r for r in book["Chưa được đề nghị"].iter_rows(min_row=3, values_only=True)]
    assert never == [("THPT", "Công đoàn cơ sở Trường THPT Châu Thành A")]
