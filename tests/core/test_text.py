from thidua.core.text import collation_key, fold, neutralize_formula, nfc, person_sort_key, split_full_name


def test_fold_drops_diacritics_case_and_d_stroke():
    assert fold("Trần Trung Hào") == "tran trung hao"
    assert fold("ĐỖ THỊ ĐÀO") == "do thi dao"


def test_fold_handles_decomposed_unicode():
    decomposed = "Tra\u0302\u0300n"  # Trần in NFD
    assert fold(decomposed) == "tran"
    assert nfc(decomposed) == "Trần"


def test_split_full_name_family_middle_given():
    assert split_full_name("Trần Thị Ngọc  Hà") == ("Trần", "Thị Ngọc", "Hà")
    assert split_full_name("Hà") == ("", "", "Hà")


def test_people_sort_by_given_then_middle_then_family():
    names = [
        "Trần Văn Bình",
        "Nguyễn Văn An",
        "Lê Thị An",
        "Phạm Văn Ánh",
        "Võ Thị Ă",
        "Đỗ Văn Đức",
        "Hồ Văn Dũng",
    ]
    ordered = sorted(names, key=person_sort_key)
    assert ordered == [
        "Lê Thị An",
        "Nguyễn Văn An",
        "Phạm Văn Ánh",
        "Võ Thị Ă",
        "Trần Văn Bình",
        "Hồ Văn Dũng",
        "Đỗ Văn Đức",
    ]


def test_vietnamese_alphabet_order_of_letters():
    words = ["đa", "da", "ơn", "ôn", "on", "ưa", "ua", "an", "anh", "ăn", "ân"]
    assert sorted(words, key=lambda w: collation_key(w)) == [
        "an", "anh", "ăn", "ân", "da", "đa", "on", "ôn", "ơn", "ua", "ưa",
    ]  # fmt: skip


def test_tones_order_after_letters():
    words = ["má", "mà", "ma", "mạ", "mã", "mả"]
    assert sorted(words, key=lambda w: collation_key(w)) == ["ma", "mà", "mả", "mã", "má", "mạ"]


def test_formula_cells_are_neutralised():
    assert neutralize_formula("=SUM(A1)") == "'=SUM(A1)"
    assert neutralize_formula("+84 123") == "'+84 123"
    assert neutralize_formula("@x") == "'@x"
    assert neutralize_formula("-1") == "'-1"
    assert neutralize_formula("Trần") == "Trần"
    assert neutralize_formula(5) == 5


def test_same_given_name_groups_by_tone_before_middle_names():
    names = ["Trần Văn Ánh", "Lê Thị Anh", "Võ Văn Anh", "Phạm Thị Ánh", "Đỗ Anh"]
    assert sorted(names, key=person_sort_key) == [
        "Đỗ Anh",
        "Lê Thị Anh",
        "Võ Văn Anh",
        "Phạm Thị Ánh",
        "Trần Văn Ánh",
    ]


def test_shorter_middle_name_sorts_first():
    assert sorted(["Lê Văn An Bình", "Lê Văn Bình"], key=person_sort_key) == ["Lê Văn Bình", "Lê Văn An Bình"]
