"""Realistic Vietnamese names for generated people: weighted family names, middle names by gender, given names.

The weights follow the usual shares of family names in the south of Vietnam (Nguyễn first, Huỳnh and Võ more frequent
than Hoàng and Vũ); Khmer family names (Thạch, Sơn, Kim) carry weight in Trà Vinh.
"""

from __future__ import annotations

import itertools
import random
from functools import lru_cache

from thidua.orgs.actions import name_fields

# family name, weight (per mille)
FAMILY_NAMES: list[tuple[str, float]] = [
    ("Nguyễn", 360), ("Trần", 110), ("Lê", 95), ("Phạm", 60), ("Huỳnh", 50), ("Võ", 45), ("Phan", 40),
    ("Trương", 18), ("Đặng", 17), ("Bùi", 15), ("Đỗ", 13), ("Hồ", 14), ("Ngô", 13), ("Dương", 10),
    ("Lý", 7), ("Đoàn", 8), ("Lâm", 7), ("Mai", 6), ("Tô", 4), ("Đinh", 5), ("Cao", 5), ("Thái", 4),
    ("Châu", 5), ("La", 3), ("Lương", 4), ("Hoàng", 8), ("Vũ", 5), ("Tạ", 3), ("Quách", 3), ("Lưu", 4),
    ("Kiều", 2), ("Hà", 3), ("Thạch", 3), ("Sơn", 2), ("Kim", 2), ("Nguyễn Hoàng", 1),
]  # fmt: skip
KHMER_FAMILY_NAMES: list[tuple[str, float]] = [
    ("Thạch", 60),
    ("Sơn", 40),
    ("Kim", 25),
    ("Kiên", 15),
    ("Danh", 10),
]

MIDDLE_NAMES = {
    "female": [
        ("Thị", 520), ("Ngọc", 70), ("Thanh", 45), ("Thu", 35), ("Kim", 40), ("Mỹ", 30), ("Thùy", 25), ("Bích", 20),
        ("Hồng", 20), ("Minh", 15), ("Phương", 15), ("Diễm", 10), ("Thị Ngọc", 40), ("Thị Thanh", 30),
        ("Thị Kim", 30), ("Thị Thu", 25), ("Thị Mỹ", 20), ("Ngọc Bảo", 5), ("Hoàng", 10), ("Tuyết", 10),
        ("Cẩm", 10), ("Huỳnh", 5),
    ],
    "male": [
        ("Văn", 500), ("Minh", 60), ("Hoàng", 40), ("Thanh", 40), ("Quốc", 40), ("Đức", 25), ("Hữu", 40),
        ("Công", 25), ("Tấn", 35), ("Trung", 25), ("Thành", 25), ("Chí", 25), ("Phước", 20), ("Ngọc", 20),
        ("Văn Minh", 10), ("Hoàng Anh", 8), ("Duy", 20), ("Thái", 15), ("Anh", 15), ("Nhựt", 10), ("Trọng", 15),
    ],
}  # fmt: skip
GIVEN_NAMES = {
    "female": [
        "Hoa", "Lan", "Mai", "Hồng", "Hương", "Nga", "Hạnh", "Thảo", "Trang", "Linh", "Ngọc", "Yến", "Nhung",
        "Phượng", "Thủy", "Tuyết", "Vân", "Xuân", "Diễm", "Kiều", "Loan", "Oanh", "Phương", "Quyên", "Thúy",
        "Trinh", "Uyên", "Vy", "Hằng", "Hà", "Giang", "Duyên", "Dung", "Đào", "Cúc", "Châu", "Bích", "Anh",
        "Ánh", "Nhi", "Ngân", "Tâm", "Thắm", "Tiên", "Thư", "Huyền", "Liên", "Mơ", "Lệ", "Nhàn", "My", "Thơ",
        "Trâm", "Hiền", "Hậu", "Lài", "Nguyệt", "Diệu", "Ly", "Quỳnh", "Sương", "Thanh", "Bé", "Út",
    ],
    "male": [
        "Hào", "Hùng", "Dũng", "Tuấn", "Minh", "Nam", "Phong", "Sơn", "Tài", "Thành", "Thắng", "Trung", "Tâm",
        "Hải", "Hiếu", "Huy", "Khang", "Khoa", "Kiệt", "Long", "Lộc", "Lợi", "Nghĩa", "Nhân", "Phát", "Phúc",
        "Quang", "Quân", "Tân", "Thiện", "Toàn", "Trí", "Vinh", "Vũ", "Đức", "Đạt", "Định", "Bình", "Cường",
        "Danh", "Duy", "Hậu", "Hiển", "Hoàng", "Hưng", "Khải", "Lâm", "Luân", "Mạnh", "Nhựt", "Phước", "Tùng",
        "Việt", "Bảo", "An", "Thuận", "Tú", "Em", "Hòa", "Sang", "Trọng", "Thịnh", "Khánh", "Đông",
    ],
}  # fmt: skip


def _cumulative(weighted: list[tuple[str, float]]) -> tuple[list[str], list[float]]:
    names = [name for name, _ in weighted]
    return names, list(itertools.accumulate(weight for _, weight in weighted))


_FAMILY = _cumulative(FAMILY_NAMES)
_FAMILY_KHMER = _cumulative(FAMILY_NAMES[:12] + KHMER_FAMILY_NAMES)
_MIDDLE = {gender: _cumulative(names) for gender, names in MIDDLE_NAMES.items()}


def random_full_name(rng: random.Random, gender: str, khmer_share: bool = False) -> str:
    families, weights = _FAMILY_KHMER if khmer_share else _FAMILY
    family = rng.choices(families, cum_weights=weights)[0]
    middles, middle_weights = _MIDDLE[gender]
    middle = rng.choices(middles, cum_weights=middle_weights)[0]
    given = rng.choice(GIVEN_NAMES[gender])
    if given == middle.split(" ")[-1]:  # "Nguyễn Thanh Thanh" is rare: take the next given name
        names = GIVEN_NAMES[gender]
        given = names[(names.index(given) + 1) % len(names)]
    return f"{family} {middle} {given}"


@lru_cache(maxsize=150_000)
def cached_name_fields(full_name: str) -> dict[str, str]:
    """actions.name_fields (NFC, family/middle/given, Vietnamese sort key, search key), computed once per name."""
    return name_fields(full_name)
