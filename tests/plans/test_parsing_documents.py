"""Plans of other federations, years and layouts, parsed field by field (documents under ``documents/``)."""

import pathlib

import pytest

from tests.plans.docx_documents import build_docx
from thidua.plans.parsing import parse_plan_file


def parse_file(source, filename=None):
    """The structure the parser reads, as ``manage.py parse_plan`` prints it (JSON: dates as ISO text)."""
    return parse_plan_file(source, filename).to_json()


DOCUMENTS = pathlib.Path(__file__).parent / "documents"

# Copied out of a PDF: header pieces run together, “25 /KH – LĐLĐ”, wrapped lines, straight/« »/‘ ’ quotes,
# “Giai đoạn” phases with bullet lines, recipients and signature interleaved.
TRA_VINH_FROM_PDF = {
    "kind": "Kế hoạch",
    "number": "25/KH-LĐLĐ",
    "place": "Trà Vinh",
    "date": "2018-03-05",
    "issuer": "LIÊN ĐOÀN LAO ĐỘNG TỈNH TRÀ VINH",
    "title": "Tổ chức phong trào thi đua yêu nước trong công nhân, viên chức, lao động năm 2018",
    "legal_bases": [
        {
            "kind": "Kế hoạch",
            "number": "08/KH-TLĐ",
            "date": "2018-01-12",
            "issuer": "Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam",
            "title": "Về việc tổ chức phong trào thi đua yêu nước năm 2018",
        }
    ],
    "movements": [
        {
            "order": 1,
            "names": ["Lao động giỏi, Lao động sáng tạo"],
            "text": "Phong trào thi đua “Lao động giỏi, Lao động sáng tạo” trong công nhân, lao động các "
            "doanh nghiệp.",
        },
        {
            "order": 2,
            "names": ["Giỏi việc nước, đảm việc nhà"],
            "text": "Phong trào thi đua “Giỏi việc nước, đảm việc nhà” trong nữ công nhân, viên chức, "
            "lao động.",
        },
        {
            "order": 3,
            "names": ["Xanh - Sạch - Đẹp, bảo đảm an toàn vệ sinh lao động"],
            "text": "Phong trào ‘Xanh - Sạch - Đẹp, bảo đảm an toàn vệ sinh lao động’.",
        },
    ],
    "phases": [
        {
            "name": "Giai đoạn 1",
            "start": "2018-01-01",
            "end": "2018-06-30",
            "commemorations": [
                {
                    "text": "88 năm ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2018)",
                    "ordinal": 88,
                    "base_date": "1930-02-03",
                    "date": "2018-02-03",
                    "consistent": True,
                },
                {
                    "text": "128 năm ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2018)",
                    "ordinal": 128,
                    "base_date": "1890-05-19",
                    "date": "2018-05-19",
                    "consistent": True,
                },
            ],
            "start_is_open": False,
            "text": "thi đua chào mừng các ngày lễ lớn: Kỷ niệm 88 năm ngày thành lập Đảng Cộng sản Việt "
            "Nam (03/02/1930 - 03/02/2018); Kỷ niệm 128 năm ngày sinh Chủ tịch Hồ Chí Minh "
            "(19/5/1890 - 19/5/2018).",
            "report_due": None,
        },
        {
            "name": "Giai đoạn 2",
            "start": "2018-07-01",
            "end": "2018-12-31",
            "commemorations": [
                {
                    "text": "Đại hội XII Công đoàn Việt Nam",
                    "ordinal": None,
                    "base_date": None,
                    "date": None,
                    "consistent": None,
                },
                {
                    "text": "89 năm ngày thành lập Công đoàn Việt Nam (28/7/1929 - 28/7/2018)",
                    "ordinal": 89,
                    "base_date": "1929-07-28",
                    "date": "2018-07-28",
                    "consistent": True,
                },
            ],
            "start_is_open": False,
            "text": "thi đua chào mừng thành công Đại hội XII Công đoàn Việt Nam và kỷ niệm 89 năm ngày "
            "thành lập Công đoàn Việt Nam (28/7/1929 - 28/7/2018).",
            "report_due": None,
        },
    ],
    "commemorations": [],
    "recipients": [
        {"name": "Tổng LĐLĐ Việt Nam", "purpose": "để báo cáo"},
        {"name": "Tỉnh ủy, UBND tỉnh", "purpose": "để báo cáo"},
        {"name": "Các CĐCS trực thuộc", "purpose": "để thực hiện"},
        {"name": "VT, CSPL", "purpose": "lưu"},
    ],
    "signer": {"on_behalf": "TM. BAN THƯỜNG VỤ", "title": "CHỦ TỊCH", "name": "Nguyễn Văn Thắng"},
    # the introduction ends the "Căn cứ" sentence; the closing line is also the reporting duty
    "introduction": ["Ban Thường vụ Liên đoàn Lao động tỉnh xây dựng kế hoạch như sau:"],
    "purposes": [
        "Động viên công nhân, viên chức, lao động trong tỉnh thi đua hoàn thành thắng lợi nhiệm vụ năm 2018, lập "
        "thành tích chào mừng Đại hội XII Công đoàn Việt Nam."
    ],
    "requirements": [],
    "measures": [],
    "phase_review": [],
    "reporting": [
        {
            "to_whom": "Liên đoàn Lao động tỉnh",
            "due": None,
            "text": "Kết thúc mỗi giai đoạn, các công đoàn cơ sở báo cáo kết quả về Liên đoàn Lao động tỉnh.",
        }
    ],
    "closing": ["Kết thúc mỗi giai đoạn, các công đoàn cơ sở báo cáo kết quả về Liên đoàn Lao động tỉnh./."],
    "free_sections": [],
    "warnings": [],
}

