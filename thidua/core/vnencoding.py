"""Vietnamese text in legacy encodings: TCVN3 (ABC, the .VnTime fonts), VNI (VNI-Times) and decomposed Unicode.

Old federation spreadsheets were typed with fonts that drew Vietnamese letters on Latin-1 code points. Excel keeps
those code points, so a cell reads "TrÇn Trung Hµo" (TCVN3) or "Traàn Trung Haøo" (VNI) where the user saw
"Trần Trung Hào". ``detect_and_convert`` recognises such text and returns it as NFC Unicode.

Detection never guesses on ordinary text: a cell is converted only when every non-ASCII character belongs to the
encoding and the decoded text has more valid Vietnamese syllables than the text as it stands ("Hoà Bình" is valid
Unicode and also decodes as VNI "Hồ Bình": a tie, so it is left alone).

Known limit of TCVN3: the .VnTime fonts have no capital toned vowels; words in capitals were typed in the .VnTimeH
fonts with the lower-case codes. A word with at least two capital letters (or capital Ă Â Ê Ô Ơ Ư Đ) and no small
ASCII letter is therefore read as capitals ("TRÇN" -> "TRẦN"); a two-letter capital word such as "HÀ" typed in
.VnTimeH cannot be told from "Hà" and comes out as "Hà".
"""

from __future__ import annotations

import re
import unicodedata

TCVN3 = "TCVN3"
VNI = "VNI"
NFD = "NFD"
ENCODING_LABELS = {
    TCVN3: "TCVN3 (ABC)",
    VNI: "VNI",
    NFD: "Unicode tổ hợp (NFD)",
}

# --- TCVN3 (TCVN 5712:1993, VN3) --------------------------------------------------------------------------------
# Lower-case letters, then the seven capital letters the .VnTime fonts carry.
_TCVN3_LOWER = (
    "àµ á¸ ả¶ ã· ạ¹ ă¨ ằ» ắ¾ ẳ¼ ẵ½ ặÆ â© ầÇ ấÊ ẩÈ ẫÉ ậË đ® èÌ éÐ ẻÎ ẽÏ ẹÑ êª ềÒ ếÕ ểÓ ễÔ ệÖ "
    "ì× íÝ ỉØ ĩÜ ịÞ òß óã ỏá õâ ọä ô« ồå ốè ổæ ỗç ộé ơ¬ ờê ớí ởë ỡì ợî ùï úó ủñ ũò ụô "
    "ư\xad ừõ ứø ửö ữ÷ ựù ỳú ýý ỷû ỹü ỵþ"
)
_TCVN3_UPPER = "Ă¡ Â¢ Ê£ Ô¤ Ơ¥ Ư¦ Đ§"
UNICODE_TO_TCVN3 = {pair[0]: pair[1] for pair in (_TCVN3_LOWER + " " + _TCVN3_UPPER).split(" ")}
TCVN3_TO_UNICODE = {code: letter for letter, code in UNICODE_TO_TCVN3.items()}
_TCVN3_TABLE = str.maketrans(TCVN3_TO_UNICODE)
_TCVN3_CAPITAL_CODES = frozenset("¡¢£¤¥¦§")

# --- VNI (VNI-Windows fonts) -------------------------------------------------------------------------------------
# A letter is written as its base letter followed by mark characters. Tones: sắc, huyền, hỏi, ngã, nặng.
_TONE_MARKS = ("\u0301", "\u0300", "\u0309", "\u0303", "\u0323")
_VNI_TONES = {"lower": "ùøûõï", "upper": "ÙØÛÕÏ"}
_VNI_CIRCUMFLEX = {"lower": "âáàåãä", "upper": "ÂÁÀÅÃÄ"}  # untoned, then with each tone
_VNI_BREVE = {"lower": "êéèúüë", "upper": "ÊÉÈÚÜË"}
_VNI_I = {"lower": "íìæóò", "upper": "ÍÌÆÓÒ"}


def _compose(base: str, tone_index: int | None) -> str:
    return unicodedata.normalize("NFC", base + ("" if tone_index is None else _TONE_MARKS[tone_index]))


def _vni_pairs() -> list[tuple[str, str]]:
    """(Unicode letter, VNI sequence) for every Vietnamese letter, in both cases."""
    pairs: list[tuple[str, str]] = []
    for case in ("lower", "upper"):
        up = case == "upper"

        def c(text: str, up: bool = up) -> str:
            return text.upper() if up else text

        tones, circ, breve, i_marks = _VNI_TONES[case], _VNI_CIRCUMFLEX[case], _VNI_BREVE[case], _VNI_I[case]
        horn = {"ơ": "Ô" if up else "ô", "ư": "Ö" if up else "ö"}
        pairs.append((c("đ"), "Ñ" if up else "ñ"))
        for tone in (None, 0, 1, 2, 3, 4):
            t = "" if tone is None else tones[tone]
            for vowel in "aeouy":
                if vowel == "y" and tone == 4:
                    pairs.append((c(_compose("y", 4)), "Î" if up else "î"))
                elif tone is not None:
                    pairs.append((c(_compose(vowel, tone)), c(vowel) + t))
            if tone is not None:
                pairs.append((c(_compose("i", tone)), i_marks[tone]))
            for vowel in "aeo":  # â ê ô
                mark = circ[0 if tone is None else tone + 1]
                pairs.append((c(_compose(vowel + "\u0302", tone)), c(vowel) + mark))
            pairs.append((c(_compose("a\u0306", tone)), c("a") + breve[0 if tone is None else tone + 1]))
            for letter, code in horn.items():
                pairs.append((c(_compose(letter, tone)), code + t))
    return pairs


