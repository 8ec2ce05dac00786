"""Every part the reader recognised names the lines of the source it came from; every line of the source says on
hover which part took it; a line no part took is pointed at, so the officer can check nothing was lost (issue 9)."""

import io
import re
from dataclasses import replace

import pytest
from django.urls import reverse

from thidua.plans.demo import REFERENCE_PLAN
from thidua.plans.parsing import parse_plan_file
from thidua.plans.parsing.sources import line_ranges, source_map

from .corpus import HELD_OUT, TEXTS

IMPORT = reverse("plans:plan-import")
TEXT_FILES = sorted([*TEXTS.glob("*.txt"), *TEXTS.glob("*.md"), *HELD_OUT.glob("*.txt")])


def test_each_part_of_the_reference_plan_names_its_lines():
    sources = source_map(parse_plan_file(REFERENCE_PLAN))
    assert {key: sources.ranges(key) for key in sources.parts} == {
        "header": "3, 5, 7, 9", "legal_bases": "11", "introduction": "13", "purposes": "15, 17, 19",
        "movements": "21, 23, 25, 27, 29, 31, 51", "measures.1": "33, 35, 37, 39, 41, 43, 45",
        "measures.2": "47, 49, 51", "measures.3": "37, 53, 55, 57, 59, 61, 63, 65, 67",
        "measures.4": "69, 71, 73, 75", "phases.1": "77, 79", "phases.2": "81", "phase_review": "83",
        "closing": "85", "reporting": "85", "recipients": "87, 89–94", "signer": "96–97, 101",
    }  # fmt: skip
    assert sources.lost == []


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: p.name)
def test_every_line_of_every_text_lands_in_a_part(path):
    """Damaged headers, OCR, mojibake, TCVN3, prose phases, reports: no line with words is left unplaced."""
    sources = source_map(parse_plan_file(path))
    assert sources.lost == [], [sources.lines[n - 1].text for n in sources.lost]
    assert all(line.part for line in sources.lines if line.state == "placed")


def test_a_report_s_unplaced_sections_keep_their_heading_and_lines():
    sources = source_map(parse_plan_file(TEXTS / "15-bao-cao-so-ket-dak-lak-2022.txt"))
    assert (sources.ranges("free.1"), sources.ranges("free.2")) == ("9–11", "12–13")
    assert sources.ranges("header") == "1–7" and sources.ranges("signer") == "18–20"


def test_a_line_whose_part_was_not_read_is_lost():
    parsed = parse_plan_file(REFERENCE_PLAN)
    sources = source_map(replace(parsed, closing=[], reporting=[], text=parsed.text))
    assert sources.lost == [85]


def test_lines_of_a_legacy_font_are_numbered_as_in_the_file_and_shown_decoded():
    sources = source_map(parse_plan_file(TEXTS / "18-tcvn3-vinh-phuc-2024.txt"))
    assert "Kế hoạch" in "\n".join(line.text for line in sources.lines) or "KẾ HOẠCH" in "\n".join(
        line.text for line in sources.lines
    )
    assert sources.lost == []


def test_line_ranges():
    assert line_ranges([5, 6, 7, 9, 12, 13]) == "5–7, 9, 12–13"
    assert line_ranges([]) == ""


@pytest.mark.django_db
def test_preview_numbers_the_source_and_badges_each_part(client_for, users, tree):
    client = client_for(users.province_officer)
    upload = io.BytesIO(REFERENCE_PLAN.read_bytes())
    upload.name = "ke-hoach.md"
    html = client.post(IMPORT, {"issuer": tree.BT.pk, "file": upload}).content.decode()
    source = html.split('data-testid="import-text"')[1]
    assert source.count('class="src-line src-placed"') == 52
    assert 'id="src-L11" data-part="legal_bases" data-also="" title="Xếp vào: Căn cứ"' in source
    assert 'title="Xếp vào: Biện pháp: Công đoàn trong các đơn vị sản xuất kinh doanh' in source
    assert 'title="Xếp vào: Đợt thi đua: Đợt 2"' in source
    assert 'data-testid="source-complete"' in html and 'data-testid="source-lost"' not in html
    badges = dict(
        re.findall(r'data-part="([\w.]+)" data-testid="source-lines".*?</i> Dòng ([^<]+)</a>', html)
    )
    assert badges["legal_bases"] == "11" and badges["purposes"] == "15, 17, 19"
    assert (
        badges["phases.1"] == "77, 79"
        and badges["recipients"] == "87, 89–94"
        and badges["signer"] == "96–97, 101"
    )
    assert len(badges) == 16  # every part read has its lines
