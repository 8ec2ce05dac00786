import datetime
import io

import pytest
from django.urls import reverse

from thidua.notices.models import Notice
from thidua.plans.demo import REFERENCE_PLAN
from thidua.plans.models import Plan, PlanAmendment, PlanDelivery

from .builders import built_and_issued, draft_plan, issued_plan
from .pages import form_data

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def province_plan(tree, users):
    return issued_plan(tree.BT, by=users.province_leader)


def url(name, plan=None, **kwargs):
    return reverse(f"plans:{name}", kwargs={"pk": plan.pk, **kwargs} if plan else kwargs or None)


# --- the list -------------------------------------------------------------------------------------------------


def test_list_shows_own_plans_and_the_inbox(tree, users, client_for, province_plan):
    page = client_for(users.district_leader).get(url("plan-list")).content.decode()
    assert 'data-testid="inbox-row"' in page and "13/KH-LĐLĐ" in page and "Chưa triển khai" in page
    assert 'data-testid="plan-row"' not in page  # the district has no plan of its own yet
    page = client_for(users.province_officer).get(url("plan-list")).content.decode()
    assert page.count('data-testid="plan-row"') == 1 and 'data-testid="inbox-row"' not in page


def test_list_search_ignores_diacritics_and_case(tree, users, client_for):
    issued_plan(tree.BT, title="Phát động phong trào thi đua Đông Khởi mới")
    draft_plan(tree.BT, number=14, title="Tổ chức hội thao công nhân")
    client = client_for(users.province_officer)
    for q in ("phat dong", "ĐÔNG KHỞI", "dong khoi"):
        page = client.get(url("plan-list"), {"q": q}).content.decode()
        assert page.count('data-testid="plan-row"') == 1, q
        assert "Đông Khởi mới" in page and "hội thao" not in page, q
    assert (
        client.get(url("plan-list"), {"q": "kh-ldld"}).content.decode().count('data-testid="plan-row"') == 2
    )


def test_list_hides_other_branches_plans(tree, users, client_for):
    issued_plan(tree.TV, title="Kế hoạch thi đua của Trà Vinh")
    page = client_for(users.province_officer).get(url("plan-list") + "?q=Trà Vinh").content.decode()
    assert "Kế hoạch thi đua của Trà Vinh" not in page
    page = client_for(users.outsider).get(url("plan-list")).content.decode()
    assert "Kế hoạch thi đua của Trà Vinh" in page


def test_list_costs_the_same_queries_for_one_or_many_plans(
    tree, users, client_for, django_assert_max_num_queries
):
    issued_plan(tree.BT, by=users.province_leader)
    client = client_for(users.province_officer)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        assert client.get(url("plan-list")).status_code == 200
    for number in range(20, 32):
        draft_plan(tree.BT, number=number)
        draft_plan(tree.CT, number=number)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url("plan-list")).content.decode()
    assert page.count('data-testid="plan-row"') == 25
    assert len(many) == len(one)


# --- one plan -------------------------------------------------------------------------------------------------


def test_plan_page_lays_out_the_official_text(tree, users, client_for, province_plan):
    page = client_for(users.province_officer).get(url("plan-detail", province_plan)).content.decode()
    assert "Kế hoạch số 13/KH-LĐLĐ" in page
    assert "Bến Tre, ngày 22 tháng 02 năm 2017" in page
    assert "Căn cứ" in page and "02/KH-TLĐ" in page
    assert "CĐ các cấp trực thuộc (để thực hiện)" in page and "TM. BAN THƯỜNG VỤ" in page
    assert page.count('data-testid="phase-row"') == 2
    assert "87 năm" in page and "72 năm" in page
    assert 'data-testid="deployment-row"' in page


def test_plan_page_flags_an_ordinal_that_disagrees_with_its_dates(tree, users, client_for):
    plan = draft_plan(tree.BT)
    plan.commemorations.filter(base_date=D(1930, 2, 3)).update(ordinal=86)
    page = client_for(users.province_officer).get(url("plan-detail", plan)).content.decode()
    assert 'data-testid="ordinal-flag"' in page and "theo ngày tháng là 87 năm" in page


def test_plan_page_is_404_for_another_branch(tree, users, client_for, province_plan):
    assert client_for(users.outsider).get(url("plan-detail", province_plan)).status_code == 404


def test_received_plan_is_readable_below_but_not_its_deployment(tree, users, client_for, province_plan):
    page = client_for(users.district_leader).get(url("plan-detail", province_plan)).content.decode()
    assert "13/KH-LĐLĐ" in page and 'data-testid="deployment-row"' not in page
    assert "Xây dựng kế hoạch của đơn vị từ kế hoạch này" in page


