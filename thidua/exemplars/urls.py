"""Pages of exemplars (namespace ``exemplars``), included at the site's root: each path carries its own prefix."""

app_name = "exemplars"
urlpatterns: list = []
