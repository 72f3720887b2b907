"""Mounted at /regioner/<region_slug>/: the region's initiatives and meetings."""

from django.urls import include, path

from ..views import (
    advice,
    assessment,
    comments,
    decision_documents,
    decisions,
    detail,
    ideas,
    participants,
    pipeline,
    proposal,
    proposal_documents,
    transitions,
    waiting,
)

app_name = "initiatives"

initiative_patterns = [
    path("", detail.detail, name="detail"),
    path("ide/", ideas.edit, name="edit_idea"),
    path("diarienummer/", ideas.registration, name="registration"),
    path("deltagare/", participants.manage, name="participants"),
    path("radgivning/", advice.advice, name="advice"),
    path("kommentarer/", comments.post, name="comment"),
    path("kriterier/", assessment.criteria, name="criteria"),
    path("beredning/", assessment.preparation, name="preparation"),
    path("underlag/", proposal.edit, name="proposal"),
    path("underlag.pdf", proposal_documents.proposal_pdf, name="proposal_pdf"),
    path("underlag.docx", proposal_documents.proposal_docx, name="proposal_docx"),
    path("steg/<int:transition_pk>/", transitions.take, name="transition"),
    path("rekommendation/<int:transition_pk>/", decisions.recommend, name="recommend"),
    path("beslut/<int:transition_pk>/", decisions.decide, name="decide"),
    path("beslut/rattelse/<int:decision_pk>/", decisions.correct, name="correct_decision"),
    path("", include("pusselbit.initiatives.urls.execution")),
    path("", include("pusselbit.initiatives.urls.checkins")),
]

urlpatterns = [
    path("satsningar/", pipeline.pipeline, name="pipeline"),
    path("satsningar/ny/", ideas.create, name="create"),
    path("satsningar/<int:pk>/", include(initiative_patterns)),
    path("moten/", include("pusselbit.initiatives.urls.meetings")),
    path("vantar-pa-dig/", waiting.waiting, name="waiting"),
    path(
        "beslut/<int:decision_pk>/beslut.pdf", decision_documents.decision_pdf, name="decision_pdf"
    ),
    path(
        "beslut/<int:decision_pk>/beslut.docx",
        decision_documents.decision_docx,
        name="decision_docx",
    ),
]
