"""The reference plan (shared/reference/ke-hoach-13-KH-LDLD-2017.md) by hand, twice:

- ``REFERENCE_SECTIONS``: its whole body, every paragraph as the text writes it, for a context that renders the
  plan in full;
- ``REFERENCE_STRUCTURE``: the structure the plan parser extracts from it (the issue's JSON), from which
  ``plan_document_from_parsed`` writes a body of its own.
"""

from thidua.documents.parts import paragraph, quoted_paragraph, section

ISSUER = "LĐLĐ tỉnh Bến Tre"
PARENT_BODY = "Tổng LĐLĐ Việt Nam"
TITLE = (
    "Phát động phong trào thi đua yêu nước trong CNVCLĐ chào mừng các ngày lễ lớn của đất nước năm 2017 và chào mừng "
    "Đại hội Công đoàn các cấp tiến tới Đại hội lần thứ XII Công đoàn Việt Nam"
)

LEGAL_BASES_TEXT = (
    "Căn cứ vào Kế hoạch số 02/KH-TLĐ ngày 10/02/2017 của Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam “Về việc "
    "Phát động phong trào thi đua yêu nước trong CNVCLĐ chào mừng các ngày lễ lớn của đất nước năm 2017 và chào mừng "
    "Đại hội Công đoàn các cấp tiến tới Đại hội lần thứ XII Công đoàn Việt Nam”; Chỉ thị số 01/CT-UBND ngày "
    "06/01/2017 của UBND tỉnh Bến Tre “Về việc phát động phong trào thi đua yêu nước năm 2017”."
)
INTRODUCTION = (
    "Liên đoàn Lao động tỉnh xây dựng Kế hoạch phát động phong trào thi đua trong cán bộ, đoàn viên, công nhân, viên "
    "chức, lao động và các cấp công đoàn với những nội dung sau:"
)
PURPOSES = [
    "Động viên cán bộ, đoàn viên, CNVCLĐ trong tỉnh hăng hái thi đua lao động sản xuất, công tác với mục tiêu năng "
    "suất, chất lượng, hiệu quả, bảo đảm ATVSLĐ, bảo đảm quyền lợi cho người lao động; góp phần quan trọng thực hiện "
    "thắng lợi đường lối, mục tiêu, nhiệm vụ Nghị quyết Đại hội Đảng toàn quốc lần thứ XII, Nghị quyết Đại hội Đảng bộ "
    "tỉnh lần thứ X đã đề ra; góp phần ổn định và phát triển doanh nghiệp, xây dựng quan hệ lao động hài hòa, ổn "
    "định, tiến bộ trong doanh nghiệp; đồng thời góp phần xây dựng giai cấp công nhân, tổ chức Công đoàn Việt Nam lớn "
    "mạnh, đáp ứng sự nghiệp CNH-HĐH quê hương đất nước.",
    "Tổ chức khen thưởng kịp thời đúng người, đúng thành tích, quan tâm đối tượng công nhân trực tiếp lao động sản "
    "xuất. Kịp thời phát hiện những tấm gương tiêu biểu, những điển hình xuất sắc để học tập và nhân rộng.",
]
MOVEMENTS = [
    "1- Phong trào thi đua “Lao động giỏi, Lao động sáng tạo”; Phong trào “Xanh - Sạch - Đẹp, đảm bảo an toàn vệ "
    "sinh lao động”;",
    "2- Vận động CNVCLĐ “Thi đua học tập nâng cao trình độ mọi mặt đáp ứng yêu cầu thời kỳ hội nhập và phát triển, "
    "gắn với cuộc vận động xây dựng người cán bộ, công chức, viên chức Trung thành, sáng tạo, tận tụy, gương mẫu” "
    "nâng cao chất lượng và hiệu quả công tác, xây dựng văn minh công sở, văn hóa doanh nghiệp, văn hóa giao thông, "
    "thực hiện tốt cuộc vận động “Thực hành tiết kiệm, chống lãng phí, tham nhũng, chống các tệ nạn xã hội”.",
    "3- Phong trào thi đua “Phục vụ sự nghiệp CNH-HĐH Nông nghiệp và phát triển nông thôn”, gắn với phong trào "
    "“Chung sức xây dựng nông thôn mới”;",
    "4- Phong trào thi đua “Đông Khởi mới, Đông khởi khởi nghiệp và phát triển doanh nghiệp”, Công đoàn đồng hành vì "
    "sự phát triển bền vững của Doanh nghiệp, vì việc làm, đời sống của công nhân, lao động. Đặc biệt, năm 2017 là "
    "năm phấn đấu hoàn thành 4 Chương trình hành động thực hiện Nghị quyết Đại hội Công đoàn Việt Nam lần thứ XI; năm "
    "diễn ra Đại hội Công đoàn các cấp tiến tới Đại hội X Công đoàn tỉnh Bến Tre, Đại hội XII Công đoàn Việt Nam và "
    "thực hiện chủ đề năm 2017 do Tổng Liên đoàn Lao động Việt Nam phát động “Năm vì lợi ích đoàn viên Công đoàn”; "
    "Tiếp tục triển khai, học tập và quán triệt Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị về “Đẩy mạnh học "
    "tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh”.",
]
MEASURES_BUSINESS = [
    "- Động viên CNVCLĐ phát huy tính chủ động sáng tạo, sáng kiến, cải tiến kỹ thuật, áp dụng tiến bộ kỹ thuật vào "
    "lao động, sản xuất, công tác, các biện pháp nâng cao hiệu xuất máy móc, thiết bị để tăng năng xuất lao động, "
    "tăng hiệu quả công tác.",
    "- Thường xuyên phát động các phong trào thi đua ngắn ngày phù hợp với từng thời điểm lịch sử của đất nước và của "
    "đơn vị. Tổ chức các hoạt động văn hóa, văn nghệ TDTT bổ ích. Kịp thời sơ kết, tổng kết, rút kinh nghiệm và biểu "
    "dương, khen thưởng, động viên những tập thể, cá nhân điển hình tiên tiến; chú ý biểu dương, tôn vinh người lao "
    "động có thành tích xuất sắc.",
    "- Tham gia xây dựng và thực hiện các định mức lao động, đơn giá nhân công; định mức tiêu hao nguyên, nhiên, vật "
    "liệu, năng lượng, nâng cao ý thức chấp hành nội quy lao động, kỷ luật lao động. Đại diện tập thể lao động thương "
    "lượng, ký kết và thực hiện Thỏa ước LĐTT, cải thiện điều kiện làm việc và bảo đảm ATVSLĐ; tăng cường giám sát "
    "việc thực hiện các chế độ, chính sách, pháp luật lao động; phối hợp với Người sử dụng lao động, xây dựng và thực "
    "hiện quy chế dân chủ cơ sở, tích cực nắm bắt và định hướng tư tưởng người lao động, nhằm ổn định, phát triển "
    "doanh nghiệp, tạo ra nhiều sản phẩm, công trình đạt chất lượng cao.",
    "- Tham gia với Người sử dụng lao động, tổ chức cho CNVCLĐ học tập, nâng cao tay nghề, tiếp thu công nghệ mới, "
    "nâng cao nhận thức và bản lĩnh chính trị, nâng cao khả năng tự bảo vệ mình trong mọi hoàn cảnh; tổ chức hội thi "
    "tay nghề, thi thợ giỏi, rèn luyện kỹ năng nghề nghiệp, đáp ứng yêu cầu sản xuất, kinh doanh của doanh nghiệp, "
    "nâng cao khả năng cạnh tranh, đảm bảo việc làm, tăng thu nhập và ổn định đời sống CNVCLĐ; quan tâm trợ giúp, "
    "động viên người lao động gặp phải hoàn cảnh khó khăn, hoạn nạn, vươn lên trong lao động sản xuất.",
]
MEASURES_ADMIN = [
    "- Phát động trong CBCCVC, phát huy tinh thần làm chủ tập thể, thực hiện quy chế dân chủ, tích cực cải cách các "
    "thủ tục hành chính, nâng cao chất lượng phục vụ Nhân dân, tham gia giám sát và phát hiện những yếu kém, lệch lạc "
    "trong công tác quản lý hành chính, quản lý xã hội, xây dựng công sở văn minh, văn hoá, an toàn, làm chủ.",
    "- Tiếp tục thực hiện cuộc vận động xây dựng “Người cán bộ công chức, viên chức trung thành, sáng tạo, tận tụy, "
    "gương mẫu”; Phối hợp với chuyên môn tổ chức cho đoàn viên học tập nâng cao trình độ chuyên môn, lý luận chính "
    "trị, ngoại ngữ...đáp ứng yêu cầu nhiệm vụ được giao, góp phần xây dựng Đảng, Nhà nước và các đoàn thể trong "
    "sạch, vững mạnh.",
]
MEASURES_UPPER = [
    "- Căn cứ chức năng, nhiệm vụ và mục tiêu phát triển kinh tế-xã hội của địa phương, của ngành, tích cực tham mưu "
    "cho Cấp ủy, chính quyền, chuyên môn đồng cấp triển khai nghị quyết của Đảng, chính sách pháp luật của Nhà nước; "
    "Tham mưu xây dựng chủ trương, chính sách, biện pháp xây dựng giai cấp Công nhân, chỉ đạo đơn vị cơ sở thực hiện "
    "các chế độ chính sách, quy định của pháp luật Lao động, Luật Công đoàn; Tham mưu các biện pháp nâng cao nhận "
    "thức pháp luật cho người lao động, ổn định và phát triển sản xuất, góp phần phát triển kinh tế xã hội của địa "
    "phương, ngành.",
    "- Hướng dẫn, chỉ đạo Công đoàn cơ sở tổ chức các phong trào thi đua, và hoạt động công đoàn, chăm lo đời sống, "
    "bảo vệ quyền, lợi ích hợp pháp, chính đáng của CNVCLĐ; tham gia kiểm tra, giám sát việc thực hiện các chế độ, "
    "chính sách, pháp luật có liên quan đến đời sống CNVCLĐ tại đơn vị.",
    "- Tăng cường công tác kiểm tra, giám sát; Phối hợp với các ban, phòng chức năng quản lý Nhà nước tại địa phương "
    "kiểm tra việc thực hiện các quy định của pháp luật lao động, Luật Công đoàn, các chế độ, chính sách liên quan tới "
    "đoàn viên CNVCLĐ để có biện pháp đảm bảo quyền, lợi ích hợp pháp chính đáng của người lao động.",
    "- Tiếp tục khảo sát, nắm tình hình sản xuất kinh doanh của các doanh nghiệp chưa thành lập tổ chức Công đoàn, để "
    "xây dựng kế hoạch vận động kết nạp đoàn viên và thành lập Công đoàn trong doanh nghiệp.",
    "- Nâng cao chất lượng chỉ đạo cơ sở, phân công cán bộ phụ trách địa bàn để nắm bắt tình hình cơ sở và có biện "
    "pháp hỗ trợ, phối hợp tháo gỡ các vướng mắc để ổn định tư tưởng, ổn định sản xuất.",
    "- Tích cực tuyên truyền vận động CNVCLĐ và đoàn viên Công đoàn hưởng ứng, tham gia ủng hộ quỹ “Mái ấm Công "
    "đoàn”, các loại quỹ xã hội từ thiện.",
    "- Hướng dẫn, chỉ đạo Công đoàn cơ sở Đại hội chuẩn bị các điều kiện để tổ chức Đại hội công đoàn cấp mình kịp "
    "tiến độ theo kế hoạch đề ra.",
]
MEASURES_GENERAL = [
    "- Các cấp Công đoàn xây dựng kế hoạch, nội dung phát động, báo cáo cấp ủy, phối hợp với chính quyền, chuyên môn "
    "và các đoàn thể cùng cấp để phát động thi đua và tổ chức phong trào thi đua.",
    "- Lựa chọn những hình thức, biện pháp phù hợp với từng ngành, nghề, tình hình thực tế của từng địa phương, đơn vị "
    "để tổ chức lồng ghép các phong trào thi đua; Thực hiện đăng ký thi đua, đăng ký sáng kiến, đăng ký các đề tài "
    "nghiên cứu khoa học, đăng ký các công trình, sản phẩm chất lượng cao chào mừng Đại hội Công đoàn các cấp, đồng "
    "thời để có biện pháp hỗ trợ, giúp đỡ và là cơ sở xét khen thưởng cuối năm.",
    "- Kịp thời tổ chức sơ kết, tổng kết, thực hiện các hình thức tôn vinh, học tập, biểu dương, nhân rộng các mô "
    "hình, điển hình tiên tiến để thúc đẩy phong trào.",
]
PHASES_INTRO = "Phong trào thi đua năm 2017 chia thành 2 đợt như sau:"
PHASE_1 = (
    "Từ đầu năm đến 31/8/2017: Thi đua lập thành tích chào mừng 87 năm ngày thành lập Đảng Cộng sản Việt Nam "
    "(03/02/1930 - 03/02/2017); kỷ niệm 42 năm ngày Giải phóng hoàn toàn miền Nam, thống nhất đất nước "
    "(30/4/1975-30/4/2017); Kỷ niệm 127 năm ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2017); Tổ chức các hoạt "
    "động Tháng Công nhân và kỷ niệm ngày Quốc tế Lao động 1/5 và 69 năm ngày Truyền thống Thi đua Yêu nước "
    "(11/6/1948 - 11/6/2017); Kỷ niệm 88 năm Ngày thành lập Công đoàn Việt Nam (28/7/1929 - 28/7/2017)."
)
PHASE_2 = (
    "Từ 01/9/2017 đến 31/12/2017: Tổ chức các hoạt động với nội dung, hình thức đa dạng, phong phú, thu hút đông đảo "
    "CNVCLĐ tham gia chào mừng Đại hội Công đoàn các cấp tiến tới Đại hội XII Công đoàn Việt Nam; kỷ niệm 72 năm Cách "
    "mạng tháng Tám và Quốc khánh nước Cộng hòa XHCN Việt Nam (2/9/1945-2/9/2017), nỗ lực phấn đấu hoàn thành vượt "
    "mức kế hoạch kinh tế-xã hội năm 2017."
)
PHASE_REVIEW = (
    "Sau mỗi đợt thi đua các cấp Công đoàn tổ chức sơ kết, rút kinh nghiệm để khắc phục tồn tại, yếu kém, phát huy "
    "gương người tốt, việc tốt, nhân điển hình tiên tiến, biểu dương, khen thưởng hoặc đề nghị LĐLĐ tỉnh khen thưởng "
    "những tập thể, cá nhân đạt thành tích xuất sắc trong các phong trào thi đua."
)
CLOSING = (
    "Trên đây là những nội dung phát động phong trào thi đua trong các cấp Công đoàn và CNVCLĐ trong tỉnh, yêu cầu "
    "các cấp Công đoàn triển khai thực hiện. Qua mỗi đợt thi đua, báo cáo kết quả về LĐLĐ tỉnh (qua ban CS-PL) để "
    "theo dõi, tổng hợp./."
)

