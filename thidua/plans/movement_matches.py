"""Movements of a draft matched with those of the upper plan it cites, for the officer to confirm.

A movement typed by hand ("Phong trào thi đua lao dong gioi, lao dong sang tao") is compared with each movement of
the plans its legal bases cite (``LegalBasis.cited_plan``): names and text without diacritics, case or punctuation,
fuzzily (RapidFuzz): the whole of one against the other, or a name of the upper plan inside the typed text. The
best match at ``THRESHOLD`` or above is proposed; nothing is linked until the officer confirms
(``actions.movements.link_movement``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from thidua.core.text import fold

from .models import Movement, Plan

THRESHOLD = 88  # out of 100
_SHORTEST_INSIDE = 12  # a name shorter than this (folded) is not looked for inside a longer text


@dataclass
class MovementMatch:
    movement: Movement
    upper: Movement
    score: int


def _key(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", " ", fold(text)).strip()


def _phrases(movement: Movement) -> list[str]:
    phrases = [_key(name) for name in movement.names or []]
    if movement.text:
        phrases.append(_key(movement.text))
    return [p for p in phrases if p]


def similarity(lower: Movement, upper: Movement) -> int:
    """How well a movement matches one of the upper plan (0–100)."""
    best = 0.0
    upper_names = [_key(n) for n in upper.names or []] or _phrases(upper)
    for mine in _phrases(lower):
        for theirs in upper_names:
            best = max(best, fuzz.ratio(mine, theirs))
            shorter, longer = sorted((mine, theirs), key=len)
            if len(shorter) >= _SHORTEST_INSIDE and len(longer) > len(shorter):
                best = max(best, fuzz.partial_ratio(shorter, longer))
    return round(best)


def upper_movements(plan: Plan) -> list[Movement]:
    """The movements of the plans the draft cites (its upper plans in the system)."""
    cited = plan.legal_bases.exclude(cited_plan=None).values("cited_plan")
    return list(Movement.objects.filter(plan__in=cited).exclude(plan=plan).select_related("plan"))


def movement_matches(plan: Plan) -> list[MovementMatch]:
    """For each movement of ``plan`` not yet linked, the upper plan's movement it matches best (if any does)."""
    uppers = upper_movements(plan)
    if not uppers:
        return []
    matches = []
    for movement in plan.movements.filter(upper_movement=None).order_by("order"):
        scored = [(similarity(movement, upper), upper) for upper in uppers]
        score, upper = max(scored, key=lambda pair: pair[0])
        if score >= THRESHOLD:
            matches.append(MovementMatch(movement, upper, score))
    return matches
