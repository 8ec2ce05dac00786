import unicodedata

import pytest

from thidua.core.vnencoding import (
    NFD,
    TCVN3,
    VNI,
    decode_tcvn3,
    decode_vni,
    detect_and_convert,
    encode,
    guess_encoding,
    is_vietnamese_syllable,
)

SENTENCES = [
    "Liên đoàn Lao động tỉnh Bến Tre phát động phong trào thi đua lao động giỏi, lao động sáng tạo năm 2017",
    "Công đoàn cơ sở Công ty TNHH May Việt Tiến; Nguyễn Thị Đào, Phạm Văn Bình, Huỳnh Thị Mai, Võ Thị Hồng",
    "Quỹ Mái ấm Công đoàn hỗ trợ đoàn viên khó khăn về nhà ở; khuyến khích sáng kiến, cải tiến kỹ thuật",
    "Đại hội Công đoàn Việt Nam lần thứ XII, nhiệm kỳ 2018 – 2023",
    "Trường THPT Châu Thành A tổng kết phong trào “Giỏi việc nước, đảm việc nhà” của nữ công nhân, viên chức",
    "LIÊN ĐOÀN LAO ĐỘNG TỈNH BẾN TRE",
    "Xã Phú Túc, huyện Châu Thành; phường An Hội, thành phố Bến Tre",
]


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize("encoding", [TCVN3, VNI, NFD])
def test_text_encoded_by_our_encoder_converts_back_to_the_same_nfc_text(sentence, encoding):
    encoded = encode(sentence, encoding)
    assert encoded != sentence
    assert detect_and_convert(encoded) == (sentence, encoding)


def test_known_tcvn3_sample_is_recognised():
    assert detect_and_convert("TrÇn Trung Hµo") == ("Trần Trung Hào", TCVN3)
    assert detect_and_convert("B¸o c¸o s¬ kÕt") == ("Báo cáo sơ kết", TCVN3)


def test_known_vni_sample_is_recognised():
    assert detect_and_convert("Traàn Trung Haøo") == ("Trần Trung Hào", VNI)
    assert detect_and_convert("Coâng ñoaøn cô sôû") == ("Công đoàn cơ sở", VNI)
    assert detect_and_convert("Ñinh Thò Thu") == ("Đinh Thị Thu", VNI)  # "ñ" is n + tilde: not a syllable


def test_vni_capitals_use_their_own_mark_characters():
    assert decode_vni("ÑAØO") == "ĐÀO"
    assert encode("NGUYỄN THỊ ĐÀO", VNI) == "NGUYEÃN THÒ ÑAØO"


def test_tcvn3_words_typed_in_capitals_come_back_in_capitals():
    assert decode_tcvn3("TRÇN TRUNG HµO") == "TRẦN TRUNG HÀO"
    assert decode_tcvn3("§µo") == "Đào"


def test_tcvn3_soft_hyphen_is_the_letter_u_horn():
    assert detect_and_convert("Tr\xadêng") == ("Trường", TCVN3)


def test_decomposed_unicode_is_composed():
    decomposed = unicodedata.normalize("NFD", "Trần Trung Hào")
    assert detect_and_convert(decomposed) == ("Trần Trung Hào", NFD)


@pytest.mark.parametrize(
    "text",
    [
        "Trần Trung Hào",
        "Hoà Bình",  # also decodes as VNI "Hồ Bình": valid both ways, so left alone
        "Tô Lâm",  # also decodes as TCVN3 "Tụ Lõm": left alone
        "Lê Thành Tâm",
        "Cà Mau",
        "Bà Rịa – Vũng Tàu",
        "Ông Bà",
        "José Müller",
        "Café",
        "10 × 20",
        "Công đoàn cơ sở",
        "LIÊN ĐOÀN",
    ],
)
def test_ordinary_unicode_is_left_alone(text):
    assert detect_and_convert(text) == (text, None)


@pytest.mark.parametrize("text", ["", "Nguyen Van A", "CDCS-MAY-01", "0912 345 678", "x"])
def test_plain_ascii_is_left_alone(text):
    assert detect_and_convert(text) == (text, None)


@pytest.mark.parametrize("word", ["Nguyễn", "Quỳnh", "khuya", "Hưởng", "giữa", "đoàn", "nghiêng", "oanh"])
def test_vietnamese_syllables_are_recognised(word):
    assert is_vietnamese_syllable(word)


@pytest.mark.parametrize("word", ["Traàn", "Hµo", "Nguyeãn", "cafộ", "hàá", "Ñinh", "ñoaøn"])
def test_non_syllables_are_rejected(word):
    assert not is_vietnamese_syllable(word)


def test_a_text_valid_both_ways_follows_the_files_encoding():
    assert detect_and_convert("Maõ Hoàng Trí") == ("Maõ Hoàng Trí", None)
    assert detect_and_convert("Maõ Hoàng Trí", prefer=VNI) == ("Mã Hồng Trí", VNI)


def test_the_file_encoding_is_guessed_only_on_clear_evidence():
    vni = [encode(name, VNI) for name in ("Nguyễn Văn Ánh", "Đinh Thị Thu", "Phạm Văn Bình")]
    assert guess_encoding([*vni, "Maõ Hoàng Trí", 12, None]) == VNI
    assert guess_encoding(["Trần Trung Hào", "Nguyễn Thị Đào", *vni[:1]]) is None
    assert guess_encoding(["Trần Trung Hào", "CDCS-01"]) is None
