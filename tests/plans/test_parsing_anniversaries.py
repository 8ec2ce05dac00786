"""Anniversaries beyond the catalog's wording: recognised from ``reference/commemorations.json``, two days in one
phrase, days the catalog does not know kept as text with a warning, never given a wrong base date."""

import datetime
import json

import pytest

from thidua.plans.models import Commemoration
from thidua.plans.parsing import parse_plan_text
from thidua.plans.parsing.catalog import CATALOG, days_named

D = datetime.date
HEADER = "LIÊN ĐOÀN LAO ĐỘNG TỈNH ĐỒNG NAI\nSố: 88/KH-LĐLĐ\nĐồng Nai, ngày 02 tháng 3 năm 2020\nKẾ HOẠCH\nKỷ niệm các ngày lễ năm 2020\n"


def anniversaries(body: str):
    parsed = parse_plan_text(HEADER + body)
    items = [c for p in parsed.phases for c in p.commemorations] + parsed.commemorations
    return [(c.ordinal, c.base_date, c.date) for c in items if c.ordinal], parsed


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("90 năm Ngày thành lập Hội Liên hiệp Phụ nữ Việt Nam", [(90, D(1930, 10, 20), D(2020, 10, 20))]),
        ("110 năm Ngày Quốc tế Phụ nữ 8/3", [(110, D(1910, 3, 8), D(2020, 3, 8))]),
        ("91 năm Ngày thành lập Công đoàn Việt Nam", [(91, D(1929, 7, 28), D(2020, 7, 28))]),
        ("73 năm Ngày Thương binh - Liệt sĩ", [(73, D(1947, 7, 27), D(2020, 7, 27))]),
        (
            "75 năm Cách mạng Tháng Tám và Quốc khánh 2/9",
            [(75, D(1945, 8, 19), D(2020, 8, 19)), (75, D(1945, 9, 2), D(2020, 9, 2))],
        ),
    ],
)
def test_an_anniversary_in_a_sentence_takes_its_base_date_from_the_catalog(phrase, expected):
    found, parsed = anniversaries(f"Tổ chức các hoạt động kỷ niệm {phrase} trong công nhân, lao động.")
    assert found == expected
    assert not [w for w in parsed.warnings if w.code in ("unknown_anniversary", "ordinal_mismatch")]


def test_an_anniversary_in_a_phase_is_dated_in_the_year_that_puts_it_inside_the_phase():
    found, _ = anniversaries(
        "Đợt 1 từ tháng 9/2019 đến tháng 1/2020, chào mừng kỷ niệm 37 năm Ngày Nhà giáo Việt Nam."
    )
    assert found == [(37, D(1982, 11, 20), D(2019, 11, 20))]


def test_an_anniversary_the_catalog_does_not_know_is_kept_without_a_base_date_and_warned_about():
    found, parsed = anniversaries("Tổ chức kỷ niệm 25 năm Ngày thành lập Công ty TNHH Pou Yuen.")
    assert found == [(25, None, None)]
    assert [w.code for w in parsed.warnings if w.code == "unknown_anniversary"] == ["unknown_anniversary"]


def test_an_ordinal_that_disagrees_with_the_catalog_is_warned_about():
    found, parsed = anniversaries("Tổ chức kỷ niệm 30 năm Ngày hội Quốc phòng toàn dân.")
    assert found == [(30, D(1989, 12, 22), D(2020, 12, 22))]
    assert "ordinal_mismatch" in {w.code for w in parsed.warnings}


def test_a_local_day_is_not_mistaken_for_a_national_one():
    assert days_named("Ngày giải phóng tỉnh Phú Yên") == []
    assert [d.base_date for d in days_named("Ngày giải phóng hoàn toàn miền Nam")] == [D(1975, 4, 30)]


def test_every_day_of_the_catalog_file_names_its_source_and_says_whether_it_was_checked():
    days = json.loads(CATALOG.read_text(encoding="utf-8"))["commemorations"]
    assert len(days) >= 25
    for day in days:
        assert day["source"]["status"] in ("VERIFIED", "UNVERIFIED")
        assert day["source"]["text"]
        assert bool(day["source"]["checked"]) == (day["source"]["status"] == "VERIFIED")


def test_the_days_checked_against_a_primary_text_cite_it():
    days = {d["short_name"]: d for d in json.loads(CATALOG.read_text(encoding="utf-8"))["commemorations"]}
    verified = sorted(name for name, d in days.items() if d["source"]["status"] == "VERIFIED")
    assert len(verified) == 8
    assert days["Gia đình Việt Nam"]["citation"].startswith("Quyết định số 72/2001/QĐ-TTg")
    assert days["Thầy thuốc Việt Nam"]["citation"].startswith("Quyết định số 39-HĐBT")
    assert all(days[name]["source"]["url"] for name in verified)


@pytest.mark.django_db
def test_the_stored_catalog_cites_the_checked_decisions():
    cited = dict(Commemoration.objects.values_list("short_name", "citation"))
    assert cited["Gia đình Việt Nam"].startswith("Quyết định số 72/2001/QĐ-TTg")


@pytest.mark.django_db
def test_the_migration_loads_the_catalog_file():
    days = json.loads(CATALOG.read_text(encoding="utf-8"))["commemorations"]
    stored = dict(Commemoration.objects.values_list("name", "base_date"))
    assert {d["name"]: D.fromisoformat(d["base_date"]) for d in days}.items() <= stored.items()
