"""Congresses for the congresses' tests, written through the actions."""

from __future__ import annotations

import datetime

from thidua.congresses import actions

D = datetime.date


def scheduled(unit, planned_on, *, by=None, scheduled_by=None, term=(2017, 2022)):
    return actions.schedule_congress(unit, by=by, scheduled_by=scheduled_by or unit.get_parent(),
                                     term_start=term[0], term_end=term[1], planned_on=planned_on)  # fmt: skip
