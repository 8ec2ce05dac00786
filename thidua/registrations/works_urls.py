"""/de-tai-cong-trinh/: research topics and works for the congresses (namespace ``works``)."""

from django.urls import path

from .views import works as views
from .views import works_import

app_name = "works"
urlpatterns = [
    path("de-tai/", views.topic_list, name="topic-list"),
    path("de-tai/xuat-excel/", views.topic_export, name="topic-export"),
    path("de-tai/dang-ky/", views.topic_create, name="topic-create"),
    path("de-tai/nhap-excel/", works_import.topic_import, name="topic-import"),
    path("de-tai/nhap-excel/xac-nhan/", works_import.topic_import_confirm, name="topic-import-confirm"),
    path("de-tai/nhap-excel/mau.xlsx", works_import.topic_import_template, name="topic-import-template"),
    path("de-tai/<int:pk>/", views.topic_detail, name="topic-detail"),
    path("de-tai/<int:pk>/sua/", views.topic_update, name="topic-update"),
    path("de-tai/<int:pk>/buoc/<slug:step>/", views.topic_step, name="topic-step"),
    path("de-tai/<int:pk>/luu-tru/", views.topic_archive, name="topic-archive"),
    path("cong-trinh/", views.work_list, name="work-list"),
    path("cong-trinh/xuat-excel/", views.work_export, name="work-export"),
    path("cong-trinh/dang-ky/", views.work_create, name="work-create"),
    path("cong-trinh/nhap-excel/", works_import.work_import, name="work-import"),
    path("cong-trinh/nhap-excel/xac-nhan/", works_import.work_import_confirm, name="work-import-confirm"),
    path("cong-trinh/nhap-excel/mau.xlsx", works_import.work_import_template, name="work-import-template"),
    path("cong-trinh/<int:pk>/", views.work_detail, name="work-detail"),
    path("cong-trinh/<int:pk>/sua/", views.work_update, name="work-update"),
    path("cong-trinh/<int:pk>/buoc/<slug:step>/", views.work_step, name="work-step"),
    path("cong-trinh/<int:pk>/luu-tru/", views.work_archive, name="work-archive"),
    path("dai-hoi/", views.congress_list, name="congress-list"),
    path("dai-hoi/danh-sach.<str:fmt>", views.congress_document, name="congress-document"),
]
