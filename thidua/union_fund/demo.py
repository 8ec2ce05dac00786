"""The fund's part of ``load_demo``: the 2017 "Mái ấm Công đoàn" books of the Bến Tre federation and its district
federations — contributions from grassroots unions, people and businesses, hardship grants and houses built or
repaired (with their places and a photo), and a few corrections of entries typed wrong. Written through the actions
(audited); deterministic; idempotent (nothing is written when the province's 2017 book is there)."""

from __future__ import annotations

import datetime
import random
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from thidua.core import actions as core_actions
from thidua.orgs.models import Level, Person, Unit, UnitVersion

from . import actions
from .models import FundEntry, GrantKind

SEED = "thidua-demo-fund-2017"
D = datetime.date
YEAR = 2017
DONORS = [
    "Ngân hàng TMCP Công Thương Việt Nam – Chi nhánh Bến Tre", "Công ty Cổ phần Dược phẩm Bến Tre",
    "Công ty Điện lực Bến Tre", "Công ty TNHH MTV Xổ số kiến thiết Bến Tre", "Bưu điện tỉnh Bến Tre",
    "Công ty Cổ phần Cấp thoát nước Bến Tre",
]  # fmt: skip
PEOPLE = ["Nguyễn Văn Tâm", "Trần Thị Kim Loan", "Lê Hoàng Phúc", "Phạm Thị Thu Hà", "Võ Minh Trí",
          "Huỳnh Thị Bích Ngọc", "Đặng Văn Lợi", "Bùi Thị Mỹ Duyên"]  # fmt: skip
HARDSHIP = [
    "Chồng mất sớm, một mình nuôi hai con nhỏ, nhà ở xuống cấp.",
    "Bản thân mắc bệnh hiểm nghèo, điều trị dài ngày, thu nhập thấp.",
    "Gia đình bị thiệt hại nặng do mưa bão, mất nhà ở.",
    "Con bị tai nạn giao thông, gia đình vay nợ chữa trị.",
]


def _png(rgb: tuple[int, int, int], size: int = 48) -> bytes:
    """A small solid PNG (a stand-in for a photo of the house)."""
    raw = b"".join(b"\x00" + bytes(rgb) * size for _ in range(size))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _fallback_place() -> tuple[str, str]:
    """A commune of Vĩnh Long (Bến Tre's province since 2025), for a union recorded without its commune."""
    from thidua.orgs import localities

    province = next(code for code, name in localities.province_choices() if name.endswith("Vĩnh Long"))
    return province, localities.ward_choices(province)[0][0]


def _children_in(federation: Unit, day: datetime.date) -> list[Unit]:
    """The grassroots unions that stood under ``federation`` on ``day`` (the tree of 2017, not today's)."""
    ids = (UnitVersion.objects.as_of(day).filter(parent=federation, level=Level.GRASSROOTS)
           .order_by("unit_id").values_list("unit_id", flat=True))  # fmt: skip
    return list(Unit.objects.filter(pk__in=list(ids)).order_by("code"))


def build_demo(*, log=None, **_options) -> dict[str, int]:
    province = Unit.objects.filter(code="BTR").first()
    if province is None:
        return {}
    federations = list(
        Unit.objects.filter(level=Level.UPPER, founded_on__lte=D(YEAR, 6, 30))
        .filter(code__startswith="BTR-").order_by("code")[:9]
    )  # fmt: skip
    result = load_demo_fund(province, federations)
    if log and result.get("entries"):
        log(f"Quỹ “Mái ấm Công đoàn” năm 2017: {result['entries']} bút toán, {result['houses']} nhà, "
            f"{result['corrections']} bút toán điều chỉnh.")  # fmt: skip
    return result


