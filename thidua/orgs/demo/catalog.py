"""The kinds of grassroots unions a province has, with realistic names, sizes and workforces.

Everything here is deterministic given the ``random.Random`` passed in. Organisations of the state (people's committees,
schools, hospitals, departments) carry their real-world style of name; enterprises and cooperatives carry invented
names — the demo's grassroots unions are fictional.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from thidua.orgs.models import JobCategory, Sector

from .localities import Commune, District


@dataclass(frozen=True)
class Kind:
    key: str
    sector: str
    size: tuple[int, int]  # usual number of workers, low and high (skewed towards low)
    founded: tuple[int, int]  # founding years of its grassroots union
    jobs: tuple[tuple[str, float], ...]  # job category, share
    female_share: float
    non_member_share: float
    direct_share: float = 0.0  # share of workers (job category "worker") in direct production


ADMIN_JOBS = ((JobCategory.CIVIL_SERVANT, 0.75), (JobCategory.EMPLOYEE, 0.15), (JobCategory.MANAGER, 0.10))
PUBLIC_JOBS = ((JobCategory.PUBLIC_EMPLOYEE, 0.82), (JobCategory.EMPLOYEE, 0.10), (JobCategory.MANAGER, 0.08))
FACTORY_JOBS = ((JobCategory.WORKER, 0.80), (JobCategory.EMPLOYEE, 0.14), (JobCategory.MANAGER, 0.06))
FIRM_JOBS = ((JobCategory.WORKER, 0.60), (JobCategory.EMPLOYEE, 0.30), (JobCategory.MANAGER, 0.10))
COOP_JOBS = ((JobCategory.WORKER, 0.65), (JobCategory.EMPLOYEE, 0.25), (JobCategory.MANAGER, 0.10))

KINDS: dict[str, Kind] = {
    k.key: k
    for k in [
        Kind("ubnd", Sector.ADMINISTRATIVE, (18, 40), (1990, 2005), ADMIN_JOBS, 0.42, 0.01),
        Kind("phong", Sector.ADMINISTRATIVE, (8, 30), (1990, 2008), ADMIN_JOBS, 0.48, 0.01),
        Kind("so", Sector.ADMINISTRATIVE, (25, 110), (1980, 2008), ADMIN_JOBS, 0.47, 0.01),
        Kind("sunghiep", Sector.PUBLIC_SERVICE, (20, 120), (1980, 2010), PUBLIC_JOBS, 0.50, 0.02),
        Kind("mamnon", Sector.PUBLIC_SERVICE, (12, 32), (1985, 2010), PUBLIC_JOBS, 0.95, 0.02),
        Kind("tieuhoc", Sector.PUBLIC_SERVICE, (18, 45), (1980, 2008), PUBLIC_JOBS, 0.74, 0.02),
        Kind("thcs", Sector.PUBLIC_SERVICE, (22, 55), (1980, 2008), PUBLIC_JOBS, 0.66, 0.02),
        Kind("thpt", Sector.PUBLIC_SERVICE, (45, 120), (1980, 2010), PUBLIC_JOBS, 0.58, 0.02),
        Kind("caodang", Sector.PUBLIC_SERVICE, (80, 260), (1985, 2008), PUBLIC_JOBS, 0.52, 0.02),
        Kind("benhvien", Sector.PUBLIC_SERVICE, (150, 900), (1980, 2005), PUBLIC_JOBS, 0.66, 0.03),
        Kind("ttyt", Sector.PUBLIC_SERVICE, (80, 260), (1990, 2008), PUBLIC_JOBS, 0.64, 0.03),
        Kind("dnnn", Sector.STATE_ENTERPRISE, (40, 450), (1980, 2005), FIRM_JOBS, 0.40, 0.05, 0.8),
        Kind("fdi", Sector.FDI, (150, 4000), (2006, 2023), FACTORY_JOBS, 0.72, 0.15, 0.95),
        Kind("tunhan", Sector.PRIVATE, (10, 320), (1998, 2023), FIRM_JOBS, 0.45, 0.25, 0.85),
        Kind("htx", Sector.COOPERATIVE, (8, 40), (2000, 2022), COOP_JOBS, 0.38, 0.20, 0.9),
        Kind(
            "nghiepdoan",
            Sector.OTHER,
            (20, 90),
            (2005, 2020),
            ((JobCategory.WORKER, 0.92), (JobCategory.MANAGER, 0.08)),
            0.08,
            0.10,
            1.0,
        ),  # fmt: skip
    ]
}

THPT_NAMES = [
    "Nguyễn Đình Chiểu", "Lê Quý Đôn", "Trần Văn Ơn", "Phan Thanh Giản", "Nguyễn Thị Định", "Võ Trường Toản",
    "Lạc Long Quân", "Trương Vĩnh Ký", "Huỳnh Tấn Phát", "Nguyễn Trãi", "Lê Hoàng Chiếu", "Phan Văn Trị",
    "Đoàn Thị Điểm", "Ngô Văn Cấn", "Nguyễn Huệ", "Quản Trọng Hoàng", "Lê Anh Xuân", "Sương Nguyệt Anh",
    "Phan Ngọc Tòng", "Trần Trường Sinh", "Nguyễn Ngọc Thăng", "Mạc Đĩnh Chi", "Lương Thế Vinh", "Chu Văn An",
]  # fmt: skip
DEPARTMENTS = [
    ("Sở Tài chính", "administrative"), ("Sở Tư pháp", "administrative"), ("Sở Nội vụ", "administrative"),
    ("Sở Kế hoạch và Đầu tư", "administrative"), ("Sở Công Thương", "administrative"),
    ("Sở Xây dựng", "administrative"), ("Sở Giao thông vận tải", "administrative"),
    ("Sở Nông nghiệp và Phát triển nông thôn", "administrative"), ("Sở Tài nguyên và Môi trường", "administrative"),
    ("Sở Lao động – Thương binh và Xã hội", "administrative"), ("Sở Văn hóa, Thể thao và Du lịch", "administrative"),
    ("Sở Khoa học và Công nghệ", "administrative"), ("Sở Thông tin và Truyền thông", "administrative"),
    ("Sở Giáo dục và Đào tạo", "administrative"), ("Sở Y tế", "administrative"), ("Thanh tra tỉnh", "administrative"),
    ("Văn phòng Ủy ban nhân dân tỉnh", "administrative"), ("Văn phòng Tỉnh ủy", "administrative"),
    ("Ban Quản lý các khu công nghiệp", "administrative"), ("Đài Phát thanh và Truyền hình", "public_service"),
    ("Báo", "public_service"), ("Trung tâm Dịch vụ việc làm", "public_service"),
    ("Trung tâm Xúc tiến Thương mại và Đầu tư", "public_service"), ("Thư viện tỉnh", "public_service"),
]  # fmt: skip
HOSPITALS = [
    "Bệnh viện Đa khoa tỉnh", "Bệnh viện Y dược cổ truyền tỉnh", "Bệnh viện Lao và Bệnh phổi tỉnh",
    "Bệnh viện Tâm thần tỉnh", "Bệnh viện Mắt tỉnh", "Trung tâm Kiểm soát bệnh tật tỉnh",
]  # fmt: skip
COLLEGES = ["Trường Cao đẳng", "Trường Cao đẳng Y tế", "Trường Chính trị tỉnh"]
STATE_ENTERPRISES = [
    "Công ty TNHH MTV Xổ số kiến thiết", "Công ty Cổ phần Cấp thoát nước", "Công ty TNHH MTV Công trình đô thị",
    "Bưu điện tỉnh", "Công ty TNHH MTV Khai thác công trình thủy lợi", "Công ty Cổ phần Xe khách",
    "Công ty Cổ phần Dược phẩm", "Công ty TNHH MTV Cấp nước nông thôn",
]  # fmt: skip
DISTRICT_OFFICES = [
    "Phòng Giáo dục và Đào tạo", "Phòng Tài chính – Kế hoạch", "Phòng Nông nghiệp và Phát triển nông thôn",
    "Phòng Lao động – Thương binh và Xã hội", "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân",
    "Phòng Văn hóa và Thông tin",
]  # fmt: skip
FOREIGN_BRANDS = [
    "Hwa Sung", "Kwang Lim", "Shin Yang", "Tae Kwang", "Dong Won", "Jia Hsin", "Fu Yuen", "Hung Fu", "Sun Rise",
    "Pou Lin", "Chung Jye", "Yeun Chyang", "Kanaya", "Nishiki", "Taiyo", "Asahi Seiki", "Coco Global",
    "Ever Glory", "Grand Ocean", "Pacific Crown", "Jin Sung", "Kyung Won", "Mido", "Hanul", "Sejin", "Daeyang",
    "Fong Tai", "Lien Phat", "Tong Yang", "Meiwa", "Seoul Tex", "Yoshida", "Chang Hong", "Kai Yuan",
]  # fmt: skip
FOREIGN_PRODUCTS = [
    "May mặc", "Giày da", "Sợi", "Linh kiện điện tử", "Bao bì", "Chế biến dừa", "Thực phẩm", "Dệt may",
    "Túi xách", "Đồ gỗ", "Găng tay", "Thạch dừa",
]  # fmt: skip
LOCAL_BRANDS = [
    "Thành Công", "Hưng Thịnh", "Phú Thịnh", "Tân Phát", "Minh Phát", "Việt Thắng", "Đồng Khởi", "Hoàng Long",
    "Thanh Bình", "Phước Lộc", "Kim Long", "Hải Hà", "Tân Thành", "An Phú", "Thuận Phát", "Hòa Bình", "Nam Việt",
    "Vạn Lợi", "Song Hành", "Hiệp Thành", "Trường Phát", "Phương Nam", "Bảo Ngọc", "Cửu Long", "Sao Mai",
    "Thiên Phúc", "Hồng Phát", "Quốc Tiến", "Đại Thành", "Mekong Xanh", "Lương Quới", "Hàm Luông", "Cổ Chiên",
]  # fmt: skip
LOCAL_PRODUCTS = [
    "Chế biến dừa", "Thủy sản", "Kẹo dừa", "Xây dựng", "Vận tải", "Thương mại – Dịch vụ", "Chế biến thực phẩm",
    "Thạch dừa", "Cơ khí", "Vật liệu xây dựng", "May mặc", "Chỉ xơ dừa", "Thức ăn chăn nuôi", "Giống cây trồng",
    "Dược liệu", "In bao bì",
]  # fmt: skip
COOP_PRODUCTS = [
    "Dịch vụ nông nghiệp", "Nông nghiệp", "Dừa hữu cơ", "Bưởi da xanh", "Nuôi tôm", "Sản xuất cây giống", "Vận tải",
    "Chăn nuôi bò", "Rau an toàn", "Nuôi nghêu", "Chôm chôm", "Thủ công mỹ nghệ",
]  # fmt: skip
SHORTENINGS = [
    ("Ủy ban nhân dân", "UBND"), ("Trường Trung học phổ thông", "THPT"), ("Trường Trung học cơ sở", "THCS"),
    ("Trường Tiểu học", "TH"), ("Trường Mầm non", "MN"), ("Công ty Trách nhiệm hữu hạn", "Cty TNHH"),
    ("Công ty TNHH", "Cty TNHH"), ("Công ty Cổ phần", "Cty CP"), ("Hợp tác xã", "HTX"),
    ("Doanh nghiệp tư nhân", "DNTN"), ("Bệnh viện", "BV"), ("Trung tâm Y tế", "TTYT"),
]  # fmt: skip


@dataclass
class GrassrootsSpec:
    """One grassroots union to create: its organisation, where it sits and (later) how many people it has."""

    kind: str
    org: str  # the organisation's name: "Trường Tiểu học An Phước"
    parent: str  # key of the upper-level union it belongs to in 2017
    district: District | None = None
    commune: Commune | None = None
    zone: str = ""  # industrial zone
    founded_on: datetime.date | None = None
    size: int = 0
    code: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def sector(self) -> str:
        return KINDS[self.kind].sector

    @property
    def name(self) -> str:
        if self.kind == "nghiepdoan":
            return self.org
        return f"Công đoàn cơ sở {self.org}"

    @property
    def short_name(self) -> str:
        short = self.org
        for long, abbreviation in SHORTENINGS:
            short = short.replace(long, abbreviation)
        prefix = "" if self.kind == "nghiepdoan" else "CĐCS "
        return (prefix + short)[:100]


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def random_size(rng: random.Random, kind: str) -> int:
    low, high = KINDS[kind].size
    return max(3, round(low * (high / low) ** (rng.random() ** 1.8)))


def random_founding(rng: random.Random, kind: str, not_before: datetime.date | None = None) -> datetime.date:
    first, last = KINDS[kind].founded
    day = datetime.date(first, 1, 1) + datetime.timedelta(days=rng.randrange((last - first + 1) * 365))
    if not_before and day < not_before:
        day = not_before + datetime.timedelta(days=rng.randrange(30, 700))
    return min(day, datetime.date(2024, 12, 31))


def commune_units(
    rng: random.Random, parent: str, district: District, commune: Commune
) -> list[GrassrootsSpec]:
    """The people's committee and the public schools of a commune (ward, township)."""
    place = lower_first(commune.name)
    specs = [
        GrassrootsSpec("ubnd", f"Ủy ban nhân dân {place}", parent, district, commune),
        GrassrootsSpec("mamnon", f"Trường Mầm non {commune.short}", parent, district, commune),
        GrassrootsSpec("tieuhoc", f"Trường Tiểu học {commune.short}", parent, district, commune),
    ]
    if rng.random() < 0.75:
        specs.append(
            GrassrootsSpec("thcs", f"Trường Trung học cơ sở {commune.short}", parent, district, commune)
        )
    return specs