UNICODE_TO_VNI = dict(_vni_pairs())
VNI_TO_UNICODE = {code: letter for letter, code in UNICODE_TO_VNI.items()}
# Mixed case as found in real files: a capital base letter with small marks (and the reverse) is still one letter.
for _letter, _code in list(UNICODE_TO_VNI.items()):
    if len(_code) == 2 and _code[0].isascii():
        VNI_TO_UNICODE.setdefault(_code[0] + _code[1].swapcase(), _letter)
_VNI_SEQUENCE = re.compile("|".join(re.escape(k) for k in sorted(VNI_TO_UNICODE, key=len, reverse=True)))
_VNI_CHARS = frozenset("".join(VNI_TO_UNICODE))

# --- Vietnamese syllables (to judge which reading of a text is Vietnamese) -----------------------------------------
_INITIALS = "ngh|ng|gh|gi|ch|kh|nh|ph|qu|th|tr|[bcdđghklmnpqrstvx]"
# Vowel groups that end the syllable (no final consonant), that need one, and that may take one.
_OPEN = ["iêu", "yêu", "oai", "oao", "oay", "oeo", "uây", "uôi", "uya", "uyu", "ươi", "ươu", "ai", "ao", "au", "ay",
         "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ui", "ưi", "ưu", "ua", "ưa"]  # fmt: skip
_CLOSED = ["uyê", "iê", "yê", "uô", "ươ", "oă", "uâ", "oo", "ă", "â"]
_EITHER = ["oa", "oe", "uê", "uơ", "uy", "a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]
_SYLLABLE = re.compile(
    rf"^(?:{_INITIALS})?(?:(?:{'|'.join(_OPEN)})|(?:{'|'.join(_CLOSED)})(?P<f1>ch|ng|nh|[cmnpt])"
    rf"|(?:{'|'.join(_EITHER)})(?P<f2>ch|ng|nh|[cmnpt])?)$"
)
_STOP_TONES = frozenset("\u0301\u0323")  # after c, ch, p, t only sắc or nặng
# A word: letters with any Latin-1 / Latin Extended / Vietnamese character (TCVN3 puts letters on symbols such as
# "¸" or "×"). Words without an ASCII letter are not judged: "×" alone is more likely a sign than the word "ì".
_WORD = re.compile(r"[A-Za-z\u00A1-\u00BF\u00C0-\u024F\u1E00-\u1EFF\u0300-\u036F]+")
# Punctuation that legacy fonts share with Unicode (Excel shows it as the Unicode character).
_NEUTRAL = frozenset("\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u2022\u00b0")
_TONE_SET = frozenset(_TONE_MARKS)
_VOWELS = frozenset("aeiouy")


def is_vietnamese_syllable(word: str) -> bool:
    """Is this word (any case) a well-formed Vietnamese syllable with at most one tone?"""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones, base = 0, ""
    for ch in decomposed:
        if ch in _TONE_SET:
            tones += 1
            if base not in _VOWELS:  # a tone sits on a vowel: "ñ" (n + tilde) is not Vietnamese
                return False
        elif not unicodedata.combining(ch):
            base = ch
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_SET))
    match = _SYLLABLE.match(bare)
    if match is None:
        return False
    final = match.group("f1") or match.group("f2") or ""
    if final in ("c", "ch", "p", "t"):
        return any(ch in _STOP_TONES for ch in decomposed)
    return True


def _vietnamese_score(text: str) -> int:
    """Valid syllables among the words that carry non-ASCII letters, minus the invalid ones."""
    score = 0
    for word in _WORD.findall(text):
        if not word.isascii() and any("a" <= ch <= "z" or "A" <= ch <= "Z" for ch in word):
            score += 1 if is_vietnamese_syllable(word) else -1
    return score


# --- decoding and encoding ---------------------------------------------------------------------------------------


def decode_tcvn3(text: str) -> str:
    words = re.split(r"(\s+)", text)
    out = []
    for word in words:
        decoded = word.translate(_TCVN3_TABLE)
        capitals = sum(1 for ch in word if ("A" <= ch <= "Z") or ch in _TCVN3_CAPITAL_CODES)
        if capitals >= 2 and not any("a" <= ch <= "z" for ch in word):
            decoded = decoded.upper()
        out.append(decoded)
    return unicodedata.normalize("NFC", "".join(out))