def test_grassroots_union_that_did_not_receive_the_plan_gets_404(tree, users, client_for, province_plan):
    assert client_for(users.grassroots_officer).get(url("plan-detail", province_plan)).status_code == 404


def test_deployment_drill_down_lists_the_units_below(tree, users, client_for, province_plan):
    built_and_issued(province_plan, tree.CT, by=users.district_leader)
    client = client_for(users.province_officer)
    page = client.get(url("plan-deployment", province_plan) + f"?unit={tree.CT.pk}").content.decode()
    assert "Công ty TNHH May Việt Tiến" in page and "Trường THPT Châu Thành A" in page
    assert client.get(url("plan-deployment", province_plan) + f"?unit={tree.GIAY.pk}").status_code == 404
    assert client_for(users.district_leader).get(url("plan-deployment", province_plan)).status_code == 404


# --- drafts ---------------------------------------------------------------------------------------------------


def test_officer_creates_a_draft_with_the_next_number(tree, users, client_for):
    draft_plan(tree.BT, number=13)
    response = client_for(users.province_officer).post(url("plan-create"), {
        "issuer": tree.BT.pk, "kind": "plan", "title": "Phát động thi đua năm 2017", "year": 2017,
        "symbol": "KH-LĐLĐ", "number": ""})  # fmt: skip
    plan = Plan.objects.get(title="Phát động thi đua năm 2017")
    assert response.status_code == 302 and response["Location"] == url("plan-update", plan)
    assert plan.number_display == "14/KH-LĐLĐ"


def test_next_number_is_proposed_for_units_of_the_scope_only(tree, users, client_for):
    draft_plan(tree.BT, number=13)
    client = client_for(users.province_officer)
    page = client.get(url("plan-next-number") + f"?issuer={tree.BT.pk}&year=2017&kind=plan").content.decode()
    assert "14/KH-LĐLĐ" in page
    assert client.get(url("plan-next-number") + f"?issuer={tree.TV.pk}&year=2017").status_code == 404


def test_council_member_cannot_draft_plans(tree, users, client_for):
    assert client_for(users.council_member).get(url("plan-create")).status_code == 403


def _draft_post(plan, **overrides):
    data = {
        "kind": "plan", "number": plan.number, "symbol": plan.symbol, "year": plan.year, "place": "Bến Tre",
        "date": "22/02/2017", "title": "Trích yếu đã sửa", "introduction": "", "purposes": "Mục đích",
        "requirements": "", "phase_review": "", "closing": "", "signer_on_behalf": "TM. BAN THƯỜNG VỤ",
        "signer_title": "CHỦ TỊCH", "signer_name": "Trần Trung Hào",
    }  # fmt: skip
    for name in ("legal_bases", "movements", "measures", "commemorations", "reporting_duties", "recipients",
                 "free_sections"):  # fmt: skip
        data.update({f"{name}-TOTAL_FORMS": "0", f"{name}-INITIAL_FORMS": "0"})
    phases = list(plan.phases.order_by("order"))
    data.update({"phases-TOTAL_FORMS": str(len(phases) + 1), "phases-INITIAL_FORMS": str(len(phases))})
    for i, p in enumerate(phases):
        data.update({f"phases-{i}-id": p.pk, f"phases-{i}-name": p.name, f"phases-{i}-start": f"{p.start:%d/%m/%Y}",
                     f"phases-{i}-end": f"{p.end:%d/%m/%Y}", f"phases-{i}-opens_reporting": "on"})  # fmt: skip
    i = len(phases)
    data.update(
        {f"phases-{i}-name": "Đợt 3", f"phases-{i}-start": "01/11/2017", f"phases-{i}-end": "15/11/2017"}
    )
    data.update(overrides)
    return data


def test_officer_saves_a_draft_with_its_parts(tree, users, client_for):
    plan = draft_plan(tree.BT)
    response = client_for(users.province_officer).post(url("plan-update", plan), _draft_post(plan))
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.title == "Trích yếu đã sửa"
    assert list(plan.phases.values_list("name", "end")) == [
        ("Đợt 1", D(2017, 8, 31)), ("Đợt 2", D(2017, 12, 31)), ("Đợt 3", D(2017, 11, 15))]  # fmt: skip
    assert plan.recipients.count() == 0 and plan.legal_bases.count() == 0


