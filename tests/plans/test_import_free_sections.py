"""The import preview shows the paragraphs the reader could not place, the line of the source each comes from, and
lets the officer move one into a part of the plan before the draft is created (issue 9)."""

import io
import pathlib

import pytest
from django.urls import reverse

from thidua.plans.models import Plan

from .pages import form_data

pytestmark = pytest.mark.django_db
IMPORT, CREATE = reverse("plans:plan-import"), reverse("plans:plan-import-create")
REPORT = pathlib.Path(__file__).parent / "texts" / "15-bao-cao-so-ket-dak-lak-2022.txt"


def preview(client, tree) -> str:
    upload = io.BytesIO(REPORT.read_bytes())
    upload.name = "bao-cao.txt"
    return client.post(IMPORT, {"issuer": tree.BT.pk, "file": upload}).content.decode()


@pytest.fixture
def client(client_for, users):
    return client_for(users.province_officer)


def test_preview_shows_each_unplaced_section_with_its_source_line(client, tree):
    html = preview(client, tree)
    free = html.split('id="part-free"')[1].split("</section>")[0]
    assert free.count('data-testid="import-free-section"') == 2
    assert "I. KẾT QUẢ" in free and "II. PHƯƠNG HƯỚNG ĐỢT 2" in free
    lines = [s.split("</span>")[0] for s in free.split('data-testid="source-line">')[1:]]
    assert lines == ["Dòng 9 của văn bản gốc", "Dòng 12 của văn bản gốc"]  # from their headings
    assert 'href="#part-free"' in html  # the warnings link to it


def test_a_section_moved_by_the_officer_joins_that_part_and_the_others_stay_free(client, tree):
    data = form_data(preview(client, tree), CREATE)
    assert (data["free_1_part"], data["free_2_part"]) == ("", "")
    data["free_2_part"] = "closing"
    client.post(CREATE, data)
    plan = Plan.objects.get(issuer=tree.BT)
    assert list(plan.free_sections.values_list("heading", flat=True)) == ["I. KẾT QUẢ"]
    assert plan.closing == (
        "II. PHƯƠNG HƯỚNG ĐỢT 2\n\nTiếp tục đẩy mạnh phong trào thi đua “Lao động giỏi, Lao động sáng tạo”."
    )
