"""Does a new initiative look like one already registered in the federation? Fuzzy matching (rapidfuzz) over the
title and the content without diacritics (``core.text.fold``), so "Cải tiến máy may" and "cai tien may may cong
nghiep" meet.

``similarity`` scores two initiatives 0–100: the title counts for 60 %, the problem and solution for 40 %, each by
``token_sort_ratio`` (the same words in another order score high; a short title inside a long one does not score
100, as a subset would). ``find_matches`` compares a text with every current initiative of the unit's federation
(one query for the candidates' folded text; the comparison runs in rapidfuzz's C code) and keeps those at or above
``THRESHOLD``, best first. ``reviewer_unit`` is the lowest unit above both initiatives: who decides a match found in
another branch.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models.functions import Substr
from rapidfuzz import fuzz

from thidua.core.text import fold
from thidua.orgs.models import Unit

from .models import Initiative
from .queries import federation_of

THRESHOLD = 75  # %: at or above, a possible duplicate
TEXT_CHARS = 2000  # of the folded content compared: enough to tell, bounded for long texts
TITLE_WEIGHT = 60


def folded_text(problem: str, solution: str) -> str:
    return fold(f"{problem} {solution}")


def similarity(title_a: str, text_a: str, title_b: str, text_b: str) -> int:
    """Both already folded."""
    title = fuzz.token_sort_ratio(title_a, title_b)
    text = fuzz.token_sort_ratio(text_a[:TEXT_CHARS], text_b[:TEXT_CHARS]) if text_a and text_b else title
    return round((TITLE_WEIGHT * title + (100 - TITLE_WEIGHT) * text) / 100)


@dataclass(frozen=True)
class Match:
    pk: int
    unit_id: int
    unit_path: str
    score: int


def find_matches(unit: Unit, title: str, problem: str, solution: str, *, exclude: int | None = None,
                 threshold: int = THRESHOLD, limit: int = 20) -> list[Match]:  # fmt: skip
    """The current initiatives of ``unit``'s federation (or of its whole tree for a unit above the federations)
    that look like this one, best first; at most ``limit``."""
    federation = federation_of(unit) or Unit.objects.filter(path=unit.path[: Unit.steplen]).first() or unit
    title_key, text_key = fold(title), folded_text(problem, solution)[:TEXT_CHARS]
    candidates = (
        Initiative.objects.current()
        .filter(unit__path__startswith=federation.path)
        .exclude(pk=exclude)
        .annotate(text_head=Substr("folded_text", 1, TEXT_CHARS))
        .values_list("pk", "unit_id", "unit__path", "folded_title", "text_head")
    )
    found = []
    for pk, unit_id, path, other_title, other_text in candidates.iterator(chunk_size=2000):
        # A cheap bound first: the title alone cannot lift a pair whose best possible score is under the threshold.
        title_score = fuzz.token_sort_ratio(title_key, other_title)
        if (TITLE_WEIGHT * title_score + (100 - TITLE_WEIGHT) * 100) / 100 < threshold:
            continue
        score = similarity(title_key, text_key, other_title, other_text or "")
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
