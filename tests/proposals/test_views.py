import pytest
from django.urls import reverse

from thidua.proposals import actions
from thidua.proposals.models import Nominee, Proposal, ProposalStatus

from .builders import award, kind, proposal_with, sent

pytestmark = pytest.mark.django_db


def detail(p):
    return reverse("proposals:proposal-detail", args=[p.pk])


@pytest.mark.parametrize(
    ("username", "status"),
    [
        ("grassroots_officer", 200),  # own unit
        ("district_leader", 200),  # parent
        ("province_officer", 200),  # ancestor
        ("outsider", 404),  # another branch
    ],
)
def test_a_grassroots_proposal_is_seen_by_its_unit_and_the_levels_above(
    tree, users, people, client_for, username, status
):
    p = proposal_with(tree.MAY, [people.nguyen_dao], by=users.grassroots_officer)
    assert client_for(getattr(users, username)).get(detail(p)).status_code == status


def test_sibling_and_child_do_not_see_a_district_proposal(tree, users, people, client_for, django_user_model):
    from thidua.orgs.actions import grant_role

    p = sent(tree.CT, [people.huynh_mai], by=users.district_leader)
    sibling = django_user_model.objects.create_user("tp_officer", password="x")
    grant_role(sibling, tree.TPBT, "officer", by=None)
    assert client_for(sibling).get(detail(p)).status_code == 404  # sibling district
    assert client_for(users.grassroots_officer).get(detail(p)).status_code == 404  # child unit
    assert client_for(users.province_officer).get(detail(p)).status_code == 200  # addressed to it


def test_a_draft_addressed_above_is_not_seen_by_the_receiver_outside_the_subtree(
    tree, users, people, client_for, django_user_model
):
    from thidua.orgs.actions import grant_role

    p = proposal_with(tree.CT, [people.huynh_mai], by=users.district_leader)
    receiver = django_user_model.objects.create_user("bt_handler", password="x")
    grant_role(receiver, tree.BT, "officer", by=None)
    assert client_for(receiver).get(detail(p)).status_code == 200  # BT is above CT: its subtree
    # the list splits: the province sees the draft of CT nowhere in "received" until it is sent
    response = client_for(receiver).get(reverse("proposals:proposal-list") + "?box=received")
    assert p.title not in response.content.decode()


def test_actions_are_offered_only_to_who_can_complete_them(tree, users, people, client_for):
    p = proposal_with(tree.MAY, [people.nguyen_dao], by=users.grassroots_officer)
    page = client_for(users.grassroots_officer).get(detail(p)).content.decode()
    assert 'data-testid="transition-send"' in page and 'data-testid="nominee-add"' in page
    page = client_for(users.district_leader).get(detail(p)).content.decode()
    assert 'data-testid="transition-receive"' not in page  # still a draft
    actions.send_proposal(p, by=users.grassroots_officer)
    page = client_for(users.grassroots_officer).get(detail(p)).content.decode()
    assert 'data-testid="transition-send"' not in page and 'data-testid="transition-receive"' not in page
    assert 'data-testid="transition-withdraw"' in page
    page = client_for(users.district_leader).get(detail(p)).content.decode()
    assert 'data-testid="transition-receive"' in page and 'data-testid="transition-return"' in page


def test_create_add_send_receive_forward_through_the_pages(tree, users, people, client_for):
    officer = client_for(users.grassroots_officer)
    response = officer.post(
        reverse("proposals:proposal-create"),
        {"unit": tree.MAY.pk, "kind": kind().pk, "year": 2017, "title": "Đề nghị khen thưởng năm 2017"},
    )
    p = Proposal.objects.get(title="Đề nghị khen thưởng năm 2017")
    assert response.status_code == 302 and p.to_unit == tree.CT
    response = officer.post(
        reverse("proposals:nominee-add", args=[p.pk]),
        {
            "person": people.nguyen_dao.pk,
            "award": award("bang-khen-ldld").pk,
            "achievement": "Vượt năng suất.",
        },
    )
    assert response.status_code == 302
    response = officer.post(reverse("proposals:proposal-send", args=[p.pk]))
    assert response.status_code == 400
    assert "Thiếu Biên bản họp Hội đồng" in response.content.decode()
    from .builders import minutes

    minutes(p)
    assert officer.post(reverse("proposals:proposal-send", args=[p.pk])).status_code == 302
    leader = client_for(users.district_leader)
    assert leader.post(reverse("proposals:proposal-receive", args=[p.pk])).status_code == 302
    n = p.nominees.get()
    response = leader.post(reverse("proposals:proposal-forward", args=[p.pk]), {"nominee": [n.pk]})
    upper = Proposal.objects.get(unit=tree.CT, to_unit=tree.BT)
    assert response.url == detail(upper)
    p.refresh_from_db()
    assert p.status == ProposalStatus.DONE and p.forwarded_as == upper