REFERENCE_SECTIONS = [
    section(None, 0, [paragraph(LEGAL_BASES_TEXT), INTRODUCTION]),
    section("I. MỤC ĐÍCH YÊU CẦU:", 1, PURPOSES),
    section("II. NỘI DUNG THI ĐUA:", 1, []),
    section("* Các phong trào thi đua trọng tâm:", 3, MOVEMENTS),
    section("III. BIỆN PHÁP TỔ CHỨC THỰC HIỆN:", 1, []),
    section("1. Đối với Công đoàn cơ sở:", 2, []),
    section("1.1. Công đoàn trong các đơn vị sản xuất kinh doanh:", 3, MEASURES_BUSINESS),
    section("1.2. Công đoàn trong các cơ quan hành chính, sự nghiệp:", 3, MEASURES_ADMIN),
    section("2. Đối với Công đoàn cấp trên cơ sở", 2, MEASURES_UPPER),
    section("3. Biện pháp chung:", 2, MEASURES_GENERAL),
    section(
        None,
        0,
        [
            PHASES_INTRO,
            quoted_paragraph(PHASE_1, label="Đợt 1:"),
            quoted_paragraph(PHASE_2, label="Đợt 2:"),
            PHASE_REVIEW,
            CLOSING,
        ],
    ),
]

