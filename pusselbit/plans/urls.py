"""plans pages, mounted under /regioner/<region_slug>/."""

app_name = "plans"
urlpatterns = []