def decode_vni(text: str) -> str:
    return unicodedata.normalize("NFC", _VNI_SEQUENCE.sub(lambda m: VNI_TO_UNICODE[m.group(0)], text))


def _vni_consumes_all(text: str) -> bool:
    """Every non-ASCII character of the text is part of a VNI letter."""
    return all(ch.isascii() or ch in _NEUTRAL for ch in _VNI_SEQUENCE.sub("", text))


def encode_tcvn3(text: str) -> str:
    """Unicode -> TCVN3 as a .VnTime/.VnTimeH document would hold it (capital toned vowels become small codes)."""
    out = []
    for word in re.split(r"(\s+)", unicodedata.normalize("NFC", text)):
        chars = []
        for ch in word:
            if ch in UNICODE_TO_TCVN3:
                chars.append(UNICODE_TO_TCVN3[ch])
            elif ch.lower() in UNICODE_TO_TCVN3:
                chars.append(UNICODE_TO_TCVN3[ch.lower()])
            else:
                chars.append(ch)
        out.append("".join(chars))
    return "".join(out)


def encode_vni(text: str) -> str:
    return "".join(UNICODE_TO_VNI.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def encode(text: str, encoding: str) -> str:
    """Unicode text as it would be stored in a legacy-encoded spreadsheet (for tests and sample files)."""
    if encoding == TCVN3:
        return encode_tcvn3(text)
    if encoding == VNI:
        return encode_vni(text)
    if encoding == NFD:
        return unicodedata.normalize("NFD", text)
    raise ValueError(encoding)


# --- detection ---------------------------------------------------------------------------------------------------

_TCVN3_CHARS = frozenset(TCVN3_TO_UNICODE)


def _readings(candidate: str) -> list[tuple[str, str]]:
    non_ascii = {ch for ch in candidate if not ch.isascii()} - _NEUTRAL
    readings: list[tuple[str, str]] = []
    if non_ascii <= _TCVN3_CHARS:
        readings.append((TCVN3, decode_tcvn3(candidate)))
    if non_ascii <= _VNI_CHARS and _vni_consumes_all(candidate):
        readings.append((VNI, decode_vni(candidate)))
    return readings


def _all_valid(text: str) -> bool:
    return all(
        is_vietnamese_syllable(word)
        for word in _WORD.findall(text)
        if not word.isascii() and any("a" <= ch <= "z" or "A" <= ch <= "Z" for ch in word)
    )


def detect_and_convert(text: str, prefer: str | None = None) -> tuple[str, str | None]:
    """The text in NFC Unicode and the legacy encoding it was found in (TCVN3, VNI, NFD), or None if it was fine.

    ``prefer`` is the encoding the rest of the file is in (see ``guess_encoding``): a text that reads as valid
    Vietnamese both ways ("Maõ Hoàng" is VNI for "Mã Hồng") is then read in that encoding."""
    if text.isascii():
        return text, None
    normalized = unicodedata.is_normalized("NFC", text)
    candidate = text if normalized else unicodedata.normalize("NFC", text)
    best, best_encoding = candidate, None
    readings = _readings(candidate)
    if readings:
        original_score = best_score = _vietnamese_score(candidate)
        for encoding, decoded in readings:
            score = _vietnamese_score(decoded)
            if score > best_score:
                best, best_encoding, best_score = decoded, encoding, score
        if best_encoding is None and prefer:
            for encoding, decoded in readings:
                if (
                    encoding == prefer
                    and _vietnamese_score(decoded) >= original_score
                    and _all_valid(decoded)
                ):
                    best, best_encoding = decoded, encoding
    if best_encoding is None and not normalized:
        best_encoding = NFD
    return best, best_encoding


def guess_encoding(texts, sample: int = 5000) -> str | None:
    """The legacy encoding a set of cells (a file) is typed in, when the evidence is clear: cells that can only be
    TCVN3 or VNI outnumber four to one the cells that can only be Unicode (letters neither encoding has)."""
    counts = {TCVN3: 0, VNI: 0}
    unicode_only = 0
    seen = 0
    verdicts: dict[
        str, str | None
    ] = {}  # text -> the encoding it counts for, "unicode" or None (cells repeat)
    for text in texts:
        if not isinstance(text, str) or text.isascii():
            continue
        seen += 1
        if seen > sample:
            break
        if text in verdicts:
            verdict = verdicts[text]
        else:
            _text, encoding = detect_and_convert(text)
            if encoding in counts:
                verdict = encoding
            elif not _readings(unicodedata.normalize("NFC", text)):
                verdict = "unicode"
            else:
                verdict = None
            verdicts[text] = verdict
        if verdict in counts:
            counts[verdict] += 1
        elif verdict == "unicode":
            unicode_only += 1
    encoding = max(counts, key=lambda k: counts[k])
    if counts[encoding] and counts[encoding] >= 4 * unicode_only:
        return encoding
    return None
