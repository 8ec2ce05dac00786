import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from thidua.core.models import AuditEvent
from thidua.proposals import actions, queries
from thidua.proposals.models import (
    Nominee,
    NomineeResult,
    Proposal,
    ProposalEvent,
    ProposalStatus,
    RewardKind,
)

from .builders import award, kind, minutes, proposal_with, sent

pytestmark = pytest.mark.django_db


def test_reward_kinds_are_loaded_with_their_dossier():
    kinds = {k.code: k for k in RewardKind.objects.all()}
    assert list(kinds) == ["cong-trang", "chuyen-de", "dot-xuat", "cong-hien", "cap-tren"]
    assert kinds["dot-xuat"].simplified is True
    assert kinds["dot-xuat"].dossier == ["cover_letter", "brief_report"]
    assert kinds["chuyen-de"].needs_movement is True and kinds["chuyen-de"].cap_per_theme == 10
    assert kinds["cong-hien"].dossier_labels == [
        "Tờ trình đề nghị khen thưởng",
        "Báo cáo tóm tắt thành tích",
        "Số năm công tác công đoàn",
    ]


def test_proposal_goes_to_the_parent_by_default(tree, users):
    p = actions.create_proposal(tree.MAY, by=users.grassroots_officer, kind=kind(), year=2017)
    assert p.to_unit == tree.CT and not p.own_level
    assert p.title == "Đề nghị khen thưởng tổng kết năm 2017"  # neither "khen thưởng" nor "năm" twice
    assert AuditEvent.objects.filter(action="create", object_id=str(p.pk)).exists()


def test_outsider_cannot_create_a_proposal_for_another_branch(tree, users):
    with pytest.raises(PermissionDenied):
        actions.create_proposal(tree.MAY, by=users.outsider, kind=kind(), year=2017)


def test_priority_facts_are_read_from_the_person(tree, users, people):
    p = proposal_with(tree.MAY, [people.nguyen_dao, people.le_duc], by=users.grassroots_officer)
    dao, duc = p.nominees.order_by("order")
    assert (dao.direct_production_worker, dao.non_state_worker, dao.woman) == (True, True, True)
    assert (duc.direct_production_worker, duc.non_state_worker, duc.woman) == (False, True, False)


def test_a_person_outside_the_unit_cannot_be_proposed(tree, users, people):
    p = actions.create_proposal(tree.MAY, by=users.grassroots_officer, kind=kind(), year=2017)
    with pytest.raises(ValidationError) as error:
        actions.add_nominee(
            p, by=users.grassroots_officer, person=people.vo_hong, award=award("bang-khen-ldld")
        )
    assert error.value.message_dict["person"] == ["Người này không thuộc đơn vị đề nghị."]


def test_sending_an_incomplete_dossier_names_what_is_missing(tree, users, people):
    p = proposal_with(tree.MAY, [people.nguyen_dao], by=users.grassroots_officer, complete=False)
    with pytest.raises(ValidationError) as error:
        actions.send_proposal(p, by=users.grassroots_officer)
    assert error.value.messages == [
        "Hồ sơ chưa đủ:",
        "Thiếu Biên bản họp Hội đồng thi đua – khen thưởng của đơn vị đề nghị (đính kèm tệp, thành phần hồ sơ "
        "“Biên bản họp hội đồng”).",
        "Nguyễn Thị Đào: thiếu báo cáo thành tích.",
    ]
    p.refresh_from_db()
    assert p.status == ProposalStatus.DRAFT


def test_send_receive_return_and_send_again(tree, users, people):
    p = sent(tree.MAY, [people.nguyen_dao], by=users.grassroots_officer)
    assert p.status == ProposalStatus.SENT and p.sent_at is not None and p.late is False
    with pytest.raises(PermissionDenied):  # the proposing unit never handles its own proposal
        actions.receive_proposal(p, by=users.grassroots_officer)
    actions.receive_proposal(p, by=users.district_leader)
    with pytest.raises(ValidationError):
        actions.return_proposal(p, by=users.district_leader, reason="")
    p = actions.return_proposal(p, by=users.district_leader, reason="Bổ sung số liệu năng suất.")
    assert p.status == ProposalStatus.RETURNED and p.return_reason == "Bổ sung số liệu năng suất."
    actions.update_nominee(p.nominees.get(), by=users.grassroots_officer, summary="Năng suất vượt 20 %.")
    p = actions.send_proposal(p, by=users.grassroots_officer)
    assert p.status == ProposalStatus.SENT and p.return_reason == ""
    assert list(ProposalEvent.objects.filter(proposal=p).values_list("action", flat=True)) == [
        "send",
        "receive",
        "return",
        "send",
    ]


