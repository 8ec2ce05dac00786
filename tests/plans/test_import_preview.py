"""The import preview: every part of the text read, laid out as the official text, warnings linked to the part
they concern; the header, signer, phases and recipients' purposes corrected in the same post that creates the
draft; invalid corrections named and nothing created."""

import datetime
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from thidua.plans import actions
from thidua.plans.demo import REFERENCE_PLAN
from thidua.plans.models import Plan
from thidua.plans.parsing import parse_plan_file

from .pages import form_data

D = datetime.date
pytestmark = pytest.mark.django_db
IMPORT, CREATE = reverse("plans:plan-import"), reverse("plans:plan-import-create")


def preview(client, tree, text: str | None = None) -> str:
    upload = io.BytesIO(text.encode() if text is not None else REFERENCE_PLAN.read_bytes())
    upload.name = "ke-hoach.md"
    return client.post(IMPORT, {"issuer": tree.BT.pk, "file": upload}).content.decode()


def section(html: str, anchor: str) -> str:
    return html.split(f'id="{anchor}"')[1].split("</section>")[0]


def value_of(html: str, name: str) -> str:
    return form_data(html, CREATE)[name]


@pytest.fixture
def client(client_for, users):
    return client_for(users.province_officer)


def test_preview_lays_out_every_part_as_the_official_text(client, tree):
    html = preview(client, tree)
    assert re.findall(r'<h2 class="h6 import-part-title">([^<]+)</h2>', html) == [
        "Văn bản", "Căn cứ", "I. Mục đích, yêu cầu", "II. Các phong trào thi đua trọng tâm",
        "III. Biện pháp tổ chức thực hiện", "Các đợt thi đua", "Yêu cầu báo cáo", "Nơi nhận", "Người ký"]  # fmt: skip
    assert "Kế hoạch số 02/KH-TLĐ ngày 10/02/2017 của Đoàn Chủ tịch Tổng Liên đoàn" in section(
        html, "part-legal-bases"
    )
    assert "Liên đoàn Lao động tỉnh xây dựng Kế hoạch phát động phong trào thi đua" in section(
        html, "part-legal-bases"
    )
    assert "Tổ chức khen thưởng kịp thời đúng người" in section(html, "part-purposes")
    assert "<strong>“Lao động giỏi, Lao động sáng tạo”</strong>" in section(html, "part-movements")
    measures = section(html, "part-measures")
    assert re.findall(r'<div class="fw-semibold fst-italic">([^<]+)</div>', measures) == [
        "1. Công đoàn trong các đơn vị sản xuất kinh doanh", "2. Công đoàn trong các cơ quan hành chính, sự nghiệp",
        "3. Công đoàn cấp trên cơ sở", "4. Biện pháp chung"]  # fmt: skip
    assert measures.count("<li>") == 4 + 2 + 7 + 3
    phases = section(html, "part-phases")
    assert "Đọc được: Từ đầu năm – 31/08/2017" in phases and "Đọc được: 01/09/2017 – 31/12/2017" in phases
    assert phases.count('data-testid="import-commemoration"') == 8
    assert "Sau mỗi đợt thi đua các cấp Công đoàn tổ chức sơ kết" in phases
    reporting = section(html, "part-reporting")
    assert "Báo cáo về <strong>LĐLĐ tỉnh (qua ban CS-PL)</strong>" in reporting
    assert "Trên đây là những nội dung phát động phong trào thi đua" in reporting
    assert "Đọc được: TM. BAN THƯỜNG VỤ · PHÓ CHỦ TỊCH THƯỜNG TRỰC · Trần Trung Hào" in section(
        html, "part-signer"
    )