def test_draft_form_names_the_bad_field_and_changes_nothing(tree, users, client_for):
    plan = draft_plan(tree.BT)
    data = _draft_post(plan, **{"phases-2-end": "31/10/2017", "date": "31/02/2017"})
    response = client_for(users.province_officer).post(url("plan-update", plan), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ngày kết thúc 31/10/2017 trước ngày bắt đầu 01/11/2017." in page
    assert "Nhập ngày theo dạng dd/mm/yyyy" in page
    assert Plan.objects.get(pk=plan.pk).title != "Trích yếu đã sửa"


def test_draft_form_sends_an_issued_plan_back_to_its_page_and_is_404_for_another_branch(
    tree, users, client_for, province_plan
):
    response = client_for(users.province_officer).get(url("plan-update", province_plan))
    assert (response.status_code, response["Location"]) == (302, url("plan-detail", province_plan))
    draft = draft_plan(tree.BT, number=20)
    assert client_for(users.province_officer).get(url("plan-update", draft)).status_code == 200
    assert client_for(users.outsider).get(url("plan-update", draft)).status_code == 404


# --- the workflow ---------------------------------------------------------------------------------------------


def test_leader_issues_a_draft(tree, users, client_for):
    plan = draft_plan(tree.BT)
    response = client_for(users.province_leader).post(url("plan-issue", plan), {"date": "22/02/2017"})
    assert response.status_code == 302
    assert Plan.objects.get(pk=plan.pk).status == "issued"
    assert PlanDelivery.objects.filter(plan=plan).count() == 2


def test_officer_cannot_issue(tree, users, client_for):
    plan = draft_plan(tree.BT)
    assert (
        client_for(users.province_officer).post(url("plan-issue", plan), {"date": "22/02/2017"}).status_code
        == 403
    )
    assert client_for(users.outsider).post(url("plan-issue", plan), {"date": "22/02/2017"}).status_code == 404
    assert Plan.objects.get(pk=plan.pk).status == "draft"


def test_leader_amends_an_issued_plan(tree, users, client_for, province_plan):
    phases = list(province_plan.phases.order_by("order"))
    data = {"reason": "Điều chỉnh hạn báo cáo", "title": province_plan.title}
    for p in phases:
        data[f"phase_{p.pk}_end"] = f"{p.end:%d/%m/%Y}"
        data[f"phase_{p.pk}_report_due"] = f"{p.report_due:%d/%m/%Y}"
    data[f"phase_{phases[0].pk}_report_due"] = "15/09/2017"
    assert client_for(users.province_officer).post(url("plan-amend", province_plan), data).status_code == 403
    response = client_for(users.province_leader).post(url("plan-amend", province_plan), data)
    assert response.status_code == 302
    assert PlanAmendment.objects.get(plan=province_plan).changes == {
        "Đợt 1.report_due": ["2017-09-10", "2017-09-15"]
    }


def test_leader_closes_and_archives(tree, users, client_for, province_plan):
    assert client_for(users.province_officer).post(url("plan-close", province_plan)).status_code == 403
    assert client_for(users.province_leader).post(url("plan-close", province_plan)).status_code == 302
    assert client_for(users.province_leader).post(url("plan-archive", province_plan)).status_code == 302
    plan = Plan.objects.get(pk=province_plan.pk)
    assert (plan.status, plan.archived_at is not None) == ("closed", True)


def test_officer_archives_a_draft_but_not_an_issued_plan(tree, users, client_for, province_plan):
    draft = draft_plan(tree.BT, number=30)
    assert client_for(users.province_officer).post(url("plan-archive", draft)).status_code == 302
    assert client_for(users.province_officer).post(url("plan-archive", province_plan)).status_code == 403


def test_copy_to_next_year_opens_the_new_draft(tree, users, client_for, province_plan):
    response = client_for(users.province_officer).post(url("plan-copy", province_plan), {"year": 2018})
    copy = Plan.objects.get(year=2018)
    assert response["Location"] == url("plan-update", copy)
    assert (
        client_for(users.district_leader).post(url("plan-copy", province_plan), {"year": 2018}).status_code
        == 403
    )


def test_district_builds_its_plan_from_the_received_one(tree, users, client_for, province_plan):
    response = client_for(users.district_leader).post(url("plan-build", province_plan), {"unit": tree.CT.pk})
    built = Plan.objects.get(issuer=tree.CT)
    assert response["Location"] == url("plan-update", built)
    assert built.based_on == province_plan


def test_build_for_a_unit_outside_the_users_scope_is_refused(tree, users, client_for, province_plan):
    response = client_for(users.district_leader).post(
        url("plan-build", province_plan), {"unit": tree.TPBT.pk}
    )
    assert response.status_code == 302 and not Plan.objects.filter(issuer=tree.TPBT).exists()
    assert (
        client_for(users.outsider).post(url("plan-build", province_plan), {"unit": tree.LD.pk}).status_code
        == 404
    )


def test_reminders_from_the_plan_page(tree, users, client_for, province_plan):
    response = client_for(users.province_officer).post(
        url("plan-remind", province_plan), {"units": [tree.TPBT.pk]}
    )
    assert response.status_code == 302
    assert list(Notice.objects.filter(kind="reminder").values_list("unit__code", flat=True)) == ["TPBT"]
    assert client_for(users.district_leader).post(url("plan-remind", province_plan),
                                                  {"units": [tree.CT.pk]}).status_code == 403  # fmt: skip


# --- import ---------------------------------------------------------------------------------------------------


def test_import_previews_the_structure_next_to_the_text_then_creates_the_draft(tree, users, client_for):
    client = client_for(users.province_officer)
    upload = io.BytesIO(REFERENCE_PLAN.read_bytes())
    upload.name = "ke-hoach-13.md"
    page = client.post(url("plan-import"), {"issuer": tree.BT.pk, "file": upload}).content.decode()
    assert 'data-testid="import-structure"' in page and 'data-testid="import-text"' in page
    assert "87 năm ngày thành lập Đảng Cộng sản Việt Nam" in page
    data = form_data(page, url("plan-import-create"))
    response = client.post(
        url("plan-import-create"), {**data, "number": "13", "symbol": "KH-LĐLĐ", "year": "2017"}
    )
    plan = Plan.objects.get(issuer=tree.BT)
    assert response["Location"] == url("plan-update", plan)
    assert (plan.number_display, plan.phases.count(), plan.movements.count()) == ("13/KH-LĐLĐ", 2, 4)


def test_import_with_an_unknown_token_asks_for_the_file_again(tree, users, client_for):
    response = client_for(users.province_officer).post(url("plan-import-create"), {
        "issuer": tree.BT.pk, "token": "gia-mao", "number": "13", "symbol": "KH-LĐLĐ", "year": "2017"})  # fmt: skip
    assert response.status_code == 302 and response["Location"] == url("plan-import")
    assert Plan.objects.count() == 0


def test_import_refuses_a_file_of_another_kind(tree, users, client_for):
    upload = io.BytesIO(b"binary")
    upload.name = "bang-tinh.xlsx"
    page = client_for(users.province_officer).post(url("plan-import"), {"issuer": tree.BT.pk, "file": upload})
    assert "chỉ nhận .md, .txt, .docx hoặc .pdf" in page.content.decode()


def test_import_for_a_unit_of_another_branch_is_refused(tree, users, client_for):
    upload = io.BytesIO(REFERENCE_PLAN.read_bytes())
    upload.name = "ke-hoach-13.md"
    page = client_for(users.province_officer).post(url("plan-import"), {"issuer": tree.TV.pk, "file": upload})
    assert page.status_code == 200 and 'data-testid="import-structure"' not in page.content.decode()


# --- the calendar ---------------------------------------------------------------------------------------------


def test_calendar_shows_phases_anniversaries_and_deadlines_of_the_year(
    tree, users, client_for, province_plan
):
    page = client_for(users.province_officer).get(url("plan-calendar") + f"?unit={tree.BT.pk}&year=2017")
    text = page.content.decode()
    assert text.count('data-testid="cal-phase"') == 2
    assert text.count('data-testid="cal-deadline"') == 2
    assert "87 năm ngày thành lập Đảng Cộng sản Việt Nam" in text
    assert "cal-major" in text  # 2017: 70 năm ngày Thương binh – Liệt sĩ (1947)


def test_calendar_of_a_district_shows_the_plan_it_received(tree, users, client_for, province_plan):
    page = client_for(users.district_leader).get(url("plan-calendar") + "?year=2017").content.decode()
    assert page.count('data-testid="cal-phase"') == 2


def test_calendar_of_another_branch_is_404(tree, users, client_for):
    assert (
        client_for(users.province_officer).get(url("plan-calendar") + f"?unit={tree.TV.pk}").status_code
        == 404
    )


@pytest.mark.parametrize(("fmt", "content_type", "magic"), [
    ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
    ("pdf", "application/pdf", b"%PDF"),
])  # fmt: skip
def test_plan_downloads_as_an_official_document(
    tree, users, client_for, province_plan, fmt, content_type, magic
):
    response = client_for(users.district_leader).get(url("plan-document", province_plan, fmt=fmt))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.content.startswith(magic)
    assert response["Content-Disposition"] == f'attachment; filename="ke-hoach-13-kh-ldld-2017.{fmt}"'


def test_plan_document_is_404_for_another_branch(tree, users, client_for, province_plan):
    assert client_for(users.outsider).get(url("plan-document", province_plan, fmt="pdf")).status_code == 404
