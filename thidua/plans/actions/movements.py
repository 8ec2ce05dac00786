"""Linking a draft's movement to the upper plan's, once the officer confirms the match proposed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core import audit

from ..models import Movement, PlanStatus
from ..movement_matches import upper_movements

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def link_movement(movement: Movement, upper: Movement, *, by: User | None) -> Movement:
    """``movement`` (of a draft) carries out ``upper`` (a movement of a plan the draft cites). A movement typed
    without names takes the upper one's. Refused when the draft is no longer a draft or ``upper`` is not a movement
    of a plan it cites."""
    movement = Movement.objects.select_for_update().select_related("plan").get(pk=movement.pk)
    if movement.plan.status != PlanStatus.DRAFT:
        raise ValidationError(_("Chỉ liên kết phong trào của kế hoạch đang dự thảo."))
    if upper.pk not in {m.pk for m in upper_movements(movement.plan)}:
        raise ValidationError(_("Phong trào này không thuộc kế hoạch cấp trên mà dự thảo căn cứ."))
    before = audit.snapshot(movement, ["names", "upper_movement"])
    movement.upper_movement = upper
    if not movement.names:
        movement.names = list(upper.names)
    movement.save(update_fields=["upper_movement", "names"])
    audit.record(movement, by=by, action="update", before=before,
                 after=audit.snapshot(movement, ["names", "upper_movement"]),
                 note=_("Xác nhận là phong trào “%(upper)s” của kế hoạch %(plan)s")
                 % {"upper": upper, "plan": upper.plan.number_display})  # fmt: skip
    return movement
