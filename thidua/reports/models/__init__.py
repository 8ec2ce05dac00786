"""The reports app's models, one module a subject: the indicator catalog (``indicators``); report forms, expected
reports, their values and versions (``reports``)."""

from .indicators import Aggregation, CheckRule, Indicator, IndicatorMark, UnitOfMeasure
from .reports import (
    DEFAULT_NARRATIVE_HEADINGS,
    ExpectedReport,
    ExpectedReportEvent,
    ExpectedReportStatus,
    FormStatus,
    ReportForm,
    ReportFormEvent,
    ReportFormIndicator,
    ReportNotice,
    ReportValue,
    ReportVersion,
)

__all__ = [
    "Aggregation",
    "CheckRule",
    "Indicator",
    "IndicatorMark",
    "UnitOfMeasure",
    "DEFAULT_NARRATIVE_HEADINGS",
    "ExpectedReport",
    "ExpectedReportEvent",
    "ExpectedReportStatus",
    "FormStatus",
    "ReportForm",
    "ReportFormEvent",
    "ReportFormIndicator",
    "ReportNotice",
    "ReportValue",
    "ReportVersion",
]
