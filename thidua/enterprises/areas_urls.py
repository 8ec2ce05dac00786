"""/phu-trach-dia-ban/: officers per area (namespace ``areas``)."""

from django.urls import path

from .views import officers

app_name = "areas"
urlpatterns = [
    path("", officers.assignment_list, name="assignment-list"),
    path("don-vi/<int:pk>/phan-cong/", officers.assign, name="assign"),
    path("phan-cong/<int:pk>/ket-thuc/", officers.assignment_end, name="assignment-end"),
    path("can-bo/<int:pk>/", officers.officer_detail, name="officer-detail"),
]
