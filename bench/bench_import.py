"""Import throughput: import_people on N rows (default 100,000; BENCH_IMPORT_ROWS overrides) against the floor of
reading the same file with python-calamine, measured in the same run.

The database is the one asked for: BENCH_DATABASE_URL, else DATABASE_URL. On PostgreSQL the bench makes a scratch
database on that server (``<name>_bench_import``), ANALYZEs it after each load and drops it at the end; on SQLite (and
when nothing is asked for) a fresh file in a temporary directory. DEBUG is off (Django's query log would keep every
multi-megabyte INSERT). The workbook is written and the floor read in child processes, so that the peak memory
printed is the import's own process. Every temporary file and directory is removed, whatever happens.

Prints, e.g.:
    import_people: 61234 rows/s (floor raw read: 350000 rows/s; ratio 0.17)
    import_people: CPU 20.1 s (floor 6.0 s; ratio 0.30)
"""

import datetime
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

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


def raw_read(path: str) -> tuple[float, float]:
    """The floor: python-calamine reading the sheet into Python values (as the import's reader does), in seconds
    of the clock and of the process's CPU."""
    from python_calamine import CalamineWorkbook

    started, cpu = time.perf_counter(), time.process_time()
    rows = CalamineWorkbook.from_path(path).get_sheet_by_index(0).to_python(skip_empty_area=False)
    seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu
    assert len(rows) >= ROWS
    return seconds, cpu_seconds


def _child(*args: str) -> str:
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


class Scratch:
    """The database to measure on: a scratch database on the server asked for, removed by ``drop``."""

    def __init__(self, tmp: Path):
        asked = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL") or ""
        self.admin_url = ""
        if asked.startswith(("postgres://", "postgresql://")):
            parts = urlsplit(asked)
            self.name = f"{parts.path.lstrip('/') or 'thidua'}_bench_import"
            self.admin_url = urlunsplit(parts._replace(path="/postgres"))  # the server's maintenance database
            self.url = urlunsplit(parts._replace(path=f"/{self.name}"))
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}"', f'CREATE DATABASE "{self.name}"')
        else:
            self.url = f"sqlite:///{tmp / 'bench.sqlite3'}"

    def _admin(self, *statements: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            for statement in statements:
                connection.execute(statement)

    def drop(self) -> None:
        if self.admin_url:
            from django.db import connections

            connections.close_all()
            self._admin(f'DROP DATABASE IF EXISTS "{self.name}"')


def analyze() -> None:
    """Bulk-loaded tables have no planner statistics until autovacuum reaches them: gather them now."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


class Phases:
    """The import's progress messages, timed: how long each stage took."""

    def __init__(self):
        self.marks: list[tuple[str, float]] = []

    def __call__(self, done, total, message="", *args, **kwargs) -> None:
        message = str(message)
        if not self.marks or self.marks[-1][0] != message:
            self.marks.append((message, time.perf_counter()))

    def lines(self, end: float) -> str:
        ends = [t for _m, t in self.marks[1:]] + [end]
        return "; ".join(f"{m} {e - t:.1f} s" for (m, t), e in zip(self.marks, ends, strict=True))


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="thidua-bench-"))
    scratch = None
    try:
        scratch = Scratch(tmp)
        return measure(tmp, scratch)
    finally:
        if scratch is not None:
            scratch.drop()
        shutil.rmtree(tmp, ignore_errors=True)


def measure(tmp: Path, scratch: Scratch) -> int:
    path = tmp / "people.xlsx"
    _child("--workbook", str(path))
    os.environ["DJANGO_SETTINGS_MODULE"] = "thidua.settings"
    os.environ["DATABASE_URL"] = scratch.url
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret-" + "x" * 40)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from thidua.orgs import actions
    from thidua.orgs.imports import import_people

    root = actions.create_unit(
        None, by=None, code="TLD", name="Tổng Liên đoàn Lao động Việt Nam", level="national"
    )
    province = actions.create_unit(
        root, by=None, code="BT", name="Liên đoàn Lao động tỉnh Bến Tre", level="province"
    )
    actions.create_unit(
        province, by=None, code="CT", name="Liên đoàn Lao động huyện Châu Thành", level="upper"
    )
    actions.create_units(
        [actions.NewUnit(code=f"CS{u:05d}", name=f"Công đoàn cơ sở số {u}", level="grassroots", parent_code="CT",
                         values={"sector": "private"}) for u in range(UNITS)],
        by=None,
    )  # fmt: skip
    analyze()

    floor_seconds, floor_cpu = json.loads(_child("--read", str(path)))
    before_mb = _peak_mb()
    phases = Phases()
    started, cpu = time.perf_counter(), time.process_time()
    result = import_people(str(path), by=None, progress=phases)
    finished = time.perf_counter()
    seconds, cpu_seconds = finished - started, time.process_time() - cpu
    peak_mb = _peak_mb()
    if not result.ok or result.created != ROWS:
        print("import_people failed:", result.error_lines()[:5], file=sys.stderr)
        return 1
    analyze()
    again_phases = Phases()
    started = time.perf_counter()
    again = import_people(str(path), by=None, progress=again_phases)
    reimport_seconds = time.perf_counter() - started

    floor = ROWS / floor_seconds
    rate = ROWS / seconds
    print(
        f"database: {connection.vendor}; {ROWS} rows; load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )
    print(f"import_people: {rate:.0f} rows/s (floor raw read: {floor:.0f} rows/s; ratio {rate / floor:.2f})")
    # On a shared machine the clock counts the time other processes hold the cores; CPU seconds do not (the
    # database's own work is in this process on SQLite, in the server's on PostgreSQL, which this leaves out).
    print(
        f"import_people: CPU {cpu_seconds:.1f} s (floor {floor_cpu:.1f} s; ratio {floor_cpu / cpu_seconds:.2f})"
    )
    print(f"import_people: {ROWS} new people in {seconds:.1f} s (raw read {floor_seconds:.1f} s): "
          f"{phases.lines(finished)}")  # fmt: skip
    print(f"import_people: re-import of the same file ({again.unchanged} unchanged) in {reimport_seconds:.1f} s: "
          f"{again_phases.lines(time.perf_counter())}")  # fmt: skip
    print(f"import_people: peak memory {peak_mb:.0f} MB (process before the import: {before_mb:.0f} MB)")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--workbook":
        make_workbook(Path(sys.argv[2]))
    elif len(sys.argv) == 3 and sys.argv[1] == "--read":
        print(json.dumps(raw_read(sys.argv[2])))
    else:
        sys.exit(main())
