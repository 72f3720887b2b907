"""The running initiative's pages, under /regioner/<region>/satsningar/<pk>/ (namespace
"initiatives", set by the including module)."""

from django.urls import path

from ..views import execution

urlpatterns = [
    path("uppfoljning/", execution.progress_report, name="progress_report"),
    path("justering/", execution.adjustment, name="adjustment"),
    path("seminarium/", execution.seminar, name="seminar"),
    path("utvardering/", execution.final_evaluation, name="final_evaluation"),
    path("resursoversyn/", execution.resource_review, name="resource_review"),
]
