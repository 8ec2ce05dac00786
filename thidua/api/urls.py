from django.urls import path

from . import views

app_name = "api"
urlpatterns = [
    path("", views.token_list, name="token-list"),
    path("tao/", views.token_create, name="token-create"),
    path("<int:pk>/thu-hoi/", views.token_revoke, name="token-revoke"),
]
