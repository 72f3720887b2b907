"""The public pages, under /insyn/: open to everyone, signed in or not. The region is named by
`region` (its slug), not `region_slug`: a region's internal pages are sealed to its own users
(accounts.middleware), and these are everyone's."""

from django.urls import path

from .views import documents, pages

app_name = "public"
urlpatterns = [
    path("", pages.start, name="start"),
    path("<slug:region>/satsningar/", pages.initiatives, name="initiatives"),
    path("<slug:region>/satsningar/<int:pk>/", pages.initiative, name="initiative"),
    path("<slug:region>/medel/", pages.money, name="money"),
    path("<slug:region>/medel/<int:agreement_pk>/", pages.agreement, name="agreement"),
    path("<slug:region>/handlingsplan/", pages.plans, name="plans"),
    path("<slug:region>/handlingsplan/<int:pk>/", pages.plan, name="plan"),
    path("<slug:region>/dokument/", documents.documents, name="documents"),
    path(
        "<slug:region>/dokument/uppdrag/<int:pk>/uppdragshandling.<str:extension>",
        documents.assignment_file,
        name="assignment_file",
    ),
    path(
        "<slug:region>/dokument/redovisningar/<int:pk>/sammanstallning.<str:extension>",
        documents.report_file,
        name="report_file",
    ),
]