def test_return_needs_a_reason(tree, users, people, client_for):
    p = sent(tree.MAY, [people.nguyen_dao], by=users.grassroots_officer)
    leader = client_for(users.district_leader)
    response = leader.post(reverse("proposals:proposal-return", args=[p.pk]), {"reason": ""})
    assert response.status_code == 400
    leader.post(reverse("proposals:proposal-return", args=[p.pk]), {"reason": "Thiếu minh chứng."})
    p.refresh_from_db()
    assert p.status == ProposalStatus.RETURNED
    page = client_for(users.grassroots_officer).get(detail(p)).content.decode()
    assert "Thiếu minh chứng." in page


def test_outsider_cannot_act_and_gets_404(tree, users, people, client_for):
    p = sent(tree.MAY, [people.nguyen_dao], by=users.grassroots_officer)
    outsider = client_for(users.outsider)
    for name in ("proposal-receive", "proposal-return", "proposal-update", "nominee-add"):
        assert outsider.post(reverse(f"proposals:{name}", args=[p.pk])).status_code == 404
    n = p.nominees.get()
    assert outsider.get(reverse("proposals:nominee-update", args=[n.pk])).status_code == 404
    assert outsider.get(reverse("proposals:nominee-report", args=[n.pk, "docx"])).status_code == 404


def test_grassroots_officer_cannot_receive_its_own_proposal(tree, users, people, client_for):
    p = sent(tree.MAY, [people.nguyen_dao], by=users.grassroots_officer)
    assert (
        client_for(users.grassroots_officer)
        .post(reverse("proposals:proposal-receive", args=[p.pk]))
        .status_code
        == 403
    )


def test_duplicate_warning_is_shown_on_both(tree, users, people, client_for):
    first = proposal_with(tree.MAY, [people.nguyen_dao], by=users.grassroots_officer)
    second = proposal_with(tree.CT, [people.nguyen_dao], by=users.district_leader)
    leader = client_for(users.district_leader)
    assert 'data-testid="duplicate"' in leader.get(detail(first)).content.decode()
    assert 'data-testid="duplicate"' in leader.get(detail(second)).content.decode()


def test_documents_download(tree, users, people, client_for):
    p = proposal_with(tree.MAY, [people.nguyen_dao], by=users.grassroots_officer)
    client = client_for(users.grassroots_officer)
    letter = client.get(reverse("proposals:proposal-letter", args=[p.pk, "docx"]))
    assert letter.status_code == 200 and letter.content[:2] == b"PK"
    assert client.get(reverse("proposals:proposal-letter", args=[p.pk, "pdf"])).content[:4] == b"%PDF"
    report = client.get(reverse("proposals:nominee-report", args=[p.nominees.get().pk, "docx"]))
    assert report.status_code == 200 and report.content[:2] == b"PK"
    sheet = client.get(reverse("proposals:proposal-export") + "?year=2017")
    assert sheet.status_code == 200 and sheet.content[:2] == b"PK"


def test_edit_nominee_and_fill_report(tree, users, people, client_for):
    p = proposal_with(tree.MAY, [people.nguyen_dao], by=users.grassroots_officer, complete=False)
    n = p.nominees.get()
    client = client_for(users.grassroots_officer)
    assert client.post(reverse("proposals:nominee-fill", args=[n.pk])).status_code == 302
    n.refresh_from_db()
    assert n.achievement.startswith("I. SƠ LƯỢC LÝ LỊCH")
    response = client.post(
        reverse("proposals:nominee-update", args=[n.pk]),
        {"award": award("bang-khen-ldld").pk, "achievement": "Đã sửa.", "summary": "Tóm tắt"},
    )
    assert response.status_code == 302
    n.refresh_from_db()
    assert (n.achievement, n.summary) == ("Đã sửa.", "Tóm tắt")


def test_suggestions_from_registrations_are_ordered_by_priority(tree, users, people, client_for):
    from thidua.registrations.models import IndividualEntry, Registration

    reg = Registration.objects.create(unit=tree.MAY, year=2017, status="acknowledged", deadline="2017-01-25")
    for person in (people.le_duc, people.tran_hao, people.nguyen_dao):
        IndividualEntry.objects.create(registration=reg, person=person, award=award("lao-dong-tien-tien"))
    p = proposal_with(tree.MAY, [], by=users.grassroots_officer)
    from thidua.proposals.queries import suggestions

    assert [s.name for s in suggestions(p)] == ["Nguyễn Thị Đào", "Trần Trung Hào", "Lê Văn Đức"]
    client = client_for(users.grassroots_officer)
    page = client.get(reverse("proposals:nominee-add", args=[p.pk])).content.decode()
    assert page.count('data-testid="suggestion"') == 3
    lao = award("lao-dong-tien-tien")
    client.post(
        reverse("proposals:nominee-add-suggested", args=[p.pk]),
        {"pick": [f"p{people.nguyen_dao.pk}-{lao.pk}"]},
    )
    assert list(Nominee.objects.filter(proposal=p).values_list("person__full_name", flat=True)) == [
        "Nguyễn Thị Đào"
    ]


