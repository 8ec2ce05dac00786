"""What became of a registered title: the rewards (a layer above) say whether it was conferred, revoked, or not yet
decided. Registrations cannot import them, so the rewards app registers a resolver here in its ``ready()``; without
one (or for a key it does not know) the title reads "Chưa có quyết định".

A resolver takes the user, the person keys ``(person_id, award_id, year)`` and the unit keys
``(unit_id, award_id, year)``, and answers in one set-based query a dict from key to ``Outcome``."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

Key = tuple[int, int, int]


@dataclass(frozen=True)
class Outcome:
    text: str
    state: str  # "awarded" | "revoked" | "none"
    url: str = ""


Resolver = Callable[[Any, list[Key], list[Key]], dict[tuple[str, Key], Outcome]]
_resolvers: list[Resolver] = []


def register_outcomes(fn: Resolver) -> Resolver:
    """Add ``fn`` (idempotent). It answers ``{("person" | "unit", key): Outcome}``."""
    if fn not in _resolvers:
        _resolvers.append(fn)
    return fn


def outcomes_for(
    user: Any, people: Iterable[Key] = (), units: Iterable[Key] = ()
) -> dict[tuple[str, Key], Outcome]:
    person_keys, unit_keys = sorted(set(people)), sorted(set(units))
    found: dict[tuple[str, Key], Outcome] = {}
    if not person_keys and not unit_keys:
        return found
    for fn in _resolvers:
        found.update(fn(user, person_keys, unit_keys))
    return found


def outcome_of(found: dict[tuple[str, Key], Outcome], kind: str, key: Key) -> Outcome:
    return found.get((kind, key)) or Outcome(text=str(_("Chưa có quyết định")), state="none")
