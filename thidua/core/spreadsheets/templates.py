"""The downloadable template of an import: its columns with one example row, a drop-down list on each coded column
(data validation over a hidden "Danh mục" sheet, so labels may hold commas), and a "Hướng dẫn" sheet that explains
each column and the values it accepts. Generated on request from the same columns the import reads.

The drop-down lists suggest; they do not forbid: the abbreviations the import also accepts ("CĐCS", "DN FDI"...)
can still be typed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from thidua.core.xlsx import XlsxColumn, add_table_sheet, new_workbook, workbook_bytes

from .results import Column

LISTS_SHEET = "Danh mục"
GUIDE_SHEET = "Hướng dẫn"
VALIDATED_ROWS = 5000


def template_workbook(
    columns: Sequence[Column],
    *,
    sheet_title: str,
    guide_heading: Iterable[str],
    text_keys: Iterable[str] = (),
) -> bytes:
    text_keys = set(text_keys)
    workbook = new_workbook()
    add_table_sheet(
        workbook,
        sheet_title,
        [XlsxColumn(c.header, width=c.width, text=c.text or c.key in text_keys) for c in columns],
        [[c.example if c.example != "" else None for c in columns]],
    )
    sheet = workbook.worksheets[0]
    coded = [(index, c) for index, c in enumerate(columns, start=1) if c.choices]
    add_table_sheet(
        workbook,
        GUIDE_SHEET,
        [
            XlsxColumn(_("Cột"), width=24, wrap=True),
            XlsxColumn(_("Bắt buộc"), width=10),
            XlsxColumn(_("Cách ghi"), width=70, wrap=True),
            XlsxColumn(_("Giá trị được chấp nhận"), width=50, wrap=True),
        ],
        [_guide_row(c) for c in columns],
        heading=list(guide_heading),
    )
    if coded:
        lists = workbook.create_sheet(LISTS_SHEET)
        longest = max(len(c.choices) for _i, c in coded)
        for row in range(longest):
            lists.append([c.choices[row] if row < len(c.choices) else None for _i, c in coded])
        lists.sheet_state = "hidden"
        for list_column, (index, column) in enumerate(coded, start=1):
            letter = get_column_letter(list_column)
            validation = DataValidation(
                type="list",
                formula1=f"{quote_sheetname(LISTS_SHEET)}!${letter}$1:${letter}${len(column.choices)}",
                allow_blank=True,
                showErrorMessage=False,
                showInputMessage=True,
                promptTitle=column.header[:32],
                prompt=_("Chọn trong danh sách hoặc để trống.")[:255],
            )
            target = get_column_letter(index)
            validation.add(f"{target}2:{target}{VALIDATED_ROWS + 1}")
            sheet.data_validations.dataValidation.append(validation)
    return workbook_bytes(workbook)


def _guide_row(column: Column) -> list[str]:
    names = column.header
    if column.aliases:
        names += "\n(" + _("hoặc") + ": " + ", ".join(column.aliases) + ")"
    return [names, "x" if column.required else "", column.help, column.allowed]
