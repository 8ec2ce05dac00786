"""Import throughput: import_people on N rows (default 100,000; BENCH_IMPORT_ROWS overrides) against the floor of
reading the same file with python-calamine. Runs on a fresh SQLite database in a temporary directory.

Prints: import_people: 61234 rows/s (floor raw read: 350000 rows/s; ratio 0.17)
"""

import datetime
import os
import sys
import tempfile
import time
from pathlib import Path

ROWS = int(os.environ.get("BENCH_IMPORT_ROWS", "100000"))
UNITS = max(ROWS // 100, 1)
FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Huỳnh",
    "Hoàng",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Thanh", "Ngọc", "Quốc", "Thị Kim", "Văn Hoàng", "Đức", "Hoài", "Thúy"]
GIVEN = ["Hào", "Đào", "Đức", "Mai", "Hồng", "Bình", "Lan", "Hùng", "Dũng", "Tâm", "Phượng", "Nghĩa", "Trinh"]
POSITIONS = ["", "", "", "", "Tổ trưởng", "Ủy viên BCH", "", "", "CT", ""]


def make_workbook(path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Danh sách")
    sheet.append(["DANH SÁCH ĐOÀN VIÊN"])
    sheet.append([])
    sheet.append(["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Số CCCD", "Điện thoại", "Mã CĐCS", "Số thẻ đoàn viên",
                  "Ngày vào công đoàn", "Chức vụ công đoàn", "Đối tượng", "CN trực tiếp sản xuất", "Đoàn viên"])  # fmt: skip
    start = datetime.date(1965, 1, 1)
    for i in range(ROWS):
        name = f"{FAMILY[i % len(FAMILY)]} {MIDDLE[(i // 7) % len(MIDDLE)]} {GIVEN[(i // 3) % len(GIVEN)]}"
        birth = start + datetime.timedelta(days=(i * 37) % 14000)
        sheet.append([
            i + 1, name, "Nữ" if i % 2 else "Nam", birth, f"0830{i:08d}", f"09{i:08d}", f"CS{i % UNITS:05d}",
            f"BT-{i:07d}", birth + datetime.timedelta(days=8036), POSITIONS[i % 10], "Công nhân" if i % 3 else "NLĐ",
            "x" if i % 3 else "", "x" if i % 5 else "",
        ])  # fmt: skip
    workbook.save(path)


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="thidua-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "thidua.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from thidua.orgs import actions
    from thidua.orgs.imports import import_people

    root = actions.create_unit(
        None, by=None, code="TLD", name="Tổng Liên đoàn Lao động Việt Nam", level="national"
    )
    province = actions.create_unit(
        root, by=None, code="BT", name="Liên đoàn Lao động tỉnh Bến Tre", level="province"
    )
    upper = actions.create_unit(
        province, by=None, code="CT", name="Liên đoàn Lao động huyện Châu Thành", level="upper"
    )
    for u in range(UNITS):
        actions.create_unit(upper, by=None, code=f"CS{u:05d}", name=f"Công đoàn cơ sở số {u}", level="grassroots",
                            sector="private")  # fmt: skip

    path = tmp / "people.xlsx"
    make_workbook(path)

    from python_calamine import CalamineWorkbook

    started = time.perf_counter()
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    floor_seconds = time.perf_counter() - started
    assert len(rows) >= ROWS

    started = time.perf_counter()
    result = import_people(str(path), by=None)
    seconds = time.perf_counter() - started
    if not result.ok or result.created != ROWS:
        print("import_people failed:", result.error_lines()[:5], file=sys.stderr)
        return 1
    started = time.perf_counter()
    again = import_people(str(path), by=None)
    reimport_seconds = time.perf_counter() - started

    floor = ROWS / floor_seconds
    rate = ROWS / seconds
    print(f"import_people: {rate:.0f} rows/s (floor raw read: {floor:.0f} rows/s; ratio {rate / floor:.2f})")
    print(f"import_people: {ROWS} new people in {seconds:.1f} s; re-import of the same file "
          f"({again.unchanged} unchanged) in {reimport_seconds:.1f} s")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