# A Hướng dẫn: long-form dates, unnumbered headings and bullet movements, “Đợt I” from “nay” to a date
# without a year, dates in brackets without a year, recipients on one line, KT. signature with “(Đã ký)”.
VINH_LONG_GUIDANCE = {
    "kind": "Hướng dẫn",
    "number": "07/HD-LĐLĐ",
    "place": "Vĩnh Long",
    "date": "2019-01-20",
    "issuer": "LIÊN ĐOÀN LAO ĐỘNG TỈNH VĨNH LONG",
    "title": "Tổ chức các phong trào thi đua trong công nhân, viên chức, lao động năm 2019",
    "legal_bases": [
        {
            "kind": "Kế hoạch",
            "number": "03/KH-TLĐ",
            "date": "2019-01-10",
            "issuer": "Ban Chấp hành Tổng Liên đoàn Lao động Việt Nam",
            "title": "phát động phong trào thi đua năm 2019",
        },
        {
            "kind": "Quyết định",
            "number": "1254/QĐ-UBND",
            "date": "2018-12-05",
            "issuer": "Ủy ban nhân dân tỉnh Vĩnh Long",
            "title": "ban hành Chương trình thi đua năm 2019",
        },
    ],
    "movements": [
        {
            "order": 1,
            "names": ["Lao động giỏi, Lao động sáng tạo"],
            "text": "Phong trào thi đua “Lao động giỏi, Lao động sáng tạo”",
        },
        {
            "order": 2,
            "names": ["Văn hóa công sở"],
            "text": "Phong trào “Văn hóa công sở” trong cán bộ, công chức, viên chức",
        },
        {
            "order": 3,
            "names": ["Người Việt Nam ưu tiên dùng hàng Việt Nam"],
            "text": "Cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam”.",
        },
    ],
    "phases": [
        {
            "name": "Đợt I",
            "start": "2019-01-20",
            "end": "2019-04-30",
            "commemorations": [
                {
                    "text": "89 năm ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02)",
                    "ordinal": 89,
                    "base_date": "1930-02-03",
                    "date": "2019-02-03",
                    "consistent": True,
                },
                {
                    "text": "44 năm ngày giải phóng hoàn toàn miền Nam (30/4/1975 - 30/4)",
                    "ordinal": 44,
                    "base_date": "1975-04-30",
                    "date": "2019-04-30",
                    "consistent": True,
                },
            ],
            "start_is_open": False,
            "text": "thi đua chào mừng 89 năm ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02) và "
            "44 năm ngày giải phóng hoàn toàn miền Nam (30/4/1975 - 30/4).",
            "report_due": None,
        },
        {
            "name": "Đợt II",
            "start": "2019-05-01",
            "end": "2019-12-31",
            "commemorations": [
                {
                    "text": "129 năm ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2019)",
                    "ordinal": 129,
                    "base_date": "1890-05-19",
                    "date": "2019-05-19",
                    "consistent": True,
                },
                {
                    "text": "90 năm ngày thành lập Công đoàn Việt Nam (28/7/1929 - 28/7/2019)",
                    "ordinal": 90,
                    "base_date": "1929-07-28",
                    "date": "2019-07-28",
                    "consistent": True,
                },
                {
                    "text": "74 năm Quốc khánh (02/9/1945 - 02/9/2019)",
                    "ordinal": 74,
                    "base_date": "1945-09-02",
                    "date": "2019-09-02",
                    "consistent": True,
                },
            ],
            "start_is_open": False,
            "text": "thi đua chào mừng 129 năm ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2019), 90 "
            "năm ngày thành lập Công đoàn Việt Nam (28/7/1929 - 28/7/2019) và 74 năm Quốc khánh "
            "(02/9/1945 - 02/9/2019).",
            "report_due": None,
        },
    ],
    "commemorations": [],
    "recipients": [
        {"name": "Tổng LĐLĐ Việt Nam", "purpose": "để báo cáo"},
        {"name": "Các CĐ cấp trên cơ sở", "purpose": "để thực hiện"},
        {"name": "VT", "purpose": "lưu"},
    ],
    "signer": {"on_behalf": "KT. CHỦ TỊCH", "title": "PHÓ CHỦ TỊCH", "name": "Lê Thị Thu Hà"},
    # the introduction is a paragraph of its own after "Căn cứ ...;"
    "introduction": [
        "Ban Thường vụ Liên đoàn Lao động tỉnh hướng dẫn các cấp công đoàn tổ chức thi đua như sau:"
    ],
    "purposes": [],
    "requirements": [],
    "measures": [],
    "phase_review": [],
    "reporting": [
        {
            "to_whom": "Liên đoàn Lao động tỉnh",
            "due": None,
            "text": "Các cấp công đoàn báo cáo kết quả từng đợt về Liên đoàn Lao động tỉnh.",
        }
    ],
    "closing": ["Các cấp công đoàn báo cáo kết quả từng đợt về Liên đoàn Lao động tỉnh./."],
    # "từ nay đến 30/4": the start is the document's date and the year its year, both said to be inferred
    "free_sections": [],
    "warnings": [
        "Khoảng thời gian “từ nay đến 30/4” không ghi năm: lấy năm 2019 của văn bản; hãy kiểm tra.",
        "Ngày bắt đầu “nay” được hiểu là ngày ban hành văn bản (20/01/2019); hãy kiểm tra.",
    ],
}