def test_sent_after_the_deadline_is_late(tree, users, people):
    p = proposal_with(
        tree.MAY, [people.nguyen_dao], by=users.grassroots_officer, deadline=datetime.date(2017, 11, 30)
    )
    p = actions.send_proposal(p, by=users.grassroots_officer, today=datetime.date(2017, 12, 5))
    assert p.late is True
    assert list(Proposal.objects.filter(queries.late_q())) == [p]


def test_forwarding_keeps_the_chain_and_completes_the_lower_proposal(tree, users, people):
    p = sent(tree.MAY, [people.nguyen_dao, people.tran_hao], by=users.grassroots_officer)
    actions.receive_proposal(p, by=users.district_leader)
    dao, hao = p.nominees.order_by("order")
    upper = actions.forward_nominees(p, [dao], by=users.district_leader)
    assert (upper.unit, upper.to_unit, upper.status) == (tree.CT, tree.BT, ProposalStatus.DRAFT)
    copy = upper.nominees.get()
    assert (copy.person, copy.origin, copy.root) == (people.nguyen_dao, dao, dao)
    dao.refresh_from_db()
    assert dao.result == NomineeResult.FORWARDED
    p.refresh_from_db()
    assert p.status == ProposalStatus.RECEIVED and p.forwarded_as == upper
    upper_again = actions.forward_nominees(p, [hao], by=users.district_leader)
    assert upper_again == upper and upper.nominees.count() == 2
    p.refresh_from_db()
    assert p.status == ProposalStatus.DONE
    assert queries.duplicates_for(list(upper.nominees.all())) == {}  # one route, not a duplicate


def test_a_nominee_proposed_twice_through_different_routes_is_caught_on_both(tree, users, people):
    first = proposal_with(tree.MAY, [people.nguyen_dao], by=users.grassroots_officer)
    second = proposal_with(tree.CT, [people.nguyen_dao], by=users.district_leader)
    one, two = first.nominees.get(), second.nominees.get()
    found = queries.duplicates_for([one, two])
    assert [n.pk for n in found[one.pk]] == [two.pk]
    assert [n.pk for n in found[two.pk]] == [one.pk]
    other_award = proposal_with(tree.THPT, [], by=users.district_leader)
    assert queries.duplicates_for(list(other_award.nominees.all())) == {}


def test_decide_within_own_authority_only(tree, users, people):
    p = sent(tree.MAY, [people.nguyen_dao], by=users.grassroots_officer, award_code="giay-khen-cap-tren")
    actions.receive_proposal(p, by=users.district_leader)
    dao = p.nominees.get()
    actions.record_results(p, by=users.district_leader, approved=[dao])
    dao.refresh_from_db()
    p.refresh_from_db()
    assert dao.result == NomineeResult.APPROVED and p.status == ProposalStatus.DONE
    q = sent(tree.MAY, [people.tran_hao], by=users.grassroots_officer, award_code="bang-khen-ldld")
    actions.receive_proposal(q, by=users.district_leader)
    with pytest.raises(ValidationError) as error:
        actions.record_results(q, by=users.district_leader, approved=[q.nominees.get()])
    assert "vượt thẩm quyền" in error.value.messages[0]


def test_own_level_commendation_is_decided_by_the_units_leader(tree, users, people):
    p = actions.create_proposal(tree.CT, by=users.district_leader, kind=kind(), year=2017, own_level=True)
    with pytest.raises(ValidationError):  # a Bằng khen is not the district's to give
        actions.add_nominee(
            p, by=users.district_leader, person=people.huynh_mai, award=award("bang-khen-ldld")
        )
    n = actions.add_nominee(
        p,
        by=users.district_leader,
        person=people.huynh_mai,
        award=award("giay-khen-cap-tren"),
        achievement="…",
    )
    actions.record_results(p, by=users.district_leader, approved=[n])
    p.refresh_from_db()
    assert p.status == ProposalStatus.DONE
    assert ProposalEvent.objects.get(proposal=p).action == "commend"


