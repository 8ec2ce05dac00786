"""Does a new initiative look like one already registered in the federation? Fuzzy matching (rapidfuzz) over the
title and the content without diacritics (``core.text.fold``), so "Cải tiến máy may" and "cai tien may may cong
nghiep" meet.

``similarity`` scores two initiatives 0–100: the title counts for 60 %, the problem and solution for 40 %, each by
``token_sort_ratio`` (the same words in another order score high; a short title inside a long one does not score
100, as a subset would). A pair must be alike both as written and in the words that are not common in the
federation (``_Distinctive``: "ứng dụng công nghệ thông tin trong quản lý" begins many titles and says nothing of
the idea): the lower of the two scores counts. ``find_matches`` compares a text with every current initiative of the unit's federation
(one query for the candidates' folded text; the comparison runs in rapidfuzz's C code) and keeps those at or above
``THRESHOLD``, best first. ``reviewer_unit`` is the lowest unit above both initiatives: who decides a match found in
another branch.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models.functions import Substr
from rapidfuzz import fuzz

from thidua.core.text import fold
from thidua.orgs.models import Unit

from .models import Initiative
from .queries import federation_of

THRESHOLD = 80  # %: at or above, a possible duplicate
TEXT_CHARS = 2000  # of the folded content compared: enough to tell, bounded for long texts
TITLE_WEIGHT = 60
COMMON_SHARE = 0.05  # a word in more than 5 % of the federation's initiatives is a common word
MIN_FOR_COMMON = 40


def folded_text(problem: str, solution: str) -> str:
    return fold(f"{problem} {solution}")


def similarity(title_a: str, text_a: str, title_b: str, text_b: str) -> int:
    """Both already folded (and, in ``find_matches``, stripped of the federation's common words)."""
    title = fuzz.token_sort_ratio(title_a, title_b)
    text = fuzz.token_sort_ratio(text_a[:TEXT_CHARS], text_b[:TEXT_CHARS]) if text_a and text_b else title
    return round((TITLE_WEIGHT * title + (100 - TITLE_WEIGHT) * text) / 100)


@dataclass(frozen=True)
class Match:
    pk: int
    unit_id: int
    unit_path: str
    score: int


class _Distinctive:
    """Keeps the words that tell initiatives apart: a word found in more than ``COMMON_SHARE`` of the federation's
    initiatives ("ung dung cong nghe thong tin trong quan ly", "cai tien", "giai phap") says little about which
    idea it is, and two titles sharing only such words are not alike. Below ``MIN_FOR_COMMON`` initiatives every
    word counts (too few to tell what is common)."""

    def __init__(self, texts: list[str]):
        frequency: Counter[str] = Counter()
        for text in texts:
            frequency.update(set(text.split()))
        limit = max(2, COMMON_SHARE * len(texts))
        self.common = (
            {w for w, n in frequency.items() if n > limit} if len(texts) >= MIN_FOR_COMMON else set()
        )

    def __call__(self, text: str) -> str:
        kept = [w for w in text.split() if w not in self.common]
        return " ".join(kept) if kept else text


def find_matches(unit: Unit, title: str, problem: str, solution: str, *, exclude: int | None = None,
                 threshold: int = THRESHOLD, limit: int = 20) -> list[Match]:  # fmt: skip
    """The current initiatives of ``unit``'s federation (or of its whole tree for a unit above the federations)
    that look like this one, best first; at most ``limit``. One query for the candidates' folded text; the
    comparisons run in rapidfuzz's C code."""
    federation = federation_of(unit) or Unit.objects.filter(path=unit.path[: Unit.steplen]).first() or unit
    candidates = list(
        Initiative.objects.current()
        .filter(unit__path__startswith=federation.path)
        .exclude(pk=exclude)
        .annotate(text_head=Substr("folded_text", 1, TEXT_CHARS))
        .values_list("pk", "unit_id", "unit__path", "folded_title", "text_head")
    )
    titles = _Distinctive([c[3] for c in candidates])
    texts = _Distinctive([c[4] or "" for c in candidates])
    title_raw, text_raw = fold(title), folded_text(problem, solution)[:TEXT_CHARS]
    title_key, text_key = titles(title_raw), texts(text_raw)
    found = []
    for pk, unit_id, path, other_title, other_text in candidates:
        # A cheap bound first: the title alone cannot lift a pair whose best possible score is under the threshold.
        if (TITLE_WEIGHT * fuzz.token_sort_ratio(title_raw, other_title) + (100 - TITLE_WEIGHT) * 100) / 100 < (
                threshold):  # fmt: skip
            continue
        # Alike as written AND alike in the words that tell ideas apart: the same boilerplate around another
        # subject is not a match, nor the same subject approached another way.
        score = min(similarity(title_raw, text_raw, other_title, other_text or ""),
                    similarity(title_key, text_key, titles(other_title), texts(other_text or "")))  # fmt: skip
        if score >= threshold:
            found.append(Match(pk, unit_id, path, score))
    found.sort(key=lambda m: (-m.score, m.pk))
    return found[:limit]


def reviewer_unit(path_a: str, path_b: str) -> Unit:
    """The lowest unit above (or at) both paths."""
    step = Unit.steplen
    common = 0
    while (
        common + step <= min(len(path_a), len(path_b))
        and path_a[common : common + step] == path_b[common : common + step]
    ):
        common += step
    return Unit.objects.get(path=path_a[: max(common, step)])