# A Công văn: “V/v” title on two lines, dotted dates, no phases, a commemoration outside any phase,
# no signature block.
HA_NOI_LETTER = {
    "kind": "Công văn",
    "number": "1205/LĐLĐ-TG",
    "place": "Hà Nội",
    "date": "2019-07-02",
    "issuer": "LIÊN ĐOÀN LAO ĐỘNG THÀNH PHỐ HÀ NỘI",
    "title": "tổ chức các hoạt động chào mừng kỷ niệm 90 năm ngày thành lập Công đoàn Việt Nam",
    "legal_bases": [
        {
            "kind": "Hướng dẫn",
            "number": "15/HD-TLĐ",
            "date": "2019-06-10",
            "issuer": "Tổng Liên đoàn Lao động Việt Nam",
            "title": "tổ chức các hoạt động kỷ niệm 90 năm ngày thành lập Công đoàn Việt Nam",
        }
    ],
    "movements": [],
    "phases": [],
    "commemorations": [
        {
            "text": "90 năm Ngày thành lập Công đoàn Việt Nam (28/7/1929 - 28/7/2019)",
            "ordinal": 90,
            "base_date": "1929-07-28",
            "date": "2019-07-28",
            "consistent": True,
        }
    ],
    "recipients": [
        {"name": "Như trên", "purpose": None},
        {"name": "Thường trực LĐLĐ Thành phố", "purpose": "để báo cáo"},
        {"name": "VT, TG", "purpose": "lưu"},
    ],
    "signer": None,
    # a numbered request with a deadline "trước ngày 15-8-2019"; no closing paragraph
    "introduction": ["Ban Thường vụ Liên đoàn Lao động Thành phố đề nghị các đơn vị:"],
    "purposes": [],
    "requirements": [],
    "measures": [],
    "phase_review": [],
    "reporting": [
        {
            "to_whom": "Liên đoàn Lao động Thành phố (qua Ban Tuyên giáo)",
            "due": "2019-08-15",
            "text": "Báo cáo kết quả về Liên đoàn Lao động Thành phố (qua Ban Tuyên giáo) trước ngày 15-8-2019.",
        }
    ],
    "closing": [],
    # the addressees and the first request belong to no part of a plan: kept, in their order, never dropped
    "free_sections": [
        {
            "heading": None,
            "paragraphs": ["Kính gửi: Các công đoàn cấp trên trực tiếp cơ sở."],
            "after": "opening",
        },
        {
            "heading": None,
            "paragraphs": [
                "1. Tổ chức các hoạt động chào mừng kỷ niệm 90 năm Ngày thành lập Công đoàn Việt Nam (28/7/1929 - "
                "28/7/2019) gắn với tuyên truyền Bộ luật Lao động."
            ],
            "after": "opening",
        },
    ],
    "warnings": [
        "Có đoạn văn không xếp được vào phần nào của kế hoạch; đã giữ nguyên thành mục riêng: “Kính gửi: Các công "
        "đoàn cấp trên trực tiếp cơ sở.”. Hãy chuyển vào đúng phần nếu cần.",
        "Có đoạn văn không xếp được vào phần nào của kế hoạch; đã giữ nguyên thành mục riêng: “1. Tổ chức các hoạt "
        "động chào mừng kỷ niệm 90 năm Ngày thành lập Công đoàn Việt Nam (28/7…”. Hãy chuyển vào đúng phần nếu cần.",
        "Không tìm thấy phần chữ ký (thẩm quyền ký, chức vụ, họ tên người ký).",
    ],
}

