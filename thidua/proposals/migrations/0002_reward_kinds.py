"""The kinds of reward as data (decision 0026): one proposal → decision path serves every kind. Citations are at the
level of the texts (the Law on emulation and commendation 2022, its decree, the confederation's regulation); the
dossier items and the thematic cap are the configurable defaults, marked UNVERIFIED, editable in the admin."""

from django.db import migrations

LAW = "Luật Thi đua, khen thưởng số 06/2022/QH15; Nghị định 98/2023/NĐ-CP (hồ sơ, thủ tục)"
KINDS = [
    {
        "code": "cong-trang", "sort": 10, "category": "year_end",
        "name": "Khen thưởng tổng kết năm (công trạng, thành tích)",
        "description": "Xét từ đăng ký thi đua đầu năm, kết quả các đợt thi đua và sáng kiến trong năm.",
        "dossier": ["cover_letter", "council_minutes", "achievement_report"],
        "award_codes": ["giay-khen-cdcs", "giay-khen-cap-tren", "bang-khen-ldld", "bang-khen-tld",
                        "doan-vien-xuat-sac", "to-cong-doan-vung-manh", "cdcs-vung-manh", "co-thi-dua-ldld",
                        "co-thi-dua-tld"],
        "citation": LAW,
    },
    {
        "code": "chuyen-de", "sort": 20, "category": "thematic", "needs_movement": True, "cap_per_theme": 10,
        "name": "Khen thưởng theo chuyên đề (phong trào, cuộc vận động)",
        "description": "Theo một phong trào, chuyên đề của kế hoạch (ví dụ “Xanh - Sạch - Đẹp, bảo đảm an toàn vệ "
                       "sinh lao động”), có số lượng tối đa mỗi LĐLĐ tỉnh, mỗi chuyên đề (mặc định 10, cấu hình "
                       "được).",
        "dossier": ["cover_letter", "council_minutes", "brief_report"],
        "award_codes": ["giay-khen-cap-tren", "bang-khen-ldld", "bang-khen-tld-chuyen-de"],
        "citation": LAW,
    },
    {
        "code": "dot-xuat", "sort": 30, "category": "sudden", "simplified": True,
        "name": "Khen thưởng đột xuất",
        "description": "Thành tích đột xuất (hành động dũng cảm, việc tốt): thủ tục đơn giản, chỉ cần tờ trình và "
                       "báo cáo tóm tắt thành tích.",
        "dossier": ["cover_letter", "brief_report"],
        "award_codes": ["giay-khen-cdcs", "giay-khen-cap-tren", "bang-khen-ldld", "bang-khen-tld"],
        "citation": LAW,
    },
    {
        "code": "cong-hien", "sort": 40, "category": "service",
        "name": "Khen thưởng quá trình cống hiến (Kỷ niệm chương)",
        "description": "Theo số năm công tác công đoàn, ví dụ Kỷ niệm chương “Vì sự nghiệp xây dựng tổ chức Công "
                       "đoàn”.",
        "dossier": ["cover_letter", "brief_report", "service_years"],
        "award_codes": ["knc-vi-su-nghiep-cong-doan"],
        "citation": LAW,
    },
    {
        "code": "cap-tren", "sort": 50, "category": "onward",
        "name": "Đề nghị Tổng Liên đoàn, Chính phủ, Nhà nước khen thưởng",
        "description": "Hồ sơ đầy đủ: tờ trình, biên bản họp Hội đồng, báo cáo thành tích có xác nhận và tài liệu "
                       "chứng minh thành tích.",
        "dossier": ["cover_letter", "council_minutes", "achievement_report", "evidence"],
        "award_codes": ["bang-khen-tld", "co-thi-dua-tld", "bang-lao-dong-sang-tao", "bang-khen-ttg",
                        "cstd-toan-quoc", "co-thi-dua-chinh-phu", "huan-chuong-lao-dong-3"],
        "citation": LAW,
    },
]


def load(apps, schema_editor):
    RewardKind = apps.get_model("proposals", "RewardKind")
    for kind in KINDS:
        RewardKind.objects.update_or_create(code=kind["code"], defaults={**kind, "mark": "UNVERIFIED"})


class Migration(migrations.Migration):
    dependencies = [("proposals", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
