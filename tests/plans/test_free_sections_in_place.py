"""Free sections (parts of the text the structure does not hold) are printed where they stood in the source, in
its order, in the DOCX, the PDF and on the plan's page, numbered with the parts around them (issue 9)."""

import io

import docx
import pytest
from django.urls import reverse

from thidua.documents.render import render_docx
from thidua.plans import actions
from thidua.plans.documents import plan_document
from thidua.plans.models import FreeSection
from thidua.plans.parsing import parse_plan_text

TEXT = """LIÊN ĐOÀN LAO ĐỘNG TỈNH BẾN TRE
Số: 21/KH-LĐLĐ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Bến Tre, ngày 10 tháng 02 năm 2023
KẾ HOẠCH
Phát động phong trào thi đua năm 2023
Căn cứ Kế hoạch số 05/KH-TLĐ ngày 12/01/2023 của Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam;
Liên đoàn Lao động tỉnh xây dựng kế hoạch như sau:
I. MỤC ĐÍCH, YÊU CẦU
Động viên đoàn viên, người lao động thi đua hoàn thành nhiệm vụ năm 2023.
II. ĐỐI TƯỢNG THI ĐUA
Cán bộ, đoàn viên, công nhân, viên chức, lao động trong tỉnh và các cấp công đoàn.
III. NỘI DUNG THI ĐUA
1. Phong trào thi đua “Lao động giỏi, Lao động sáng tạo”.
IV. BIỆN PHÁP TỔ CHỨC THỰC HIỆN
1. Đối với Công đoàn cấp trên cơ sở:
- Hướng dẫn công đoàn cơ sở đăng ký thi đua.
V. KHEN THƯỞNG
Liên đoàn Lao động tỉnh tặng Bằng khen cho các tập thể, cá nhân tiêu biểu.
Phong trào thi đua năm 2023 chia thành 2 đợt như sau:
Đợt 1: Từ ngày 01/01/2023 đến ngày 30/6/2023.
Đợt 2: Từ ngày 01/7/2023 đến ngày 31/12/2023.
Trên đây là kế hoạch phát động phong trào thi đua năm 2023./.
Nơi nhận:
- Tổng LĐLĐ Việt Nam (b/c);
- Lưu: VT.
TM. BAN THƯỜNG VỤ
CHỦ TỊCH
Nguyễn Văn An
"""


def test_the_reader_notes_the_part_each_free_section_stood_after():
    parsed = parse_plan_text(TEXT)
    assert [(f.heading, f.after) for f in parsed.free_sections] == [
        ("II. ĐỐI TƯỢNG THI ĐUA", "purposes"),
        ("V. KHEN THƯỞNG", "measures"),
    ]


@pytest.fixture
def plan(tree, users):
    return actions.create_plan_from_parsed(parse_plan_text(TEXT), tree.BT, by=users.province_officer,
                                           source_text=TEXT)  # fmt: skip


def _docx_lines(plan) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(render_docx(plan_document(plan)))).paragraphs if p.text]


def _index(lines: list[str], start: str) -> int:
    return next(i for i, line in enumerate(lines) if line.startswith(start))


@pytest.mark.django_db
def test_the_document_prints_them_in_place_and_numbers_the_parts_around_them(plan):
    assert list(plan.free_sections.values_list("after", flat=True)) == ["purposes", "measures"]
    lines = _docx_lines(plan)
    order = [_index(lines, h) for h in ("I. MỤC ĐÍCH", "II. ĐỐI TƯỢNG THI ĐUA:", "III. NỘI DUNG THI ĐUA",
                                        "IV. BIỆN PHÁP", "V. KHEN THƯỞNG:", "Phong trào thi đua năm 2023 chia")]  # fmt: skip
    assert order == sorted(order)
    assert lines[order[1] + 1].startswith("Cán bộ, đoàn viên, công nhân")
    assert (
        lines[_index(lines, "Trên đây là")] == "Trên đây là kế hoạch phát động phong trào thi đua năm 2023./."
    )


@pytest.mark.django_db
def test_a_free_section_after_the_phases_comes_before_the_closing(plan, users):
    FreeSection.objects.filter(plan=plan, after="measures").update(after="phases")
    lines = _docx_lines(plan)
    assert _index(lines, "Đợt 2:") < _index(lines, "V. KHEN THƯỞNG:") < _index(lines, "Trên đây là")
    assert _index(lines, "IV. BIỆN PHÁP") < _index(lines, "Đợt 1:")


@pytest.mark.django_db
def test_the_plan_page_shows_them_in_the_same_place_with_the_same_numbers(plan, client_for, users):
    html = (
        client_for(users.province_officer).get(reverse("plans:plan-detail", args=[plan.pk])).content.decode()
    )
    text = html.split('id="official-text"')[1]
    headings = ["I. MỤC ĐÍCH, YÊU CẦU", "II. ĐỐI TƯỢNG THI ĐUA", "III. NỘI DUNG THI ĐUA",
                "IV. BIỆN PHÁP TỔ CHỨC THỰC HIỆN", "V. KHEN THƯỞNG", "chia thành 2 đợt"]  # fmt: skip
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    assert text.count('data-testid="free-section"') == 2


@pytest.mark.django_db
def test_the_officer_moves_a_free_section_in_the_draft_form(plan, client_for, users):
    from .pages import form_data

    client = client_for(users.province_officer)
    url = reverse("plans:plan-update", args=[plan.pk])
    page = (
        client.get(url)
        .content.decode()
        .replace('<form method="post" novalidate id="plan-form">', f'<form method="post" action="{url}">')
    )
    data = form_data(page, url)
    assert (data["free_sections-0-after"], data["free_sections-1-after"]) == ("purposes", "measures")
    data["free_sections-1-after"] = "opening"
    data["legal_bases-0-title"] = "Phát động thi đua năm 2023"  # the basis the text cites without its summary
    assert client.post(url, data).status_code == 302
    assert list(plan.free_sections.values_list("after", flat=True)) == ["purposes", "opening"]
    lines = _docx_lines(plan)
    assert (
        _index(lines, "I. KHEN THƯỞNG:")
        < _index(lines, "II. MỤC ĐÍCH")
        < _index(lines, "III. ĐỐI TƯỢNG THI ĐUA:")
    )