# Markdown with mistakes: “04 / KH—LĐLĐ”, date with dashes, a date that does not exist, a wrong ordinal,
# overlapping phases, “+” bullets.
CHAU_THANH_WITH_ERRORS = {
    "kind": "Kế hoạch",
    "number": "04/KH-LĐLĐ",
    "place": "Châu Thành",
    "date": "2018-03-05",
    "issuer": "LIÊN ĐOÀN LAO ĐỘNG HUYỆN CHÂU THÀNH",
    "title": "Thi đua chào mừng các ngày lễ lớn năm 2018",
    "legal_bases": [
        {
            "kind": "Kế hoạch",
            "number": "12/KH-LĐLĐ",
            "date": None,
            "issuer": "Ban Thường vụ Liên đoàn Lao động tỉnh Bến Tre",
            "title": "Về việc phát động thi đua năm 2018",
        },
        {
            "kind": "Nghị quyết",
            "number": "05-NQ/HU",
            "date": "2018-01-10",
            "issuer": "Huyện ủy Châu Thành",
            "title": "nhiệm vụ năm 2018",
        },
    ],
    "movements": [
        {
            "order": 1,
            "names": ["Lao động giỏi, Lao động sáng tạo"],
            "text": "Phong trào thi đua “Lao động giỏi, Lao động sáng tạo”.",
        },
        {"order": 2, "names": ["Văn hóa doanh nghiệp"], "text": "Phong trào “Văn hóa doanh nghiệp”."},
    ],
    "phases": [
        {
            "name": "Đợt 1",
            "start": "2018-01-01",
            "end": "2018-07-31",
            "commemorations": [
                {
                    "text": "89 năm ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2018)",
                    "ordinal": 89,
                    "base_date": "1930-02-03",
                    "date": "2018-02-03",
                    "consistent": False,
                },
                {
                    "text": "43 năm ngày giải phóng miền Nam (30/4/1975 - 30/4/2018)",
                    "ordinal": 43,
                    "base_date": "1975-04-30",
                    "date": "2018-04-30",
                    "consistent": True,
                },
            ],
            "start_is_open": False,
            "text": "chào mừng 89 năm ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2018) và 43 "
            "năm ngày giải phóng miền Nam (30/4/1975 - 30/4/2018).",
            "report_due": None,
        },
        {
            "name": "Đợt 2",
            "start": "2018-07-01",
            "end": "2018-12-31",
            "commemorations": [
                {
                    "text": "73 năm Cách mạng tháng Tám và Quốc khánh 2/9 (19/8/1945 - 19/8/2018)",
                    "ordinal": 73,
                    "base_date": "1945-08-19",
                    "date": "2018-08-19",
                    "consistent": True,
                }
            ],
            "start_is_open": False,
            "text": "chào mừng 73 năm Cách mạng tháng Tám và Quốc khánh 2/9 (19/8/1945 - 19/8/2018).",
            "report_due": None,
        },
    ],
    "commemorations": [],
    "recipients": [
        {"name": "LĐLĐ tỉnh", "purpose": "để báo cáo"},
        {"name": "Huyện ủy Châu Thành", "purpose": "để biết"},
        {"name": "Các CĐCS", "purpose": "để phối hợp"},
        {"name": "VT", "purpose": "lưu"},
    ],
    "signer": {"on_behalf": "TM. BAN THƯỜNG VỤ", "title": "CHỦ TỊCH", "name": "Phạm Văn Bình"},
    # none of the long texts: each is null or []
    "introduction": [],
    "purposes": [],
    "requirements": [],
    "measures": [],
    "phase_review": [],
    "reporting": [],
    "closing": [],
    "free_sections": [],
    "warnings": [
        "Ngày không tồn tại: “31/02/2018”.",
        "Số năm kỷ niệm không khớp với ngày tháng: “89 năm ngày thành lập Đảng Cộng sản Việt Nam "
        "(03/02/1930 - 03/02/2018)” ghi 89 năm, nhưng từ 1930 đến 2018 là 88 năm.",
        "Đợt 1 (01/01/2018 - 31/07/2018) và Đợt 2 (01/07/2018 - 31/12/2018) chồng lấn thời gian.",
    ],
}

