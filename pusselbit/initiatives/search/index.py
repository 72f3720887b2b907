"""The search text of each initiative, kept current by the domain functions that change what it
is searched by (`refresh`), and built for many at once where rows come in bulk (`refresh_many`).

Which text weighs what, as the ranking reads it: the title (A); the idea, which says what the
initiative does (B); who it is for, with whom and what came of it: the target groups, the effect
measures, the final evaluation and the participating organisations (C); and the background the
region's own people search too: the problem, the proposal's purpose, goals and background, the
expected results and the registration number (D).

A, B and C are what a published initiative shows the public (public.publishing); D is not, so
a search across regions ("Lär av andra") matches and ranks on A–C only (fulltext, `public`),
and the meaning that is embedded and compared across regions (`meaning`) is made of A–C."""

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import F, Prefetch

from pusselbit.core import embeddings

from ..models import EffectMeasure, FinalEvaluation, Initiative, Participant, Proposal, SearchText

CONFIG = "swedish"
BATCH = 500


def refresh(initiative) -> None:
    """Gather the initiative's search text again, now, in the caller's transaction (so what was
    just saved is found at once), and have its meaning embedded after the commit when the text
    changed. Called by every domain function that changes a searched text."""
    refresh_many([initiative.pk])


def refresh_many(pks) -> int:
    """`refresh` for many initiatives, in batches of a few queries each; returns how many."""
    pks = list(pks)
    for start in range(0, len(pks), BATCH):
        _refresh_batch(pks[start : start + BATCH])
    return len(pks)


def refresh_missing() -> int:
    """Index the initiatives that have no search text yet (after an upgrade, or rows written in
    bulk); run by `pusselbit reindex` and after `migrate`."""
    missing = Initiative.objects.filter(search_text__isnull=True).values_list("pk", flat=True)
    return refresh_many(missing.order_by("pk"))


def _gathered(pks):
    return (
        Initiative.objects.filter(pk__in=pks)
        .select_related("proposal", "final_evaluation")
        .prefetch_related(
            Prefetch("proposal__measures", queryset=EffectMeasure.objects.order_by("pk")),
            Prefetch(
                "participants",
                queryset=Participant.objects.select_related("organisation").order_by("pk"),
            ),
        )
    )


def _join(*parts) -> str:
    return "\n".join(part.strip() for part in parts if part and part.strip())


def texts(initiative) -> dict[str, str]:
    """The four weighted texts of one initiative (its proposal, measures, evaluation and
    participants read, or prefetched as `_gathered` does)."""
    proposal = _related(initiative, "proposal", Proposal)
    evaluation = _related(initiative, "final_evaluation", FinalEvaluation)
    measures = list(proposal.measures.all()) if proposal else []
    organisations = dict.fromkeys(p.organisation.name for p in initiative.participants.all())
    return {
        "title": initiative.title,
        "summary": initiative.idea,
        "results": _join(
            initiative.target_groups,
            *(f"{m.name} ({m.target_group})" for m in measures),
            evaluation and evaluation.summary,
            evaluation and evaluation.effects,
            evaluation and evaluation.lessons,
            ", ".join(organisations),
        ),
        "context": _join(
            initiative.problem,
            proposal and proposal.purpose,
            proposal and proposal.goals,
            proposal and proposal.background,
            initiative.expected_results,
            initiative.registration_number,
        ),
    }


def _related(initiative, name, model):
    try:
        return getattr(initiative, name)
    except model.DoesNotExist:
        return None


def meaning(row: SearchText) -> str:
    """The text whose meaning is embedded and compared across regions: what the initiative is,
    does and came to, all of it public once the initiative is (never the background, D)."""
    return _join(row.title, row.summary, row.results)


def _refresh_batch(pks) -> None:
    rows = []
    for initiative in _gathered(pks):
        row = SearchText(initiative_id=initiative.pk, region_id=initiative.region_id)
        for field, text in texts(initiative).items():
            setattr(row, field, text)
        row.wanted = embeddings.fingerprint(meaning(row))
        rows.append(row)
    if not rows:
        return
    fields = ["region", "title", "summary", "results", "context", "wanted", "updated_at"]
    SearchText.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["initiative"], update_fields=fields
    )
    done = [row.pk for row in rows]
    if connection.vendor == "postgresql":
        SearchText.objects.filter(pk__in=done).update(vector=_vector())
    if embeddings.available():
        # Imported here: the task module imports this one (for `meaning`).
        from .tasks import embed_outdated

        changed = list(
            SearchText.objects.filter(pk__in=done)
            .exclude(embedded=F("wanted"))
            .values_list("pk", flat=True)
        )
        if changed:
            transaction.on_commit(
                lambda: embed_outdated.enqueue(changed if len(changed) < BATCH else None),
                robust=True,
            )


def _vector():
    return (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("summary", weight="B", config=CONFIG)
        + SearchVector("results", weight="C", config=CONFIG)
        + SearchVector("context", weight="D", config=CONFIG)
    )
