from django.urls import path

from .views import accounts, exports, imports, people, restructuring, restructuring_requests, transfers, units

app_name = "orgs"
urlpatterns = [
    path("", units.unit_tree, name="unit-tree"),
    path("<int:pk>/", units.unit_detail, name="unit-detail"),
    path("<int:pk>/truc-thuoc/", units.unit_children, name="unit-children"),
    path("<int:pk>/thanh-lap/", restructuring.unit_create, name="unit-create"),
    path("<int:pk>/sua/", restructuring.unit_update, name="unit-update"),
    path("<int:pk>/doi-ten/", restructuring.unit_rename, name="unit-rename"),
    path("<int:pk>/chuyen/", restructuring.unit_move, name="unit-move"),
    path("<int:pk>/sap-nhap/", restructuring.unit_merge, name="unit-merge"),
    path("<int:pk>/giai-the/", restructuring.unit_dissolve, name="unit-dissolve"),
    path("<int:pk>/luu-tru/", restructuring.unit_archive, name="unit-archive"),
    path("<int:pk>/khoi-phuc/", restructuring.unit_restore, name="unit-restore"),
    path("<int:pk>/huy-giai-the/", restructuring_requests.unit_reopen, name="unit-reopen"),
    path("de-nghi-sap-xep/", restructuring_requests.restructuring_list, name="restructuring-list"),
    path(
        "de-nghi-sap-xep/<int:pk>/", restructuring_requests.restructuring_detail, name="restructuring-detail"
    ),
    path(
        "de-nghi-sap-xep/<int:pk>/<slug:name>/",
        restructuring_requests.restructuring_transition,
        name="restructuring-transition",
    ),
    path("<int:pk>/tim-don-vi/", restructuring.unit_search, name="unit-search"),
    path("xa-phuong/", restructuring.ward_options, name="ward-options"),
    path("<int:pk>/vai-tro/", accounts.unit_roles, name="unit-roles"),
    path("vai-tro/<int:pk>/thu-hoi/", accounts.role_revoke, name="role-revoke"),
    path("nguoi-lao-dong/", people.person_list, name="person-list"),
    path("nguoi-lao-dong/<int:pk>/", people.person_detail, name="person-detail"),
    path("nguoi-lao-dong/them/", people.person_create, name="person-create"),
    path("nguoi-lao-dong/<int:pk>/sua/", people.person_update, name="person-update"),
    path("nguoi-lao-dong/<int:pk>/chuyen-sinh-hoat/", people.person_transfer, name="person-transfer"),
    path(
        "nguoi-lao-dong/<int:pk>/thoi-sinh-hoat/", people.person_end_membership, name="person-end-membership"
    ),
    path("nguoi-lao-dong/<int:pk>/luu-tru/", people.person_archive, name="person-archive"),
    path("nguoi-lao-dong/<int:pk>/khoi-phuc/", people.person_restore, name="person-restore"),
    path("de-nghi-chuyen-sinh-hoat/", transfers.transfer_request_list, name="transfer-request-list"),
    path("de-nghi-chuyen-sinh-hoat/gui/", transfers.transfer_request_create, name="transfer-request-create"),
    path(
        "de-nghi-chuyen-sinh-hoat/<int:pk>/",
        transfers.transfer_request_detail,
        name="transfer-request-detail",
    ),
    path(
        "de-nghi-chuyen-sinh-hoat/<int:pk>/rut/",
        transfers.transfer_request_withdraw,
        name="transfer-request-withdraw",
    ),
    # Excel in and out
    path("nhap-excel/", imports.import_start, name="import-start"),
    path("nhap-excel/xac-nhan/", imports.import_confirm, name="import-confirm"),
    path("nhap-excel/<int:pk>/", imports.import_status, name="import-status"),
    path("nhap-excel/mau/<str:kind>/", imports.import_template, name="import-template"),
    path("nguoi-lao-dong/xuat-excel/", exports.person_export, name="person-export"),
    path("<int:pk>/xuat-excel/", exports.unit_export, name="unit-export"),
]
