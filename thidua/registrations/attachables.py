"""Which registrations records carry files (``thidua.core.attachments``): research topics (the proposal, the
acceptance minutes, the decision), congress works (photos, the completion record) and initiatives (the description,
the council's minutes, the recognition decision). Called from ``ready``."""

from __future__ import annotations

from thidua.core.attachments import register_attachable

from .models import CongressWork, Initiative, ResearchTopic
from .permissions.initiatives import can_attach_to_initiative
from .permissions.works import can_attach_to_topic, can_attach_to_work


def register_attachables() -> None:
    register_attachable(
        ResearchTopic,
        readable=lambda user: ResearchTopic.objects.visible_to(user).select_related("unit"),
        can_attach=can_attach_to_topic,
        unit_path=lambda topic: topic.unit.path,
    )
    register_attachable(
        CongressWork,
        readable=lambda user: CongressWork.objects.visible_to(user).select_related("unit"),
        can_attach=can_attach_to_work,
        unit_path=lambda work: work.unit.path,
    )
    register_attachable(
        Initiative,
        readable=lambda user: Initiative.objects.visible_to(user).select_related("unit"),
        can_attach=can_attach_to_initiative,
        unit_path=lambda initiative: initiative.unit.path,
    )
