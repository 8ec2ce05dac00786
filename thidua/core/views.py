from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from .models import Task


@login_required
def task_detail(request, pk: int):
    """A task's progress; polled by htmx while it runs. Only its owner sees it."""
    task = get_object_or_404(Task, pk=pk, created_by=request.user)
    template = "core/_task_progress.html" if request.htmx else "core/task_detail.html"
    return render(request, template, {"task": task})


@login_required
def bare(request):
    """The floor of the benchmarks and the load test: an authenticated view that only loads the session and the user
    (the whole middleware stack, no template, no query of its own). Off unless settings.BARE_VIEW (404)."""
    if not settings.BARE_VIEW:
        raise Http404
    return HttpResponse("ok", content_type="text/plain")
