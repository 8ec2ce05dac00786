"""A proposal's nominees from .xlsx: template, preview then confirm, all or nothing, every error naming its row and
column; the pages answer only who may edit the proposal (404 outside)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from thidua.core.models import AuditEvent
from thidua.proposals import imports
from thidua.proposals.models import Nominee

from .builders import proposal_with

pytestmark = pytest.mark.django_db
HEADER = ["STT", "Số CCCD hoặc mã hồ sơ", "Họ và tên", "Mã đơn vị (tập thể)", "Danh hiệu, hình thức đề nghị",
          "Chức vụ, đơn vị công tác", "Tóm tắt thành tích"]  # fmt: skip


def xlsx(rows, header=HEADER) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    for row in (header, *rows):
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    return out


def row(n, person="083080000001", name="", unit="", award="Bằng khen của Liên đoàn Lao động tỉnh", position="",
        summary="Hoàn thành xuất sắc nhiệm vụ"):  # fmt: skip
    return [n, person, name, unit, award, position, summary]


@pytest.fixture
def proposal(tree, users):
    """The Châu Thành district federation's year-end proposal of 2017 to the province, still a draft."""
    return proposal_with(tree.CT, by=users.district_leader)


def _award_name():
    from thidua.registrations.models import Award

    return Award.objects.get(code="bang-khen-ldld").name


def test_the_template_has_the_columns_and_reads_back(proposal):
    sheet = load_workbook(io.BytesIO(imports.template())).worksheets[0]
    headers = [c.value for c in next(r for r in sheet.iter_rows() if any(c.value == "Họ và tên" for c in r))]
    assert {"Số CCCD hoặc mã hồ sơ", "Mã đơn vị (tập thể)", "Danh hiệu, hình thức đề nghị"} <= set(headers)


def test_a_good_file_is_previewed_then_added_in_one_go(proposal, people, tree, users):
    name = _award_name()
    file = xlsx([
        row(1, people.tran_hao.national_id, "Trần Trung Hào", award=name),
        row(2, str(people.huynh_mai.pk), award="bang-khen-ldld", position="Giáo viên, Trường THPT Châu Thành A"),
        row(3, "", unit="MAY", award=name),
    ])  # fmt: skip
    checked = imports.import_nominees(file, by=users.district_leader, proposal=proposal, dry_run=True)
    assert checked.ok and checked.created == 3 and not Nominee.objects.exists()
    assert [p["cells"][0] for p in checked.preview] == ["Trần Trung Hào", "Huỳnh Thị Mai", tree.MAY.name]
    file.seek(0)
    result = imports.import_nominees(file, by=users.district_leader, proposal=proposal)
    assert result.written
    nominees = list(proposal.nominees.order_by("order"))
    assert [(n.person, n.unit) for n in nominees] == [(people.tran_hao, None), (people.huynh_mai, None),
                                                      (None, tree.MAY)]  # fmt: skip
    assert (
        nominees[0].direct_production_worker and nominees[1].position == "Giáo viên, Trường THPT Châu Thành A"
    )
    assert nominees[0].position == tree.MAY.name  # the person's unit when the row leaves it blank
    assert (
        AuditEvent.objects.filter(
            action="create", content_type__model="nominee", object_id__in=[str(n.pk) for n in nominees]
        ).count()
        == 3
    )


def test_wrong_columns_are_refused(proposal, users):
    result = imports.import_nominees(xlsx([["1", "x"]], header=["STT", "Ghi chú"]), by=users.district_leader,
                                     proposal=proposal)  # fmt: skip
    assert not result.ok and not Nominee.objects.exists()
    assert "Không tìm thấy dòng tiêu đề" in result.errors[0]["message"]


