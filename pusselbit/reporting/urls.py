"""reporting pages, mounted under /regioner/<region_slug>/redovisning/."""

from django.urls import path

from . import downloads, follow_up_views, precondition_views, question_set_views, views

app_name = "reporting"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("fragor/", question_set_views.import_view, name="question_sets"),
    path("krav/<int:requirement_pk>/<int:recipient_pk>/", views.report, name="report"),
    path("krav/<int:requirement_pk>/<int:recipient_pk>/ratta/", views.correct, name="correct"),
    path("version/<int:report_pk>/", views.version, name="version"),
    path(
        "sammanstallning/<int:requirement_pk>.xlsx",
        downloads.compiled_report_xlsx,
        name="compiled_xlsx",
    ),
    path(
        "sammanstallning/<int:requirement_pk>.docx",
        downloads.compiled_report_docx,
        name="compiled_docx",
    ),
    path(
        "sammanstallning/<int:requirement_pk>.pdf",
        downloads.compiled_report_pdf,
        name="compiled_pdf",
    ),
    path(
        "forutsattningar/<int:agreement_pk>/",
        precondition_views.preconditions,
        name="preconditions",
    ),
    path(
        "forutsattningar/<int:agreement_pk>/<int:precondition_pk>/<int:recipient_pk>/",
        precondition_views.check_view,
        name="check_precondition",
    ),
    path("uppfoljning/", follow_up_views.follow_up_view, name="follow_up"),
]
