"""/kiem-tra-giam-sat/: inspections, their recommendations and follow-up (namespace ``supervision``)."""

from django.urls import path

from .views import supervision

app_name = "supervision"
urlpatterns = [
    path("", supervision.inspection_list, name="inspection-list"),
    path("them/", supervision.inspection_create, name="inspection-create"),
    path("kien-nghi-qua-han/", supervision.overdue_list, name="overdue-list"),
    path("<int:pk>/", supervision.inspection_detail, name="inspection-detail"),
    path("<int:pk>/luu-tru/", supervision.inspection_archive, name="inspection-archive"),
    path("<int:pk>/them-kien-nghi/", supervision.recommendation_create, name="recommendation-create"),
    path("kien-nghi/<int:pk>/theo-doi/", supervision.follow_up_create, name="follow-up-create"),
    path("kien-nghi/<int:pk>/buoc/<slug:name>/", supervision.recommendation_step, name="recommendation-step"),
]
