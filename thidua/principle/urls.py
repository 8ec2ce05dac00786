"""Pages of principle (namespace ``principle``), included at the site's root: each path carries its own prefix."""

app_name = "principle"
urlpatterns: list = []
