"""notify: units and users, idempotent by key, mail at once or in the daily digest; notices to a user are theirs."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from thidua.notices.actions import notify, send_notice_digests
from thidua.notices.models import Notice, NoticeDigest

pytestmark = pytest.mark.django_db


def recipients():
    return sorted((n.unit.code if n.unit_id else n.user.username, n.title) for n in Notice.objects.all())


def test_notify_tells_units_and_users_once_each(tree, users):
    told = notify(units=[tree.CT, tree.TPBT.pk, tree.CT], users=[users.council_member], kind="reminder",
                  title="Nhắc nộp báo cáo", url="/ke-hoach/", by=users.province_officer)  # fmt: skip
    assert told == 3
    assert recipients() == [("CT", "Nhắc nộp báo cáo"), ("TPBT", "Nhắc nộp báo cáo"),
                            ("council_member", "Nhắc nộp báo cáo")]  # fmt: skip
    assert set(Notice.objects.values_list("kind", "url", "created_by__username")) == {
        ("reminder", "/ke-hoach/", "province_officer")}  # fmt: skip


def test_notify_with_a_key_tells_nobody_twice(tree, users):
    assert notify(units=[tree.CT], users=[users.admin], kind="reminder", title="Lần 1", key="k") == 2
    assert notify(units=[tree.CT], users=[users.admin], kind="reminder", title="Lần 2", key="k") == 0
    assert notify(units=[tree.CT, tree.TPBT], kind="reminder", title="Lần 3", key="k") == 1
    assert recipients() == [("CT", "Lần 1"), ("TPBT", "Lần 3"), ("admin", "Lần 1")]


def test_notify_without_a_key_tells_again(tree):
    notify(units=[tree.CT], kind="reminder", title="Nhắc")
    notify(units=[tree.CT], kind="reminder", title="Nhắc")
    assert Notice.objects.filter(unit=tree.CT).count() == 2


def test_notify_nobody_writes_nothing(tree):
    assert notify(kind="reminder", title="Không ai") == 0
    assert Notice.objects.count() == 0


def test_mail_now_goes_to_the_units_officers_and_leaders_and_the_users(tree, users,
                                                                      django_capture_on_commit_callbacks):  # fmt: skip
    for user, address in [(users.district_leader, "ct@example.vn"), (users.council_member, "hd@example.vn"),
                          (users.province_officer, "bt@example.vn")]:  # fmt: skip
        user.email = address
        user.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(units=[tree.CT], users=[users.council_member], kind="reminder", title="Nhắc", body="Nội dung",
               url="/ke-hoach/", mail_now=True)  # fmt: skip
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("ct@example.vn", "Nhắc"),
        ("hd@example.vn", "Nhắc"),
    ]
    assert Notice.objects.filter(mailed_at__isnull=True).count() == 0


def test_without_mail_now_nothing_is_mailed(tree, users, django_capture_on_commit_callbacks):
    users.district_leader.email = "ct@example.vn"
    users.district_leader.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(units=[tree.CT], kind="reminder", title="Nhắc")
    assert mail.outbox == []


# --- a user's own notices -------------------------------------------------------------------------------------


def test_a_users_notice_is_seen_by_that_user_only(tree, users):
    notify(users=[users.grassroots_officer], kind="transfer_request", title="Yêu cầu chuyển sinh hoạt")
    assert [n.title for n in Notice.objects.for_user(users.grassroots_officer)] == [
        "Yêu cầu chuyển sinh hoạt"
    ]
    assert list(Notice.objects.for_user(users.district_leader)) == []
    assert list(Notice.objects.visible_to(users.admin)) == []


def test_a_users_notice_is_404_to_anyone_else_and_marked_read_by_its_user(tree, users, client_for):
    notify(users=[users.grassroots_officer], kind="transfer_request", title="Yêu cầu chuyển sinh hoạt")
    notice = Notice.objects.get()
    url = reverse("notices:notice-read", args=[notice.pk])
    assert client_for(users.province_leader).post(url).status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None
    assert client_for(users.grassroots_officer).post(url).status_code == 302
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_another_units_notice_is_404(tree, users, client_for):
    notify(units=[tree.TV], kind="reminder", title="Nhắc Trà Vinh")
    notice = Notice.objects.get()
    assert (
        client_for(users.province_officer).post(reverse("notices:notice-read", args=[notice.pk])).status_code
        == 404
    )
    notice.refresh_from_db()
    assert notice.read_at is None


def test_notices_of_a_unit_merged_into_the_users_unit_are_theirs(tree, users):
    from django.contrib.auth import get_user_model

    from thidua.orgs import actions

    notify(units=[tree.BT], kind="reminder", title="Nhắc Bến Tre")
    notify(units=[tree.CT], kind="reminder", title="Nhắc Châu Thành")
    assert list(Notice.objects.for_user(users.outsider)) == []
    actions.merge_units([tree.BT], tree.TV, by=users.admin, effective_on=datetime.date(2025, 7, 1))
    outsider = get_user_model().objects.get(pk=users.outsider.pk)
    assert [n.title for n in Notice.objects.for_user(outsider)] == ["Nhắc Bến Tre"]


# --- the daily digest -----------------------------------------------------------------------------------------


@pytest.fixture
def addresses(users):
    for user in (users.province_officer, users.district_leader, users.grassroots_officer):
        user.email = f"{user.username}@example.vn"
        user.save()


def test_digest_mails_each_user_their_new_unread_notices_once(tree, users, addresses,
                                                              django_capture_on_commit_callbacks):  # fmt: skip
    notify(units=[tree.BT], kind="phase_opens", title="Bắt đầu Đợt 2", url="/ke-hoach/1/")
    notify(units=[tree.CT], kind="phase_opens", title="Bắt đầu Đợt 2 của Châu Thành")
    notify(units=[tree.CT], kind="reminder", title="Đã gửi thư ngay", mail_now=True)
    notify(units=[tree.BT], kind="reminder", title="Đã đọc rồi")
    Notice.objects.filter(title="Đã đọc rồi").update(read_at=timezone.now())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_notice_digests() == 2
    by_address = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_address) == ["district_leader@example.vn", "province_officer@example.vn"]
    assert by_address["province_officer@example.vn"].subject == "Thidua: 1 thông báo mới"
    assert (
        "[Bắt đầu đợt thi đua] Bắt đầu Đợt 2 (LĐLĐ Bến Tre, "
        in by_address["province_officer@example.vn"].body
    )
    assert "/ke-hoach/1/" in by_address["province_officer@example.vn"].body
    assert "Đã đọc rồi" not in by_address["province_officer@example.vn"].body
    assert "Đã gửi thư ngay" not in by_address["district_leader@example.vn"].body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_notice_digests() == 0
    assert mail.outbox == []
    assert NoticeDigest.objects.count() == 2


def test_digest_lists_what_came_after_the_last_one(
    tree, users, addresses, django_capture_on_commit_callbacks
):
    notify(units=[tree.MAY], kind="reminder", title="Thứ nhất")
    send_notice_digests()
    notify(units=[tree.MAY], kind="reminder", title="Thứ hai")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        send_notice_digests(now=timezone.now() + datetime.timedelta(seconds=1))
    assert [m.to[0] for m in mail.outbox] == ["grassroots_officer@example.vn"]
    assert "Thứ hai" in mail.outbox[0].body and "Thứ nhất" not in mail.outbox[0].body


def test_digest_command_says_how_many_users_it_mailed(tree, users, addresses):
    notify(units=[tree.MAY], kind="reminder", title="Nhắc")
    out = io.StringIO()
    call_command("send_notice_digest", stdout=out)
    assert out.getvalue() == "Đã gửi thư tổng hợp thông báo cho 1 người dùng.\n"


def test_apps_below_notices_notify_through_cores_port(tree, users):
    """orgs may not import notices (the layers): core's port reaches the same action."""
    from thidua.core.notify import kind_label
    from thidua.core.notify import notify as notify_through_core

    assert notify_through_core(units=[tree.MAY], kind="reminder", title="Qua cổng của core", key="port") == 1
    assert notify_through_core(units=[tree.MAY], kind="reminder", title="Lần nữa", key="port") == 0
    assert [(n.unit.code, n.get_kind_display()) for n in Notice.objects.all()] == [("MAY", "Nhắc nhở")]
    assert kind_label("unnamed_kind") == "unnamed_kind"
