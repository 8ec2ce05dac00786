"""Notices to units: the bell, the dashboard block, the notices page, marking read (audited), and the scope."""

import pytest
from django.urls import reverse

from thidua.core.audit import history_of
from thidua.core.models import AuditEvent
from thidua.notices import actions
from thidua.notices.models import Notice

pytestmark = pytest.mark.django_db


def notice(unit, title, **fields):
    return Notice.objects.create(unit=unit, kind=fields.pop("kind", "reminder"), title=title, **fields)


@pytest.fixture
def notices(tree):
    """Two unread notices of Bến Tre, one read; one of Châu Thành (below it); one of Trà Vinh."""
    return {
        "bt_plan": notice(tree.BT, "Nhận Kế hoạch số 02/KH-TLĐ của Tổng Liên đoàn", kind="plan_received",
                          url="/ke-hoach/"),
        "bt_phase": notice(tree.BT, "Bắt đầu Đợt 2 – Kế hoạch số 13/KH-LĐLĐ", kind="phase_opens"),
        "bt_read": notice(tree.BT, "Nhắc triển khai kế hoạch năm 2016", read_at="2017-01-05T08:00:00+07:00"),
        "ct": notice(tree.CT, "Sắp đến hạn báo cáo Đợt 1 của Châu Thành", kind="report_due"),
        "tv": notice(tree.TV, "Nhắc Liên đoàn Lao động tỉnh Trà Vinh triển khai kế hoạch"),
    }  # fmt: skip


def titles(html: str) -> list[str]:
    import re

    return [re.sub(r"<[^>]+>", "", t) for t in re.findall(r'data-testid="notice-title">(.*?)</div>', html)]


# --- who sees what --------------------------------------------------------------------------------------------


def test_user_sees_the_notices_of_the_units_they_hold_a_role_on(users, notices):
    assert list(Notice.objects.for_user(users.province_officer).order_by("id")) == [
        notices["bt_plan"], notices["bt_phase"], notices["bt_read"]]  # fmt: skip
    assert list(Notice.objects.for_user(users.district_leader)) == [notices["ct"]]
    assert list(Notice.objects.for_user(users.outsider)) == [notices["tv"]]
    assert list(Notice.objects.for_user(users.grassroots_officer)) == []


def test_notices_are_scoped_to_the_subtree(users, notices):
    visible = set(Notice.objects.visible_to(users.province_officer))
    assert visible == {notices["bt_plan"], notices["bt_phase"], notices["bt_read"], notices["ct"]}
    assert set(Notice.objects.visible_to(users.outsider)) == {notices["tv"]}


def test_dashboard_lists_the_unread_notices_of_the_users_units(client_for, users, notices):
    html = client_for(users.province_officer).get(reverse("home:dashboard")).content.decode()
    block = html.split('data-testid="dashboard-notices"')[1].split("</section>")[0]
    assert titles(block) == [
        "Bắt đầu Đợt 2 – Kế hoạch số 13/KH-LĐLĐ",
        "Nhận Kế hoạch số 02/KH-TLĐ của Tổng Liên đoàn",
    ]
    assert "Trà Vinh" not in html and "Châu Thành" not in block


def test_dashboard_without_unread_notices_says_so(client_for, users, notices):
    html = client_for(users.grassroots_officer).get(reverse("home:dashboard")).content.decode()
    block = html.split('data-testid="dashboard-notices"')[1].split("</section>")[0]
    assert "Không có thông báo chưa đọc." in block and titles(block) == []


def test_bell_counts_the_unread_notices(client_for, users, notices):
    html = client_for(users.province_officer).get(reverse("plans:plan-list")).content.decode()
    assert html.count('data-testid="notice-count">2</span>') == 2  # the phone's bell and the desktop's
    html = client_for(users.grassroots_officer).get(reverse("plans:plan-list")).content.decode()
    assert 'data-testid="notice-count"' not in html and "Thông báo: không có thông báo chưa đọc" in html


def test_notice_page_lists_read_and_unread_and_filters_unread(client_for, users, notices):
    client = client_for(users.province_officer)
    html = client.get(reverse("notices:notice-list")).content.decode()
    assert titles(html) == ["Nhắc triển khai kế hoạch năm 2016", "Bắt đầu Đợt 2 – Kế hoạch số 13/KH-LĐLĐ",
                            "Nhận Kế hoạch số 02/KH-TLĐ của Tổng Liên đoàn"]  # fmt: skip
    html = client.get(reverse("notices:notice-list") + "?chua-doc=1").content.decode()
    assert titles(html) == [
        "Bắt đầu Đợt 2 – Kế hoạch số 13/KH-LĐLĐ",
        "Nhận Kế hoạch số 02/KH-TLĐ của Tổng Liên đoàn",
    ]


def test_notice_page_of_another_branch_shows_nothing_of_ours(client_for, users, notices):
    html = client_for(users.outsider).get(reverse("notices:notice-list")).content.decode()
    assert titles(html) == ["Nhắc Liên đoàn Lao động tỉnh Trà Vinh triển khai kế hoạch"]
    assert "Bến Tre" not in html.split("</nav>", 1)[1]


