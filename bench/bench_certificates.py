"""Batch generation of certificates: BENCH_CERTIFICATES (default 1,000) awards of one issued decision rendered into
one PDF ready to print — what the batch task does (serials issued, every certificate read with what it draws, the
full layout with the Dancing Script name and the QR code to the public page) — against the floor of ReportLab
drawing the same number of pages with the same texts in one standard font, no QR code and no database. Runs on a
fresh SQLite database in a temporary directory (BENCH_DATABASE_URL: an empty database to use instead). BENCH_REPEAT
timed runs (default 3) after one warm-up; the median is printed.

Prints: certificates: 1000 in one PDF in 6.1 s (floor plain ReportLab pages 1.2 s; ratio 5.1; 2.3 MB)
"""

import datetime
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

COUNT = int(os.environ.get("BENCH_CERTIFICATES", "1000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))


def build():
    from django.db import transaction

    from thidua.orgs import actions as org_actions
    from thidua.orgs.models import Person
    from thidua.registrations import actions as catalog_actions
    from thidua.rewards import actions
    from thidua.rewards.models import AwardRecord, DecisionLine

    catalog_actions.load_catalog(by=None)
    root = org_actions.create_unit(None, by=None, code="TLD", name="Tổng Liên đoàn Lao động Việt Nam",
                                   level="national")  # fmt: skip
    province = org_actions.create_unit(root, by=None, code="BT", name="Liên đoàn Lao động tỉnh Bến Tre",
                                       level="province")  # fmt: skip
    unit = org_actions.create_unit(province, by=None, code="MAY", name="Công đoàn cơ sở Công ty TNHH May mặc Bến Tre",
                                   level="grassroots", sector="private")  # fmt: skip
    with transaction.atomic():
        people = Person.objects.bulk_create(
            [Person(full_name=f"Nguyễn Thị Hường {i}", given_name="Hường", unit=unit, sort_key=f"{i:06d}",
                    search_name=f"nguyen thi huong {i}") for i in range(COUNT)],
            batch_size=2000,
        )  # fmt: skip
    register = actions.create_register(province, by=None, year=2017, symbol="QĐ-LĐLĐ", place="Bến Tre")
    reason = "Hoàn thành xuất sắc nhiệm vụ, tích cực tham gia phong trào thi đua năm 2017"
    position = "Công nhân, Công ty TNHH May mặc Bến Tre"
    first = actions.LineInput(award="lao-dong-tien-tien", year=2017, person=people[0], reason=reason,
                              position_at_time=position)  # fmt: skip
    decision = actions.create_decision(register, by=None, decided_on=datetime.date(2017, 12, 20), lines=[first],
                                       title="Về việc khen thưởng tổng kết năm 2017", signer_name="Nguyễn Văn Hùng",
                                       signer_position="Phó Chủ tịch", sign_mode="kt", sign_for="Chủ tịch")  # fmt: skip
    decision = actions.issue_decision(decision, by=None)
    # The other awards as the generator writes synthetic data (the rewards actions check each line against the
    # record in one condition, which SQLite refuses past about 1,000 terms).
    line = DecisionLine.objects.get(decision=decision)
    record = AwardRecord.objects.get(decision_line=line)
    with transaction.atomic():
        lines = DecisionLine.objects.bulk_create(
            [DecisionLine(decision=decision, person=p, award_id=line.award_id, year=2017, unit_at_time=unit,
                          name_at_time=p.full_name, position_at_time=position, reason=reason, sort=i + 1)
             for i, p in enumerate(people[1:])], batch_size=500,
        )  # fmt: skip
        AwardRecord.objects.bulk_create(
            [AwardRecord(person=ln.person, award_id=ln.award_id, year=2017, decided_on=decision.decided_on,
                         issuer=province, issuer_name=province.name, decision_number=decision.reference,
                         decision_line=ln, unit_at_time=unit, source="decision") for ln in lines], batch_size=500,
        )  # fmt: skip
    assert record.pk
    return decision


def batch(decision) -> bytes:
    from thidua.certificates import actions, queries

    actions.issue_certificates(decision, by=None)
    certificates = list(queries.certificates_for_print(decision))
    return queries.render_pdf(certificates, decision=decision, base_url="https://thidua.example.vn/")


def floor() -> bytes:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=landscape(A4), pageCompression=1)
    for i in range(COUNT):
        for n, text in enumerate(["LIEN DOAN LAO DONG TINH BEN TRE", "BANG KHEN", f"Nguyen Thi Huong {i}",
                                  "Cong nhan, Cong ty TNHH May mac Ben Tre", "Hoan thanh xuat sac nhiem vu",
                                  "Quyet dinh so 45/QD-LDLD ngay 20/12/2017", "Ben Tre, ngay 20 thang 12 nam 2017",
                                  "KT. CHU TICH", "PHO CHU TICH", "Nguyen Van Hung"]):  # fmt: skip
            canvas.setFont("Times-Roman", 14)
            canvas.drawCentredString(420, 560 - n * 45, text)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def timed(fn) -> tuple[float, object]:
    result = fn()  # warm-up
    runs = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs), result


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="thidua-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "thidua.settings"
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("ATTACHMENTS_DIR", str(tmp / "files"))
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    decision = build()
    print(f"data: one decision of {COUNT} awards built in {time.perf_counter() - started:.1f} s")
    first = time.perf_counter()
    batch(decision)
    print(f"first batch (serials issued): {time.perf_counter() - first:.2f} s")
    seconds, pdf = timed(lambda: batch(decision))
    floor_seconds, _ = timed(floor)
    assert isinstance(pdf, bytes) and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") >= COUNT
    print(f"certificates: {COUNT} in one PDF in {seconds:.2f} s (floor plain ReportLab pages {floor_seconds:.2f} s; "
          f"ratio {seconds / floor_seconds:.1f}; {len(pdf) / 1e6:.1f} MB)")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
