"""Pages of clusters (namespace ``clusters``), included at the site's root: each path carries its own prefix."""

from django.urls import path

from . import views

app_name = "clusters"
P = "cum-khoi-thi-dua/"
urlpatterns = [
    path(P, views.cluster_list, name="cluster-list"),
    path(f"{P}xlsx/", views.cluster_export, name="cluster-export"),
    path(f"{P}them/", views.cluster_create, name="cluster-create"),
    path(f"{P}<int:pk>/", views.cluster_detail, name="cluster-detail"),
    path(f"{P}<int:pk>/sua/", views.cluster_update, name="cluster-update"),
    path(f"{P}<int:pk>/thanh-vien/", views.member_add, name="member-add"),
    path(f"{P}thanh-vien/<int:pk>/roi-cum/", views.member_end, name="member-end"),
    path(f"{P}<int:pk>/cum-truong/", views.leaders_set, name="leaders-set"),
    path(f"{P}<int:pk>/giao-uoc/", views.covenant_create, name="covenant-create"),
    path(f"{P}giao-uoc/<int:pk>/", views.covenant_detail, name="covenant-detail"),
    path(f"{P}giao-uoc/<int:pk>/tieu-chi/", views.criterion_add, name="criterion-add"),
    path(f"{P}tieu-chi/<int:pk>/sua/", views.criterion_update, name="criterion-update"),
    path(f"{P}giao-uoc/<int:pk>/ky-ket/", views.covenant_sign, name="covenant-sign"),
    path(f"{P}giao-uoc/<int:pk>/cham-diem/", views.score_grid, name="score-grid"),
    path(f"{P}giao-uoc/<int:pk>/xep-hang/", views.ranking, name="ranking"),
    path(f"{P}giao-uoc/<int:pk>/xep-hang/xlsx/", views.ranking_export, name="ranking-export"),
    path(f"{P}<int:pk>/binh-xet/", views.meeting, name="meeting"),
    path(f"{P}binh-xet/<int:pk>/phieu/", views.meeting_votes, name="meeting-votes"),
    path(f"{P}binh-xet/<int:pk>/gui-de-nghi/", views.meeting_send, name="meeting-send"),
]