def district_units(
    rng: random.Random, parent: str, district: District, offices: int = 4
) -> list[GrassrootsSpec]:
    place = lower_first(district.name)
    return [
        GrassrootsSpec("phong", f"{office} {place}", parent, district, district.communes[0])
        for office in DISTRICT_OFFICES[:offices]
    ]


def enterprise(rng: random.Random, kind: str, parent: str, district: District | None, commune: Commune | None,
               province_short: str, zone: str = "") -> GrassrootsSpec:  # fmt: skip
    if kind == "fdi":
        brand = rng.choice(FOREIGN_BRANDS)
        if rng.random() < 0.5:
            org = f"Công ty TNHH {rng.choice(FOREIGN_PRODUCTS)} {brand} Việt Nam"
        else:
            org = f"Công ty TNHH {brand} {province_short}"
    elif kind == "tunhan":
        brand, product = rng.choice(LOCAL_BRANDS), rng.choice(LOCAL_PRODUCTS)
        form = rng.choices(["Công ty TNHH", "Công ty Cổ phần", "Doanh nghiệp tư nhân"], [6, 3, 1])[0]
        org = f"{form} {product} {brand}" if form != "Doanh nghiệp tư nhân" else f"{form} {brand}"
    elif kind == "htx":
        org = f"Hợp tác xã {rng.choice(COOP_PRODUCTS)} {commune.short if commune else province_short}"
    elif kind == "nghiepdoan":
        org = f"Nghiệp đoàn Nghề cá {lower_first(commune.name) if commune else province_short}"
    else:
        raise ValueError(kind)
    return GrassrootsSpec(kind, org, parent, district, commune, zone=zone)