def test_preview_fills_the_corrections_with_what_was_read(client, tree):
    data = form_data(preview(client, tree), CREATE)
    moves = {k: v for k, v in data.items() if k.startswith("move_")}
    assert list(moves)[:6] == ["move_introduction_0", "move_purposes_0", "move_purposes_1", "move_measures.1_0",
                               "move_measures.1_1", "move_measures.1_2"]  # fmt: skip
    assert len(moves) == 1 + 2 + 16 + 1 + 1 + 2 and set(moves.values()) == {""}
    data = {k: v for k, v in data.items() if not k.startswith("move_")}
    assert {k: v for k, v in data.items() if k not in ("token", "csrfmiddlewaretoken", "title")} == {
        "issuer": str(tree.BT.pk), "kind": "plan", "number": "13", "symbol": "KH-LĐLĐ", "year": "2017",
        "place": "Bến Tre", "date": "22/02/2017", "signer_on_behalf": "TM. BAN THƯỜNG VỤ",
        "signer_title": "PHÓ CHỦ TỊCH THƯỜNG TRỰC", "signer_name": "Trần Trung Hào",
        "phase_1_name": "Đợt 1", "phase_1_start": "01/01/2017", "phase_1_end": "31/08/2017", "phase_1_report_due": "",
        "phase_2_name": "Đợt 2", "phase_2_start": "01/09/2017", "phase_2_end": "31/12/2017", "phase_2_report_due": "",
        "recipient_1_purpose": "bao_cao", "recipient_2_purpose": "bao_cao", "recipient_3_purpose": "",
        "recipient_4_purpose": "", "recipient_5_purpose": "thuc_hien", "recipient_6_purpose": "luu",
    }  # fmt: skip
    assert data["title"].startswith("Phát động phong trào thi đua yêu nước trong CNVCLĐ")


def test_warnings_link_to_the_part_they_concern(client, tree):
    text = REFERENCE_PLAN.read_text(encoding="utf-8")
    text = text.replace("Số: 13 /KH-LĐLĐ", "Số:    /KH-LĐLĐ").replace(
        "87 năm ngày thành lập Đảng", "86 năm ngày thành lập Đảng"
    )
    html = preview(client, tree, text)
    warnings = html.split('data-testid="import-warnings"')[1].split("</div>\n")[1]
    assert re.findall(r'href="#([\w-]+)" data-testid="warning-link">([^<]+)<', warnings) == [
        ("part-header", "Xem: Số, ký hiệu"), ("part-phase-1", "Xem: Đợt 1")]  # fmt: skip
    assert 'id="part-phase-1"' in html
    flag = section(html, "part-phases").split('data-testid="ordinal-flag"')[1]
    assert "theo ngày tháng là 87 năm" in flag


def test_corrections_flow_into_the_draft(client, tree):
    data = form_data(preview(client, tree), CREATE)
    data.update({"kind": "guidance", "number": "21", "symbol": "HD-LĐLĐ", "place": "TP. Bến Tre",
                 "date": "01/03/2017", "title": "Hướng dẫn thi đua năm 2017", "signer_title": "CHỦ TỊCH",
                 "signer_name": "Nguyễn Văn Hùng", "phase_1_name": "Đợt một", "phase_1_end": "15/09/2017",
                 "phase_1_report_due": "20/09/2017", "phase_2_start": "16/09/2017", "phase_2_report_due": "15/12/2017",
                 "recipient_3_purpose": "biet", "recipient_6_purpose": "luu"})  # fmt: skip
    response = client.post(CREATE, data)
    plan = Plan.objects.get(issuer=tree.BT)
    assert response["Location"] == reverse("plans:plan-update", args=[plan.pk])
    assert (plan.kind, plan.number_display, plan.year, plan.place, plan.date, plan.title) == (
        "guidance",
        "21/HD-LĐLĐ",
        2017,
        "TP. Bến Tre",
        D(2017, 3, 1),
        "Hướng dẫn thi đua năm 2017",
    )
    assert (plan.signer_on_behalf, plan.signer_title, plan.signer_name) == (
        "TM. BAN THƯỜNG VỤ",
        "CHỦ TỊCH",
        "Nguyễn Văn Hùng",
    )
    assert list(plan.phases.order_by("order").values_list("name", "start", "end", "start_is_open", "report_due")) == [
        ("Đợt một", D(2017, 1, 1), D(2017, 9, 15), True, D(2017, 9, 20)),
        ("Đợt 2", D(2017, 9, 16), D(2017, 12, 31), False, D(2017, 12, 15))]  # fmt: skip
    assert list(plan.recipients.order_by("order").values_list("purpose", flat=True)) == [
        "bao_cao",
        "bao_cao",
        "biet",
        "",
        "thuc_hien",
        "luu",
    ]
    assert plan.phases.get(order=1).commemorations.count() == 6  # the rest of the text is kept


def test_a_changed_start_is_no_longer_the_start_of_the_year(client, tree):
    data = {**form_data(preview(client, tree), CREATE), "phase_1_start": "15/01/2017"}
    client.post(CREATE, data)
    assert Plan.objects.get().phases.get(order=1).start_is_open is False


