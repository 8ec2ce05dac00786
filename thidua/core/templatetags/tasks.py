"""``{{ task|live }}``: a running task with its latest progress (see thidua.core.tasks.live)."""

from django import template

from thidua.core import tasks
from thidua.core.models import Task

register = template.Library()


@register.filter
def live(task: Task) -> Task:
    return tasks.live(task)