def test_thematic_cap_per_federation_and_theme(tree, users, people, settings):
    from thidua.plans.models import Movement, Plan

    plan = Plan.objects.create(issuer=tree.BT, number=13, symbol="KH-LĐLĐ", year=2017, title="Kế hoạch")
    movement = Movement.objects.create(plan=plan, names=["Xanh - Sạch - Đẹp, bảo đảm ATVSLĐ"])
    thematic = kind("chuyen-de")
    thematic.cap_per_theme = 1
    thematic.save()
    p = proposal_with(
        tree.MAY,
        [people.nguyen_dao, people.tran_hao],
        by=users.grassroots_officer,
        kind_code="chuyen-de",
        plan=plan,
        movement=movement,
        award_code="giay-khen-cap-tren",
    )
    assert queries.missing_items(p)[-1] == (
        "Vượt số lượng tối đa của chuyên đề: 2 người, tập thể trong khi mỗi LĐLĐ chỉ được đề nghị 1."
    )


def test_thematic_cap_counts_every_proposal_of_the_federation_once_per_chain(tree, users, people):
    """The district's proposal to the province carries a nominee forwarded from a grassroots union: the cap counts
    that person once (not the grassroots nomination and its forward as two), counts the city federation's own
    proposal too, and leaves out the nominee the district declined."""
    from thidua.plans.models import Movement, Plan

    plan = Plan.objects.create(issuer=tree.BT, number=13, symbol="KH-LĐLĐ", year=2017, title="Kế hoạch")
    movement = Movement.objects.create(plan=plan, names=["Xanh - Sạch - Đẹp, bảo đảm ATVSLĐ"])
    thematic = kind("chuyen-de")
    thematic.cap_per_theme = 2
    thematic.save()
    theme = {"kind_code": "chuyen-de", "plan": plan, "movement": movement, "award_code": "giay-khen-cap-tren"}
    below = sent(tree.MAY, [people.nguyen_dao, people.tran_hao], by=users.grassroots_officer, **theme)
    actions.receive_proposal(below, by=users.district_leader)
    dao, hao = below.nominees.order_by("order")
    upper = actions.forward_nominees(below, [dao], by=users.district_leader)
    actions.record_results(below, by=users.district_leader, not_approved=[hao])
    city = proposal_with(tree.TPBT, [people.vo_hong], by=users.province_officer, **theme)
    assert cap_messages(upper) == [] and cap_messages(city) == []  # Đào once + Hồng = 2
    thematic.cap_per_theme = 1
    thematic.save()
    upper.kind.refresh_from_db()
    assert cap_messages(upper) == [
        "Vượt số lượng tối đa của chuyên đề: 2 người, tập thể trong khi mỗi LĐLĐ chỉ được đề nghị 1."
    ]
    # another federation's proposals for the same theme do not count
    other = proposal_with(tree.GIAY, [people.pham_binh], by=None, **theme)
    assert cap_messages(other) == []


def cap_messages(proposal):
    from thidua.proposals.models import Proposal

    proposal = Proposal.objects.select_related("kind", "unit").get(pk=proposal.pk)
    return [m for m in queries.missing_items(proposal) if m.startswith("Vượt số lượng")]


def test_nominee_is_archived_not_deleted(tree, users, people):
    p = proposal_with(tree.MAY, [people.nguyen_dao], by=users.grassroots_officer)
    n = actions.remove_nominee(p.nominees.get(), by=users.grassroots_officer)
    assert Nominee.objects.filter(pk=n.pk, archived_at__isnull=False).exists()
    assert queries.missing_items(p)[0] == "Đề nghị chưa có cá nhân, tập thể nào."


