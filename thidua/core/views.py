from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from .models import Task


@login_required
def task_detail(request, pk: int):
    """A task's progress; polled by htmx while it runs. Only its owner sees it."""
    task = get_object_or_404(Task, pk=pk, created_by=request.user)
    template = "core/_task_progress.html" if request.htmx else "core/task_detail.html"
    return render(request, template, {"task": task})