# Lettered sections, “1/” items, an unquoted movement, month ranges, single quotes, a Luật without number,
# named days without ordinal, a bracket with one date, a signer without “TM.”.
CA_MAU_EDUCATION = {
    "kind": "Kế hoạch",
    "number": "18/KH-CĐN",
    "place": "Cà Mau",
    "date": "2020-02-14",
    "issuer": "CÔNG ĐOÀN NGÀNH GIÁO DỤC",
    "title": "Phát động phong trào thi đua trong cán bộ, nhà giáo, người lao động ngành Giáo dục năm 2020",
    "legal_bases": [
        {
            "kind": "Kế hoạch",
            "number": "09/KH-LĐLĐ",
            "date": "2020-02-10",
            "issuer": "Ban Thường vụ Liên đoàn Lao động tỉnh Cà Mau",
            "title": "Về việc phát động phong trào thi đua năm 2020",
        },
        {
            "kind": "Luật",
            "number": None,
            "date": "2003-11-26",
            "issuer": None,
            "title": "Thi đua, Khen thưởng",
        },
    ],
    "movements": [
        {
            "order": 1,
            "names": ["Giỏi việc trường, đảm việc nhà"],
            "text": "Phong trào thi đua “Giỏi việc trường, đảm việc nhà” trong nữ cán bộ, nhà giáo",
        },
        {
            "order": 2,
            "names": ["Dạy tốt, học tốt"],
            "text": "Phong trào thi đua Dạy tốt, học tốt trong các nhà trường",
        },
        {
            "order": 3,
            "names": ["Mỗi thầy cô giáo là một tấm gương đạo đức, tự học và sáng tạo"],
            "text": "Cuộc vận động “Mỗi thầy cô giáo là một tấm gương đạo đức, tự học và sáng tạo”.",
        },
    ],
    "phases": [
        {
            "name": "Giai đoạn 1",
            "start": "2020-01-01",
            "end": "2020-06-30",
            "commemorations": [
                {
                    "text": "ngày Quốc tế Phụ nữ 8/3",
                    "ordinal": None,
                    "base_date": None,
                    "date": "2020-03-08",
                    "consistent": None,
                },
                {
                    "text": "90 năm ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2020)",
                    "ordinal": 90,
                    "base_date": "1930-02-03",
                    "date": "2020-02-03",
                    "consistent": True,
                },
                {
                    "text": "130 năm ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890)",
                    "ordinal": 130,
                    "base_date": "1890-05-19",
                    "date": "2020-05-19",
                    "consistent": True,
                },
                {
                    "text": "ngày Gia đình Việt Nam 28/6",
                    "ordinal": None,
                    "base_date": None,
                    "date": "2020-06-28",
                    "consistent": None,
                },
            ],
            "start_is_open": False,
            "text": "chào mừng ngày Quốc tế Phụ nữ 8/3, 90 năm ngày thành lập Đảng Cộng sản Việt Nam "
            "(03/02/1930 - 03/02/2020), kỷ niệm 130 năm ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890) "
            "và ngày Gia đình Việt Nam 28/6.",
            "report_due": None,
        },
        {
            "name": "Giai đoạn 2",
            "start": "2020-07-01",
            "end": "2020-12-31",
            "commemorations": [
                {
                    "text": "91 năm ngày thành lập Công đoàn Việt Nam (28/7/1929 - 28/7/2020)",
                    "ordinal": 91,
                    "base_date": "1929-07-28",
                    "date": "2020-07-28",
                    "consistent": True,
                },
                {
                    "text": "ngày Nhà giáo Việt Nam 20/11",
                    "ordinal": None,
                    "base_date": None,
                    "date": "2020-11-20",
                    "consistent": None,
                },
            ],
            "start_is_open": False,
            "text": "chào mừng 91 năm ngày thành lập Công đoàn Việt Nam (28/7/1929 - 28/7/2020) và ngày Nhà "
            "giáo Việt Nam 20/11.",
            "report_due": None,
        },
    ],
    "commemorations": [],
    "recipients": [
        {"name": "LĐLĐ tỉnh", "purpose": "để chỉ đạo"},
        {"name": "Sở Giáo dục và Đào tạo", "purpose": "để phối hợp"},
        {"name": "Công đoàn các trường", "purpose": "để thực hiện"},
        {"name": "VP", "purpose": "lưu"},
    ],
    "signer": {"on_behalf": None, "title": "CHỦ TỊCH", "name": "Trương Minh Tâm"},
    "introduction": [],
    "purposes": [],
    "requirements": [],
    "measures": [],
    "phase_review": [],
    "reporting": [],
    "closing": [],
    "free_sections": [],
    "warnings": [],
}

