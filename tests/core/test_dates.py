"""thidua.core.dates: dd/mm/yyyy and the Decree 30 long date, both ways, in one place."""

import datetime
import re
from pathlib import Path

import pytest
from django.template import Context, Template

from thidua.core.dates import (
    format_date,
    format_datetime,
    format_long_date,
    from_iso,
    parse_date,
    parse_long_date,
    to_json,
)

D = datetime.date


def test_format_date_writes_day_month_year_with_leading_zeros():
    assert format_date(D(2017, 3, 5)) == "05/03/2017"
    assert format_date(D(2017, 12, 31)) == "31/12/2017"


def test_format_date_of_nothing_is_empty_or_the_given_text():
    assert format_date(None) == ""
    assert format_date(None, "?") == "?"


def test_format_date_of_a_moment_is_its_local_day():
    moment = datetime.datetime(2017, 3, 4, 20, 0, tzinfo=datetime.UTC)  # 03:00 on the 5th in Hồ Chí Minh City
    assert format_date(moment) == "05/03/2017"
    assert format_datetime(moment) == "05/03/2017 03:00"
    assert format_datetime(None) == ""


@pytest.mark.parametrize("text", ["05/03/2017", "5/3/2017", "05-03-2017", "05.03.2017", "  05/03/2017 "])
def test_parse_date_reads_the_day_first(text):
    assert parse_date(text) == D(2017, 3, 5)


@pytest.mark.parametrize("text", ["", "31/02/2017", "05/03/17", "2017-03-05", "03/2017", "5 tháng 3", "abc"])
def test_parse_date_refuses_anything_else_in_vietnamese(text):
    with pytest.raises(ValueError) as error:
        parse_date(text)
    assert str(error.value) == (
        f"Ngày “{text.strip()}” không hợp lệ: nhập theo dạng dd/mm/yyyy, ví dụ 01/06/2017."
    )


def test_format_and_parse_date_round_trip():
    day = D(2020, 1, 9)
    assert parse_date(format_date(day)) == day


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (D(2017, 3, 5), "ngày 05 tháng 3 năm 2017"),  # day below 10: leading zero; March: none
        (D(2017, 2, 22), "ngày 22 tháng 02 năm 2017"),  # January and February take a leading zero
        (D(2017, 1, 5), "ngày 05 tháng 01 năm 2017"),
        (D(2017, 10, 10), "ngày 10 tháng 10 năm 2017"),
        (D(2017, 12, 31), "ngày 31 tháng 12 năm 2017"),
    ],
)
def test_long_date_follows_decree_30_both_ways(day, text):
    assert format_long_date(day) == text
    assert parse_long_date(text) == day


def test_parse_long_date_tolerates_other_zeros_case_and_spaces():
    assert parse_long_date("  Ngày 5 tháng 03 năm 2017 ") == D(2017, 3, 5)
    assert parse_long_date("ngày  5  tháng 3  năm 2017") == D(2017, 3, 5)


@pytest.mark.parametrize(
    "text", ["", "ngày 31 tháng 02 năm 2017", "ngày 05 tháng 3", "05/03/2017", "tháng 3 năm 2017"]
)
def test_parse_long_date_refuses_anything_else_in_vietnamese(text):
    with pytest.raises(ValueError) as error:
        parse_long_date(text)
    assert str(error.value) == f"Ngày “{text}” không hợp lệ: viết theo dạng “ngày 05 tháng 3 năm 2017”."


def test_from_iso_reads_what_json_stores_and_gives_none_for_the_rest():
    assert from_iso("2017-03-05") == D(2017, 3, 5)
    assert from_iso(D(2017, 3, 5)) == D(2017, 3, 5)
    assert from_iso(datetime.datetime(2017, 3, 5, 10, 0)) == D(2017, 3, 5)
    assert [from_iso(v) for v in (None, "", "05/03/2017", "2017-02-31")] == [None, None, None, None]


def test_to_json_writes_dates_as_iso_and_leaves_the_rest():
    assert to_json(D(2017, 3, 5)) == "2017-03-05"
    assert to_json("x") == "x"
    assert to_json(None) is None


def test_long_date_filter_writes_the_decree_date():
    template = Template("{% load dates %}[{{ day|long_date }}][{{ none|long_date }}]")
    assert template.render(Context({"day": D(2017, 3, 5), "none": None})) == "[ngày 05 tháng 3 năm 2017][]"


def test_no_hand_typed_day_month_year_format_outside_core_dates_and_format_modules():
    package = Path(__file__).resolve().parents[2] / "thidua"
    allowed = {package / "core" / "dates.py"}
    found = [
        f"{path.relative_to(package)}:{number}"
        for path in sorted(package.rglob("*.py"))
        if path not in allowed and "formats" not in path.relative_to(package).parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"%d[/.-]%m[/.-]%Y", line)
    ]
    assert found == []