def test_notice_page_costs_the_same_queries_for_one_or_many_notices(client_for, users, tree,
                                                                    django_assert_num_queries):  # fmt: skip
    client = client_for(users.province_officer)
    notice(tree.BT, "Thông báo thứ nhất")
    client.get(reverse("notices:notice-list"))
    # session, user, scope (roles, merged units), count and page of notices, bell
    with django_assert_num_queries(7):
        assert len(titles(client.get(reverse("notices:notice-list")).content.decode())) == 1
    for i in range(40):
        notice(tree.BT, f"Thông báo số {i}")
    with django_assert_num_queries(7):
        assert len(titles(client.get(reverse("notices:notice-list")).content.decode())) == 30


# --- marking read ---------------------------------------------------------------------------------------------


def test_officer_marks_a_notice_read_and_it_is_audited(client_for, users, notices):
    response = client_for(users.province_officer).post(
        reverse("notices:notice-read", args=[notices["bt_plan"].pk]), {"next": "/thong-bao/?chua-doc=1"}
    )
    assert (response.status_code, response["Location"]) == (302, "/thong-bao/?chua-doc=1")
    notices["bt_plan"].refresh_from_db()
    assert notices["bt_plan"].read_at is not None
    event = history_of(notices["bt_plan"]).get()
    assert (event.actor, event.action, event.note) == (users.province_officer, "update",
                                                       "Đánh dấu đã đọc")  # fmt: skip
    assert event.changes["read_at"][0] is None
    assert Notice.objects.for_user(users.province_officer).unread().get() == notices["bt_phase"]


def test_opening_a_notice_marks_it_read_and_goes_to_what_it_is_about(client_for, users, notices):
    response = client_for(users.province_officer).post(
        reverse("notices:notice-read", args=[notices["bt_plan"].pk]), {"open": "1"}
    )
    assert response["Location"] == "/ke-hoach/"


def test_marking_read_refuses_a_foreign_next(client_for, users, notices):
    response = client_for(users.province_officer).post(
        reverse("notices:notice-read", args=[notices["bt_phase"].pk]), {"next": "https://example.com/"}
    )
    assert response["Location"] == reverse("notices:notice-list")


def test_marking_read_twice_writes_one_audit_record(users, notices):
    actions.mark_notice_read(notices["bt_phase"], by=users.province_officer)
    actions.mark_notice_read(notices["bt_phase"], by=users.province_leader)
    assert history_of(notices["bt_phase"]).count() == 1


def test_council_member_reads_but_cannot_mark_read(client_for, users, notices):
    client = client_for(users.council_member)
    html = client.get(reverse("notices:notice-list")).content.decode()
    assert len(titles(html)) == 3  # a role on BT: its notices are theirs to read, not to mark read
    assert "Đánh dấu đã đọc" not in html
    assert client.post(reverse("notices:notice-read", args=[notices["bt_plan"].pk])).status_code == 403
    notices["bt_plan"].refresh_from_db()
    assert notices["bt_plan"].read_at is None


def test_notice_of_another_branch_is_404(client_for, users, notices):
    response = client_for(users.outsider).post(reverse("notices:notice-read", args=[notices["bt_plan"].pk]))
    assert response.status_code == 404
    notices["bt_plan"].refresh_from_db()
    assert notices["bt_plan"].read_at is None


def test_district_leader_cannot_mark_the_provinces_notice(client_for, users, notices):
    response = client_for(users.district_leader).post(
        reverse("notices:notice-read", args=[notices["bt_plan"].pk])
    )
    assert response.status_code == 404


def test_mark_all_read_marks_the_users_units_only(client_for, users, notices):
    response = client_for(users.province_officer).post(reverse("notices:notice-read-all"))
    assert response.status_code == 302
    assert list(Notice.objects.unread().order_by("id").values_list("title", flat=True)) == [
        "Sắp đến hạn báo cáo Đợt 1 của Châu Thành",
        "Nhắc Liên đoàn Lao động tỉnh Trà Vinh triển khai kế hoạch",
    ]
    assert AuditEvent.objects.filter(note="Đánh dấu đã đọc").count() == 2


def test_mark_all_read_by_a_council_member_marks_nothing(client_for, users, notices):
    client_for(users.council_member).post(reverse("notices:notice-read-all"))
    assert Notice.objects.unread().count() == 4


# --- the plans page and the bell agree (issue 8) --------------------------------------------------------------


def test_plans_page_lists_the_notices_the_bell_counts_not_those_sent_down(client_for, users, tree, notices):
    """The plans page listed every notice of the user's subtree (dozens of reminders sent to the units below) while
    the bell counted only those addressed to the user's own units: both now read the same notices."""
    for i in range(12):
        notice(tree.CT, f"Nhắc Châu Thành triển khai lần {i}")
    html = client_for(users.province_officer).get(reverse("plans:plan-list")).content.decode()
    section = html.split('id="notices"')[1].split("</section>")[0]
    assert "Châu Thành" not in section
    assert section.count("<li") == 3  # the three notices of Bến Tre, read or not
    assert 'data-testid="notice-count">2</span>' in html
