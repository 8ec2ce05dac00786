"""Transfer requests: a union asks for a person recorded in another branch; the person's union (or a level above it)
accepts or refuses. The asking side never sees the person's record before acceptance; nobody else sees anything."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.core.audit import history_of
from thidua.notices.models import Notice
from thidua.orgs import actions
from thidua.orgs.models import Membership, Person, TransferRequest

pytestmark = pytest.mark.django_db

BINH_ID = "084087000009"
CREATE = reverse("orgs:transfer-request-create")
LIST = reverse("orgs:transfer-request-list")


def detail(item) -> str:
    return reverse("orgs:transfer-request-detail", args=[item.pk])


@pytest.fixture
def asked(tree, users):
    """May Việt Tiến (Bến Tre) asks for Phạm Văn Bình of Giày Trà Vinh."""
    return actions.request_transfer(
        by=users.grassroots_officer, to_unit=tree.MAY, national_id=BINH_ID, full_name="Phạm Văn Bình"
    )


def user_with_role(username, unit, role="officer"):
    user = get_user_model().objects.create_user(username, password="x")
    actions.grant_role(user, unit, role, by=None)
    return user


# --- asking ---------------------------------------------------------------------------------------------------


def test_request_is_recorded_audited_and_told_to_the_persons_union(asked, tree, users, people):
    assert (asked.person, asked.from_unit, asked.to_unit, asked.status) == (
        people.pham_binh,
        tree.GIAY,
        tree.MAY,
        TransferRequest.Status.REQUESTED,
    )
    assert history_of(asked).get().action == "create"
    notice = Notice.objects.get(unit=tree.GIAY)
    assert notice.title == (
        "“Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre” đề nghị tiếp nhận Phạm Văn Bình chuyển sinh hoạt đến"
    )
    assert notice.url == detail(asked)


def test_request_page_sends_the_request(client_for, users, tree):
    response = client_for(users.grassroots_officer).post(
        CREATE, {"to_unit": tree.MAY.pk, "national_id": "0840 8700 0009", "full_name": "phạm văn bình"}
    )
    item = TransferRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail(item)
    assert item.full_name == "phạm văn bình"


@pytest.mark.parametrize(
    ("national_id", "full_name"),
    [(BINH_ID, "Phạm Văn Bính"), ("084087000999", "Phạm Văn Bình"), ("084087000999", "Người Không Có")],
)
def test_a_number_and_name_that_do_not_match_read_the_same(client_for, users, tree, national_id, full_name):
    response = client_for(users.grassroots_officer).post(
        CREATE, {"to_unit": tree.MAY.pk, "national_id": national_id, "full_name": full_name}
    )
    assert response.context["form"].errors == {
        "national_id": [
            "Không thể gửi đề nghị với số CCCD và họ tên này; hãy kiểm tra lại với người lao động."
        ]
    }
    assert not TransferRequest.objects.exists()
    assert "Giày" not in response.text


def test_someone_the_user_manages_is_transferred_directly_instead(users, tree):
    with pytest.raises(ValidationError) as error:
        actions.request_transfer(by=users.district_leader, to_unit=tree.THPT, national_id="083080000001",
                                 full_name="Trần Trung Hào")  # fmt: skip
    assert error.value.message_dict == {
        "national_id": ["Người này thuộc công đoàn bạn quản lý: hãy dùng chức năng “Chuyển sinh hoạt”."]
    }


def test_the_same_request_is_not_sent_twice(asked, users, tree):
    with pytest.raises(ValidationError) as error:
        actions.request_transfer(by=users.grassroots_officer, to_unit=tree.MAY, national_id=BINH_ID,
                                 full_name="Phạm Văn Bình")  # fmt: skip
    assert error.value.message_dict == {
        "national_id": [
            "Đã có đề nghị chuyển người này về “Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre” đang chờ xem xét."
        ]
    }


def test_only_unions_the_user_manages_can_ask(client_for, users, tree):
    response = client_for(users.grassroots_officer).post(
        CREATE, {"to_unit": tree.THPT.pk, "national_id": BINH_ID, "full_name": "Phạm Văn Bình"}
    )
    assert response.context["form"].errors == {
        "to_unit": ["Chọn một công đoàn cơ sở trong danh sách bạn được quản lý."]
    }
    assert client_for(users.council_member).get(CREATE).status_code == 403


# --- what each side sees --------------------------------------------------------------------------------------


def test_the_asking_union_sees_its_request_but_not_the_person(asked, client_for, users, people):
    client = client_for(users.grassroots_officer)
    response = client.get(detail(asked))
    assert response.status_code == 200
    assert "Phạm Văn Bình" in response.text
    assert "•••••••••009" in response.text
    assert BINH_ID not in response.text
    assert "Giày" not in response.text
    assert 'data-testid="from-unit"' not in response.text
    assert client.get(reverse("orgs:person-detail", args=[people.pham_binh.pk])).status_code == 404
    assert client.post(detail(asked), {"decision": "accept"}).status_code == 403
    assert Person.objects.get(pk=people.pham_binh.pk).unit.code == "GIAY"


@pytest.mark.parametrize("username", ["district_leader", "province_leader", "council_member"])
def test_levels_above_the_asking_union_see_the_request_but_cannot_decide(asked, client_for, users, username):
    client = client_for(getattr(users, username))
    response = client.get(detail(asked))
    assert response.status_code == 200
    assert "Giày" not in response.text
    assert 'id="transfer-decision"' not in response.text
    assert client.post(detail(asked), {"decision": "accept"}).status_code == 403


def test_a_sibling_branch_of_the_asking_union_gets_404(asked, client_for, tree):
    dua_officer = user_with_role("dua_officer", tree.DUA)
    client = client_for(dua_officer)
    assert client.get(detail(asked)).status_code == 404
    assert client.post(detail(asked), {"decision": "accept"}).status_code == 404
    assert "Phạm Văn Bình" not in client.get(LIST).text


def test_the_persons_union_sees_everything_and_decides(asked, client_for, users, tree):
    giay_officer = user_with_role("giay_officer", tree.GIAY)
    response = client_for(giay_officer).get(detail(asked))
    assert response.status_code == 200
    assert 'id="transfer-decision"' in response.text
    assert "Công đoàn cơ sở Công ty TNHH Giày Trà Vinh" in response.text


@pytest.mark.parametrize("unit_code", ["GIAY", "LD", "TV", "TLD"])
def test_the_persons_union_or_a_level_above_accepts(asked, client_for, tree, unit_code, users, people):
    decider = user_with_role(f"decider_{unit_code.lower()}", getattr(tree, unit_code))
    response = client_for(decider).post(detail(asked), {"decision": "accept"})
    assert response.status_code == 302
    asked.refresh_from_db()
    assert (asked.status, asked.decided_by) == (TransferRequest.Status.ACCEPTED, decider)
    binh = Person.objects.get(pk=people.pham_binh.pk)
    assert binh.unit == tree.MAY
    assert Membership.objects.get(person=binh, left_on__isnull=True).unit == tree.MAY
    assert Membership.objects.get(person=binh, unit=tree.GIAY).left_reason == "transfer"
    assert Notice.objects.filter(
        unit=tree.MAY, title="Đề nghị tiếp nhận Phạm Văn Bình đã được chấp nhận"
    ).exists()
    # Accepted: the asking union now sees the person.
    assert (
        client_for(users.grassroots_officer).get(reverse("orgs:person-detail", args=[binh.pk])).status_code
        == 200
    )


def test_a_viewer_of_the_persons_union_cannot_decide(asked, client_for, tree):
    viewer = user_with_role("giay_viewer2", tree.GIAY, role="viewer")
    assert client_for(viewer).post(detail(asked), {"decision": "accept"}).status_code == 403


def test_refusal_needs_a_reason_and_tells_the_asking_union(asked, client_for, users, tree):
    client = client_for(users.outsider)
    response = client.post(detail(asked), {"decision": "refuse", "reason": ""})
    assert response.context["form"].errors == {
        "reason": ["Ghi lý do từ chối để công đoàn đề nghị được biết."]
    }
    client.post(detail(asked), {"decision": "refuse", "reason": "Người lao động chưa chấm dứt hợp đồng."})
    asked.refresh_from_db()
    assert (asked.status, asked.reason) == (
        TransferRequest.Status.REFUSED,
        "Người lao động chưa chấm dứt hợp đồng.",
    )
    assert Notice.objects.filter(unit=tree.MAY, title="Đề nghị tiếp nhận Phạm Văn Bình bị từ chối").exists()
    assert (
        "Người lao động chưa chấm dứt hợp đồng."
        in client_for(users.grassroots_officer).get(detail(asked)).text
    )


def test_a_decided_request_is_not_decided_again(asked, users):
    actions.refuse_transfer(asked, by=users.outsider, reason="Không đủ điều kiện.")
    with pytest.raises(ValidationError) as error:
        actions.accept_transfer(asked, by=users.outsider)
    assert error.value.message_dict == {"status": ["Đề nghị này đã được xử lý (Đã từ chối)."]}


def test_list_shows_incoming_to_the_persons_union_and_outgoing_to_the_asking_union(asked, client_for, users):
    incoming = client_for(users.outsider).get(LIST)
    assert 'id="incoming-requests"' in incoming.text
    assert incoming.context["incoming"] == [asked]
    outgoing = client_for(users.grassroots_officer).get(LIST)
    assert (outgoing.context["incoming"], outgoing.context["outgoing"]) == ([], [asked])
    assert "Giày" not in outgoing.text


# --- the person form's refusal leads here ---------------------------------------------------------------------


def test_person_form_refusing_a_number_from_elsewhere_offers_a_transfer_request(client_for, users, tree):
    response = client_for(users.grassroots_officer).post(
        reverse("orgs:person-create"),
        {"unit": tree.MAY.pk, "full_name": "Phạm Văn Bình", "national_id": BINH_ID, "joined_on": "01/01/2024",
         "is_member": "1", "position": "member", "job_category": "worker"},
    )  # fmt: skip
    assert 'data-testid="transfer-request-hint"' in response.text
    assert f'href="{CREATE}?unit={tree.MAY.pk}"' in response.text
    assert "Giày" not in response.text


def test_person_form_names_the_holder_inside_the_scope_without_a_transfer_hint(client_for, users, tree):
    response = client_for(users.district_leader).post(
        reverse("orgs:person-create"),
        {"unit": tree.THPT.pk, "full_name": "Trần Văn Hai", "national_id": "083080000001", "joined_on": "01/01/2024",
         "is_member": "1", "position": "member", "job_category": "worker"},
    )  # fmt: skip
    assert response.context["form"].errors["national_id"] == [
        "Số CCCD này đã có trong hồ sơ của “Trần Trung Hào” (Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre)."
    ]
    assert 'data-testid="transfer-request-hint"' not in response.text


def test_list_query_count_does_not_grow_with_requests(client_for, users, tree, django_user_model):
    client = client_for(users.outsider)
    client.get(LIST)

    def ask(i):
        unit = actions.create_unit(tree.CT, by=None, code=f"HOI{i}", name=f"Công đoàn cơ sở Hỏi {i}",
                                   level="grassroots", sector="private")  # fmt: skip
        officer = user_with_role(f"hoi_officer_{i}", unit)
        actions.request_transfer(by=officer, to_unit=unit, national_id=BINH_ID, full_name="Phạm Văn Bình")

    ask(0)
    with CaptureQueriesContext(connection) as one:
        assert len(client.get(LIST).context["incoming"]) == 1
    for i in range(1, 6):
        ask(i)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get(LIST).context["incoming"]) == 6
    assert len(many.captured_queries) == len(one.captured_queries)


# --- both sides of a transfer, and withdrawal (issue 8) -----------------------------------------------------------


def test_accepting_carries_the_asking_unions_authority_not_the_deciders(asked, users, tree, people):
    """The outsider (officer of Trà Vinh) manages neither May Việt Tiến nor anything in Bến Tre; accepting the
    request moves Phạm Văn Bình there because the request carries May Việt Tiến's authority."""
    actions.accept_transfer(asked, by=users.outsider)
    assert Person.objects.get(pk=people.pham_binh.pk).unit_id == tree.MAY.pk


