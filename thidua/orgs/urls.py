from django.urls import path

from .views import people, units

app_name = "orgs"
urlpatterns = [
    path("", units.unit_tree, name="unit-tree"),
    path("<int:pk>/", units.unit_detail, name="unit-detail"),
    path("nguoi-lao-dong/", people.person_list, name="person-list"),
    path("nguoi-lao-dong/<int:pk>/", people.person_detail, name="person-detail"),
]