@pytest.mark.parametrize("changes, errors", [
    ({"phase_2_end": "31/08/2017"},
     ["<strong>Đợt 2: đến ngày</strong>: Đợt 2: ngày kết thúc 31/08/2017 trước ngày bắt đầu 01/09/2017."]),
    ({"date": "31/02/2017", "phase_1_start": "1/1"},
     ["<strong>Ngày ban hành</strong>: Nhập ngày theo dạng dd/mm/yyyy, ví dụ 01/05/2020.",
      "<strong>Đợt 1: từ ngày</strong>: Nhập ngày theo dạng dd/mm/yyyy, ví dụ 01/05/2020."]),
    ({"date": "22/02/2018"},
     ["<strong>Ngày ban hành</strong>: Ngày ban hành 22/02/2018 không thuộc năm 2017 (phải từ 01/11/2016 đến "
      "31/12/2017)."]),
    ({"title": " ", "phase_1_name": "", "signer_name": "x" * 101},
     ["<strong>Trích yếu</strong>: Chưa nhập “Trích yếu”.",
      "<strong>Họ tên người ký</strong>: Giá trị này chỉ có tối đa 100 kí tự (hiện có 101)",
      "<strong>Đợt 1: tên đợt</strong>: Chưa nhập “Đợt 1: tên đợt”."]),
    ({"recipient_2_purpose": "gui_di", "kind": "law"},
     ["<strong>Loại văn bản</strong>: Hãy chọn một lựa chọn hợp lệ. law không phải là một trong các lựa chọn "
      "khả thi.",
      "<strong>Mục đích gửi “Ban TKT Sở nội vụ”</strong>: Hãy chọn một lựa chọn hợp lệ. gui_di không phải là một "
      "trong các lựa chọn khả thi."]),
], ids=["phase-end-before-start", "bad-dates", "date-outside-the-year", "blank-and-too-long", "bad-choices"])  # fmt: skip
def test_invalid_corrections_are_named_and_nothing_is_created(client, tree, changes, errors):
    data = {**form_data(preview(client, tree), CREATE), **changes}
    response = client.post(CREATE, data)
    html = response.content.decode()
    assert response.status_code == 200 and Plan.objects.count() == 0
    summary = html.split('data-testid="import-errors"')[1].split("</ul>")[0]
    assert re.findall(r"<li>(.*?)</li>", summary) == errors
    # The preview is shown again with what the user typed, ready to be fixed (a choice not offered cannot be).
    typed = {k: v for k, v in changes.items() if k != "kind" and not k.endswith("_purpose")}
    assert form_data(html, CREATE) | typed == form_data(html, CREATE)
    assert 'data-testid="import-text"' in html


def test_each_paragraph_has_a_select_of_the_parts_it_may_move_to(client, tree):
    """Issue 9: a select beside every paragraph the parser placed (body parts, measures, phase texts)."""
    html = preview(client, tree)
    purposes = section(html, "part-purposes")
    assert purposes.count('data-testid="import-paragraph"') == 2
    select = purposes.split('name="move_purposes_0"')[1].split("</select>")[0]
    assert re.findall(r'<option value="([^"]*)"[^>]*>([^<]+)</option>', select) == [
        ("", "Giữ tại đây"), ("introduction", "Mở đầu"), ("requirements", "Yêu cầu"),
        ("phase_review", "Sau các đợt thi đua"), ("closing", "Kết thúc văn bản"), ("free", "Mục riêng")]  # fmt: skip
    assert section(html, "part-measures").count('data-testid="paragraph-move"') == 16
    assert 'name="move_phases.1_0"' in section(html, "part-phases")
    assert 'aria-label="Đoạn “Động viên cán bộ, đoàn viên, CNVCLĐ trong…”: chuyển vào"' in purposes


def test_moved_paragraphs_land_in_the_chosen_part_and_in_new_free_sections(client, tree):
    """Issue 9: a purpose moved to the closing, a measure and a phase's text each to a free section of their own."""
    data = form_data(preview(client, tree), CREATE)
    data.update({"move_purposes_0": "closing", "move_measures.3_6": "free", "move_phases.2_0": "free"})
    assert client.post(CREATE, data).status_code == 302
    plan = Plan.objects.get(issuer=tree.BT)
    assert "Động viên cán bộ, đoàn viên, CNVCLĐ trong tỉnh" not in plan.purposes
    assert "Tổ chức khen thưởng kịp thời đúng người" in plan.purposes
    closing = plan.closing.split("\n\n")
    assert closing[0].startswith("Trên đây là những nội dung") and closing[1].startswith(
        "Động viên cán bộ, đoàn viên"
    )
    free = [f.text for f in plan.free_sections.order_by("order")]
    assert [t[:40] for t in free] == [
        "Hướng dẫn, chỉ đạo Công đoàn cơ sở Đại h",
        "Tổ chức các hoạt động với nội dung, hình",
    ]
    assert not plan.measures.filter(text__startswith="Hướng dẫn, chỉ đạo Công đoàn cơ sở Đại hội").exists()
    assert plan.measures.count() == 16 - 1
    assert plan.phases.get(order=2).celebrates == "" and plan.phases.get(order=1).celebrates.startswith(
        "Thi đua"
    )


