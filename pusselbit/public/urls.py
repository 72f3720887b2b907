"""The public pages, under /insyn/: open to everyone, signed in or not. The region is named by
`region` (its slug), not `region_slug`: a region's internal pages are sealed to its own users
(accounts.middleware), and these are everyone's."""

from django.urls import path

from .views import pages

app_name = "public"
urlpatterns = [
    path("", pages.start, name="start"),
    path("<slug:region>/satsningar/", pages.initiatives, name="initiatives"),
    path("<slug:region>/satsningar/<int:pk>/", pages.initiative, name="initiative"),
    path("<slug:region>/medel/", pages.money, name="money"),
    path("<slug:region>/medel/<int:agreement_pk>/", pages.agreement, name="agreement"),
]