@transaction.atomic
def load_demo_fund(province: Unit, federations: list[Unit]) -> dict[str, int]:
    """The 2017 books of ``province`` and of ``federations`` (its upper-level unions of 2017); nothing when the
    province's 2017 book is there."""
    if FundEntry.objects.filter(unit=province, year=YEAR).exists():
        return {"entries": 0, "houses": 0, "corrections": 0}
    rng = random.Random(SEED)
    mid = D(YEAR, 6, 30)
    fallback = _fallback_place()
    made = {"entries": 0, "houses": 0, "corrections": 0}
    receipt = 0

    def contribute(book: Unit, day: datetime.date, amount: int, *, unit: Unit | None = None, name: str = "",
                   note: str = "") -> FundEntry:  # fmt: skip
        nonlocal receipt
        receipt += 1
        made["entries"] += 1
        return actions.record_contribution(book, by=None, amount=amount, entry_date=day, contributor_unit=unit,
                                           contributor_name=name, receipt_number=f"PT-{YEAR}/{receipt:04d}",
                                           note=note)  # fmt: skip

    # The province's book: the businesses and the district federations' transfers.
    first_entries = [contribute(province, D(YEAR, 1 + i % 11, 5 + i), rng.randrange(20, 200) * 1_000_000, name=donor,
                                note="Ủng hộ quỹ “Mái ấm Công đoàn” tỉnh")
                     for i, donor in enumerate(DONORS)]  # fmt: skip
    for i, federation in enumerate(federations):
        contribute(province, D(YEAR, 7 + i % 5, 10 + i), rng.randrange(30, 90) * 1_000_000, unit=federation,
                   note="Chuyển quỹ vận động trong tháng Công nhân")  # fmt: skip
    # Each district federation's book: its grassroots unions and people.
    grassroots: list[Unit] = []
    for federation in federations:
        children = _children_in(federation, mid)
        grassroots += children
        for j, child in enumerate(children[:6]):
            contribute(federation, D(YEAR, 4 + j % 3, 2 + 4 * j), rng.randrange(2, 25) * 500_000, unit=child,
                       note="Đoàn viên đóng góp một ngày lương")  # fmt: skip
        for j, person in enumerate(rng.sample(PEOPLE, 2)):
            contribute(federation, D(YEAR, 5, 10 + j), rng.randrange(1, 10) * 200_000, name=person)
    # Grants: houses built or repaired (most handed over in the year) and hardship grants.
    people = {p.unit_id: p for p in Person.objects.filter(unit__in=grassroots, archived_at__isnull=True)
              .order_by("unit_id", "id")}  # fmt: skip
    with_people = [u for u in grassroots if u.pk in people]
    rng.shuffle(with_people)
    grants = []
    for k, unit in enumerate(with_people[:22]):
        book = province if k % 3 == 0 or not federations else federations[k % len(federations)]
        person = people[unit.pk]
        if k < 14:
            kind = GrantKind.HOUSE_NEW if k % 3 else GrantKind.HOUSE_REPAIR
            amount = (
                50_000_000
                if kind == GrantKind.HOUSE_NEW
                else rng.choice([20_000_000, 25_000_000, 30_000_000])
            )
        else:
            kind, amount = GrantKind.HARDSHIP, rng.choice([2_000_000, 3_000_000, 5_000_000])
        approved = D(YEAR, 2 + k % 10, 3 + k)
        handed = None
        if kind != GrantKind.HARDSHIP and k not in (4, 11):
            handed = approved + datetime.timedelta(days=45 + 7 * (k % 6))
            handed = min(handed, D(YEAR, 12, 30)) if k % 5 else handed  # a few are handed over in early 2018
        symbol = "QĐ-LĐLĐ" if book == province else "QĐ-LĐLĐH"
        grant = actions.record_grant(
            book, by=None, kind=kind, beneficiary_id=person.pk, beneficiary_name=person.full_name,
            beneficiary_unit_id=unit.pk, province_code=unit.province_code if unit.ward_code else fallback[0],
            ward_code=unit.ward_code or fallback[1],
            address=f"Ấp {rng.randint(1, 9)}" if kind != GrantKind.HARDSHIP else "",
            circumstances=HARDSHIP[k % len(HARDSHIP)], approval_number=f"{20 + k}/{symbol}", approved_on=approved,
            amount=amount, handed_over_on=handed,
        )  # fmt: skip
        made["entries"] += 1
        made["houses"] += int(grant.is_house)
        grants.append(grant)
        if grant.is_house and handed and k % 4 == 1:
            core_actions.attach_file(grant, SimpleUploadedFile(f"nha-mai-am-{grant.pk}.png",
                                     _png((180, 60 + k * 5, 40)), content_type="image/png"), by=None,
                                     description="Ảnh bàn giao nhà")  # fmt: skip
    # Corrections: an amount typed with a zero too many, a receipt entered twice, a house that cost more.
    if first_entries:
        wrong = first_entries[0]
        actions.correct_entry(wrong, by=None, amount=wrong.amount // 10, entry_date=D(YEAR, 3, 1),
                              reason="Ghi nhầm thừa một chữ số 0 so với phiếu thu.")  # fmt: skip
        actions.correct_entry(first_entries[-1], by=None, amount=0, entry_date=D(YEAR, 12, 15),
                              reason="Phiếu thu đã được ghi sổ hai lần; hủy bút toán trùng.")  # fmt: skip
        made["corrections"] += 2
    houses = [g for g in grants if g.kind == GrantKind.HOUSE_NEW]
    if houses:
        entry = houses[0].entries.get()
        actions.correct_entry(entry, by=None, amount=entry.amount + 5_000_000, entry_date=D(YEAR, 11, 20),
                              reason="Bổ sung kinh phí theo quyết định điều chỉnh do giá vật liệu tăng.")  # fmt: skip
        made["corrections"] += 1
    return made