def test_fill_achievement_writes_the_prescribed_headings(tree, users, people):
    p = proposal_with(tree.MAY, [people.nguyen_dao], by=users.grassroots_officer, complete=False)
    n = actions.fill_achievement(p.nominees.get(), by=users.grassroots_officer)
    lines = n.achievement.splitlines()
    assert lines[0] == "I. SƠ LƯỢC LÝ LỊCH"
    assert "- Họ và tên: Nguyễn Thị Đào." in lines
    assert "II. THÀNH TÍCH ĐẠT ĐƯỢC" in lines and "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG" in lines


def test_minutes_attach_is_audited(tree, users, people):
    p = actions.create_proposal(tree.MAY, by=users.grassroots_officer, kind=kind(), year=2017)
    minutes(p, by=users.grassroots_officer)
    assert AuditEvent.objects.filter(action="attach", object_id=str(p.pk)).exists()


def test_a_past_year_goes_to_the_parent_of_that_year(tree, users, people):
    from thidua.orgs.actions import move_unit

    move_unit(tree.MAY, tree.TPBT, by=None, effective_on=datetime.date(2025, 7, 1))
    p = actions.create_proposal(tree.MAY, by=None, kind=kind(), year=2017)
    assert p.to_unit == tree.CT  # Châu Thành held it in 2017
    n = actions.add_nominee(p, by=None, person=people.nguyen_dao, award=award("bang-khen-ldld"))
    assert n.person == people.nguyen_dao
    now = actions.create_proposal(tree.MAY, by=None, kind=kind(), year=datetime.date.today().year)
    assert now.to_unit == tree.TPBT
    with pytest.raises(ValidationError):  # THPT never stood above MAY
        actions.create_proposal(tree.MAY, by=None, kind=kind(), year=2017, to_unit=tree.THPT)


def test_dossier_parts_are_found_by_their_typed_part_chosen_on_upload(tree, users, people, client_for):
    from django.contrib.contenttypes.models import ContentType
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from thidua.core.actions import attach_file
    from thidua.core.models import Attachment

    from .builders import PDF

    officer = users.grassroots_officer
    p = proposal_with(tree.MAY, [people.nguyen_dao], by=officer, complete=False)
    nominee = p.nominees.get()
    # A description alone no longer makes a file the council's minutes.
    attach_file(p, SimpleUploadedFile("bb.pdf", PDF), by=officer, description="Biên bản họp Hội đồng")
    assert queries.missing_items(p)[0].startswith("Thiếu Biên bản họp Hội đồng")
    # The officer chooses the part on the upload form (the proposal's and the nominee's).
    client = client_for(officer)
    for owner, part in ((p, "council_minutes"), (nominee, "achievement_report")):
        url = reverse("core:attachment-add", args=[ContentType.objects.get_for_model(owner).pk, owner.pk])
        response = client.post(url, {"file": SimpleUploadedFile("ky.pdf", PDF), "part": part, "next": "/"})
        assert response.status_code == 302
    assert sorted(Attachment.objects.values_list("part", flat=True)) == ["achievement_report", "council_minutes",
                                                                         "other"]  # fmt: skip
    assert queries.missing_items(p) == []  # the signed report attached stands for the report's text
    page = client.get(reverse("proposals:nominee-update", args=[nominee.pk])).content.decode()
    assert 'data-testid="attachment-part-select"' in page and "Báo cáo thành tích" in page


def test_the_migration_maps_the_old_descriptions_to_parts(tree, users):
    import importlib

    from django.apps import apps
    from django.core.files.uploadedfile import SimpleUploadedFile

    from thidua.core.actions import attach_file
    from thidua.core.models import Attachment

    from .builders import PDF

    p = proposal_with(tree.MAY, [], by=users.grassroots_officer, complete=False)
    for description in ("Biên bản họp HĐTĐKT", "Tờ trình số 5", "BÁO CÁO THÀNH TÍCH", "Giấy xác nhận", "Ảnh"):
        attach_file(p, SimpleUploadedFile("f.pdf", PDF), by=None, description=description)
    importlib.import_module("thidua.core.migrations.0006_attachment_part").parts_from_descriptions(apps, None)
    assert list(Attachment.objects.order_by("id").values_list("part", flat=True)) == [
        "council_minutes", "submission", "achievement_report", "confirmation", "other",
    ]  # fmt: skip
