"""What the State's decrees say of the base of the council's vote beyond the catalog's ``vote_base``: a member
who takes no part in an item (recused) and absent members' written opinions (decision 0024). Editable data: a
federation adds the rows of its own regulation."""

from django.db import migrations

READING = (
    "Văn bản không quy định riêng về thành viên Hội đồng không tham gia biểu quyết: theo câu chữ, mẫu số là tổng số "
    "thành viên Hội đồng, nên thành viên không tham gia biểu quyết vẫn tính vào mẫu số."
)
BASES = [
    {
        "regulation": "nd91-2017",
        "citation": "Nghị định 91/2017/NĐ-CP, Điều 45, khoản 8",
        "wording": "Hội đồng bỏ phiếu kín; tỷ lệ phiếu đồng ý tính trên tổng số thành viên Hội đồng (ít nhất 90 % đối "
        "với Chiến sĩ thi đua cấp bộ, tỉnh, toàn quốc, Anh hùng). " + READING,
        "note": "Tỷ lệ và mẫu số theo nguồn thứ cấp (Ban Thi đua – Khen thưởng Trung ương, tài liệu tham chiếu "
        "§3.1). Cách tính thành viên không tham gia biểu quyết là cách đọc câu chữ, chưa có văn bản hướng dẫn.",
    },
    {
        "regulation": "nd98-2023",
        "citation": "Nghị định 98/2023/NĐ-CP, Điều 30, khoản 7",
        "wording": "Tỷ lệ phiếu đồng ý tính trên tổng số thành viên Hội đồng (ít nhất 90 % hoặc 80 % tùy danh hiệu); "
        "thành viên vắng mặt thì lấy ý kiến bằng văn bản, ghi vào biên bản. " + READING,
        "note": "Mẫu số là tổng số thành viên và việc lấy ý kiến bằng văn bản của thành viên vắng mặt: đã đối chiếu "
        "(tài liệu tham chiếu §3.1). Cách tính thành viên không tham gia biểu quyết là cách đọc câu chữ, chưa có "
        "văn bản hướng dẫn.",
    },
    {
        "regulation": "nd152-2025",
        "citation": "Nghị định 152/2025/NĐ-CP, Điều 50",
        "wording": "Hội đồng Thi đua – Khen thưởng cấp trình khen thưởng bỏ phiếu; tỷ lệ mặc định như Nghị định "
        "98/2023/NĐ-CP (tổng số thành viên Hội đồng). " + READING,
        "note": "Tỷ lệ phiếu theo Nghị định 152/2025 chưa xác minh (tài liệu tham chiếu §3.1): giá trị mặc định, "
        "cấu hình được.",
    },
]


def load(apps, schema_editor):
    Regulation = apps.get_model("registrations", "Regulation")
    VotingBasis = apps.get_model("councils", "VotingBasis")
    for row in BASES:
        regulation = Regulation.objects.filter(key=row["regulation"]).first()
        if regulation is None or VotingBasis.objects.filter(regulation=regulation, award__isnull=True).exists():
            continue
        VotingBasis.objects.create(
            regulation=regulation, award=None, recused_leave_base=False, written_opinions_count=True,
            wording=row["wording"], citation=row["citation"], mark="UNVERIFIED", note=row["note"],
        )


class Migration(migrations.Migration):
    dependencies = [("councils", "0001_initial"), ("registrations", "0002_load_catalog")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
