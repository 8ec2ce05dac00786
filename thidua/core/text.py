"""Vietnamese text: NFC normalisation, diacritic-free search keys, Vietnamese collation keys."""

from __future__ import annotations

import unicodedata

# Combining marks that carry the tone (thanh điệu); the others (breve, circumflex, horn) make new letters.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền, hỏi, ngã, sắc, nặng
_LETTER_MARKS = {
    ("a", "\u0306"): "ă",
    ("a", "\u0302"): "â",
    ("e", "\u0302"): "ê",
    ("o", "\u0302"): "ô",
    ("o", "\u031b"): "ơ",
    ("u", "\u031b"): "ư",
}
# Vietnamese dictionary order; foreign letters (f, j, w, z) keep their Latin place.
_ALPHABET = list("0123456789") + [
    "a",
    "ă",
    "â",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "ê",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "ô",
    "ơ",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "ư",
    "v",
    "w",
    "x",
    "y",
    "z",
]
# Each symbol becomes two lowercase ASCII letters so the key sorts the same under any database collation.
_CODE = {ch: chr(ord("b") + i // 24) + chr(ord("b") + i % 24) for i, ch in enumerate(_ALPHABET)}
_WORD_SEPARATOR = "a"  # lower than any symbol code: "an" < "anh"
_NAME_SEPARATOR = "aa"  # between fields: "Văn" (then family name) < "Văn An"


def nfc(value: str | None) -> str:
    """Unicode NFC with collapsed white space; '' for None."""
    if value is None:
        return ""
    return " ".join(unicodedata.normalize("NFC", str(value)).split())  # the same white space as \s+


def fold(value: str | None) -> str:
    """Lower case without diacritics, for search: 'Trần Trung Hào' -> 'tran trung hao', 'Đ' -> 'd'."""
    text = unicodedata.normalize("NFD", nfc(value).lower())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.replace("đ", "d")


def _letters_and_tones(word: str) -> tuple[list[str], list[int]]:
    letters: list[str] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFD", word.lower()):
        if ch in _TONES:
            tones.append(_TONES[ch])
        elif unicodedata.combining(ch):
            if letters and (letters[-1], ch) in _LETTER_MARKS:
                letters[-1] = _LETTER_MARKS[(letters[-1], ch)]
        elif ch in _CODE:
            letters.append(ch)
    return letters, tones


def word_sort_key(word: str) -> str:
    """Letters first, then the tone: an < án < anh (the dictionary order of syllables)."""
    letters, tones = _letters_and_tones(word)
    tone = tones[0] if tones else 0
    return "".join(_CODE[ch] for ch in letters) + _WORD_SEPARATOR + chr(ord("a") + tone)


def collation_key(*fields: str) -> str:
    """A string whose plain (byte) order is the Vietnamese dictionary order of the fields, compared field by field
    (each field word by word)."""
    keys = []
    for field in fields:
        words = [word_sort_key(part) for part in nfc(field).split(" ") if part]
        keys.append(_WORD_SEPARATOR.join(words))
    return _NAME_SEPARATOR.join(keys)


def split_full_name(full_name: str) -> tuple[str, str, str]:
    """'Trần Thị Ngọc Hà' -> ('Trần', 'Thị Ngọc', 'Hà'): family, middle, given."""
    parts = nfc(full_name).split(" ")
    if not parts or parts == [""]:
        return "", "", ""
    if len(parts) == 1:
        return "", "", parts[0]
    return parts[0], " ".join(parts[1:-1]), parts[-1]


def person_sort_key(full_name: str) -> str:
    """Vietnamese order of people: given name, then middle names, then family name."""
    family, middle, given = split_full_name(full_name)
    return collation_key(given, middle, family)


def unit_sort_key(name: str) -> str:
    """Vietnamese order of unit names, word by word: "Cầu Kè" < "Châu Thành", "Bình Đại" < "Bình Minh"."""
    return collation_key(name)


def neutralize_formula(value):
    """A spreadsheet cell that starts with = + - @ (or a tab/CR) is prefixed with ' so it is never a formula."""
    if isinstance(value, str) and value and value[0] in "=+-@\t\r":
        return "'" + value
    return value
