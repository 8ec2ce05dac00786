"""History for successors in the registrations (issue 8, decisions 0011 and 0019): when the district federation of
Châu Thành (CT) is dissolved and its grassroots unions go to the federation of Bến Tre city (TPBT) on that day, TPBT
reads — read-only — what CT kept in its own name: its initiatives, research topics, congress works and the emulation
registrations it sent up. A union that is no successor (Dừa Bến Tre, under TPBT) does not, nor does anyone read a
predecessor's draft; writing stays with the subtree's own officers."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from thidua.orgs import actions as org_actions
from thidua.registrations import actions
from thidua.registrations.models import CongressWork, Initiative, Registration, ResearchTopic

from .builders import award, ensure_catalog, open_registration
from .initiative_builders import initiative

pytestmark = pytest.mark.django_db
D = datetime.date
ENDED = D(2025, 7, 1)


def user(name, unit, role="officer"):
    u = get_user_model().objects.create_user(name, password="x")
    org_actions.grant_role(u, unit, role, by=None)
    return u


@pytest.fixture
def history(tree, users):
    ensure_catalog()
    kept = initiative(tree.CT, title="Phần mềm quản lý đoàn viên của Liên đoàn Lao động huyện Châu Thành")
    topic = actions.register_research_topic(
        tree.CT, by=None, title="Nghiên cứu đời sống công nhân huyện Châu Thành", level="grassroots",
        lead_name="Nguyễn Văn An", start_on=D(2018, 3, 1), end_on=D(2018, 12, 31),
    )  # fmt: skip
    work = actions.register_congress_work(
        tree.CT, by=None, name="Nhà văn hóa công nhân Châu Thành", kind="welfare", value_vnd=50_000_000,
        congress_name="Đại hội Công đoàn tỉnh Bến Tre", congress_term="2018 – 2023", planned_on=D(2018, 6, 30),
    )  # fmt: skip
    sent = open_registration(tree.CT)
    actions.save_registration(sent, by=None, people=[],
                              targets=[{"award": award("co-thi-dua-ldld"), "targets": "Dẫn đầu cụm thi đua"}])  # fmt: skip
    actions.submit_registration(sent, by=None, today=D(2017, 1, 10))
    draft = open_registration(tree.CT, year=2018, today=D(2018, 1, 10))
    for unit in (tree.MAY, tree.THPT):
        org_actions.move_unit(unit, tree.TPBT, by=None, effective_on=ENDED)
    org_actions.dissolve_unit(tree.CT, by=None, effective_on=ENDED)
    return {"initiative": kept, "topic": topic, "work": work, "sent": sent, "draft": draft,
            "successor": user("tpbt_officer", tree.TPBT), "other": user("dua_officer", tree.DUA)}  # fmt: skip


def test_the_successor_reads_the_predecessors_records(history):
    successor = history["successor"]
    assert list(Initiative.objects.visible_to(successor)) == [history["initiative"]]
    assert list(ResearchTopic.objects.visible_to(successor)) == [history["topic"]]
    assert list(CongressWork.objects.visible_to(successor)) == [history["work"]]
    assert list(Registration.objects.visible_to(successor)) == [history["sent"]]  # not the draft


def test_a_union_that_is_no_successor_reads_none_of_them(history):
    other = history["other"]
    for model in (Initiative, ResearchTopic, CongressWork, Registration):
        assert not model.objects.visible_to(other).exists()


def test_the_pages_open_read_only_for_the_successor(history, client_for):
    client = client_for(history["successor"])
    detail = client.get(reverse("initiatives:initiative-detail", args=[history["initiative"].pk]))
    assert detail.status_code == 200
    assert "Phần mềm quản lý đoàn viên" in detail.content.decode()
    assert client.get(reverse("works:topic-detail", args=[history["topic"].pk])).status_code == 200
    assert client.get(reverse("works:work-detail", args=[history["work"].pk])).status_code == 200
    assert client.get(reverse("emulation:registration-detail", args=[history["sent"].pk])).status_code == 200
    assert client.get(reverse("emulation:registration-detail", args=[history["draft"].pk])).status_code == 404
    assert client.get(reverse("works:topic-update", args=[history["topic"].pk])).status_code in (403, 404)
    assert client.get(reverse("initiatives:initiative-update", args=[history["initiative"].pk])).status_code in (
        403, 404,
    )  # fmt: skip
    other = client_for(history["other"])
    assert (
        other.get(reverse("initiatives:initiative-detail", args=[history["initiative"].pk])).status_code
        == 404
    )


def test_the_actions_refuse_the_successor_any_write(history):
    successor = history["successor"]
    with pytest.raises(PermissionDenied):
        actions.update_research_topic(history["topic"], by=successor, title="Tên khác")
    with pytest.raises(PermissionDenied):
        actions.apply_initiative(history["initiative"], by=successor, applied_where="Nơi khác",
                                 applied_since=D(2019, 1, 1))  # fmt: skip


def test_history_adds_no_query_to_a_list(history, django_assert_max_num_queries):
    successor = history["successor"]
    list(Initiative.objects.visible_to(successor))  # warms the caller's grants
    with django_assert_max_num_queries(1):
        assert len(list(Initiative.objects.visible_to(successor))) == 1