def test_suggestions_show_the_years_initiatives_and_approved_reports_in_a_fixed_number_of_queries(
    tree, users, people, django_assert_num_queries
):
    from tests.eligibility.records import recognised_initiative, registered
    from tests.reports.rollup_builders import form, report
    from thidua.proposals.queries import suggestions
    from thidua.registrations.models import CollectiveTarget

    may = registered(tree.MAY, 2017, [people.le_duc, people.nguyen_dao, people.tran_hao])
    registered(tree.DUA, 2017, [people.vo_hong])
    thpt = registered(tree.THPT, 2017, [])
    for reg in (may, thpt):
        CollectiveTarget.objects.create(registration=reg, award=award("tt-ld-tien-tien"))
    recognised_initiative(tree.DUA, people.vo_hong, 2017)
    recognised_initiative(tree.MAY, people.tran_hao, 2016)  # another year: not evidence for 2017
    phase_form = form(tree.BT, year=2017)
    report(phase_form, tree.MAY, tree.CT, status="approved")
    report(phase_form, tree.THPT, tree.CT, status="submitted")  # not approved yet: not evidence
    p = proposal_with(tree.BT, [], by=users.province_officer)
    with django_assert_num_queries(7):  # entries, targets, taken, memberships, 3 for the evidence
        found = suggestions(p)
    # Hồng and Đào share every priority (direct production, non-State, woman): the initiative puts Hồng first.
    assert [(s.name, s.evidence) for s in found] == [
        ("Võ Thị Hồng", ["Sáng kiến được công nhận: Cải tiến chuyền may 2017"]),
        ("Nguyễn Thị Đào", []),
        ("Trần Trung Hào", []),
        ("Lê Văn Đức", []),
        (tree.MAY.name, [f"Báo cáo kết quả {phase_form.phase.name} được cấp trên duyệt"]),
        (tree.THPT.name, []),
    ]


def _count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_page_query_count_does_not_grow(tree, users, people, client_for):
    client = client_for(users.grassroots_officer)
    url = reverse("proposals:proposal-list")
    proposal_with(tree.MAY, [people.nguyen_dao], by=users.grassroots_officer, complete=False)
    one = _count(client, url)
    for _ in range(12):
        proposal_with(tree.MAY, [people.nguyen_dao], by=users.grassroots_officer, complete=False)
    assert _count(client, url) == one
    assert one <= 14


def test_detail_page_query_count_does_not_grow(tree, users, people, client_for):
    client = client_for(users.district_leader)
    small = proposal_with(tree.MAY, [people.nguyen_dao], by=users.grassroots_officer)
    # the count grows with the number of distinct awards (one eligibility judgement per award), not of nominees
    big = proposal_with(
        tree.MAY, [people.nguyen_dao, people.tran_hao, people.le_duc], by=users.grassroots_officer
    )
    for p in (small, big):
        actions.send_proposal(p, by=users.grassroots_officer)
        actions.receive_proposal(p, by=users.district_leader)
    assert _count(client, detail(big)) == _count(client, detail(small))


def test_a_second_award_does_not_read_the_nominees_histories_again(tree, users, people, client_for):
    client = client_for(users.grassroots_officer)
    one = proposal_with(tree.MAY, [people.nguyen_dao, people.tran_hao], by=users.grassroots_officer)
    two = proposal_with(tree.MAY, [people.nguyen_dao], by=users.grassroots_officer)
    actions.add_nominee(two, by=users.grassroots_officer, person=people.tran_hao, award=award("lao-dong-tien-tien"),
                        achievement="Hoàn thành xuất sắc nhiệm vụ.")  # fmt: skip
    verdicts = [row["verdict"] for row in client.get(detail(two)).context["rows"]]
    assert all(v is not None for v in verdicts) and len(verdicts) == 2
    # The second award adds its rules (7 queries); reading the histories again would add 11 more.
    assert _count(client, detail(two)) - _count(client, detail(one)) <= 8


def test_the_verdict_is_shown_per_nominee_with_its_reasons(tree, users, people, client_for):
    p = proposal_with(
        tree.MAY, [people.nguyen_dao], by=users.grassroots_officer, award_code="lao-dong-tien-tien"
    )
    page = client_for(users.grassroots_officer).get(detail(p)).content.decode()
    assert 'data-testid="verdict"' in page
    assert "data-outcome=" in page  # a verdict, not the empty dash
    assert 'data-testid="verdict-link"' in page