@pytest.mark.parametrize("tampered", [
    {"move_purposes_99": "closing"}, {"move_signer_0": "closing"}, {"move_measures.9_0": "free"},
    {"move_phases.1_1": "free"}], ids=["index-out-of-range", "unknown-part", "unknown-group", "phase-has-one-text"])  # fmt: skip
def test_a_tampered_paragraph_move_is_refused_and_nothing_is_created(client, tree, tampered):
    data = {**form_data(preview(client, tree), CREATE), **tampered}
    response = client.post(CREATE, data)
    assert response.status_code == 200 and Plan.objects.count() == 0
    summary = response.content.decode().split('data-testid="import-errors"')[1].split("</ul>")[0]
    assert re.findall(r"<li>(.*?)</li>", summary) == [
        "Đoạn văn được chuyển không có trong văn bản đã đọc hoặc nơi chuyển đến không hợp lệ."
    ]


def test_a_paragraph_moved_to_an_unknown_part_is_named(client, tree):
    data = {**form_data(preview(client, tree), CREATE), "move_purposes_1": "signer"}
    response = client.post(CREATE, data)
    summary = response.content.decode().split('data-testid="import-errors"')[1].split("</ul>")[0]
    assert re.findall(r"<li>(.*?)</li>", summary) == [
        "<strong>Đoạn “Tổ chức khen thưởng kịp thời đúng người,…”: chuyển vào</strong>: Hãy chọn một lựa chọn hợp "
        "lệ. signer không phải là một trong các lựa chọn khả thi."
    ]
    assert Plan.objects.count() == 0


def test_a_number_already_taken_is_named(client, tree, users):
    from .builders import draft_plan

    draft_plan(tree.BT, by=users.province_officer, number=13)
    response = client.post(CREATE, form_data(preview(client, tree), CREATE))
    summary = response.content.decode().split('data-testid="import-errors"')[1]
    assert "<strong>Số</strong>: Số 13/KH-LĐLĐ năm 2017 đã được dùng cho" in summary
    assert Plan.objects.count() == 1


def test_a_changed_token_asks_for_the_file_again(client, tree):
    data = form_data(preview(client, tree), CREATE)
    response = client.post(CREATE, {**data, "token": data["token"][:-3] + "abc"}, follow=True)
    assert response.redirect_chain == [(IMPORT, 302)]
    assert (
        "Tệp đã tải lên không còn hoặc đã hết hạn (hoặc đã được nhập): hãy tải tệp lên lại."
        in response.content.decode()
    )
    assert Plan.objects.count() == 0


def test_the_token_is_used_once_and_its_file_removed(client, tree, settings, tmp_path):
    settings.IMPORT_UPLOAD_DIR = tmp_path / "uploads"
    data = form_data(preview(client, tree), CREATE)
    assert len(list(settings.IMPORT_UPLOAD_DIR.iterdir())) == 1
    assert client.post(CREATE, data).status_code == 302
    assert list(settings.IMPORT_UPLOAD_DIR.iterdir()) == []
    again = client.post(CREATE, data, follow=True)
    assert (
        "Tệp đã tải lên không còn hoặc đã hết hạn (hoặc đã được nhập): hãy tải tệp lên lại."
        in again.content.decode()
        and Plan.objects.count() == 1
    )


def test_another_users_token_is_not_found(client, client_for, users, tree):
    data = form_data(preview(client, tree), CREATE)
    response = client_for(users.admin).post(CREATE, data)
    assert response.status_code == 302 and response["Location"] == IMPORT
    assert Plan.objects.count() == 0


def test_creating_for_a_unit_of_another_branch_is_404(client, tree):
    data = form_data(preview(client, tree), CREATE)
    assert client.post(CREATE, {**data, "issuer": tree.TV.pk}).status_code == 404
    assert Plan.objects.count() == 0


# --- the action -----------------------------------------------------------------------------------------------


