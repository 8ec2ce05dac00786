"""/doanh-nghiep/: the registry of enterprises and the path from survey to union (namespace ``enterprises``)."""

from django.urls import path

from .views import imports, pipeline, registry

app_name = "enterprises"
urlpatterns = [
    path("", registry.enterprise_list, name="enterprise-list"),
    path("xuat-excel/", registry.enterprise_export, name="enterprise-export"),
    path("them/", registry.enterprise_create, name="enterprise-create"),
    path("nhap-excel/", imports.import_upload, name="import-upload"),
    path("nhap-excel/xac-nhan/", imports.import_confirm, name="import-confirm"),
    path("nhap-excel/tep-mau/", imports.import_template, name="import-template"),
    path("tien-trinh/", pipeline.pipeline_page, name="pipeline"),
    path("<int:pk>/", registry.enterprise_detail, name="enterprise-detail"),
    path("<int:pk>/sua/", registry.enterprise_update, name="enterprise-update"),
    path("<int:pk>/luu-tru/", registry.enterprise_archive, name="enterprise-archive"),
    path("<int:pk>/khao-sat/", pipeline.survey_create, name="survey-create"),
    path("<int:pk>/ke-hoach-van-dong/", pipeline.plan_create, name="plan-create"),
    path("<int:pk>/tien-do-ket-nap/", pipeline.progress_create, name="progress-create"),
    path("<int:pk>/thanh-lap-cong-doan/", pipeline.found, name="found"),
    path("<int:pk>/da-co-cong-doan/", pipeline.link, name="link"),
    path("<int:pk>/buoc/<slug:name>/", pipeline.step, name="step"),
]
