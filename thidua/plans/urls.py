from django.urls import path

from .views import calendar, drafts, imports, plans, workflow

app_name = "plans"
urlpatterns = [
    path("", plans.plan_list, name="plan-list"),
    path("soan-moi/", drafts.plan_create, name="plan-create"),
    path("so-tiep-theo/", drafts.plan_next_number, name="plan-next-number"),
    path("nhap-van-ban/", imports.plan_import, name="plan-import"),
    path("nhap-van-ban/tao/", imports.plan_import_create, name="plan-import-create"),
    path("nhap-van-ban/don-vi/", imports.plan_import_issuers, name="plan-import-issuers"),
    path("nhap-van-ban/nhan-dang/<int:pk>/", imports.plan_import_ocr, name="plan-import-ocr"),
    path("lich/", calendar.plan_calendar, name="plan-calendar"),
    path("<int:pk>/", plans.plan_detail, name="plan-detail"),
    path("<int:pk>/van-ban.<str:fmt>", plans.plan_document, name="plan-document"),
    path("<int:pk>/sua/", drafts.plan_update, name="plan-update"),
    path("<int:pk>/phong-trao/<int:movement>/lien-ket/", drafts.movement_link, name="movement-link"),
    path("<int:pk>/trien-khai/", plans.plan_deployment, name="plan-deployment"),
    path("<int:pk>/ban-hanh/", workflow.plan_issue, name="plan-issue"),
    path("<int:pk>/sua-doi-bo-sung/", workflow.plan_amend, name="plan-amend"),
    path("<int:pk>/ket-thuc/", workflow.plan_close, name="plan-close"),
    path("<int:pk>/luu-tru/", workflow.plan_archive, name="plan-archive"),
    path("<int:pk>/sao-chep/", workflow.plan_copy, name="plan-copy"),
    path("<int:pk>/xay-dung/", workflow.plan_build, name="plan-build"),
    path("<int:pk>/nhac-nho/", workflow.plan_remind, name="plan-remind"),
]