RECIPIENTS = [
    {"name": "Ban CSKT-XH&TKT TLĐ", "purpose": "để báo cáo"},
    {"name": "Ban TKT Sở nội vụ", "purpose": "để báo cáo"},
    {"name": "Thường trực LĐLĐ", "purpose": None},
    {"name": "Các Ban LĐLĐ tỉnh", "purpose": None},
    {"name": "CĐ các cấp trực thuộc", "purpose": "để thực hiện"},
    {"name": "Lưu VP, Ban CSPL", "purpose": "lưu"},
]
SIGNER = {"on_behalf": "TM. BAN THƯỜNG VỤ", "title": "PHÓ CHỦ TỊCH THƯỜNG TRỰC", "name": "Trần Trung Hào"}


def _commemoration(text, ordinal, base_date, date):
    return {"text": text, "ordinal": ordinal, "base_date": base_date, "date": date, "consistent": True}


REFERENCE_STRUCTURE = {
    "kind": "Kế hoạch",
    "number": "13/KH-LĐLĐ",
    "place": "Bến Tre",
    "date": "2017-02-22",
    "issuer": None,
    "title": TITLE,
    "legal_bases": [
        {
            "kind": "Kế hoạch",
            "number": "02/KH-TLĐ",
            "date": "2017-02-10",
            "issuer": "Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam",
            "title": "Về việc " + TITLE,
        },
        {
            "kind": "Chỉ thị",
            "number": "01/CT-UBND",
            "date": "2017-01-06",
            "issuer": "UBND tỉnh Bến Tre",
            "title": "Về việc phát động phong trào thi đua yêu nước năm 2017",
        },
    ],
    "movements": [
        {
            "order": 1,
            "names": [
                "Lao động giỏi, Lao động sáng tạo",
                "Xanh - Sạch - Đẹp, đảm bảo an toàn vệ sinh lao động",
            ],
            "text": MOVEMENTS[0][3:],
        },
        {
            "order": 4,
            "names": ["Đông Khởi mới, Đông khởi khởi nghiệp và phát triển doanh nghiệp"],
            "text": "",
        },
    ],
    "phases": [
        {
            "name": "Đợt 1",
            "start": "2017-01-01",
            "end": "2017-08-31",
            "commemorations": [
                _commemoration(
                    "87 năm ngày thành lập Đảng Cộng sản Việt Nam", 87, "1930-02-03", "2017-02-03"
                ),
                _commemoration(
                    "Kỷ niệm 88 năm Ngày thành lập Công đoàn Việt Nam", 88, "1929-07-28", "2017-07-28"
                ),
            ],
        },
        {
            "name": "Đợt 2",
            "start": "2017-09-01",
            "end": "2017-12-31",
            "commemorations": [
                _commemoration(
                    "kỷ niệm 72 năm Cách mạng tháng Tám và Quốc khánh nước Cộng hòa XHCN Việt Nam (2/9/1945-2/9/2017)",
                    72,
                    "1945-09-02",
                    "2017-09-02",
                )
            ],
        },
    ],
    "recipients": RECIPIENTS,
    "signer": SIGNER,
    "warnings": [],
}
