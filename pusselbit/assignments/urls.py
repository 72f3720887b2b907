"""assignments pages, mounted under /regioner/<region_slug>/."""

app_name = "assignments"
urlpatterns = []