@pytest.fixture
def parsed():
    return parse_plan_file(REFERENCE_PLAN.read_bytes(), filename="ke-hoach.md")


def test_action_applies_corrections(tree, users, parsed):
    plan = actions.create_plan_from_parsed(parsed, tree.BT, by=users.province_officer, corrections={
        "title": "Kế hoạch đã sửa", "date": D(2016, 12, 20), "phases": [
            {"name": "Đợt 1", "start": D(2017, 1, 1), "end": D(2017, 6, 30), "report_due": None},
            {"name": "Đợt 2", "start": D(2017, 7, 1), "end": D(2017, 12, 31), "report_due": D(2017, 12, 10)}],
        "recipients": [{"purpose": "luu"}] * 6}, year=2017)  # fmt: skip
    assert (plan.title, plan.date, plan.year) == ("Kế hoạch đã sửa", D(2016, 12, 20), 2017)
    assert [p.end for p in plan.phases.order_by("order")] == [D(2017, 6, 30), D(2017, 12, 31)]
    assert set(plan.recipients.values_list("purpose", flat=True)) == {"luu"}


def test_action_refuses_an_issue_date_outside_the_plans_year(tree, users, parsed):
    with pytest.raises(ValidationError) as error:
        actions.create_plan_from_parsed(parsed, tree.BT, by=users.province_officer, year=2018)
    assert error.value.message_dict == {
        "date": ["Ngày ban hành 22/02/2017 không thuộc năm 2018 (phải từ 01/11/2017 đến 31/12/2018)."]
    }
    assert Plan.objects.count() == 0


def test_action_refuses_corrections_for_phases_it_did_not_read(tree, users, parsed):
    with pytest.raises(ValidationError) as error:
        actions.create_plan_from_parsed(
            parsed, tree.BT, by=users.province_officer, corrections={"phases": []}
        )
    assert error.value.message_dict == {"phases": ["Số đợt thi đua sửa lại không khớp với văn bản đã đọc."]}
    assert Plan.objects.count() == 0


def test_action_moves_a_paragraph_to_another_part_and_to_a_free_section(tree, users, parsed):
    """Issue 9: the officer moves a body paragraph the parser placed, from a part to another and to a free section."""
    first, second = parsed.purposes[0], parsed.purposes[1]
    plan = actions.create_plan_from_parsed(parsed, tree.BT, by=users.province_officer, corrections={"paragraphs": [
        {"part": "purposes", "index": 0, "to": "closing"},
        {"part": "purposes", "index": 1, "to": "free"}]})  # fmt: skip
    assert first not in plan.purposes and first in plan.closing
    assert second not in plan.purposes
    assert [f.text for f in plan.free_sections.all()] == [second]


def test_action_moves_a_measure_and_a_phase_text(tree, users, parsed):
    """Issue 9: the measures and the phases' texts the parser placed can be moved too."""
    measure, phase_text = parsed.measures[0].paragraphs[1], parsed.phases[0].text
    plan = actions.create_plan_from_parsed(parsed, tree.BT, by=users.province_officer, corrections={"paragraphs": [
        {"part": "measures.1", "index": 1, "to": "requirements"},
        {"part": "phases.1", "index": 0, "to": "free"}]})  # fmt: skip
    assert plan.requirements.endswith(measure) and not plan.measures.filter(text=measure).exists()
    assert plan.phases.get(order=1).celebrates == "" and [f.text for f in plan.free_sections.all()] == [
        phase_text
    ]
    assert plan.phases.get(order=1).commemorations.count() == 6  # the phase keeps its dates and anniversaries


def test_action_refuses_a_paragraph_moved_to_a_tampered_target(tree, users, parsed):
    for move in ({"part": "purposes", "index": 0, "to": "nowhere"}, {"part": "purposes", "index": 99, "to": "closing"},
                 {"part": "signer", "index": 0, "to": "closing"}, {"part": "measures.0", "index": 0, "to": "free"},
                 {"part": "phases.3", "index": 0, "to": "free"}, {"part": "measures.1", "index": "0", "to": "free"}):  # fmt: skip
        with pytest.raises(ValidationError) as error:
            actions.create_plan_from_parsed(
                parsed, tree.BT, by=users.province_officer, corrections={"paragraphs": [move]}
            )
        assert error.value.messages == [
            "Đoạn văn được chuyển không có trong văn bản đã đọc hoặc nơi chuyển đến không hợp lệ."
        ]
    assert Plan.objects.count() == 0
