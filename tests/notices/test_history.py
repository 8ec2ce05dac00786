"""The notices of an ended unit go on to the units that carry on its records (decision 0011): the bell, the page and
the dashboard of its successors show them, and the successors' officers and leaders mark them read (nobody works for
the ended unit any more); its grassroots unions, viewers and outsiders do not."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from thidua.notices import permissions
from thidua.notices.models import Notice
from thidua.orgs import actions as org_actions
from thidua.orgs.models import Unit

pytestmark = pytest.mark.django_db
RESTRUCTURED_ON = datetime.date(2025, 7, 1)


def _user(username: str, unit: Unit, role: str):
    user = get_user_model().objects.create_user(username=username, password="x")
    org_actions.grant_role(user, unit, role, by=None)
    return user


@pytest.fixture
def left_behind(tree):
    """A notice LĐLĐ Châu Thành received before it was dissolved and its grassroots unions went to an area union."""
    notice = Notice.objects.create(unit=tree.CT, kind="plan_received", title="Nhận Kế hoạch số 13/KH-LĐLĐ",
                                   url="/ke-hoach/")  # fmt: skip
    area = org_actions.create_unit(tree.BT, by=None, code="KVCT", name="Công đoàn khu vực Châu Thành",
                                   level="upper", founded_on=RESTRUCTURED_ON)  # fmt: skip
    for code in ("MAY", "THPT"):
        org_actions.move_unit(Unit.objects.get(code=code), area, by=None, effective_on=RESTRUCTURED_ON)
    org_actions.dissolve_unit(tree.CT, by=None, effective_on=RESTRUCTURED_ON)
    return Notice.objects.select_related("unit").get(pk=notice.pk)


@pytest.fixture
def area(left_behind):
    return Unit.objects.get(code="KVCT")


def test_the_successor_sees_the_notices_its_predecessor_received(users, area, left_behind):
    officer = _user("area_officer", area, "officer")
    assert list(Notice.objects.for_user(officer)) == [left_behind]
    assert left_behind in set(Notice.objects.visible_to(officer))
    assert (
        list(Notice.objects.for_user(users.grassroots_officer)) == []
    )  # MAY moved: CT's inbox is not its own
    assert list(Notice.objects.for_user(users.outsider)) == []
    assert left_behind not in set(Notice.objects.visible_to(users.outsider))


def test_the_bell_counts_them(client, area, left_behind):
    client.force_login(_user("area_officer", area, "officer"))
    html = client.get(reverse("notices:notice-list")).content.decode()
    assert "Nhận Kế hoạch số 13/KH-LĐLĐ" in html
    assert 'data-testid="notice-count">1</span>' in html


def test_the_successors_officer_marks_them_read_and_a_viewer_does_not(client, area, left_behind):
    officer = _user("area_officer", area, "officer")
    viewer = _user("area_viewer", area, "viewer")
    assert permissions.can_mark_notice_read(officer, left_behind) is True
    assert permissions.can_mark_notice_read(viewer, left_behind) is False
    client.force_login(viewer)
    assert client.post(reverse("notices:notice-read", args=[left_behind.pk])).status_code == 403
    client.force_login(officer)
    assert client.post(reverse("notices:notice-read", args=[left_behind.pk])).status_code == 302
    left_behind.refresh_from_db()
    assert left_behind.read_at is not None


def test_an_outsider_gets_404_marking_them(client_for, users, left_behind):
    response = client_for(users.outsider).post(reverse("notices:notice-read", args=[left_behind.pk]))
    assert response.status_code == 404


def test_mark_all_read_takes_the_predecessors_notices_too(client, area, left_behind):
    client.force_login(_user("area_officer", area, "officer"))
    client.post(reverse("notices:notice-read-all"))
    left_behind.refresh_from_db()
    assert left_behind.read_at is not None


def test_the_notices_page_asks_one_more_query_only_for_inherited_notices(client, area, left_behind,
                                                                         django_assert_num_queries):  # fmt: skip
    officer = _user("area_officer", area, "officer")
    client.force_login(officer)
    with django_assert_num_queries(8):  # the page's 7, and one for which inherited notices the user may mark
        assert client.get(reverse("notices:notice-list")).status_code == 200
