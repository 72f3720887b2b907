"""The background work of the search: embedding the meaning of changed initiatives (a worker
does it after the commit; without a worker, the immediate backend does it at once)."""

from django.db.models import F
from django.utils import timezone
from django_tasks import task

from pusselbit.core import embeddings
from pusselbit.core.scoping import scopes_disabled

from ..models import SearchText
from . import similar
from .index import meaning

# The model batches a few dozen texts over the CPU's cores better than one at a time.
CHUNK = 32


@task()
def embed_outdated(pks: list[int] | None = None) -> int:
    """Embed the initiatives whose text changed since they were embedded (those among `pks`,
    or all). Idempotent: a row embedded meanwhile, by this task run twice or by another
    worker, is skipped, and a run stopped half-way leaves the rest for the next."""
    if not embeddings.available():
        return 0
    # The worker serves every region.
    with scopes_disabled():
        return embed_rows(pks)


def embed_rows(pks=None) -> int:
    rows = SearchText.objects.exclude(embedded=F("wanted")).only(
        "pk", "title", "summary", "results", "context", "wanted"
    )
    if pks is not None:
        rows = rows.filter(pk__in=pks)
    done = 0
    pending = list(rows.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pending), CHUNK):
        chunk = list(rows.filter(pk__in=pending[start : start + CHUNK]))
        vectors = embeddings.passages([meaning(row) for row in chunk])
        for row, vector in zip(chunk, vectors, strict=True):
            # Only if the text is still the one embedded: a change meanwhile queued its own run.
            done += SearchText.objects.filter(pk=row.pk, wanted=row.wanted).update(
                embedding=vector, embedded=row.wanted, updated_at=timezone.now()
            )
    if done:
        similar.forget()
    return done