def test_a_direct_transfer_needs_both_sides(users, tree, people):
    from django.core.exceptions import PermissionDenied

    binh = people.pham_binh
    with pytest.raises(PermissionDenied):  # the outsider manages Bình's union but not May Việt Tiến
        actions.transfer_person(binh, tree.MAY, by=users.outsider, on=tree.MAY.founded_on)
    with pytest.raises(PermissionDenied):  # May Việt Tiến's officer manages the destination, not Bình's union
        actions.transfer_person(binh, tree.MAY, by=users.grassroots_officer, on=tree.MAY.founded_on)
    assert Person.objects.get(pk=binh.pk).unit_id == tree.GIAY.pk


def test_a_request_cannot_authorise_another_transfer(asked, users, tree, people):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):  # the request is for May Việt Tiến, not THPT
        actions.transfer_person(people.pham_binh, tree.THPT, by=users.outsider, on=tree.MAY.founded_on,
                                authority=asked)  # fmt: skip
    with pytest.raises(PermissionDenied):  # the one asking cannot accept its own request
        actions.accept_transfer(asked, by=users.grassroots_officer)


def test_the_asking_union_withdraws_its_request(asked, client_for, users, tree):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions.withdraw_transfer(
            asked, by=users.outsider
        )  # the person's union decides, it does not withdraw
    url = reverse("orgs:transfer-request-withdraw", args=[asked.pk])
    page = client_for(users.grassroots_officer).get(detail(asked)).content.decode()
    assert url in page
    assert client_for(users.outsider).post(url).status_code == 403
    response = client_for(users.grassroots_officer).post(url)
    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.status == TransferRequest.Status.WITHDRAWN and asked.decided_by == users.grassroots_officer
    assert Notice.objects.filter(unit=tree.GIAY, title__contains="đã rút đề nghị").exists()
    with pytest.raises(ValidationError):
        actions.accept_transfer(asked, by=users.outsider)
