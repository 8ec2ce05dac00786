"""/de-nghi-khen-thuong/: Đề nghị khen thưởng (namespace ``proposals``)."""

from django.urls import path

from . import imports_views, views

app_name = "proposals"
urlpatterns = [
    path("", views.proposal_list, name="proposal-list"),
    path("xuat-excel/", views.proposal_export, name="proposal-export"),
    path("tao/", views.proposal_create, name="proposal-create"),
    path("<int:pk>/", views.proposal_detail, name="proposal-detail"),
    path("<int:pk>/sua/", views.proposal_update, name="proposal-update"),
    path("<int:pk>/gui/", views.proposal_send, name="proposal-send"),
    path("<int:pk>/tiep-nhan/", views.proposal_receive, name="proposal-receive"),
    path("<int:pk>/tra-lai/", views.proposal_return, name="proposal-return"),
    path("<int:pk>/rut/", views.proposal_withdraw, name="proposal-withdraw"),
    path("<int:pk>/trinh-cap-tren/", views.proposal_forward, name="proposal-forward"),
    path("<int:pk>/ket-qua/", views.proposal_results, name="proposal-results"),
    path("<int:pk>/hoi-dong/", views.proposal_agenda, name="proposal-agenda"),
    path("<int:pk>/quyet-dinh/", views.proposal_decide, name="proposal-decide"),
    path("<int:pk>/to-trinh.<str:fmt>", views.proposal_letter, name="proposal-letter"),
    path("<int:pk>/danh-sach.xlsx", views.nominee_export, name="nominee-export"),
    path("<int:pk>/them/", views.nominee_add, name="nominee-add"),
    path("<int:pk>/nhap-excel/", imports_views.nominee_import, name="nominee-import"),
    path(
        "<int:pk>/nhap-excel/xac-nhan/", imports_views.nominee_import_confirm, name="nominee-import-confirm"
    ),
    path(
        "<int:pk>/nhap-excel/mau.xlsx", imports_views.nominee_import_template, name="nominee-import-template"
    ),
    path("<int:pk>/them-tu-goi-y/", views.nominee_add_suggested, name="nominee-add-suggested"),
    path("nguoi-duoc-de-nghi/<int:pk>/", views.nominee_update, name="nominee-update"),
    path("nguoi-duoc-de-nghi/<int:pk>/soan-bao-cao/", views.nominee_fill, name="nominee-fill"),
    path("nguoi-duoc-de-nghi/<int:pk>/bo/", views.nominee_remove, name="nominee-remove"),
    path(
        "nguoi-duoc-de-nghi/<int:pk>/bao-cao-thanh-tich.<str:fmt>",
        views.nominee_report,
        name="nominee-report",
    ),
]