# The .docx built by ``docx_documents.build_docx`` (header and signature in tables); the PDF LibreOffice made
# from it reads the same.
HAU_GIANG_DOCX = {
    "kind": "Kế hoạch",
    "number": "12/KH-CĐKCN",
    "place": "Hậu Giang",
    "date": "2021-03-08",
    "issuer": "CÔNG ĐOÀN CÁC KHU CÔNG NGHIỆP",
    "title": "Tổ chức phong trào thi đua trong công nhân, lao động các khu công nghiệp năm 2021",
    "legal_bases": [
        {
            "kind": "Kế hoạch",
            "number": "06/KH-LĐLĐ",
            "date": "2021-02-15",
            "issuer": "Ban Thường vụ Liên đoàn Lao động tỉnh Hậu Giang",
            "title": "Về việc phát động phong trào thi đua năm 2021",
        }
    ],
    "movements": [
        {
            "order": 1,
            "names": ["Lao động giỏi, Lao động sáng tạo"],
            "text": "Phong trào thi đua “Lao động giỏi, Lao động sáng tạo” trong công nhân các doanh nghiệp.",
        },
        {
            "order": 2,
            "names": ["Xanh - Sạch - Đẹp, bảo đảm an toàn vệ sinh lao động"],
            "text": "Phong trào “Xanh - Sạch - Đẹp, bảo đảm an toàn vệ sinh lao động”.",
        },
    ],
    "phases": [
        {
            "name": "Đợt 1",
            "start": "2021-01-01",
            "end": "2021-06-30",
            "commemorations": [
                {
                    "text": "91 năm ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2021)",
                    "ordinal": 91,
                    "base_date": "1930-02-03",
                    "date": "2021-02-03",
                    "consistent": True,
                },
                {
                    "text": "131 năm ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2021)",
                    "ordinal": 131,
                    "base_date": "1890-05-19",
                    "date": "2021-05-19",
                    "consistent": True,
                },
            ],
            "start_is_open": True,
            "text": "thi đua chào mừng 91 năm ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - "
            "03/02/2021) và 131 năm ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2021).",
            "report_due": None,
        },
        {
            "name": "Đợt 2",
            "start": "2021-07-01",
            "end": "2021-12-31",
            "commemorations": [
                {
                    "text": "92 năm ngày thành lập Công đoàn Việt Nam (28/7/1929 - 28/7/2021)",
                    "ordinal": 92,
                    "base_date": "1929-07-28",
                    "date": "2021-07-28",
                    "consistent": True,
                }
            ],
            "start_is_open": False,
            "text": "thi đua chào mừng 92 năm ngày thành lập Công đoàn Việt Nam (28/7/1929 - 28/7/2021).",
            "report_due": None,
        },
    ],
    "commemorations": [],
    "recipients": [
        {"name": "LĐLĐ tỉnh", "purpose": "để báo cáo"},
        {"name": "CĐCS trực thuộc", "purpose": "để thực hiện"},
        {"name": "VT", "purpose": "lưu"},
    ],
    "signer": {"on_behalf": "TM. BAN THƯỜNG VỤ", "title": "CHỦ TỊCH", "name": "Huỳnh Văn Dũng"},
    # "Sau mỗi đợt, ... báo cáo ...": the last paragraph, ending with "./.", is the closing
    "introduction": ["Ban Thường vụ Công đoàn các Khu công nghiệp xây dựng kế hoạch như sau:"],
    "purposes": [],
    "requirements": [],
    "measures": [],
    "phase_review": [],
    "reporting": [
        {
            "to_whom": "Công đoàn các Khu công nghiệp",
            "due": None,
            "text": "Sau mỗi đợt, công đoàn cơ sở báo cáo kết quả về Công đoàn các Khu công nghiệp.",
        }
    ],
    "closing": ["Sau mỗi đợt, công đoàn cơ sở báo cáo kết quả về Công đoàn các Khu công nghiệp./."],
    "free_sections": [],
    "warnings": [],
}


