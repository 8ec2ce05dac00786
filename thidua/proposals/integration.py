"""Where proposals meet the layers below them: the eligibility verdict of each nominee, the council session's agenda,
the reward decision. Each nominee is known to the others by its ``source`` key, ``"proposals.nominee:<id>"``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import Nominee, Proposal

SOURCE_PREFIX = "proposals.nominee:"


def source_key(nominee: Nominee) -> str:
    return f"{SOURCE_PREFIX}{nominee.pk}"


def verdicts_for(items: list[Any], *, year: int | None = None) -> dict[Any, Any]:
    """The eligibility verdict of each nominee (or suggestion), by its id (or key). Empty until the eligibility
    engine is there."""
    return {}


def decision_lines_for(nominees: list[Nominee]) -> dict[int, Any]:
    """The decision line each nominee became, by nominee id (one query)."""
    from thidua.rewards.models import DecisionLine

    if not nominees:
        return {}
    keys = {source_key(n): n.pk for n in nominees}
    lines = DecisionLine.objects.filter(source__in=list(keys)).select_related(
        "decision", "decision__register"
    )
    return {keys[line.source]: line for line in lines}


def place_on_agenda_options(user: Any, proposal: Proposal) -> list[Any]:
    """The council sessions of the deciding unit the user may add agenda items to."""
    return []


def place_on_agenda(proposal: Proposal, nominees: list[Nominee], *, session_id: int, by: Any) -> int:
    raise ValidationError(_("Chưa có phiên họp Hội đồng thi đua – khen thưởng để đưa vào."))


def make_decision(proposal: Proposal, *, by: Any) -> Any:
    raise ValidationError(_("Chưa lập được quyết định khen thưởng."))
