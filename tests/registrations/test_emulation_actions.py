"""Emulation registration's actions: opening, the check against the catalog of the year, the workflow (submit,
acknowledge, return, amend), deadlines by federation and sector, late consent, notices and the audit trail."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from thidua.core.models import AuditEvent
from thidua.notices.models import Notice
from thidua.registrations import actions
from thidua.registrations import emulation_queries as queries
from thidua.registrations.models import Award, LateConsent, RegistrationEvent, RegistrationStatus

from .builders import award, filled_registration, open_registration, registration_plan, submitted_registration

D = datetime.date
pytestmark = pytest.mark.django_db


def test_open_takes_the_default_deadline_of_25_january(tree, users):
    registration = open_registration(tree.MAY, by=users.grassroots_officer)
    assert registration.status == RegistrationStatus.DRAFT
    assert registration.deadline == D(2017, 1, 25)
    assert list(registration.events.values_list("action", "to_status")) == [("open", "draft")]
    assert AuditEvent.objects.filter(action="open", object_id=str(registration.pk)).count() == 1


def test_federation_deadline_by_sector_applies_to_its_units(tree, users):
    actions.set_deadline(tree.BT, by=users.province_officer, day=20, month=10, sector="public_service",
                         by_school_year=True)  # fmt: skip
    actions.set_deadline(tree.BT, by=users.province_officer, day=31, month=1)
    assert queries.deadline_for(tree.THPT, 2017) == D(2017, 10, 20)
    assert queries.deadline_for(tree.MAY, 2017) == D(2017, 1, 31)
    assert queries.deadline_for(tree.GIAY, 2017) == D(2017, 1, 25)  # Trà Vinh set none


def test_setting_a_deadline_again_archives_the_previous_one(tree, users):
    first = actions.set_deadline(tree.BT, by=users.province_officer, day=31, month=1)
    actions.set_deadline(tree.BT, by=users.province_officer, day=15, month=2)
    first.refresh_from_db()
    assert first.archived_at is not None
    assert queries.deadline_for(tree.MAY, 2017) == D(2017, 2, 15)


def test_deadline_is_set_only_by_the_federation(tree, users):
    with pytest.raises(PermissionDenied):
        actions.set_deadline(tree.BT, by=users.district_leader, day=31, month=1)
    with pytest.raises(PermissionDenied):
        actions.set_deadline(tree.BT, by=users.outsider, day=31, month=1)
    with pytest.raises(ValidationError):
        actions.set_deadline(tree.BT, by=users.province_officer, day=30, month=2)


def test_a_unit_registers_once_a_year(tree, users):
    open_registration(tree.MAY, by=users.grassroots_officer)
    with pytest.raises(ValidationError, match="đã có đăng ký thi đua cho 2017"):
        open_registration(tree.MAY, by=users.grassroots_officer)


def test_open_under_a_plan_of_another_branch_is_refused(tree, users):
    foreign = registration_plan(tree.TV)
    with pytest.raises(ValidationError, match="không phải kế hoạch năm 2017"):
        open_registration(tree.MAY, by=users.grassroots_officer, plan=foreign)


def test_open_for_a_phase_needs_a_phase_that_opens_registration(tree, users):
    plan = registration_plan()
    first, second = plan.phases.order_by("order")
    registration = actions.open_registration(tree.MAY, by=users.grassroots_officer, year=2017, plan=plan,
                                             phase=first, today=D(2017, 1, 10))  # fmt: skip
    assert registration.phase == first
    with pytest.raises(ValidationError, match="không mở đăng ký"):
        actions.open_registration(tree.DUA, by=None, year=2017, plan=plan, phase=second, today=D(2017, 9, 2))


def test_save_replaces_rows_and_records_them(tree, users, people):
    registration = filled_registration(
        tree.MAY, [people.tran_hao, people.nguyen_dao], by=users.grassroots_officer
    )
    assert registration.targets.count() == 1
    assert [e.person.full_name for e in registration.people.order_by("order")] == ["Trần Trung Hào",
                                                                                   "Nguyễn Thị Đào"]  # fmt: skip
    saved = AuditEvent.objects.get(action="save", object_id=str(registration.pk))
    assert [p["name"] for p in saved.changes["people"][1]] == ["Trần Trung Hào", "Nguyễn Thị Đào"]


def test_collective_title_is_refused_for_a_person(tree, users, people):
    registration = open_registration(tree.MAY, by=users.grassroots_officer)
    with pytest.raises(ValidationError) as error:
        actions.save_registration(registration, by=users.grassroots_officer, targets=[],
                                  people=[{"person": people.tran_hao, "award": award("cdcs-vung-manh")}])  # fmt: skip
    assert error.value.messages == [
        "Đăng ký cá nhân, dòng 1 (Trần Trung Hào): “Công đoàn cơ sở vững mạnh” là danh hiệu của tập thể, không đăng "
        "ký cho cá nhân."
    ]
    assert registration.people.count() == 0


def test_individual_title_is_refused_for_the_collective(tree, users):
    registration = open_registration(tree.MAY, by=users.grassroots_officer)
    with pytest.raises(ValidationError, match="cho cá nhân, không đăng ký cho tập thể"):
        actions.save_registration(registration, by=users.grassroots_officer,
                                  targets=[{"award": award("lao-dong-tien-tien")}], people=[])  # fmt: skip


def test_title_conferred_by_the_units_own_level_is_refused(tree, users):
    registration = open_registration(tree.MAY, by=users.grassroots_officer)
    with pytest.raises(ValidationError, match="không cao hơn cấp của Công đoàn cơ sở Công ty TNHH May"):
        actions.save_registration(registration, by=users.grassroots_officer,
                                  targets=[{"award": award("to-cong-doan-vung-manh")}], people=[])  # fmt: skip


def test_upper_union_cannot_aim_for_the_title_it_confers(tree, users):
    registration = open_registration(tree.CT, by=users.district_leader)
    with pytest.raises(
        ValidationError, match="“Công đoàn cơ sở vững mạnh” do Công đoàn cấp trên trực tiếp cơ sở"
    ):
        actions.save_registration(registration, by=users.district_leader,
                                  targets=[{"award": award("cdcs-vung-manh")}], people=[])  # fmt: skip
    actions.save_registration(registration, by=users.district_leader,
                              targets=[{"award": award("co-thi-dua-ldld")}], people=[])  # fmt: skip
    assert registration.targets.get().award.code == "co-thi-dua-ldld"


def test_a_person_of_another_unit_is_refused(tree, users, people):
    registration = open_registration(tree.MAY, by=users.grassroots_officer)
    with pytest.raises(ValidationError, match="người này không thuộc"):
        actions.save_registration(registration, by=users.grassroots_officer, targets=[],
                                  people=[{"person": people.vo_hong, "award": award("lao-dong-tien-tien")}])  # fmt: skip


def test_exceeding_the_quota_of_the_year_is_a_warning(tree, users, people):
    registration = open_registration(tree.MAY, by=users.grassroots_officer)
    rows = [{"person": people.tran_hao, "award": award("cstd-co-so")},
            {"person": people.nguyen_dao, "award": award("lao-dong-tien-tien")}]  # fmt: skip
    check = actions.save_registration(registration, by=users.grassroots_officer, targets=[], people=rows)
    assert check.errors == []
    assert len(check.warnings) == 1
    assert check.warnings[0].startswith(
        "1 người đăng ký “Chiến sĩ thi đua cơ sở”, vượt tỷ lệ 15% của 2 người đăng ký “Lao động tiên tiến” trở lên "
        "(tối đa 0)"
    )
    assert registration.people.count() == 2


def test_submit_tells_the_level_above(tree, users, people, django_capture_on_commit_callbacks):
    registration = filled_registration(tree.MAY, [people.tran_hao], by=users.grassroots_officer)
    with django_capture_on_commit_callbacks(execute=True):
        actions.submit_registration(registration, by=users.grassroots_officer, today=D(2017, 1, 20))
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED
    assert registration.late is False
    notice = Notice.objects.get(unit=tree.CT)
    assert notice.title == "Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre gửi đăng ký thi đua 2017"
    assert notice.url == f"/dang-ky-thi-dua/{registration.pk}/"


def test_an_empty_registration_is_not_sent(tree, users):
    registration = open_registration(tree.MAY, by=users.grassroots_officer)
    with pytest.raises(ValidationError, match="chưa có dòng nào"):
        actions.submit_registration(registration, by=users.grassroots_officer, today=D(2017, 1, 20))


def test_late_submission_needs_the_level_aboves_consent(tree, users, people):
    registration = filled_registration(tree.MAY, [people.tran_hao], by=users.grassroots_officer)
    with pytest.raises(ValidationError, match=r"Đã quá hạn đăng ký \(25/01/2017\)"):
        actions.submit_registration(registration, by=users.grassroots_officer, today=D(2017, 2, 3))
    with pytest.raises(PermissionDenied):  # a unit does not consent to its own lateness
        actions.grant_late_consent(tree.MAY, by=users.grassroots_officer, year=2017, until=D(2017, 2, 10),
                                   reason="Đơn vị mới kiện toàn Ban Chấp hành", today=D(2017, 2, 3))  # fmt: skip
    consent = actions.grant_late_consent(tree.MAY, by=users.district_leader, year=2017, until=D(2017, 2, 10),
                                         reason="Đơn vị mới kiện toàn Ban Chấp hành", today=D(2017, 2, 3))  # fmt: skip
    actions.submit_registration(registration, by=users.grassroots_officer, today=D(2017, 2, 3))
    registration.refresh_from_db()
    assert (registration.late, registration.late_consent) == (True, consent)
    assert LateConsent.objects.get().by == users.district_leader


def test_consent_runs_out(tree, users, people):
    registration = filled_registration(tree.MAY, [people.tran_hao], by=users.grassroots_officer)
    actions.grant_late_consent(tree.MAY, by=users.district_leader, year=2017, until=D(2017, 2, 10),
                               reason="Kiện toàn Ban Chấp hành", today=D(2017, 2, 3))  # fmt: skip
    with pytest.raises(ValidationError, match="Đã quá hạn"):
        actions.submit_registration(registration, by=users.grassroots_officer, today=D(2017, 2, 11))


def test_acknowledged_registration_is_read_only(tree, users, people, django_capture_on_commit_callbacks):
    registration = submitted_registration(tree.MAY, [people.tran_hao], by=users.grassroots_officer)
    with django_capture_on_commit_callbacks(execute=True):
        actions.acknowledge_registration(registration, by=users.district_leader, note="Đúng quy định")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.ACKNOWLEDGED
    assert registration.acknowledged_by == users.district_leader
    assert Notice.objects.get(unit=tree.MAY).title == (
        "Cấp trên đã ghi nhận đăng ký thi đua 2017 của Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre"
    )
    with pytest.raises(ValidationError, match="không sửa trực tiếp"):
        actions.save_registration(registration, by=users.grassroots_officer, targets=[], people=[])


def test_a_unit_does_not_acknowledge_its_own_registration(tree, users, people):
    registration = submitted_registration(tree.MAY, [people.tran_hao], by=users.grassroots_officer)
    with pytest.raises(PermissionDenied):
        actions.acknowledge_registration(registration, by=users.grassroots_officer)
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED


def test_return_needs_a_reason_and_the_unit_sends_again(tree, users, people):
    registration = submitted_registration(tree.MAY, [people.tran_hao], by=users.grassroots_officer)
    with pytest.raises(ValidationError):
        actions.return_registration(registration, by=users.district_leader, reason="  ")
    actions.return_registration(registration, by=users.district_leader, reason="Thiếu chỉ tiêu phong trào")
    registration.refresh_from_db()
    assert (registration.status, registration.returned_reason) == ("returned", "Thiếu chỉ tiêu phong trào")
    filled = [{"award": award("cdcs-vung-manh"), "targets": "Vững mạnh; 100% đoàn viên tham gia phong trào"}]
    actions.save_registration(registration, by=users.grassroots_officer, targets=filled, people=[])
    # sent again after the deadline: judged by its first sending, in time
    actions.submit_registration(registration, by=users.grassroots_officer, today=D(2017, 3, 1))
    registration.refresh_from_db()
    assert (registration.status, registration.late, registration.returned_reason) == ("submitted", False, "")
    assert list(registration.events.values_list("action", flat=True)) == [
        "open",
        "submit",
        "return",
        "submit",
    ]


def test_amendment_after_acknowledgement_is_recorded(tree, users, people):
    registration = submitted_registration(tree.MAY, [people.tran_hao], by=users.grassroots_officer)
    actions.acknowledge_registration(registration, by=users.district_leader)
    rows = [{"person": people.tran_hao, "award": award("lao-dong-tien-tien")},
            {"person": people.nguyen_dao, "award": award("lao-dong-tien-tien")}]  # fmt: skip
    targets = [{"award": award("cdcs-vung-manh"), "targets": "Đạt danh hiệu CĐCS vững mạnh"}]
    with pytest.raises(PermissionDenied):
        actions.amend_registration(registration, by=users.grassroots_officer, reason="Bổ sung", targets=targets,
                                   people=rows)  # fmt: skip
    actions.amend_registration(registration, by=users.province_officer, reason="Bổ sung người mới chuyển đến",
                               targets=targets, people=rows)  # fmt: skip
    event = RegistrationEvent.objects.get(registration=registration, action="amend")
    assert event.note == "Bổ sung người mới chuyển đến"
    assert list(event.changes) == ["people"]
    before, after = event.changes["people"]
    assert [p["name"] for p in before] == ["Trần Trung Hào"]
    assert [p["name"] for p in after] == ["Trần Trung Hào", "Nguyễn Thị Đào"]
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.ACKNOWLEDGED


def test_amendment_that_changes_nothing_is_refused(tree, users, people):
    registration = submitted_registration(tree.MAY, [people.tran_hao], by=users.grassroots_officer)
    actions.acknowledge_registration(registration, by=users.district_leader)
    with pytest.raises(ValidationError, match="không khác"):
        actions.amend_registration(
            registration, by=users.district_leader, reason="Không đổi",
            targets=[{"award": award("cdcs-vung-manh"), "targets": "Đạt danh hiệu CĐCS vững mạnh"}],
            people=[{"person": people.tran_hao, "award": award("lao-dong-tien-tien"), "position": "Công nhân"}],
        )  # fmt: skip


def test_a_school_year_is_judged_by_the_catalog_in_force_at_its_end(tree, users, people):
    """Schools register by school year (by 20/10): the school year 2023 – 2024 is judged on 31/05/2024, under
    Decree 98/2023 (no 15 % cap of Chiến sĩ thi đua cơ sở), not on 31/12/2023 under Decree 91/2017."""
    mai = people.huynh_mai
    rows = [{"person": mai, "award": Award.objects.get(code="lao-dong-tien-tien"), "position": "Giáo viên"},
            {"person": mai, "award": Award.objects.get(code="cstd-co-so"), "position": "Giáo viên"}]  # fmt: skip
    by_calendar_year = queries.check_contents(tree.THPT, 2023, targets=[], people=rows)
    assert queries.period_end(2023, unit=tree.THPT) == D(2023, 12, 31)
    assert len(by_calendar_year.warnings) == 1 and "91/2017" in by_calendar_year.warnings[0]
    actions.set_deadline(tree.BT, by=users.province_officer, day=20, month=10, sector="public_service",
                         by_school_year=True)  # fmt: skip
    assert queries.deadline_for(tree.THPT, 2023) == D(2023, 10, 20)
    assert queries.period_end(2023, unit=tree.THPT) == D(2024, 5, 31)
    assert queries.period_end(2023, unit=tree.MAY) == D(2023, 12, 31)  # another sector: the calendar year
    by_school_year = queries.check_contents(tree.THPT, 2023, targets=[], people=rows)
    assert by_school_year.ok and by_school_year.warnings == []
    gone = queries.check_contents(tree.THPT, 2013, targets=[], people=rows[:1])
    assert gone.errors == ["Đăng ký cá nhân, dòng 1 (Huỳnh Thị Mai): “Lao động tiên tiến” không có trong danh mục "
                           "áp dụng cho năm học 2013 – 2014 (ngày 31/05/2014)."]  # fmt: skip


def test_a_count_quota_of_the_federation_warns_across_its_registrations(tree, users, people):
    """Bằng khen chuyên đề of the confederation: at most 4 proposed by a provincial federation (QĐ 2106/2017,
    Điều 15). People and collectives of all the federation's registrations of the year count; another
    federation's do not; the registration being saved is counted once."""
    bk = award("bang-khen-tld-chuyen-de")
    elsewhere = open_registration(tree.GIAY)
    actions.save_registration(elsewhere, by=None, targets=[{"award": bk}],
                              people=[{"person": people.pham_binh, "award": bk}])  # fmt: skip
    may = open_registration(tree.MAY, by=users.grassroots_officer)
    rows = [{"person": p, "award": bk} for p in (people.tran_hao, people.nguyen_dao, people.le_duc)]
    check = actions.save_registration(may, by=users.grassroots_officer, targets=[{"award": bk}], people=rows)
    assert check.warnings == []  # 4: at the cap
    check = actions.save_registration(may, by=users.grassroots_officer, targets=[{"award": bk}], people=rows)
    assert check.warnings == []  # saved again: its own earlier rows are not counted twice
    dua = open_registration(tree.DUA)
    check = actions.save_registration(
        dua, by=None, targets=[], people=[{"person": people.vo_hong, "award": bk}]
    )
    assert check.warnings == [
        "5 đăng ký “Bằng khen chuyên đề của Tổng Liên đoàn Lao động Việt Nam” trong năm 2017 tại Liên đoàn Lao động "
        "tỉnh Bến Tre (kể cả đăng ký này), vượt số lượng khống chế 4 (mỗi LĐLĐ tỉnh, công đoàn ngành trung ương đề "
        "nghị, mỗi chuyên đề (một số LĐLĐ lớn có ngoại lệ — chưa xác minh)) theo Quyết định 2106/QĐ-TLĐ ngày 28/12/2017, "
        "Điều 15: "
        "khi xét sẽ không đủ chỉ tiêu cho tất cả."
    ]
    assert queries.check_registration(may).warnings == [check.warnings[0]]  # the unit's page sees it too


def test_a_count_quota_names_its_scope():
    from thidua.registrations.prerequisites import validate_quotas

    assert validate_quotas([{"count": 4, "within": "federation"}, {"count": 300, "within": "nation"}]) == []
    assert validate_quotas([{"percent": 15, "of": "x", "within": "nation"}])[0].endswith(
        "“within” (phạm vi đếm số lượng) là unit, federation hoặc nation, chỉ với “count”.")  # fmt: skip
    assert len(validate_quotas([{"count": 4, "within": "world"}])) == 1
