from django.urls import path

from .views import catalog as views
from .views.catalog_export import catalog_export

app_name = "registrations"
urlpatterns = [
    path("", views.catalog, name="catalog"),
    path("thay-doi/", views.catalog_changes, name="catalog-changes"),
    path("xuat-excel/", catalog_export, name="catalog-export"),
    path("quy-che/<int:pk>/", views.layer_detail, name="layer-detail"),
    path("quy-che/<int:pk>/them-van-ban/", views.regulation_create, name="regulation-create"),
    path("quy-che/<int:pk>/them-giai-thuong/", views.award_create, name="award-create"),
    path("van-ban/<int:pk>/sua/", views.regulation_update, name="regulation-update"),
    path("van-ban/<int:pk>/them-quy-dinh/", views.rule_create, name="rule-create"),
    path("quy-dinh/<int:pk>/", views.rule_detail, name="rule-detail"),
    path("quy-dinh/<int:pk>/sua/", views.rule_update, name="rule-update"),
    path("quy-dinh/<int:pk>/luu-tru/", views.rule_archive, name="rule-archive"),
]