# Purposes and requirements under their own sub-headings, phases before the measures, "IV. TỔ CHỨC THỰC HIỆN" with
# a unit the decree's kinds do not name (target null), a sub-heading without a colon, two reporting deadlines.
BINH_DUONG_MEASURES = {
    "kind": "Kế hoạch",
    "number": "31/KH-LĐLĐ",
    "place": "Bình Dương",
    "date": "2022-03-15",
    "issuer": "LIÊN ĐOÀN LAO ĐỘNG TỈNH BÌNH DƯƠNG",
    "title": "Tổ chức phong trào thi đua trong công nhân, viên chức, lao động năm 2022",
    "legal_bases": [
        {
            "kind": "Kế hoạch",
            "number": "11/KH-TLĐ",
            "date": "2022-01-20",
            "issuer": "Đoàn Chủ tịch Tổng Liên đoàn Lao động Việt Nam",
            "title": "tổ chức phong trào thi đua năm 2022",
        }
    ],
    "movements": [
        {
            "order": 1,
            "names": ["Lao động giỏi, Lao động sáng tạo"],
            "text": "Phong trào thi đua “Lao động giỏi, Lao động sáng tạo”.",
        },
        {
            "order": 2,
            "names": ["Xanh - Sạch - Đẹp, bảo đảm an toàn vệ sinh lao động"],
            "text": "Phong trào “Xanh - Sạch - Đẹp, bảo đảm an toàn vệ sinh lao động”.",
        },
    ],
    "phases": [
        {
            "name": "Đợt 1",
            "start": "2022-01-01",
            "end": "2022-06-30",
            "commemorations": [
                {
                    "text": "92 năm ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2022)",
                    "ordinal": 92,
                    "base_date": "1930-02-03",
                    "date": "2022-02-03",
                    "consistent": True,
                }
            ],
            "start_is_open": True,
            "text": "thi đua chào mừng 92 năm ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2022).",
            "report_due": None,
        },
        {
            "name": "Đợt 2",
            "start": "2022-07-01",
            "end": "2022-11-30",
            "commemorations": [
                {
                    "text": "93 năm ngày thành lập Công đoàn Việt Nam (28/7/1929 - 28/7/2022)",
                    "ordinal": 93,
                    "base_date": "1929-07-28",
                    "date": "2022-07-28",
                    "consistent": True,
                }
            ],
            "start_is_open": False,
            "text": "thi đua chào mừng 93 năm ngày thành lập Công đoàn Việt Nam (28/7/1929 - 28/7/2022).",
            "report_due": None,
        },
    ],
    "commemorations": [],
    "recipients": [
        {"name": "Tổng LĐLĐ Việt Nam", "purpose": "để báo cáo"},
        {"name": "Các CĐ cấp trên cơ sở", "purpose": "để thực hiện"},
        {"name": "VT, CSPL", "purpose": "lưu"},
    ],
    "signer": {"on_behalf": "TM. BAN THƯỜNG VỤ", "title": "CHỦ TỊCH", "name": "Nguyễn Thị Mỹ Hằng"},
    "introduction": [
        "Ban Thường vụ Liên đoàn Lao động tỉnh ban hành Kế hoạch tổ chức phong trào thi đua năm 2022 như sau:"
    ],
    "purposes": [
        "- Động viên công nhân, viên chức, lao động thi đua hoàn thành nhiệm vụ năm 2022, phục hồi sản xuất sau "
        "dịch bệnh.",
        "- Phát hiện, bồi dưỡng, nhân rộng các điển hình tiên tiến.",
    ],
    "requirements": [
        "Phong trào thi đua phải thiết thực, tránh hình thức; việc khen thưởng kịp thời, đúng người, đúng thành tích."
    ],
    "measures": [
        {
            "target": None,
            "heading": "Ban Chính sách - Pháp luật LĐLĐ tỉnh",
            "paragraphs": [
                "Tham mưu Ban Thường vụ hướng dẫn, theo dõi, tổng hợp kết quả phong trào thi đua."
            ],
        },
        {
            "target": "upper",
            "heading": "Các công đoàn cấp trên trực tiếp cơ sở",
            "paragraphs": [
                "Xây dựng kế hoạch phát động thi đua phù hợp với đơn vị.",
                "Báo cáo kết quả Đợt 1 về LĐLĐ tỉnh (qua Ban Chính sách - Pháp luật) trước ngày 10/7/2022. Báo cáo "
                "kết quả cả năm về LĐLĐ tỉnh (qua Ban Chính sách - Pháp luật) chậm nhất ngày 05/12/2022.",
            ],
        },
        # "3. Đối với công đoàn cơ sở:" has no paragraphs of its own: only its sub-headings are kept
        {
            "target": "grassroots_business",
            "heading": "Công đoàn cơ sở doanh nghiệp",
            "paragraphs": ["Phối hợp với người sử dụng lao động phát động thi đua tăng năng suất lao động."],
        },
        {
            "target": "grassroots_admin",
            "heading": "Công đoàn cơ sở khối hành chính sự nghiệp",
            "paragraphs": ["Phát động thi đua cải cách hành chính, xây dựng văn hóa công sở."],
        },
    ],
    "phase_review": [
        "Kết thúc mỗi đợt, các cấp công đoàn tổ chức sơ kết, biểu dương những tập thể, cá nhân tiêu biểu."
    ],
    "reporting": [
        {
            "to_whom": "LĐLĐ tỉnh (qua Ban Chính sách - Pháp luật)",
            "due": "2022-07-10",
            "text": "Báo cáo kết quả Đợt 1 về LĐLĐ tỉnh (qua Ban Chính sách - Pháp luật) trước ngày 10/7/2022.",
        },
        {
            "to_whom": "LĐLĐ tỉnh (qua Ban Chính sách - Pháp luật)",
            "due": "2022-12-05",
            "text": "Báo cáo kết quả cả năm về LĐLĐ tỉnh (qua Ban Chính sách - Pháp luật) chậm nhất ngày 05/12/2022.",
        },
    ],
    "closing": [
        "Trên đây là Kế hoạch tổ chức phong trào thi đua năm 2022 của Liên đoàn Lao động tỉnh, đề nghị các cấp "
        "công đoàn triển khai thực hiện./."
    ],
    "free_sections": [],
    "warnings": [],
}


