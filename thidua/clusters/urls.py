"""Pages of clusters (namespace ``clusters``), included at the site's root: each path carries its own prefix."""

app_name = "clusters"
urlpatterns: list = []
