from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from thidua.core.audit import history_of
from thidua.core.scoping import get_for_user

from ..models import Person


@login_required
def person_list(request):
    q = request.GET.get("q", "")
    people = (
        Person.objects.visible_to(request.user).active().search(q).select_related("unit").vietnamese_order()
    )
    page = Paginator(people, 50).get_page(request.GET.get("page"))
    return render(request, "orgs/person_list.html", {"page": page, "q": q})


@login_required
def person_detail(request, pk: int):
    person = get_for_user(Person, request.user, pk=pk)
    return render(
        request,
        "orgs/person_detail.html",
        {
            "person": person,
            "memberships": person.memberships.select_related("unit"),
            "history": history_of(person),
        },
    )