def test_hostile_rows_each_name_their_row_and_column_and_nothing_is_added(proposal, people, tree, users):
    name = _award_name()
    proposal_actions_add(proposal, people.nguyen_dao, users)
    file = xlsx([
        row(1, people.tran_hao.national_id, award=name),  # good
        row(2, "083099999999", award=name),  # unknown person
        row(3, people.pham_binh.national_id, award=name),  # Trà Vinh's worker: another unit
        row(4, people.vo_hong.pk, award=name),  # Dừa Bến Tre, under the sibling city federation
        row(5, people.tran_hao.national_id, award=name),  # repeats row 1
        row(6, people.nguyen_dao.national_id, award=name),  # already in the proposal
        row(7, people.tran_hao.national_id, "Nguyễn Văn Khác", award=name),  # not this person's name
        row(8, "", unit="GIAY", award=name),  # another branch's union
        row(9, people.le_duc.national_id or people.le_duc.pk, award="Huân chương không có"),  # not in the catalog
        row(10, "", unit="MAY", award="lao-dong-tien-tien"),  # an individual title for a collective
        row(11, people.tran_hao.national_id, unit="MAY", award=name),  # both
    ])  # fmt: skip
    result = imports.import_nominees(file, by=users.district_leader, proposal=proposal)
    assert not result.written
    errors = {(e["row"], e["column"]): e["message"] for e in result.errors}
    person, award = "Số CCCD hoặc mã hồ sơ", "Danh hiệu, hình thức đề nghị"
    unit_name = tree.CT.name
    assert (
        errors[(3, person)]
        == f"Không tìm thấy người lao động “083099999999” trong {unit_name} và các đơn vị trực thuộc."
    )
    assert errors[(4, person)].startswith("Không tìm thấy người lao động “084087000009”")
    assert errors[(5, person)] == (f"Không tìm thấy người lao động “{people.vo_hong.pk}” trong {unit_name} và các "
                                   "đơn vị trực thuộc.")  # fmt: skip
    assert errors[(6, award)] == "Trùng với dòng 2."
    assert errors[(7, award)] == f"Nguyễn Thị Đào đã có trong đề nghị với “{name}”."
    assert errors[(8, "Họ và tên")].startswith("Hồ sơ “083080000001” là Trần Trung Hào")
    assert errors[(9, "Mã đơn vị (tập thể)")] == f"Không có đơn vị mã “GIAY” trong phạm vi của {unit_name}."
    assert errors[(10, award)] == "Không có “Huân chương không có” trong danh mục khen thưởng."
    assert (11, award) in errors
    assert (12, person) in errors
    assert (2, person) not in errors and len(result.errors) == 10
    assert proposal.nominees.current().count() == 1  # only the one added before


def proposal_actions_add(proposal, person, users):
    from thidua.proposals import actions
    from thidua.registrations.models import Award

    actions.add_nominee(
        proposal, by=users.district_leader, person=person, award=Award.objects.get(code="bang-khen-ldld")
    )


def _upload(client, proposal, file):
    return client.post(reverse("proposals:nominee-import", args=[proposal.pk]),
                       {"file": SimpleUploadedFile("danh-sach.xlsx", file.read())})  # fmt: skip


def test_through_the_pages_preview_then_confirm(client_for, proposal, people, users):
    client = client_for(users.district_leader)
    assert client.get(reverse("proposals:nominee-import-template", args=[proposal.pk]))[
        "Content-Type"
    ].startswith("application/vnd.openxmlformats")
    response = _upload(client, proposal, xlsx([row(1, people.tran_hao.national_id, award=_award_name())]))
    assert response.status_code == 200 and 'data-testid="import-ok"' in response.content.decode()
    assert not Nominee.objects.exists()
    token = response.context["token"]
    response = client.post(reverse("proposals:nominee-import-confirm", args=[proposal.pk]), {"token": token})
    assert response.url == reverse("proposals:proposal-detail", args=[proposal.pk])
    assert [n.person for n in proposal.nominees.all()] == [people.tran_hao]
    # the token is spent: a second confirmation adds nothing
    client.post(reverse("proposals:nominee-import-confirm", args=[proposal.pk]), {"token": token})
    assert proposal.nominees.count() == 1


def test_a_token_checked_for_another_proposal_is_refused(client_for, proposal, tree, people, users):
    other = proposal_with(tree.CT, by=users.district_leader, year=2018)
    client = client_for(users.district_leader)
    token = _upload(client, other, xlsx([row(1, people.tran_hao.national_id, award=_award_name())])).context[
        "token"
    ]
    client.post(reverse("proposals:nominee-import-confirm", args=[proposal.pk]), {"token": token})
    assert not Nominee.objects.exists()


@pytest.mark.parametrize(
    ("relation", "status"),
    [("district_leader", 200), ("province_officer", 200), ("grassroots_officer", 404), ("outsider", 404),
     ("council_member", 403), ("sibling", 404)],
)  # fmt: skip
def test_who_may_import_into_the_district_proposal(client_for, proposal, tree, users, relation, status):
    from tests.rewards.builders import user_of

    user = user_of(tree.TPBT, "tp_officer") if relation == "sibling" else getattr(users, relation)
    assert client_for(user).get(reverse("proposals:nominee-import", args=[proposal.pk])).status_code == status
    assert (
        client_for(user).get(reverse("proposals:nominee-import-template", args=[proposal.pk])).status_code
        == status
    )


def test_a_sent_proposal_takes_no_import(client_for, tree, people, users):
    from .builders import sent

    p = sent(tree.CT, [people.huynh_mai], by=users.district_leader)
    client = client_for(users.district_leader)
    assert client.get(reverse("proposals:nominee-import", args=[p.pk])).status_code == 403
