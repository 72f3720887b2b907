"""reporting pages, mounted under /regioner/<region_slug>/redovisning/."""

from django.urls import path

from . import (
    compile_views,
    follow_up_views,
    precondition_views,
    question_set_views,
    requirement_views,
    views,
)

app_name = "reporting"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("fragor/", question_set_views.import_view, name="question_sets"),
    path("krav/ny/", requirement_views.create_view, name="new_requirement"),
    path("krav/<int:requirement_pk>/andra/", requirement_views.edit_view, name="edit_requirement"),
    path(
        "krav/<int:requirement_pk>/rapporttext/",
        requirement_views.narrative_view,
        name="narrative",
    ),
    path(
        "krav/<int:requirement_pk>/ta-bort/",
        requirement_views.remove_view,
        name="remove_requirement",
    ),
    path("krav/<int:requirement_pk>/", views.recipients, name="recipients"),
    path("krav/<int:requirement_pk>/<int:recipient_pk>/", views.report, name="report"),
    path("krav/<int:requirement_pk>/<int:recipient_pk>/ratta/", views.correct, name="correct"),
    path("version/<int:report_pk>/", views.version, name="version"),
    path("sammanstallning/<int:requirement_pk>/", compile_views.start, name="compile"),
    path(
        "sammanstallning/korning/<int:compilation_pk>/",
        compile_views.compilation,
        name="compilation",
    ),
    path(
        "sammanstallning/korning/<int:compilation_pk>/status.json",
        compile_views.status,
        name="compilation_status",
    ),
    path(
        "sammanstallning/korning/<int:compilation_pk>/sammanstallning.<str:extension>",
        compile_views.download,
        name="compilation_download",
    ),
    path(
        "forutsattningar/<int:agreement_pk>/",
        precondition_views.preconditions,
        name="preconditions",
    ),
    path(
        "forutsattningar/<int:agreement_pk>/markera/",
        precondition_views.check_many_view,
        name="check_preconditions",
    ),
    path("uppfoljning/", follow_up_views.follow_up_view, name="follow_up"),
]
