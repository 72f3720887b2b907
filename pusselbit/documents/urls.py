"""documents pages, mounted under /regioner/<region_slug>/."""

app_name = "documents"
urlpatterns = []
