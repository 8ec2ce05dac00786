"""The enterprises app's records, one module per idea:

registry.py     Enterprise (the registry: tax code, name, ownership, locality, industry, workforce, union), its
                stage on the path from survey to union and EnterpriseEvent (each step of that path)
pipeline.py     SurveyVisit, RecruitmentPlan, RecruitmentProgress: the path's records
officers.py     AreaAssignment: which officer of an upper-level union follows which union or enterprise
supervision.py  Inspection, Recommendation (+ RecommendationEvent), FollowUp
"""

from .officers import AreaAssignment, AssignmentQuerySet
from .pipeline import Attitude, RecruitmentPlan, RecruitmentProgress, SurveyVisit
from .registry import OWNERSHIPS, Enterprise, EnterpriseEvent, EnterpriseQuerySet, Stage
from .supervision import (
    FollowUp,
    Inspection,
    InspectionKind,
    Recommendation,
    RecommendationEvent,
    RecommendationStatus,
)

__all__ = [
    "OWNERSHIPS", "AreaAssignment", "AssignmentQuerySet", "Attitude", "Enterprise", "EnterpriseEvent",
    "EnterpriseQuerySet", "FollowUp", "Inspection", "InspectionKind", "Recommendation", "RecommendationEvent",
    "RecommendationStatus", "RecruitmentPlan", "RecruitmentProgress", "Stage", "SurveyVisit",
]  # fmt: skip
