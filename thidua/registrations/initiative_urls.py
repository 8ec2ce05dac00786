"""The pages of initiatives, under /sang-kien/ (namespace ``initiatives``)."""

from django.urls import path

from .views import initiatives as views

app_name = "initiatives"
urlpatterns = [
    path("", views.initiative_list, name="initiative-list"),
    path("xuat-excel/", views.initiative_export, name="initiative-export"),
    path("dang-ky/<int:unit_pk>/", views.initiative_register, name="initiative-register"),
    path("<int:pk>/", views.initiative_detail, name="initiative-detail"),
    path("<int:pk>/sua/", views.initiative_update, name="initiative-update"),
    path("<int:pk>/luu-tru/", views.initiative_archive, name="initiative-archive"),
    path("<int:pk>/ap-dung/", views.initiative_apply, name="initiative-apply"),
    path("<int:pk>/hoi-dong/", views.initiative_review, name="initiative-review"),
    path("<int:pk>/cong-nhan/", views.initiative_recognise, name="initiative-recognise"),
    path("<int:pk>/khong-cong-nhan/", views.initiative_reject, name="initiative-reject"),
    path("kiem-tra-trung/", views.duplicate_list, name="duplicate-list"),
    path("kiem-tra-trung/<int:pk>/", views.duplicate_detail, name="duplicate-detail"),
]
