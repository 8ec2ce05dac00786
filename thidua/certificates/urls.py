"""Pages of certificates (namespace ``certificates``), included at the site's root: each path carries its own prefix."""

app_name = "certificates"
urlpatterns: list = []
