"""The English catalog covers the main pages of the apps, and stays complete (no untranslated or fuzzy entry)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

CATALOG = Path(settings.BASE_DIR) / "thidua" / "locale" / "en" / "LC_MESSAGES" / "django.po"

# url (or a callable of tree), Vietnamese heading, its English
PAGES = [
    ("/khen-thuong/", "Quyết định khen thưởng", "Reward decisions"),
    ("/khen-thuong/so/", "Sổ quyết định khen thưởng", "Reward decision registers"),
    ("/khen-thuong/qua-trinh/", "Quá trình khen thưởng", "Reward history"),
    ("/de-nghi-khen-thuong/", "Đề nghị khen thưởng", "Reward proposal"),
    ("/xet-dieu-kien/", "Xét điều kiện khen thưởng", "Reward eligibility check"),
    ("/xet-dieu-kien/ket-luan-thay/", "Kết luận thay kết quả xét điều kiện", "Conclusions overriding the eligibility"),
    (lambda tree: f"/hoi-dong-thi-dua/don-vi/{tree.BT.pk}/", "Hội đồng thi đua – khen thưởng",
     "Emulation and Commendation Council"),
    ("/bao-cao/chi-tieu/", "Chỉ tiêu riêng của LĐLĐ, công đoàn cấp trên", "Own indicators of labour federations"),
]  # fmt: skip


def _english_client(client_for, user):
    client = client_for(user)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    return client


@pytest.mark.parametrize(("url", "vietnamese", "english"), PAGES)
def test_the_new_apps_main_pages_render_in_english(client_for, users, tree, url, vietnamese, english):
    client = _english_client(client_for, users.province_officer)
    if callable(url):
        url = url(tree)
    response = client.get(url, follow=True)
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    title = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1)
    assert english in title
    assert vietnamese not in title


def test_the_english_catalog_has_no_untranslated_or_fuzzy_entry():
    text = CATALOG.read_text(encoding="utf-8")
    blocks = text.split("\n\n")[1:]  # the first block is the header
    fuzzy = [b for b in blocks if re.search(r"^#, .*\bfuzzy\b", b, re.M)]
    empty = [
        b for b in blocks if re.search(r'^msgstr(\[\d+\])? ""$(?!\n")', b, re.M) and not b.startswith("#~")
    ]
    assert not fuzzy, fuzzy[:3]
    assert not empty, empty[:3]
