"""/khen-thuong/: Quyết định khen thưởng (namespace ``rewards``)."""

from django.urls import path

from . import imports_views, statistics_views, views

app_name = "rewards"
urlpatterns = [
    path("", views.decision_list, name="decision-list"),
    path("du-thao/", views.decision_create, name="decision-create"),
    path("<int:pk>/", views.decision_detail, name="decision-detail"),
    path("<int:pk>/sua/", views.decision_update, name="decision-update"),
    path("<int:pk>/them-dong/", views.line_add, name="line-add"),
    path("<int:pk>/dong/<int:line_pk>/bo/", views.line_remove, name="line-remove"),
    path("<int:pk>/ban-hanh/", views.decision_issue, name="decision-issue"),
    path("<int:pk>/huy/", views.decision_archive, name="decision-archive"),
    path("<int:pk>/van-ban.<str:fmt>", views.decision_document, name="decision-document"),
    path("so/", views.register_list, name="register-list"),
    path("so/<int:pk>/", views.register_update, name="register-update"),
    path("qua-trinh/", views.record_list, name="record-list"),
    path("qua-trinh/xuat-excel/", views.record_export, name="record-export"),
    path("qua-trinh/<int:pk>/thu-hoi/", views.record_revoke, name="record-revoke"),
    path("thu-hoi/", views.revocation_create, name="revocation-create"),
    path("qua-trinh/nhap/", imports_views.history_import, name="history-import"),
    path("qua-trinh/nhap/xac-nhan/", imports_views.history_import_confirm, name="history-import-confirm"),
    path("thong-ke-nha-nuoc/", statistics_views.state_statistics_page, name="state-statistics"),
    path("qua-trinh/nhap/mau.xlsx", imports_views.history_import_template, name="history-import-template"),
]
