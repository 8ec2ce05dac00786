from django.urls import path

from . import attachment_views, monitoring, views

app_name = "core"
urlpatterns = [
    path("health/", monitoring.health, name="health"),
    path("metrics", monitoring.metrics, name="metrics"),
    path("do-kiem/phien/", views.bare, name="bare"),
    path("tac-vu/<int:pk>/", views.task_detail, name="task-detail"),
    path(
        "tep-dinh-kem/them/<int:type_id>/<str:owner_id>/",
        attachment_views.attachment_add,
        name="attachment-add",
    ),
    path("tep-dinh-kem/<int:pk>/", attachment_views.attachment_download, name="attachment-download"),
    path("tep-dinh-kem/<int:pk>/luu-tru/", attachment_views.attachment_archive, name="attachment-archive"),
]
