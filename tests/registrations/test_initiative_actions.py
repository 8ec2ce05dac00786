"""Initiatives: registering with authors and shares, the path registered → applied → reviewed → recognised / not
recognised on the workflow kit, events and audit, and the duplicate check in and out of the user's scope."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from thidua.core.models import AuditEvent
from thidua.registrations import actions
from thidua.registrations.actions import AuthorInput
from thidua.registrations.models import CheckStatus, DuplicateCheck, Initiative, InitiativeEvent

from .initiative_builders import D, applied, initiative, recognised, reviewed

pytestmark = pytest.mark.django_db


def test_register_with_a_person_and_an_outsider_sharing_100_percent(tree, users, people):
    obj = initiative(tree.MAY, by=users.grassroots_officer, authors=[
        AuthorInput(share="60", person_id=people.tran_hao.pk),
        AuthorInput(share="40,00", name="  Kỹ sư   Ngô Văn Ngoài ", workplace="Công ty Cơ khí Đồng Khởi"),
    ])  # fmt: skip
    authors = list(obj.authors.all())
    assert [(a.name, a.share, a.is_outsider) for a in authors] == [
        ("Trần Trung Hào", Decimal("60.00"), False),
        ("Kỹ sư Ngô Văn Ngoài", Decimal("40.00"), True),
    ]
    assert obj.status == "registered"
    assert obj.year == 2017
    assert obj.folded_title == "cai tien ban ui hoi nuoc tiet kiem dien cho chuyen may"
    assert list(obj.events.values_list("action", "to_status", "by__username")) == [
        ("register", "registered", "grassroots_officer")
    ]
    audit = AuditEvent.objects.get(action="register", object_id=str(obj.pk))
    assert audit.changes["authors"][1] == ["Trần Trung Hào (60.00 %)", "Kỹ sư Ngô Văn Ngoài (40.00 %)"]


def test_shares_must_add_up_to_100_percent(tree, users):
    with pytest.raises(ValidationError) as error:
        initiative(tree.MAY, by=users.grassroots_officer,
                   authors=[AuthorInput(share=50, name="A"), AuthorInput(share="30.5", name="B")])  # fmt: skip
    assert error.value.message_dict["authors"] == [
        "Tổng tỷ lệ đóng góp của các tác giả phải bằng 100 % (hiện là 80,5 %)."
    ]
    assert not Initiative.objects.exists()


@pytest.mark.parametrize(
    ("authors", "message"),
    [
        ([], "Cần ít nhất một tác giả."),
        ([AuthorInput(share=100)], "Tác giả thứ 1: cần chọn người trong hệ thống hoặc ghi họ và tên."),
        ([AuthorInput(share=0, name="A"), AuthorInput(share=100, name="B")],
         "Tác giả thứ 1: tỷ lệ đóng góp phải lớn hơn 0 và không quá 100 %."),
        ([AuthorInput(share="năm mươi", name="A")], "Tác giả thứ 1: tỷ lệ đóng góp không phải là số."),
    ],
)  # fmt: skip
def test_bad_authors_are_refused_naming_the_row(tree, users, authors, message):
    with pytest.raises(ValidationError) as error:
        initiative(tree.MAY, by=users.grassroots_officer, authors=authors)
    assert error.value.message_dict["authors"] == [message]


def test_a_person_of_another_branch_cannot_be_named_author(tree, users, people):
    with pytest.raises(ValidationError) as error:
        initiative(tree.MAY, by=users.grassroots_officer,
                   authors=[AuthorInput(share=100, person_id=people.pham_binh.pk)])  # fmt: skip
    assert error.value.message_dict["authors"] == [
        "Tác giả thứ 1: không tìm thấy người này trong phạm vi quản lý."
    ]


def test_the_same_person_twice_is_refused(tree, users, people):
    with pytest.raises(ValidationError) as error:
        initiative(tree.MAY, by=users.grassroots_officer, authors=[
            AuthorInput(share=50, person_id=people.tran_hao.pk), AuthorInput(share=50, person_id=people.tran_hao.pk),
        ])  # fmt: skip
    assert error.value.message_dict["authors"] == ["Tác giả thứ 2: Trần Trung Hào đã có trong danh sách."]


def test_missing_content_is_named(tree, users):
    with pytest.raises(ValidationError) as error:
        initiative(tree.MAY, by=users.grassroots_officer, solution="   ")
    assert error.value.message_dict == {"solution": ["Cần mô tả nội dung giải pháp."]}


def test_the_whole_path_to_recognition(tree, users):
    obj = recognised(initiative(tree.MAY, by=users.grassroots_officer), by=users.district_leader)
    obj.refresh_from_db()
    assert obj.status == "recognised"
    assert (obj.decision_number, obj.decision_date, obj.effect_scope) == (
        "125/QĐ-MVT",
        D(2017, 10, 20),
        "grassroots",
    )
    assert obj.recognising_body == "Giám đốc Công ty TNHH May Việt Tiến Bến Tre"
    assert obj.applied_where == "Chuyền may số 3, Phân xưởng 2"
    assert obj.benefit_vnd == 120_000_000
    assert [m.score for m in obj.review.members.all()] == [85, 80, 90]
    assert list(obj.events.values_list("action", "from_status", "to_status")) == [
        ("register", "", "registered"), ("apply", "registered", "applied"), ("review", "applied", "reviewed"),
        ("recognise", "reviewed", "recognised"),
    ]  # fmt: skip
    audit = AuditEvent.objects.get(action="recognise", object_id=str(obj.pk))
    assert audit.changes["decision_number"] == ["", "125/QĐ-MVT"]


def test_not_recognised_needs_a_reason(tree, users):
    obj = reviewed(initiative(tree.MAY), mode="votes")
    with pytest.raises(ValidationError) as error:
        actions.reject_initiative(obj, by=users.district_leader, reason="  ")
    assert error.value.message_dict == {"reason": ["Cần nêu lý do."]}
    obj = actions.reject_initiative(
        obj, by=users.district_leader, reason="Giải pháp đã phổ biến trong ngành."
    )
    assert (obj.status, obj.not_recognised_reason) == ("not_recognised", "Giải pháp đã phổ biến trong ngành.")
    assert obj.events.last().note == "Giải pháp đã phổ biến trong ngành."


def test_a_step_out_of_order_is_refused(tree, users):
    obj = initiative(tree.MAY)
    with pytest.raises(ValidationError) as error:
        actions.recognise_initiative(obj, by=users.district_leader, decision_number="1", decision_date=D(2017, 5, 1),
                                     recognising_body="Công ty", effect_scope="grassroots")  # fmt: skip
    assert error.value.messages == ["Không thể ghi nhận công nhận sáng kiến ở trạng thái “Đã đăng ký”."]


def test_recognition_is_a_leaders_act(tree, users):
    obj = reviewed(initiative(tree.MAY))
    with pytest.raises(PermissionDenied):
        actions.recognise_initiative(obj, by=users.grassroots_officer, decision_number="1",
                                     decision_date=D(2017, 11, 1), recognising_body="Công ty",
                                     effect_scope="grassroots")  # fmt: skip
    assert Initiative.objects.get(pk=obj.pk).status == "reviewed"


def test_recognition_checks_its_decision(tree, users):
    obj = reviewed(initiative(tree.MAY))
    with pytest.raises(ValidationError) as error:
        actions.recognise_initiative(obj, by=users.district_leader, decision_number="1", decision_date=D(2017, 9, 1),
                                     recognising_body="Công ty", effect_scope="grassroots")  # fmt: skip
    assert error.value.message_dict == {
        "decision_date": ["Ngày quyết định không thể trước ngày hội đồng họp (05/10/2017)."]
    }
    with pytest.raises(ValidationError) as error:
        actions.recognise_initiative(obj, by=users.district_leader, decision_number="1", decision_date=D(2017, 11, 1),
                                     recognising_body="Công ty", effect_scope="")  # fmt: skip
    assert error.value.message_dict == {"effect_scope": ["Cần chọn phạm vi ảnh hưởng."]}


def test_review_needs_three_members_with_their_scores(tree, users):
    obj = applied(initiative(tree.MAY))
    with pytest.raises(ValidationError) as error:
        actions.record_review(obj, by=users.grassroots_officer, council="Hội đồng", held_on=D(2017, 10, 1),
                              mode="scores", minutes="Biên bản",
                              members=[actions.MemberInput(name="A", score=80), actions.MemberInput(name="B")])  # fmt: skip
    assert error.value.message_dict == {"members": ["Thành viên thứ 2 (B): cần chấm điểm từ 0 đến 100."]}
    with pytest.raises(ValidationError) as error:
        actions.record_review(obj, by=users.grassroots_officer, council="Hội đồng", held_on=D(2017, 10, 1),
                              mode="votes", minutes="Biên bản", members=[actions.MemberInput(name="A", vote="for")])  # fmt: skip
    assert error.value.message_dict == {"members": ["Hội đồng xét sáng kiến cần ít nhất 3 thành viên."]}
    assert not InitiativeEvent.objects.filter(action="review").exists()


def test_edit_until_the_council_sits_then_read_only(tree, users):
    obj = initiative(tree.MAY, by=users.grassroots_officer)
    obj = actions.update_initiative(obj, by=users.grassroots_officer, title="Bàn ủi hơi nước tiết kiệm điện")
    assert obj.folded_title == "ban ui hoi nuoc tiet kiem dien"
    assert AuditEvent.objects.get(action="update", object_id=str(obj.pk)).changes["title"] == [
        "Cải tiến bàn ủi hơi nước tiết kiệm điện cho chuyền may", "Bàn ủi hơi nước tiết kiệm điện"]  # fmt: skip
    reviewed(obj)
    with pytest.raises(ValidationError):
        actions.update_initiative(obj, by=users.grassroots_officer, title="Khác")


def test_archive_keeps_the_row_and_closes_the_path(tree, users):
    obj = actions.archive_initiative(initiative(tree.MAY), by=users.grassroots_officer, reason="Đăng ký nhầm")
    assert obj.archived_at is not None
    with pytest.raises(ValidationError) as error:
        applied(obj)
    assert error.value.messages == ["Không thể ghi nhận áp dụng sáng kiến ở trạng thái “Đã lưu trữ”."]


# --- duplicates ---------------------------------------------------------------------------------------------------

NEAR_TITLE = "Cai tien ban ui hoi nuoc tiet kiem dien chuyen may"  # the same, without diacritics, a word less


def test_a_match_in_scope_must_be_seen_before_registering(tree, users):
    first = initiative(tree.MAY, by=users.grassroots_officer)
    with pytest.raises(ValidationError) as error:
        initiative(tree.MAY, by=users.grassroots_officer, title=NEAR_TITLE)
    assert error.value.message_dict["seen_matches"] == [
        "Có 1 sáng kiến tương tự trong phạm vi quản lý: hãy xem và xác nhận đây là sáng kiến khác trước khi ghi."
    ]
    second = initiative(tree.MAY, by=users.grassroots_officer, title=NEAR_TITLE, seen_matches=[first.pk])
    check = DuplicateCheck.objects.get(initiative=second)
    assert (check.match, check.status, check.sent_up, check.reviewer_unit, check.decided_by) == (
        first, CheckStatus.DISTINCT, False, tree.MAY, users.grassroots_officer)  # fmt: skip
    assert check.score >= 75


def test_a_match_in_another_branch_is_sent_up_to_the_unit_above_both(tree, users):
    other = initiative(tree.DUA, by=users.province_officer)  # TPBT's branch
    mine = initiative(tree.MAY, by=users.grassroots_officer, title=NEAR_TITLE)  # nothing to see: registered
    check = DuplicateCheck.objects.get(initiative=mine)
    assert (check.match, check.status, check.sent_up, check.reviewer_unit) == (
        other, CheckStatus.PENDING, True, tree.BT)  # fmt: skip
    assert AuditEvent.objects.get(action="register", object_id=str(mine.pk)).note == (
        "Gửi cấp trên kiểm tra 1 sáng kiến có thể trùng.")  # fmt: skip


def test_another_federation_is_not_compared(tree, users):
    initiative(tree.GIAY, by=users.outsider)
    mine = initiative(tree.MAY, by=users.grassroots_officer)
    assert not DuplicateCheck.objects.filter(initiative=mine).exists()


def test_different_initiatives_do_not_match(tree, users):
    initiative(tree.MAY, by=users.grassroots_officer)
    other = initiative(tree.MAY, by=users.grassroots_officer, title="Phần mềm quản lý hồ sơ đoàn viên trực tuyến",
                       problem="Hồ sơ giấy thất lạc, tra cứu chậm.",
                       solution="Xây dựng phần mềm trên nền web, quét hồ sơ cũ.", field="union")  # fmt: skip
    assert not DuplicateCheck.objects.filter(initiative=other).exists()


def test_the_upper_level_decides_a_check_sent_up(tree, users):
    initiative(tree.DUA, by=users.province_officer)
    check = DuplicateCheck.objects.get(
        initiative=initiative(tree.MAY, by=users.grassroots_officer, title=NEAR_TITLE)
    )
    with pytest.raises(PermissionDenied):
        actions.decide_duplicate_check(check, by=users.grassroots_officer, duplicate=True)
    with pytest.raises(PermissionDenied):
        actions.decide_duplicate_check(check, by=users.district_leader, duplicate=True)
    check = actions.decide_duplicate_check(
        check, by=users.province_officer, duplicate=True, note="Cùng một giải pháp"
    )
    assert (check.status, check.decided_by, check.note) == (
        "duplicate",
        users.province_officer,
        "Cùng một giải pháp",
    )
    with pytest.raises(ValidationError):
        actions.decide_duplicate_check(check, by=users.province_officer, duplicate=False)


# --- the write matrix, by relation to the initiative's unit (MAY) ---------------------------------------------

RELATIONS = [
    # user, relation, may register/apply/review, may recognise
    ("grassroots_officer", "own unit (officer)", True, False),
    ("district_leader", "parent (leader)", True, True),
    ("province_officer", "ancestor (officer)", True, False),
    ("province_leader", "ancestor (leader)", True, True),
    ("council_member", "ancestor (council)", False, False),
    ("outsider", "another branch", False, False),
]


@pytest.mark.parametrize(("username", "relation", "may_submit", "may_approve"), RELATIONS)
def test_write_matrix_by_relation(tree, users, username, relation, may_submit, may_approve):
    user = getattr(users, username)
    if may_submit:
        obj = initiative(tree.MAY, by=user)
        applied(obj, by=user)
        reviewed_obj = actions.record_review(Initiative.objects.get(pk=obj.pk), by=user, council="Hội đồng",
                                             held_on=D(2017, 10, 5), mode="votes", minutes="Biên bản",
                                             members=[actions.MemberInput(name=n, vote="for") for n in "ABC"])  # fmt: skip
        assert reviewed_obj.status == "reviewed"
    else:
        with pytest.raises(PermissionDenied):
            initiative(tree.MAY, by=user)
        reviewed_obj = reviewed(initiative(tree.MAY))
        with pytest.raises(PermissionDenied):
            actions.archive_initiative(reviewed_obj, by=user, reason="x")
    if may_approve:
        assert recognised_by(reviewed_obj, user).status == "recognised"
    else:
        with pytest.raises(PermissionDenied):
            recognised_by(reviewed_obj, user)
        with pytest.raises(PermissionDenied):
            actions.reject_initiative(reviewed_obj, by=user, reason="Không đạt")


def test_a_sibling_unit_cannot_write(tree, users, django_user_model):
    from thidua.orgs import actions as org_actions

    sibling = django_user_model.objects.create_user("thpt_officer", password="x")
    org_actions.grant_role(sibling, tree.THPT, "officer", by=None)
    obj = initiative(tree.MAY)
    with pytest.raises(PermissionDenied):
        initiative(tree.MAY, by=sibling, title="Sáng kiến khác hẳn về giáo dục", problem="a", solution="b")
    with pytest.raises(PermissionDenied):
        applied(obj, by=sibling)


def test_a_child_unit_cannot_write_for_its_parent(tree, users):
    with pytest.raises(PermissionDenied):
        initiative(tree.CT, by=users.grassroots_officer)


def recognised_by(obj, user):
    return actions.recognise_initiative(obj, by=user, decision_number="7/QĐ", decision_date=D(2017, 11, 1),
                                        recognising_body="Công ty", effect_scope="province")  # fmt: skip


def test_the_unit_above_is_told_without_the_content(tree, users, django_capture_on_commit_callbacks):
    from thidua.notices.models import Notice

    initiative(tree.DUA, by=users.province_officer)
    with django_capture_on_commit_callbacks(execute=True):
        initiative(tree.MAY, by=users.grassroots_officer, title=NEAR_TITLE)
    notice = Notice.objects.get(kind="initiative_duplicate")
    assert (notice.unit, notice.url) == (tree.BT, "/sang-kien/kiem-tra-trung/")
    assert notice.title == "Có sáng kiến có thể trùng giữa các đơn vị trực thuộc cần kiểm tra"


def test_the_same_boilerplate_around_another_subject_is_not_a_match(tree, users):
    from thidua.registrations import duplicates

    for i in range(36):  # a federation of varied initiatives, where the boilerplate is common
        initiative(tree.DUA, title=f"Đề xuất {i} về {'abcdefghijklmnopqrstuvwxyz'[i % 26] * 3} {i * 7919}",
                   problem=f"Vấn đề riêng {i}", solution=f"Giải pháp riêng {i * 31}")  # fmt: skip
    for subject in ["hồ sơ bệnh án", "dạy học STEM", "bàn ủi hơi nước", "lò hơi đốt củi", "máy nén khí"]:
        initiative(tree.MAY, title=f"Ứng dụng công nghệ thông tin trong quản lý {subject}",
                   problem=f"Quản lý {subject} bằng sổ sách.", solution="Xây dựng phần mềm theo dõi trên máy tính.")  # fmt: skip
    found = duplicates.find_matches(tree.MAY, "Ứng dụng công nghệ thông tin trong quản lý máy may công nghiệp",
                                    "Quản lý máy may công nghiệp bằng sổ sách.",
                                    "Xây dựng phần mềm theo dõi trên máy tính.")  # fmt: skip
    assert found == []
    found = duplicates.find_matches(tree.MAY, "Ung dung cong nghe thong tin quan ly ho so benh an",
                                    "Quản lý hồ sơ bệnh án bằng sổ sách.",
                                    "Xây dựng phần mềm theo dõi trên máy tính.")  # fmt: skip
    assert [Initiative.objects.get(pk=m.pk).title for m in found] == [
        "Ứng dụng công nghệ thông tin trong quản lý hồ sơ bệnh án"]  # fmt: skip