def unique_names(specs: list[GrassrootsSpec]) -> None:
    """Two organisations never share a name: the second gets its district, then a number."""
    seen: set[str] = set()
    for spec in specs:
        if spec.org in seen and spec.district is not None:
            spec.org = f"{spec.org}, {lower_first(spec.district.name)}"
        n = 2
        base = spec.org
        while spec.org in seen:
            spec.org = f"{base} {n}"
            n += 1
        seen.add(spec.org)


def round_robin_by_kind(specs: list[GrassrootsSpec]) -> list[GrassrootsSpec]:
    """Interleave kinds, rarest first, so that any prefix of the list has as many kinds as possible."""
    by_kind: dict[str, list[GrassrootsSpec]] = {}
    for spec in specs:
        by_kind.setdefault(spec.kind, []).append(spec)
    out: list[GrassrootsSpec] = []
    queues = sorted(by_kind.values(), key=len)  # stable: equally rare kinds keep their order
    i = 0
    while queues:
        queue = queues[i % len(queues)]
        out.append(queue.pop(0))
        if not queue:
            queues.remove(queue)
        else:
            i += 1
    return out


def select(specs: list[GrassrootsSpec], n: int) -> list[GrassrootsSpec]:
    """About ``n`` of the specs, keeping at least one per parent and one per sector, the variety of kinds within each
    parent and the specs that already have a code."""
    if n >= len(specs):
        return specs
    groups: dict[str, list[GrassrootsSpec]] = {}
    first_of_sector: dict[str, int] = {}
    for spec in specs:
        groups.setdefault(spec.parent, []).append(spec)
        first_of_sector.setdefault(spec.sector, id(spec))
    kept = set(first_of_sector.values()) | {id(s) for s in specs if s.code}  # every sector; the named union
    chosen: list[GrassrootsSpec] = []
    for group in groups.values():
        quota = max(1, round(n * len(group) / len(specs)))
        pinned = [s for s in group if id(s) in kept]
        rest = round_robin_by_kind([s for s in group if id(s) not in kept])
        chosen.extend(pinned + rest[: max(0, quota - len(pinned))])
    order = {id(s): i for i, s in enumerate(specs)}
    return sorted(chosen, key=lambda s: order[id(s)])


def job_category(rng: random.Random, kind: str) -> str:
    jobs = KINDS[kind].jobs
    r = rng.random()
    for job, share in jobs:
        r -= share
        if r < 0:
            return job
    return jobs[-1][0]
