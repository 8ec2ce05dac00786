"""The catalog of anniversaries a federation marks (national holidays, union and social days, Bến Tre's own)."""

import datetime

from django.db import migrations

DECREE_145 = (
    "Nghị định số 145/2013/NĐ-CP ngày 29/10/2013 của Chính phủ quy định về tổ chức ngày kỷ niệm, Điều 3"
)

CATALOG = [
    # name, short name, base date, kind, citation
    ("ngày Đồng Khởi Bến Tre", "Đồng Khởi", datetime.date(1960, 1, 17), "local", ""),
    (
        "ngày thành lập Đảng Cộng sản Việt Nam",
        "Thành lập Đảng",
        datetime.date(1930, 2, 3),
        "national",
        DECREE_145,
    ),
    ("ngày Thầy thuốc Việt Nam", "Thầy thuốc Việt Nam", datetime.date(1955, 2, 27), "social", ""),
    ("ngày Quốc tế Phụ nữ", "Quốc tế Phụ nữ", datetime.date(1910, 3, 8), "international", ""),
    (
        "ngày thành lập Đoàn Thanh niên Cộng sản Hồ Chí Minh",
        "Thành lập Đoàn",
        datetime.date(1931, 3, 26),
        "social",
        "",
    ),
    (
        "ngày Giải phóng hoàn toàn miền Nam, thống nhất đất nước",
        "Giải phóng miền Nam",
        datetime.date(1975, 4, 30),
        "national",
        DECREE_145,
    ),
    ("ngày Quốc tế Lao động", "Quốc tế Lao động", datetime.date(1886, 5, 1), "international", DECREE_145),
    (
        "ngày Chiến thắng Điện Biên Phủ",
        "Chiến thắng Điện Biên Phủ",
        datetime.date(1954, 5, 7),
        "national",
        DECREE_145,
    ),
    ("ngày sinh Chủ tịch Hồ Chí Minh", "Sinh nhật Bác", datetime.date(1890, 5, 19), "national", DECREE_145),
    (
        "ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc (Ngày Truyền thống thi đua yêu nước)",
        "Truyền thống thi đua yêu nước",
        datetime.date(1948, 6, 11),
        "national",
        "Lời kêu gọi thi đua ái quốc của Chủ tịch Hồ Chí Minh ngày 11/6/1948",
    ),
    ("ngày Báo chí Cách mạng Việt Nam", "Báo chí Cách mạng", datetime.date(1925, 6, 21), "social", ""),
    ("ngày Gia đình Việt Nam", "Gia đình Việt Nam", datetime.date(2001, 6, 28), "social", ""),
    ("ngày Thương binh – Liệt sĩ", "Thương binh – Liệt sĩ", datetime.date(1947, 7, 27), "national", ""),
    (
        "ngày thành lập Công đoàn Việt Nam",
        "Thành lập Công đoàn Việt Nam",
        datetime.date(1929, 7, 28),
        "union",
        "Điều lệ Công đoàn Việt Nam",
    ),
    (
        "Cách mạng tháng Tám thành công",
        "Cách mạng tháng Tám",
        datetime.date(1945, 8, 19),
        "national",
        DECREE_145,
    ),
    (
        "Quốc khánh nước Cộng hòa xã hội chủ nghĩa Việt Nam",
        "Quốc khánh",
        datetime.date(1945, 9, 2),
        "national",
        DECREE_145,
    ),
    ("ngày Doanh nhân Việt Nam", "Doanh nhân Việt Nam", datetime.date(2004, 10, 13), "social", ""),
    (
        "ngày thành lập Hội Liên hiệp Phụ nữ Việt Nam",
        "Phụ nữ Việt Nam",
        datetime.date(1930, 10, 20),
        "social",
        "",
    ),
    (
        "ngày Pháp luật nước Cộng hòa xã hội chủ nghĩa Việt Nam",
        "Pháp luật Việt Nam",
        datetime.date(2013, 11, 9),
        "social",
        "Luật Phổ biến, giáo dục pháp luật năm 2012, Điều 8",
    ),
    (
        "ngày thành lập Mặt trận Tổ quốc Việt Nam",
        "Mặt trận Tổ quốc",
        datetime.date(1930, 11, 18),
        "social",
        "",
    ),
    ("ngày Nhà giáo Việt Nam", "Nhà giáo Việt Nam", datetime.date(1982, 11, 20), "social", ""),
    (
        "ngày thành lập Quân đội nhân dân Việt Nam",
        "Thành lập Quân đội",
        datetime.date(1944, 12, 22),
        "national",
        "",
    ),
]


def load(apps, schema_editor):
    Commemoration = apps.get_model("plans", "Commemoration")
    for name, short_name, base_date, kind, citation in CATALOG:
        Commemoration.objects.update_or_create(
            name=name,
            defaults={"short_name": short_name, "base_date": base_date, "kind": kind, "citation": citation},
        )


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