@pytest.mark.parametrize(
    ("filename", "expected"),
    [
        ("ke-hoach-25-tra-vinh-2018-tu-pdf.txt", TRA_VINH_FROM_PDF),
        ("huong-dan-07-vinh-long-2019.txt", VINH_LONG_GUIDANCE),
        ("cong-van-1205-ha-noi-2019.txt", HA_NOI_LETTER),
        ("ke-hoach-04-chau-thanh-2018-sai-sot.md", CHAU_THANH_WITH_ERRORS),
        ("ke-hoach-18-giao-duc-ca-mau-2020.txt", CA_MAU_EDUCATION),
        ("ke-hoach-31-binh-duong-2022.txt", BINH_DUONG_MEASURES),
    ],
)
def test_document_is_read_field_by_field(filename, expected):
    assert parse_file(DOCUMENTS / filename) == expected


def test_docx_built_with_python_docx_is_read_from_its_tables_and_paragraphs():
    assert parse_file(build_docx(), filename="ke-hoach-12.docx") == HAU_GIANG_DOCX


def test_text_based_pdf_reads_like_the_docx_it_was_made_from():
    assert parse_file(DOCUMENTS / "ke-hoach-12-kcn-hau-giang-2021.pdf") == HAU_GIANG_DOCX


def test_file_content_decides_over_a_wrong_extension():
    assert parse_file(build_docx(), filename="ke-hoach.txt") == HAU_GIANG_DOCX
